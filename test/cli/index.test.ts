import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateTemplate } from '../../bench/generate.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the CLI entry', () => {
  it('stops writing quietly when the reader closes the pipe (`fargate-warden diff … | head -1`), and still exits with the diff\'s own code and messages', async () => {
    // Far more output than a pipe holds, so the CLI is still writing when the reader goes away.
    const dir = mkdtempSync(join(tmpdir(), 'fw-epipe-'));
    try {
      for (const variant of ['base', 'head'] as const) {
        mkdirSync(join(dir, variant));
        writeFileSync(join(dir, variant, 'template.json'), JSON.stringify(generateTemplate({ services: 60, variant }), null, 2));
      }
      writeFileSync(join(dir, 'head', 'broken.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: [\n');
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'diff', '--base', join(dir, 'base'), '--head', join(dir, 'head'), '--format', 'json'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((done) => child.stdout.once('data', () => done()));
      child.stdout.destroy();
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
      // The diff's own: head broadens (new high findings), and a broken file is an input error
      // whose message still reaches stderr, as a gate piping the report into `grep -q` needs.
      assert.equal(code, 2, `exit code ${code}`);
      assert.match(stderr, /head: .*broken\.yaml:\d+: error: YAML/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
