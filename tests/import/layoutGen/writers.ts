/**
 * Writes drawn layouts to .xlsx: exceljs in-process, openpyxl and xlsxwriter in one Python run per batch
 * (layoutWriters.py), and a sample saved again by LibreOffice as .xlsx, .xls or .ods (one soffice run per
 * format).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BookSpec } from './grammar';
import { saveAs } from '../../helpers/libreoffice';

const SCRIPT = path.join(__dirname, 'layoutWriters.py');

async function writeExceljs(book: BookSpec, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of book.sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state === 'hidden' ? 'hidden' : 'visible' });
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = v;
        if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true };
      }),
    );
    for (const m of s.merges) ws.mergeCells(m);
    (s.widths ?? []).forEach((w, c) => (ws.getColumn(c + 1).width = w));
    for (const c of s.hiddenColumns) ws.getColumn(c).hidden = true;
  }
  await wb.xlsx.writeFile(file);
}

/** Writes every book into `dir`; returns the path of each, in order. */
export async function writeBooks(books: BookSpec[], dir: string): Promise<string[]> {
  const files = books.map((b) => path.join(dir, b.name));
  const python = books.map((b, i) => ({ ...b, file: files[i]! })).filter((b) => b.writer !== 'exceljs');
  if (python.length > 0) {
    const r = spawnSync('/usr/bin/python3', [SCRIPT], { input: JSON.stringify(python), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`layoutWriters.py failed (${r.status}): ${r.stderr}`);
  }
  for (let i = 0; i < books.length; i++) if (books[i]!.writer === 'exceljs') await writeExceljs(books[i]!, files[i]!);
  for (const format of ['xlsx', 'xls', 'ods'] as const) {
    const resaved = books.map((b, i) => (b.resave === format ? i : -1)).filter((i) => i >= 0);
    if (resaved.length === 0) continue;
    const outs = saveAs(resaved.map((i) => files[i]!), format);
    resaved.forEach((i, k) => {
      const saved = files[i]!.replace(/\.xlsx$/, `.${format}`);
      fs.copyFileSync(outs[k]!, saved);
      if (saved !== files[i]) fs.rmSync(files[i]!);
      files[i] = saved;
    });
  }
  return files;
}
