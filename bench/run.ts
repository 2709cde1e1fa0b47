// `npm run bench`: whole-process time and peak memory of `fargate-warden scan` on generated
// templates with N = 10, 100, 1000 services, next to the bare JSON.parse of the same input; then
// `fargate-warden diff` on base/head pairs of the same sizes (head broadens a tenth of the
// services), next to the same pairs through @aws-cdk/cloudformation-diff as `cdk diff` prints
// them (bench/cdk-diff.mjs, also a whole process). Our diff runs twice: as by default, and with
// base on a worker thread (FARGATE_WARDEN_DIFF_WORKER=on; the default only from four CPUs).
// Last, `fargate-warden fix` on YAML templates of 10, 40 and 80 services, three fixes each
// (bench/generate-fix.ts), where every fix is verified by a re-scan of the whole file.
// Each figure is the median of several runs; nothing here is asserted, it is printed.
//
// Environment: BENCH_SIZES (default 10,100,1000), BENCH_RUNS (scan, default 5), BENCH_DIFF_RUNS
// (diff, default 3), BENCH_FIX_SIZES (default 10,40,80), BENCH_FIX_RUNS (default 3),
// BENCH_ONLY=scan|diff|fix, BENCH_CLI (another build's bin/fargate-warden.js).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTemplate } from './generate.ts';
import { generateFixTemplate } from './generate-fix.ts';

const root = resolve(import.meta.dirname, '..');
const workDir = join(root, '.bench');
const rusage = join(root, 'bench', 'rusage.cjs');
const cli = process.env.BENCH_CLI === undefined ? join(root, 'bin', 'fargate-warden.js') : resolve(process.env.BENCH_CLI);
const cdkDiff = join(root, 'bench', 'cdk-diff.mjs');
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const diffRuns = Number(process.env.BENCH_DIFF_RUNS ?? 3);
const fixSizes = (process.env.BENCH_FIX_SIZES ?? '10,40,80').split(',').map(Number);
const fixRuns = Number(process.env.BENCH_FIX_RUNS ?? 3);
const only = process.env.BENCH_ONLY;

interface Sample { ms: number; rssMb: number; cpuMs: number; status: number | null; stderr: string }

/**
 * Runs `node --require rusage.cjs ARGS` `count` times. Standard output goes to `stdoutFile` when
 * given (so the last run's output can be checked), else to /dev/null.
 */
function measure(args: string[], count = runs, stdoutFile?: string, env: Record<string, string> = {}): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const rssFile = join(workDir, 'rss.txt');
    rmSync(rssFile, { force: true });
    const out = stdoutFile === undefined ? 'ignore' : openSync(stdoutFile, 'w');
    const start = performance.now();
    const child = spawnSync(process.execPath, ['--require', rusage, ...args], {
      env: { ...process.env, ...env, FW_BENCH_RUSAGE: rssFile },
      stdio: ['ignore', out, 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - start;
    if (typeof out === 'number') closeSync(out);
    const [rssKb, cpuUs] = existsSync(rssFile) ? (readFileSync(rssFile, 'utf8').trim().split('\n').pop() as string).split(' ').map(Number) : [NaN, NaN];
    if (child.status !== 0 && child.status !== 1) {
      throw new Error(`benchmarked command failed (${child.status}): ${args.join(' ')}\n${child.stderr.toString()}`);
    }
    samples.push({ ms, rssMb: rssKb / 1024, cpuMs: cpuUs / 1000, status: child.status, stderr: child.stderr.toString() });
  }
  return samples;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(join(root, 'lib', 'cli.mjs'))) {
  console.error('lib/cli.mjs is missing: run `npm run build` first (npm ci does it through `prepare`).');
  process.exit(2);
}
mkdirSync(workDir, { recursive: true });
console.log(`fargate-warden bench — node ${process.version}, median of the runs shown`);
if (only === undefined || only === 'scan') benchScan();
if (only === undefined || only === 'diff') benchDiff();
if (only === undefined || only === 'fix') benchFix();

function benchScan(): void {
  console.log('');
  console.log(`scan (${runs} runs each)`);
  console.log('');
  console.log('| services | template | scan time | scan peak RSS | JSON.parse (in process) | node + JSON.parse (whole process) |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    const dir = join(workDir, `scan-${n}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'template.json');
    const text = JSON.stringify(generateTemplate({ services: n }), null, 2);
    writeFileSync(file, text);
    const parseStart = performance.now();
    JSON.parse(readFileSync(file, 'utf8'));
    const parseMs = performance.now() - parseStart;
    const scan = measure([cli, 'scan', dir, '--format', 'json', '--fail-on', 'none']);
    const bare = measure(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
    console.log(
      `| ${n} | ${(text.length / 1024 / 1024).toFixed(2)} MB | ${median(scan.map((s) => s.ms)).toFixed(0)} ms | ${median(scan.map((s) => s.rssMb)).toFixed(0)} MB | ${parseMs.toFixed(1)} ms | ${median(bare.map((s) => s.ms)).toFixed(0)} ms |`,
    );
  }
}

/** `fargate-warden diff` against cdk's template diff, both whole processes, on the same base/head pairs. */
function benchDiff(): void {
  console.log('');
  console.log(`diff (${diffRuns} runs each): \`fargate-warden diff --base B --head H --format json\` vs \`node bench/cdk-diff.mjs B H\` (@aws-cdk/cloudformation-diff fullDiff + formatDifferences, as \`cdk diff\` prints)`);
  console.log('');
  console.log('Time is wall-clock; CPU is user + system time of the process, which a busy machine inflates less.');
  console.log('');
  console.log(`\`worker\` is the same diff with FARGATE_WARDEN_DIFF_WORKER=on (base on a worker thread; by default only with 4+ CPUs and 1 MiB of base templates; this machine has ${availableParallelism()} CPUs).`);
  console.log('');
  console.log('| services | changed services (ours) | cdk security rows | fargate-warden diff time (CPU) | peak RSS | worker time (CPU) | peak RSS | cdk diff time (CPU) | peak RSS | cdk time / our time (CPU ratio) | cdk time / worker time |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    const dir = join(workDir, `diff-${n}`);
    for (const variant of ['base', 'head'] as const) {
      mkdirSync(join(dir, variant), { recursive: true });
      writeFileSync(join(dir, variant, 'template.json'), JSON.stringify(generateTemplate({ services: n, variant }), null, 2));
    }
    const base = join(dir, 'base');
    const head = join(dir, 'head');
    const oursOut = join(dir, 'fargate-warden.json');
    const cdkOut = join(dir, 'cdk-diff.txt');
    // Alternated run by run, so a change in machine load affects both alike.
    const ours: Sample[] = [];
    const worker: Sample[] = [];
    const cdk: Sample[] = [];
    const workerOut = join(dir, 'fargate-warden-worker.json');
    for (let i = 0; i < diffRuns; i++) {
      ours.push(...measure([cli, 'diff', '--base', base, '--head', head, '--format', 'json'], 1, oursOut));
      worker.push(...measure([cli, 'diff', '--base', base, '--head', head, '--format', 'json'], 1, workerOut, { FARGATE_WARDEN_DIFF_WORKER: 'on' }));
      cdk.push(...measure([cdkDiff, base, head], 1, cdkOut));
    }
    if (readFileSync(oursOut, 'utf8') !== readFileSync(workerOut, 'utf8')) throw new Error(`diff at N=${n}: the default and worker reports differ`);
    // Both tools must have seen the change, or the timing means nothing.
    const report = JSON.parse(readFileSync(oursOut, 'utf8')) as { services: { status: string }[] };
    const changed = report.services.filter((s) => s.status === 'changed').length;
    const cdkRows = readFileSync(cdkOut, 'utf8').split('\n').filter((l) => /^│ [+-] │/.test(l)).length;
    if (changed !== Math.ceil(n / 10) || cdkRows === 0) {
      throw new Error(`diff at N=${n}: expected ${Math.ceil(n / 10)} changed services, fargate-warden reported ${changed}; cdk printed ${cdkRows} security rows`);
    }
    const oursMs = median(ours.map((s) => s.ms));
    const workerMs = median(worker.map((s) => s.ms));
    const cdkMs = median(cdk.map((s) => s.ms));
    const oursCpu = median(ours.map((s) => s.cpuMs));
    const workerCpu = median(worker.map((s) => s.cpuMs));
    const cdkCpu = median(cdk.map((s) => s.cpuMs));
    const rss = (xs: Sample[]): string => `${median(xs.map((s) => s.rssMb)).toFixed(0)} MB`;
    console.log(
      `| ${n} | ${changed} | ${cdkRows} | ${oursMs.toFixed(0)} ms (${oursCpu.toFixed(0)} ms) | ${rss(ours)} | ${workerMs.toFixed(0)} ms (${workerCpu.toFixed(0)} ms) | ${rss(worker)} | ${cdkMs.toFixed(0)} ms (${cdkCpu.toFixed(0)} ms) | ${rss(cdk)} | ${(cdkMs / oursMs).toFixed(2)}× (${(cdkCpu / oursCpu).toFixed(2)}×) | ${(cdkMs / workerMs).toFixed(2)}× |`,
    );
  }
}

/** `fargate-warden fix` on one YAML template: every fix it offers is verified by a re-scan of the file. */
function benchFix(): void {
  console.log('');
  console.log(`fix (${fixRuns} runs each): \`fargate-warden fix template.yaml\` on the nat-worker scenario repeated per service (each copy's findings fixed and verified)`);
  console.log('');
  console.log('| services | template | fixes | time (CPU) | peak RSS |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const n of fixSizes) {
    const dir = join(workDir, `fix-${n}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'template.yaml');
    const text = generateFixTemplate(n);
    writeFileSync(file, text);
    const out = join(dir, 'fix.diff');
    const samples = measure([cli, 'fix', file], fixRuns, out);
    // Every copy's FW201 fix must have been verified and offered, or the timing means nothing.
    const publicIpFixes = readFileSync(out, 'utf8').split('\n').filter((l) => /^\+\s+AssignPublicIp: DISABLED/.test(l)).length;
    const offered = Number(/can fix (\d+) finding/.exec(samples[samples.length - 1]!.stderr)?.[1] ?? NaN);
    if (publicIpFixes !== n || !(offered >= 2 * n)) throw new Error(`fix at N=${n}: expected ${n} FW201 fixes and at least ${2 * n} in all, found ${publicIpFixes} and ${offered}`);
    console.log(
      `| ${n} | ${(text.length / 1024).toFixed(0)} KB | ${offered} | ${median(samples.map((s) => s.ms)).toFixed(0)} ms (${median(samples.map((s) => s.cpuMs)).toFixed(0)} ms) | ${median(samples.map((s) => s.rssMb)).toFixed(0)} MB |`,
    );
  }
}
