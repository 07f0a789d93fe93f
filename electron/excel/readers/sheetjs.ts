/**
 * Workbooks that are not OOXML: Excel 97-2003 `.xls` (BIFF8, and BIFF5 of older tools), WPS `.et`/`.ett`
 * (BIFF8 under another name) and OpenDocument `.ods`, read through SheetJS Community Edition 0.20.3 as
 * republished on npm by @e965/xlsx (the `xlsx` 0.18.5 on npm is SheetJS's last npm build and has
 * CVE-2023-30533 and CVE-2024-22363; 0.20.3 fixes both). SheetJS gives the cells; the texts are made here
 * the way the xlsx readers make them (grid.ts): cached formula results, dates as ISO days, percent formats
 * as percentages, 是/否 for booleans, merges and hidden rows and columns.
 */
import { partText, zipParts } from '../zipParts';
import * as XLSX from '@e965/xlsx';
import { AppError } from '../../../shared/errors';
import { percentDecimals, percentText, serialDateText } from '../grid';
import { cellsToGrid, type MergeRange } from './cellGrid';
import type { Grid } from '../grid';
import { passwordProtected } from '../sniff';

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

/** One part of a zip, inflated; null when it is not there or not readable. */
function zipEntry(bytes: Buffer, wanted: string): string | null {
  const part = zipParts(bytes)?.get(wanted);
  try {
    return part ? partText(part) : null;
  } catch {
    return null;
  }
}

/** What an .ods hides, by sheet: SheetJS reads every sheet, row and column of an .ods as visible. */
interface OdsHidden {
  sheets: Set<string>;
  /** 1-based, as the grid keeps them. */
  rows: Map<string, number[]>;
  columns: Map<string, number[]>;
}

/**
 * Hidden sheets (a table style with table:display="false"; a hidden 填表说明 read as data would double every
 * target) and hidden rows and columns (table:visibility="collapse", counted through the *-repeated runs).
 */
function odsHidden(bytes: Buffer): OdsHidden {
  const out: OdsHidden = { sheets: new Set(), rows: new Map(), columns: new Map() };
  const xml = zipEntry(bytes, 'content.xml');
  if (!xml) return out;
  const hiddenStyles = new Set<string>();
  for (const m of xml.matchAll(/<style:style\b([^>]*?)>\s*<style:table-properties\b([^>]*)>/g)) {
    const name = /style:name="([^"]*)"/.exec(m[1]!)?.[1];
    if (name && /table:display="false"/.test(m[2]!)) hiddenStyles.add(name);
  }
  const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const repeated = (attrs: string, what: 'rows' | 'columns') => Math.min(Math.max(Number(new RegExp(`table:number-${what}-repeated="(\\d+)"`).exec(attrs)?.[1] ?? 1), 1), 1_048_576);
  let sheet: string | null = null;
  let depth = 0;
  let row = 0;
  let column = 0;
  for (const m of xml.matchAll(/<(\/?)table:(table|table-row|table-column)(?=[\s/>])([^>]*?)(\/?)>/g)) {
    const [, close, tag, attrs = '', selfClose] = m;
    if (tag === 'table') {
      if (close) {
        depth--;
        if (depth === 0) sheet = null;
      } else if (!selfClose) {
        depth++;
        if (depth === 1) {
          sheet = unescape(/table:name="([^"]*)"/.exec(attrs)?.[1] ?? '');
          const style = /table:style-name="([^"]*)"/.exec(attrs)?.[1];
          if (style !== undefined && hiddenStyles.has(style)) out.sheets.add(sheet);
          row = 0;
          column = 0;
        }
      }
      continue;
    }
    if (close || depth !== 1 || sheet === null) continue;
    const collapsed = /table:visibility="(collapse|filter)"/.test(attrs);
    const what = tag === 'table-row' ? 'rows' : 'columns';
    const n = repeated(attrs, what);
    const first = (what === 'rows' ? row : column) + 1;
    if (collapsed) {
      const list = out[what].get(sheet) ?? [];
      for (let k = 0; k < n && first + k <= 1_048_576 && list.length < 100_000; k++) list.push(first + k);
      out[what].set(sheet, list);
    }
    if (what === 'rows') row += n;
    else column += n;
  }
  return out;
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
    if (/password|encrypt|RC4|FILEPASS/i.test(message)) throw passwordProtected(file, 'xlsx');
    const what = kind === 'ods' ? 'OpenDocument 表格（.ods）' : '旧版 Excel（.xls）或 WPS（.et）工作簿';
    throw new AppError('validation', `文件“${file}”已损坏或不完整，无法作为${what}打开。请让报送单位重新发送，或在 Excel/WPS 中打开并另存为 .xlsx 后再导入。`, { file });
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  // BIFF8 has 256 columns (IV); OpenDocument, as LibreOffice writes it, 16,384.
  const maxColumns = kind === 'xls' ? 256 : 16_384;
  const ods = kind === 'ods' ? odsHidden(bytes) : null;
  return wb.SheetNames.map((name, i) => {
    // A sheet the workbook lists but whose records are gone (a damaged .xls) reads as an empty sheet.
    const ws: XLSX.WorkSheet = wb.Sheets[name] ?? {};
    const hidden = ods?.sheets.has(name) ? 1 : (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0);
    const state = hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible';
    const data = ((ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    const rows = new Map<number, Map<number, string>>();
    data.forEach((line, r) => {
      if (!line) return;
      const texts = new Map<number, string>();
      line.forEach((cell, c) => {
        // Past the format's last column only a damaged record can point: SheetJS keeps it, and a grid that
        // wide (tens of thousands of columns down 65,536 rows) would take the preview minutes.
        if (c >= maxColumns) return;
        const text = cellText(cell, date1904);
        if (text !== '') texts.set(c, text);
      });
      if (texts.size > 0) rows.set(r, texts);
    });
    const merges: MergeRange[] = (ws['!merges'] ?? []).map((m) => ({ from: { row: m.s.r, col: Math.min(m.s.c, maxColumns - 1) }, to: { row: m.e.r, col: Math.min(m.e.c, maxColumns - 1) } }));
    const hiddenRows: number[] = [...(ods?.rows.get(name) ?? [])];
    (ws['!rows'] ?? []).forEach((row, r) => {
      if (row?.hidden) hiddenRows.push(r + 1);
    });
    const hiddenColumns: number[] = [...(ods?.columns.get(name) ?? [])];
    (ws['!cols'] ?? []).forEach((col, c) => {
      if (col?.hidden) hiddenColumns.push(c + 1);
    });
    const unique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
    return { name, state, grid: cellsToGrid({ sheet: name, rows, merges, hiddenRows: unique(hiddenRows), hiddenColumns: unique(hiddenColumns) }, file) };
  });
}
