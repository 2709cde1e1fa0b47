// Preloaded into benchmarked processes (`node --require`): on exit, append the process's peak RSS
// (KB) and CPU time (user + system, µs) to the file named by FW_BENCH_RUSAGE, so the whole process
// is measured, not an in-process slice. CPU time counts every thread (GC helpers included) and is
// inflated far less than wall time when other jobs load the machine.
const fs = require('node:fs');
const target = process.env.FW_BENCH_RUSAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.appendFileSync(target, `${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}\n`);
  });
}
