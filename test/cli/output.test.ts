import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emitReport } from '../../src/cli/output.ts';
import type { CliIO } from '../../src/cli/main.ts';

describe('emitReport', () => {
  it('writes a report in pieces, each made only after standard output handed on the one before', async () => {
    const events: string[] = [];
    const io: CliIO = {
      cwd: '.',
      stdout: (text) => {
        events.push(`write ${text}`);
        return false;
      },
      stderr: () => undefined,
      stdoutDrained: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        events.push('drained');
      },
    };
    function* pieces(): Generator<string> {
      for (const piece of ['a', 'b', 'c']) {
        events.push(`make ${piece}`);
        yield piece;
      }
    }
    assert.equal(await emitReport(io, undefined, pieces()), true);
    assert.deepEqual(events, ['make a', 'write a', 'drained', 'make b', 'write b', 'drained', 'make c', 'write c', 'drained']);
  });

  it('does not wait when standard output takes the text at once, or cannot say', async () => {
    const written: string[] = [];
    const io: CliIO = { cwd: '.', stdout: (text) => void written.push(text), stderr: () => undefined, stdoutDrained: () => assert.fail('nothing to wait for') };
    assert.equal(await emitReport(io, undefined, ['x', 'y']), true);
    assert.deepEqual(written, ['x', 'y']);
  });

  it('leaves an --output file as it was when the report cannot be made, and says so as what it is, not as a failed write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-output-'));
    try {
      const file = join(dir, 'report.json');
      writeFileSync(file, 'the last report\n');
      let stderr = '';
      const io: CliIO = { cwd: dir, stdout: () => assert.fail('written to a file'), stderr: (text) => void (stderr += text) };
      const unmakeable: Iterable<string> = {
        [Symbol.iterator]: () => ({
          next: () => {
            throw new RangeError('Invalid string length');
          },
        }),
      };
      await assert.rejects(emitReport(io, 'report.json', unmakeable), RangeError);
      assert.equal(readFileSync(file, 'utf8'), 'the last report\n');
      assert.equal(stderr, '');
      // A file that cannot be written is the CLI's message, and false.
      assert.equal(await emitReport(io, join('report.json', 'below-a-file.json'), ['x']), false);
      assert.match(stderr, /^fargate-warden: cannot write report\.json\/below-a-file\.json \(E[A-Z]+\)\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
