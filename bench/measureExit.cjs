// Preloaded (`node -r`) into a process the import bench runs: at exit, writes to the file named by
// BENCH_MEASURE_OUT how long the process ran from here (before the CLI's own code loads) and its peak memory.
// Plain CommonJS, so that nothing but the built CLI runs in the measured process.
'use strict';
const fs = require('node:fs');

const start = process.hrtime.bigint();
process.on('exit', () => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  fs.writeFileSync(process.env.BENCH_MEASURE_OUT, JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
});
