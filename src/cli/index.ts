import { main } from './main.ts';
import { isBaseWorker, runBaseWorker } from './diff-worker.ts';

// `fargate-warden diff … | head`: the reader closing the pipe is the end of the output, not a
// crash. The run goes on to its own exit code and its messages on stderr (a gate that pipes the
// report into `grep -q` must still fail); what it writes to stdout after that goes nowhere.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

/** Resolves once stdout has handed on what it queued, or can take nothing more. */
function stdoutDrained(): Promise<void> {
  if (stdoutClosed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      process.stdout.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    process.stdout.on('drain', done).on('close', done).on('error', done);
  });
}

if (isBaseWorker()) runBaseWorker();
else process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => stdoutClosed || process.stdout.write(text),
  stdoutDrained,
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY,
  diffWorkerEntry: new URL(import.meta.url),
});
