// The .xls import bench's baseline, in a process of its own: SheetJS (the reader the importer uses for
// .xls) reads the workbook and nothing else, as the importer asks it to. Timed from after the require.
// Prints { ms, maxRssMb }.
'use strict';
const fs = require('node:fs');
const XLSX = require('@e965/xlsx');

const start = process.hrtime.bigint();
XLSX.read(fs.readFileSync(process.argv[2]), { type: 'buffer', dense: true, cellNF: true, cellStyles: true, cellDates: false, cellHTML: false, cellText: false });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
