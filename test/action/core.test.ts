import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { actionsCorePort } from '../../action/core.ts';

/** What the runner reads from stdout while `fn` runs: one entry per line. */
function stdoutOf(fn: () => void): string[] {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('').split(/\r?\n/);
}

/**
 * The runner's reading of a step's stdout, as far as it matters here: a line whose first
 * non-blank characters are `::` is a workflow command, until `::stop-commands::TOKEN` and up to
 * the line `::TOKEN::`.
 */
function commandsIn(lines: readonly string[]): string[] {
  const commands: string[] = [];
  let stopped: string | undefined;
  for (const line of lines) {
    const trimmed = line.trimStart();
    if (stopped !== undefined) {
      if (trimmed === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(trimmed);
    if (stop !== null) stopped = stop[1];
    else if (trimmed.startsWith('::')) commands.push(trimmed);
  }
  return commands;
}

describe('actionsCorePort.info', () => {
  it('prints template-derived text so that the runner reads no workflow command in it', () => {
    // A logical ID, a file name or a value in a template of the pull request, echoed in a log line.
    const hostile = [
      'infra/x.yaml:3: high FW103: Task role Evil\n::warning title=forged::all clear\nof service api',
      '::error file=infra/api.yaml,line=1::forged annotation',
      '  ::add-mask::fargate',
      'base: infra/a\r\n::stop-commands::hide\r\nmore',
    ];
    const lines = stdoutOf(() => {
      for (const message of hostile) actionsCorePort.info(message);
    });
    assert.deepEqual(commandsIn(lines), []);
    for (const message of hostile) {
      for (const part of message.split(/\r?\n/)) assert.ok(lines.includes(part), `the text is printed as is: ${JSON.stringify(part)}`);
    }
  });

  it('prints ordinary lines unchanged, one line each', () => {
    const lines = stdoutOf(() => actionsCorePort.info('comment: created https://github.com/acme/orders/pull/7#issuecomment-42'));
    assert.deepEqual(lines, ['comment: created https://github.com/acme/orders/pull/7#issuecomment-42', '']);
  });
});
