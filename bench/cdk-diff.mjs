// The baseline `npm run bench` compares `fargate-warden diff` with: what `cdk diff` does offline
// with two templates, as a whole process. Reads the JSON templates of BASE and HEAD (a file each,
// or two directories whose templates are paired by relative path), calls @aws-cdk/cloudformation-diff's
// fullDiff(old, new) and prints it with formatDifferences, which is what `cdk diff` prints for a
// stack: its security tables (IAM statements, managed policies, security groups) first, then the
// resource changes. Output goes to standard output (the bench discards it).
//
// Plain .mjs run by node, not TypeScript through tsx, so no loader start-up counts against cdk.
// A bench/evidence tool only: src/ never imports @aws-cdk/cloudformation-diff.
//
//   node bench/cdk-diff.mjs BASE HEAD
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { fullDiff, formatDifferences } = require('@aws-cdk/cloudformation-diff');

const [base, head] = process.argv.slice(2);
if (base === undefined || head === undefined) {
  process.stderr.write('usage: node bench/cdk-diff.mjs BASE HEAD (two JSON templates or two directories of them)\n');
  process.exit(2);
}

/** Relative path → absolute path of every .json template under a directory (or the file itself). */
function templates(path) {
  const out = new Map();
  if (!statSync(path).isDirectory()) {
    out.set('', path);
    return out;
  }
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) out.set(relative(path, full), full);
    }
  };
  walk(path);
  return out;
}

const load = (file) => (file === undefined ? {} : JSON.parse(readFileSync(file, 'utf8')));
const baseFiles = templates(base);
const headFiles = templates(head);
const names = [...new Set([...baseFiles.keys(), ...headFiles.keys()])].sort();
for (const name of names) {
  const diff = fullDiff(load(baseFiles.get(name)), load(headFiles.get(name)));
  process.stdout.write(`Stack ${name || head}\n`);
  if (diff.isEmpty) {
    process.stdout.write('There were no differences\n');
    continue;
  }
  formatDifferences(process.stdout, diff, {}, 3);
}
