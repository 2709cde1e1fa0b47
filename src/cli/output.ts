import { resolve } from 'node:path';
import { errorCode, writeTextFile } from '../shared/io/files.ts';
import type { CliIO } from './main.ts';

/** Colour only for a person at a terminal; NO_COLOR and FORCE_COLOR win. */
export function useColor(io: CliIO): boolean {
  const env = io.env ?? {};
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY === true && env.TERM !== 'dumb';
}

/**
 * Writes a report to `--output` or stdout, whole or in pieces one after the other (see
 * renderDiffJsonChunks), each made when the one before is written; false (after saying why) when
 * the file cannot be written.
 */
export async function emitReport(io: CliIO, output: string | undefined, report: string | Iterable<string>): Promise<boolean> {
  const pieces = typeof report === 'string' ? [report] : report;
  if (output === undefined) {
    // A pipe read slowly (`| less`) queues what is written in memory: wait for it to drain.
    for (const piece of pieces) if (io.stdout(piece) === false && io.stdoutDrained !== undefined) await io.stdoutDrained();
    return true;
  }
  try {
    writeTextFile(resolve(io.cwd, output), pieces);
    return true;
  } catch (error) {
    // The file system's refusal; anything else (a report that could not be made) is not about the file.
    if (!(error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string')) throw error;
    io.stderr(`fargate-warden: cannot write ${output} (${errorCode(error)})\n`);
    return false;
  }
}
