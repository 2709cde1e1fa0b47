import { main } from './main.ts';
import { isBaseWorker, runBaseWorker } from './diff-worker.ts';

if (isBaseWorker()) runBaseWorker();
else process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY,
  diffWorkerEntry: new URL(import.meta.url),
});
