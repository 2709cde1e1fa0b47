import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { diffWorkerMode, wantsWorker, WORKER_MIN_BASE_BYTES, WORKER_MIN_CPUS } from '../../src/cli/diff-worker.ts';
import { generateTemplate } from '../../bench/generate.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKER_ENTRY = new URL('../support/tsx-worker-entry.mjs', import.meta.url);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function diff(args: string[], worker: 'on' | 'off', entry: URL | undefined = WORKER_ENTRY): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['diff', ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: ROOT,
    env: { FARGATE_WARDEN_DIFF_WORKER: worker },
    diffWorkerEntry: entry,
  });
  return { code, stdout, stderr };
}

describe('diff with base analysed on a worker thread', () => {
  // Equal standard error also says the worker did its part: a fallback with `on` says so there.
  it('prints exactly what one thread prints, for every format, on the bundled examples', async () => {
    for (const format of ['json', 'markdown', 'text']) {
      const args = ['--base', 'examples/base', '--head', 'examples/head', '--format', format];
      assert.deepEqual(await diff(args, 'on'), await diff(args, 'off'), format);
    }
  });

  it('prints exactly what one thread prints for services told apart by file, and for a file head cannot read', async () => {
    for (const scenario of ['same-name-stacks', 'same-name-flow-logs', 'same-name-finding-moved', 'unknown-clusters', 'endpoint-renamed-deny', 'head-unreadable']) {
      const args = ['--base', `test/fixtures/diff/${scenario}/base`, '--head', `test/fixtures/diff/${scenario}/head`, '--format', 'json'];
      assert.deepEqual(await diff(args, 'on'), await diff(args, 'off'), scenario);
    }
  });

  it('prints exactly what one thread prints when an edit moves the lines of unchanged services', async () => {
    // Head broadens every tenth service, and its longer policies shift every line below them: most
    // services compare equal through their fingerprints, the rest through their full views.
    const dir = mkdtempSync(join(tmpdir(), 'fw-diff-worker-'));
    try {
      for (const variant of ['base', 'head'] as const) {
        mkdirSync(join(dir, variant));
        writeFileSync(join(dir, variant, 'template.json'), JSON.stringify(generateTemplate({ services: 30, variant }), null, 2));
      }
      const args = ['--base', join(dir, 'base'), '--head', join(dir, 'head'), '--format', 'json'];
      const threaded = await diff(args, 'on');
      assert.deepEqual(threaded, await diff(args, 'off'));
      const report = JSON.parse(threaded.stdout) as { services: { status: string }[] };
      assert.equal(report.services.filter((s) => s.status === 'changed').length, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies the config file on base as one thread does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-diff-worker-'));
    try {
      const config = join(dir, 'fargate-warden.yml');
      writeFileSync(config, 'rules:\n  disable: [FW308]\n  severity:\n    FW103: low\nsuppressions:\n  - rule: FW105\n    resource: TaskRole\n    reason: shared on purpose\n');
      const args = ['--base', 'examples/head', '--head', 'examples/base', '--config', config, '--format', 'json'];
      const threaded = await diff(args, 'on');
      assert.deepEqual(threaded, await diff(args, 'off'));
      assert.doesNotMatch(threaded.stdout, /FW308/);
      assert.match(threaded.stdout, /"ruleId": "FW103",\s+"severity": "low"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports base’s input errors as one thread does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-diff-worker-'));
    try {
      mkdirSync(join(dir, 'base'));
      mkdirSync(join(dir, 'head'));
      writeFileSync(join(dir, 'base', 'broken.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n');
      writeFileSync(join(dir, 'head', 'ok.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
      const args = ['--base', join(dir, 'base'), '--head', join(dir, 'head'), '--format', 'json'];
      const threaded = await diff(args, 'on');
      assert.deepEqual(threaded, await diff(args, 'off'));
      assert.equal(threaded.code, 2);
      assert.match(threaded.stderr, /^base: .*broken\.yaml:\d+: error: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back to one thread when the worker cannot run', async () => {
    const args = ['--base', 'examples/base', '--head', 'examples/head', '--format', 'json'];
    const missing = new URL('../support/no-such-worker-entry.mjs', import.meta.url);
    const fellBack = await diff(args, 'on', missing);
    const single = await diff(args, 'off');
    assert.equal(fellBack.stdout, single.stdout);
    assert.equal(fellBack.code, single.code);
    assert.match(fellBack.stderr, /^fargate-warden: base was not analysed on a worker thread \(.+\); analysing it here\n$/);
  });
});

describe('when diff uses a worker', () => {
  const big = [{ path: 'big.json', text: 'x'.repeat(WORKER_MIN_BASE_BYTES) }];
  const small = [{ path: 'small.json', text: '{}' }];

  it('FARGATE_WARDEN_DIFF_WORKER chooses: on, off, else auto', () => {
    assert.equal(diffWorkerMode({ FARGATE_WARDEN_DIFF_WORKER: 'ON' }), 'on');
    assert.equal(diffWorkerMode({ FARGATE_WARDEN_DIFF_WORKER: 'off' }), 'off');
    assert.equal(diffWorkerMode({ FARGATE_WARDEN_DIFF_WORKER: 'maybe' }), 'auto');
    assert.equal(diffWorkerMode({}), 'auto');
  });

  it('auto uses one only for a large base on a machine with CPUs to spare, where it pays for its start-up', () => {
    assert.equal(wantsWorker('auto', big, WORKER_MIN_CPUS), true);
    assert.equal(wantsWorker('auto', big, 2), false);
    assert.equal(wantsWorker('auto', small, 16), false);
    assert.equal(wantsWorker('on', small, 1), true);
    assert.equal(wantsWorker('off', big, 16), false);
  });
});
