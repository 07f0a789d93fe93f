// The .docx import bench's baseline, in a process of its own: mammoth (the Word reader the app already
// depends on) converts the document to HTML, tables included, and nothing else. Timed from after the
// require. Prints { ms, maxRssMb }.
'use strict';
const fs = require('node:fs');
const mammoth = require('mammoth');

const start = process.hrtime.bigint();
mammoth.convertToHtml({ buffer: fs.readFileSync(process.argv[2]) }).then(() => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
});
