import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
});
