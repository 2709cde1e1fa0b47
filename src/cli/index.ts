import { once } from 'node:events';
import { main } from './main.ts';
import { isBaseWorker, runBaseWorker } from './diff-worker.ts';

// `fargate-warden diff … | head`: the reader closing the pipe is the end of the output, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

if (isBaseWorker()) runBaseWorker();
else process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stdoutDrained: async () => {
    await once(process.stdout, 'drain');
  },
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY,
  diffWorkerEntry: new URL(import.meta.url),
});
