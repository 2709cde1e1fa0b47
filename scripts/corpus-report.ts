// `npm run corpus`: scan the whole third-party corpus (../shared/corpus) in one run of the built
// CLI, exactly as a user would (`fargate-warden scan ../shared/corpus --format json`), and measure
// that process's wall time and peak RSS the way bench/run.ts does (bench/rusage.cjs preloaded).
// The JSON report has no room for model-level counts (files walked, templates, Fargate services,
// unknown values), so the same pipeline (collectFiles → scan) also runs in this process for those,
// and the two runs are checked against each other. Nothing is asserted here; test/corpus.test.ts
// asserts the facts that must hold.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../src/shared/config/index.ts';
import { scan } from '../src/shared/engine.ts';
import { collectFiles } from '../src/shared/io/walk.ts';
import { loadIamCatalog } from '../src/shared/io/iam-catalog.ts';
import { loadManagedPolicies } from '../src/shared/io/managed-policies.ts';
import type { ScanJson } from '../src/shared/render/json.ts';
import { SEVERITIES } from '../src/shared/model/index.ts';

const root = resolve(import.meta.dirname, '..');
const corpusArg = '../shared/corpus';
const corpus = resolve(root, corpusArg);
const cli = join(root, 'bin', 'fargate-warden.js');
const rusage = join(root, 'bench', 'rusage.cjs');

if (!existsSync(corpus)) {
  console.error(`fargate-warden corpus report: no corpus at ${corpus}. It is expected next to the repository (../shared/corpus); nothing to scan.`);
  process.exit(2);
}
if (!existsSync(join(root, 'lib', 'cli.mjs'))) {
  console.error('fargate-warden corpus report: lib/cli.mjs is missing; run `npm run build` first.');
  process.exit(2);
}

function countFiles(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countFiles(join(dir, entry.name));
    else if (entry.isFile()) n++;
  }
  return n;
}

// ── the measured run: the built CLI, one process over the whole corpus, median of several ───
const runs = Math.max(1, Number(process.env.CORPUS_RUNS ?? 3));
const work = mkdtempSync(join(tmpdir(), 'fw-corpus-'));
const samples: { ms: number; rssKb: number }[] = [];
let child: ReturnType<typeof spawnSync> | undefined;
for (let i = 0; i < runs; i++) {
  const rssFile = join(work, `rss-${i}.txt`);
  const start = performance.now();
  child = spawnSync(process.execPath, ['--require', rusage, cli, 'scan', corpusArg, '--format', 'json', '--fail-on', 'none'], {
    cwd: root,
    env: { ...process.env, FW_BENCH_RUSAGE: rssFile },
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  samples.push({ ms, rssKb });
  if (child.status !== 0 && child.status !== 2) break;
}
rmSync(work, { recursive: true, force: true });
if (child === undefined || (child.status !== 0 && child.status !== 2)) {
  console.error(`fargate-warden corpus report: the scan failed (exit ${child?.status}, signal ${child?.signal ?? 'none'})\n${child?.stderr.toString() ?? ''}`);
  process.exit(1);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const wallMs = median(samples.map((x) => x.ms));
const rssKb = median(samples.map((x) => x.rssKb));
const range = (xs: number[], f: (x: number) => string) => (xs.length > 1 ? ` (runs: ${xs.map(f).join(', ')})` : '');
let report: ScanJson;
try {
  report = JSON.parse(child.stdout.toString()) as ScanJson;
} catch (error) {
  console.error(`fargate-warden corpus report: the CLI did not print JSON (${error instanceof Error ? error.message : String(error)})\n${child.stderr.toString()}`);
  process.exit(1);
}

// ── the same pipeline in process, for what the JSON report does not carry ───────────────────
const collected = collectFiles([corpusArg], { cwd: root });
const result = scan(collected.files, { catalog: loadIamCatalog(), managedPolicies: loadManagedPolicies() }, defaultConfig(), { inputErrors: collected.errors });
const { infra } = result;
const fargate = infra.services.filter((s) => s.fargate === true).length;
const fargateUnknown = infra.services.filter((s) => s.fargate === 'unknown').length;
const key = (f: { ruleId: string; resource: string; file: string; line: number }) => `${f.ruleId} ${f.file}:${f.line} ${f.resource}`;
const sameFindings = JSON.stringify(report.findings.map(key).sort()) === JSON.stringify(result.findings.map(key).sort());
const sameErrors = report.errors.length === result.errors.length && report.services.length === result.services.length;

// ── print ────────────────────────────────────────────────────────────────────────────────────
const out: string[] = [];
const line = (s = '') => out.push(s);
line(`fargate-warden corpus report — node ${process.version}, corpus ${relative(root, corpus)}`);
line();
line(`command            fargate-warden scan ${corpusArg} --format json  (exit ${child.status})`);
line(`wall time          ${(wallMs / 1000).toFixed(2)} s, median of ${samples.length} whole-process runs${range(samples.map((x) => x.ms), (ms) => (ms / 1000).toFixed(2))}`);
line(`peak RSS           ${(rssKb / 1024).toFixed(0)} MB, median${range(samples.map((x) => x.rssKb), (kb) => (kb / 1024).toFixed(0))}`);
line();
line(`files in corpus    ${countFiles(corpus)}`);
line(`files considered   ${collected.files.length} (CloudFormation-looking files and CDK assembly side files kept by the walk)`);
line(`templates          ${infra.stacks.length}`);
line(`ECS services       ${report.services.length} (Fargate ${fargate}, launch type unknown ${fargateUnknown}, EC2/external ${infra.services.length - fargate - fargateUnknown})`);
line(`task definitions   ${infra.taskDefinitions.length}`);
line(`findings           ${report.findings.length}`);
line(`errors             ${report.errors.length}`);
line(`unknown values     ${infra.unresolved.length}`);
line(`in-process check   ${sameFindings && sameErrors ? 'same findings, errors and services as the CLI run' : 'DIFFERS from the CLI run'}`);
line();

const rules = [...new Set(report.findings.map((f) => f.ruleId))].sort();
line('Findings by rule and severity');
line(`| rule | ${SEVERITIES.join(' | ')} | total |`);
line(`| --- | ${SEVERITIES.map(() => '---:').join(' | ')} | ---: |`);
for (const rule of rules) {
  const of = report.findings.filter((f) => f.ruleId === rule);
  line(`| ${rule} | ${SEVERITIES.map((s) => of.filter((f) => f.severity === s).length || '').join(' | ')} | ${of.length} |`);
}
line(`| all | ${SEVERITIES.map((s) => report.findings.filter((f) => f.severity === s).length || '').join(' | ')} | ${report.findings.length} |`);
line();

line('Errors (every file that errored, and why)');
if (report.errors.length === 0) line('  none');
for (const e of report.errors) line(`  ${e.file}:${e.line}${e.column === undefined ? '' : `:${e.column}`}  ${e.message}`);
line();

const reasons = new Map<string, number>();
for (const u of infra.unresolved) {
  const kind = u.reason
    .replace(/^(Ref to|Fn::GetAtt on|Fn::FindInMap on|Fn::Sub refers to|condition) [^\s,]+/, '$1 X')
    .replace(/^(parameter) [^\s,]+/, '$1 X')
    .replace(/^(Fn::ImportValue) .*/, '$1 …')
    .replace(/^(\w+ \S+ applies to security group) .*/, 'standalone rule on a group outside the files')
    .slice(0, 90);
  reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
}
line(`Unknown values by kind (${infra.unresolved.length}; top 15)`);
for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 15)) line(`  ${String(n).padStart(5)}  ${reason}`);

process.stdout.write(`${out.join('\n')}\n`);
