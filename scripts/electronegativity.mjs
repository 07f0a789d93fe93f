#!/usr/bin/env node
// Runs Electronegativity (Doyensec's Electron security linter, offline) on what ships: the built main
// process, preload and renderer in dist/ (the sources pass webPreferences through a function, which the
// linter cannot follow and reports as "review"). It exits 0 whatever it finds, so the CSV is read here and
// any HIGH finding fails the build. Usage: node scripts/electronegativity.mjs [DIR]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dir = path.resolve(process.argv[2] ?? 'dist');
if (!fs.existsSync(dir)) {
  console.error(`electronegativity: ${dir} does not exist (run npm run build first)`);
  process.exit(2);
}
const electronVersion = require('electron/package.json').version;
const bin = path.join(path.dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);

/**
 * Runs the linter into a fresh CSV. Its CSV writer races with itself now and then (the header's write
 * lands over the first finding), so a report with any line that does not parse is taken again rather than
 * read with a finding missing.
 */
function lint() {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eneg-')), 'findings.csv');
    const run = spawnSync(process.execPath, [bin, '-i', dir, '-e', electronVersion, '-o', out], { encoding: 'utf8' });
    if (!fs.existsSync(out)) {
      console.error(`electronegativity did not write its report:\n${run.stdout}\n${run.stderr}`);
      process.exit(2);
    }
    const text = fs.readFileSync(out, 'utf8');
    const lines = text.split(/\r?\n/);
    const rows = parseCsv(text);
    if (lines[0]?.startsWith('issue,') && rows.every((r) => SEVERITIES.has(r.severity) && r.issue)) return rows;
  }
  console.error('electronegativity wrote an unreadable report five times');
  process.exit(2);
}

/** The linter's CSV: quoted fields, commas inside quotes, one finding per line. */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '"') {
        if (quoted && line[i + 1] === '"') cell += line[++i];
        else quoted = !quoted;
      } else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    rows.push({ issue: cells[0], severity: cells[1], confidence: cells[2], file: cells[3], location: cells[4], description: cells[6] });
  }
  return rows;
}

const findings = lint();
for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.issue} ${path.relative(process.cwd(), f.file)}:${f.location} ${f.description}`);
const high = findings.filter((f) => f.severity === 'HIGH');
console.log(`electronegativity (Electron ${electronVersion}) on ${path.relative(process.cwd(), dir) || '.'}: ${findings.length} finding(s), ${high.length} HIGH`);
// exitCode, not exit(): stdout to a pipe is written asynchronously and exit() would cut it off.
process.exitCode = high.length > 0 ? 1 : 0;
