// Preloaded into benchmarked processes (`node --require`): on exit, append the process's peak RSS
// to the file named by FW_BENCH_RUSAGE, so the whole process is measured, not an in-process slice.
const fs = require('node:fs');
const target = process.env.FW_BENCH_RUSAGE;
if (target) {
  process.on('exit', () => {
    fs.appendFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
