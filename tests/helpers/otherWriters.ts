/**
 * Workbooks written by other programs (tests/helpers/otherWriters.py): openpyxl, xlsxwriter and packages
 * shaped by hand as the .NET OpenXML SDK and streaming writers shape them, all from one list of targets.
 * One Python run writes every file. Debian's python3-openpyxl and python3-xlsxwriter are needed
 * (scripts/install-test-deps.sh installs them); without them this fails saying so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ListedTarget } from '../../electron/services/listJson';

const SCRIPT = path.join(__dirname, 'otherWriters.py');

/**
 * Debian's own interpreter first: that is where apt puts python3-openpyxl, and a python3 earlier on PATH
 * (pyenv, a virtualenv) does not see it.
 */
function python(): string {
  const candidates = ['/usr/bin/python3', 'python3'];
  for (const p of candidates) {
    const r = spawnSync(p, ['-c', 'import openpyxl, xlsxwriter'], { encoding: 'utf8' });
    if (r.status === 0) return p;
  }
  throw new Error('python3 with openpyxl and xlsxwriter is needed to write the test workbooks: run `npm run setup:test` (apt-get install python3-openpyxl python3-xlsxwriter)');
}

/** Writes the workbooks into a new temp folder; returns file name -> (path, what it exercises). */
export function writeOtherWorkbooks(targets: ListedTarget[], only?: string[]): Map<string, { file: string; what: string }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'other-writers-'));
  const r = spawnSync(python(), [SCRIPT], { input: JSON.stringify({ out, targets, only }), encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`otherWriters.py failed (${r.status}): ${r.stderr}`);
  const manifest = JSON.parse(r.stdout) as Record<string, string>;
  return new Map(Object.entries(manifest).map(([name, what]) => [name, { file: path.join(out, name), what }]));
}
