// The import bench's baseline, in a process of its own: exceljs loads the workbook and nothing else.
// Timed from after `require('exceljs')` (the CLI's figure is taken beyond its start-up too). Prints { ms, maxRssMb }.
'use strict';
const fs = require('node:fs');
const ExcelJS = require('exceljs');

const start = process.hrtime.bigint();
new ExcelJS.Workbook().xlsx.load(fs.readFileSync(process.argv[2])).then(() => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
});
