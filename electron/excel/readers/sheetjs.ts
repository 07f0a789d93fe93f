/**
 * Workbooks that are not OOXML: Excel 97-2003 `.xls` (BIFF8, and BIFF5 of older tools), WPS `.et`/`.ett`
 * (BIFF8 under another name) and OpenDocument `.ods`, read through SheetJS Community Edition 0.20.3 as
 * republished on npm by @e965/xlsx (the `xlsx` 0.18.5 on npm is SheetJS's last npm build and has
 * CVE-2023-30533 and CVE-2024-22363; 0.20.3 fixes both). SheetJS gives the cells; the texts are made here
 * the way the xlsx readers make them (grid.ts): cached formula results, dates as ISO days, percent formats
 * as percentages, 是/否 for booleans, merges and hidden rows and columns.
 */
import * as XLSX from '@e965/xlsx';
import { AppError } from '../../../shared/errors';
import { percentDecimals, percentText, serialDateText } from '../grid';
import { cellsToGrid, type MergeRange } from './cellGrid';
import type { Grid } from '../grid';

export interface ReadSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  grid: Grid;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

/** A cell as the grid shows it; `date1904` for the workbooks counting days from 1904. */
function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell) return '';
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return typeof v === 'string' ? v : String(v ?? '');
    case 'b':
      return v ? '是' : '否';
    case 'e':
    case 'z':
      return '';
    case 'd':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : '';
    case 'n': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return '';
      // exceljs drops a formula's cached result of 0 (sheetXml.ts does the same): one file, one reading.
      if (cell.f !== undefined && v === 0) return '';
      const format = typeof cell.z === 'string' ? cell.z : '';
      const percent = format ? percentDecimals(format) : null;
      if (percent !== null) return percentText(v, percent);
      if (format && format !== 'General' && XLSX.SSF.is_date(format)) return serialDateText(v, date1904);
      return formatNumber(v);
    }
    default:
      return '';
  }
}

/**
 * SheetJS writes some warnings straight to console.error (an .ods number format with conditions, which
 * LibreOffice writes for every percentage): the CLI's stderr is for the user's warnings, not a library's.
 * The read is synchronous, so nothing else is muted meanwhile.
 */
function quietly<T>(read: () => T): T {
  const error = console.error;
  console.error = () => undefined;
  try {
    return read();
  } finally {
    console.error = error;
  }
}

function encrypted(file: string): AppError {
  return new AppError('validation', `文件“${file}”设置了打开密码，无法读取。请在 Excel/WPS 中取消密码（文件 › 信息 › 保护工作簿）后另存为 .xlsx 再导入。`, { file });
}

/** Every sheet of a .xls/.et/.ods as grids; an AppError naming the file when it will not open. */
export function readSheetjsWorkbook(file: string, bytes: Buffer, kind: 'xls' | 'ods'): ReadSheet[] {
  let wb: XLSX.WorkBook;
  try {
    // dense: rows as arrays (a sparse object of addresses costs more for a 5,000-line table);
    // cellNF: each cell's number format, for dates and percentages; cellStyles: hidden rows and columns.
    wb = quietly(() => XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellStyles: true, cellDates: false, cellHTML: false, cellText: false, WTF: false }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/password|encrypt|RC4|FILEPASS/i.test(message)) throw encrypted(file);
    const what = kind === 'ods' ? 'OpenDocument 表格（.ods）' : '旧版 Excel（.xls）或 WPS（.et）工作簿';
    throw new AppError('validation', `文件“${file}”已损坏或不完整，无法作为${what}打开。请让报送单位重新发送，或在 Excel/WPS 中打开并另存为 .xlsx 后再导入。`, { file });
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  return wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name]!;
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    const state = hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible';
    const data = ((ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const rows = new Map<number, Map<number, string>>();
    data.forEach((line, r) => {
      if (!line) return;
      const texts = new Map<number, string>();
      line.forEach((cell, c) => {
        const text = cellText(cell, date1904);
        if (text !== '') texts.set(c, text);
      });
      if (texts.size > 0) rows.set(r, texts);
    });
    const merges: MergeRange[] = (ws['!merges'] ?? []).map((m) => ({ from: { row: m.s.r, col: m.s.c }, to: { row: m.e.r, col: m.e.c } }));
    const hiddenRows: number[] = [];
    (ws['!rows'] ?? []).forEach((row, r) => {
      if (row?.hidden) hiddenRows.push(r + 1);
    });
    const hiddenColumns: number[] = [];
    (ws['!cols'] ?? []).forEach((col, c) => {
      if (col?.hidden) hiddenColumns.push(c + 1);
    });
    return { name, state, grid: cellsToGrid({ sheet: name, rows, merges, hiddenRows, hiddenColumns }, file) };
  });
}
