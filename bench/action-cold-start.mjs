// `npm run bench:action`: cold start of the bundled Action, `node dist/index.js`, as a whole
// process, from spawn to its first line on standard output (the version line, written before any
// input is read); next to a bare `node` printing one line, and the bundle's size. Median of
// BENCH_RUNS (default 11) runs; nothing is asserted, it is printed.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 11);
const scratch = mkdtempSync(join(tmpdir(), 'fw-cold-'));
const bare = join(scratch, 'bare.mjs');
writeFileSync(bare, "process.stdout.write('x\\n');\n");

async function firstLine(script) {
  const start = process.hrtime.bigint();
  let first;
  await new Promise((resolve) => {
    // No GITHUB_REPOSITORY: the Action prints its version line, then stops on the missing context.
    const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => (first = process.hrtime.bigint()));
    child.on('close', resolve);
  });
  const end = process.hrtime.bigint();
  return { first: Number((first ?? end) - start) / 1e6, total: Number(end - start) / 1e6 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sizeOf = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

for (const [name, script] of [['node (one line)', bare], ['dist/index.js', join(root, 'dist/index.js')]]) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await firstLine(script));
  console.log(`${name.padEnd(16)} first line ${median(samples.map((s) => s.first)).toFixed(0)} ms, whole process ${median(samples.map((s) => s.total)).toFixed(0)} ms (median of ${runs})`);
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const chunks = join(root, 'dist/chunks');
console.log(`bundle: dist/index.js ${kb(statSync(join(root, 'dist/index.js')).size)}, dist/chunks ${kb(sizeOf(chunks))} (${readdirSync(chunks).filter((f) => f.endsWith('.js')).join(', ')})`);
console.log(`data: dist/iam-data ${kb(sizeOf(join(root, 'dist/iam-data')))}, dist/aws-managed-policies ${kb(sizeOf(join(root, 'dist/aws-managed-policies')))}; dist/ total ${kb(sizeOf(join(root, 'dist')))}`);
rmSync(scratch, { recursive: true, force: true });
