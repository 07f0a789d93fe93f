/**
 * A unit's return written as Word writes it, by python-docx (tests/helpers/wordReturn.py): a title and a
 * paragraph, a table with merged cells and line breaks, a signature and a date. Debian's python3-docx is
 * needed (scripts/install-test-deps.sh installs it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.join(__dirname, 'wordReturn.py');

export interface WordReturn {
  before: string[];
  /** Table rows; a cell covered by a merge is null. */
  rows: (string | null)[][];
  /** 0-based top-left cell and the size of each merged area. */
  merges?: { row: number; col: number; rows?: number; cols?: number }[];
  after: string[];
}

function python(): string {
  for (const p of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(p, ['-c', 'import docx'], { encoding: 'utf8' }).status === 0) return p;
  }
  throw new Error('python3 with python-docx is needed to write the Word returns: run `npm run setup:test` (apt-get install python3-docx)');
}

/** Writes the document; returns its bytes. */
export function writeWordReturn(spec: WordReturn): Buffer {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'word-return-')), 'return.docx');
  const r = spawnSync(python(), [SCRIPT], { input: JSON.stringify({ ...spec, out }), encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`wordReturn.py failed (${r.status}): ${r.stderr}`);
  return fs.readFileSync(out);
}
