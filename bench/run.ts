// `npm run bench`: whole-process time and peak memory of `fargate-warden scan` on generated
// templates with N = 10, 100, 1000 services, next to the bare JSON.parse of the same input.
// Each figure is the median of several runs; nothing here is asserted, it is printed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTemplate } from './generate.ts';

const root = resolve(import.meta.dirname, '..');
const workDir = join(root, '.bench');
const rusage = join(root, 'bench', 'rusage.cjs');
const cli = join(root, 'bin', 'fargate-warden.js');
const sizes = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);

interface Sample { ms: number; rssMb: number; status: number | null }

function measure(args: string[]): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const rssFile = join(workDir, 'rss.txt');
    rmSync(rssFile, { force: true });
    const start = performance.now();
    const child = spawnSync(process.execPath, ['--require', rusage, ...args], {
      env: { ...process.env, FW_BENCH_RUSAGE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - start;
    const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
    if (child.status !== 0 && child.status !== 1) {
      throw new Error(`benchmarked command failed (${child.status}): ${args.join(' ')}\n${child.stderr.toString()}`);
    }
    samples.push({ ms, rssMb: rssKb / 1024, status: child.status });
  }
  return samples;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(join(root, 'lib', 'cli.mjs'))) {
  console.error('lib/cli.mjs is missing: run `npm run build` first (npm ci does it through `prepare`).');
  process.exit(2);
}
mkdirSync(workDir, { recursive: true });
console.log(`fargate-warden bench — node ${process.version}, ${runs} runs each, median shown`);
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
