/**
 * A worksheet as a grid of display strings, the way a person reads it: formulas by their cached result,
 * rich text joined, numbers stored as text kept as text, merged cells resolved to their master's value
 * (and marked, because a vertical merge in 序号 means "same target, next line"), hidden rows and columns marked.
 */
import type ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';

export interface GridCell {
  text: string;
  /** Set when this cell is covered by a merge whose master is another cell: the master's address. */
  mergedFrom: string | null;
}

export interface Grid {
  sheet: string;
  rowCount: number;
  columnCount: number;
  /** cells[r][c], 0-based; row r is sheet row r+1. */
  cells: GridCell[][];
  hiddenRows: number[];
  hiddenColumns: number[];
}

export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function formatNumber(n: number): string {
  // Excel shows 12 not 12.000000000000002; 15 significant digits is what it keeps.
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

/**
 * Decimal places of a percent number format (`0%` → 0, `0.00%` → 2) in its first (positive) section; null
 * for any other format. A unit's 65% typed in Excel is the number 0.65 shown through such a format.
 */
export function percentDecimals(code: string): number | null {
  const plain = code.split(';')[0]!.replace(/"[^"]*"/g, '').replace(/\[[^\]]*]/g, '');
  const m = /^[#0,]*0(?:\.(0+))?%$/.exec(plain.trim());
  return m ? (m[1]?.length ?? 0) : null;
}

/** A number as a percent format shows it: 0.655 with `0%` is 66%. */
export function percentText(n: number, decimals: number): string {
  return `${Number((n * 100).toPrecision(15)).toFixed(decimals)}%`;
}

/**
 * A date-formatted number as the grid shows dates: the ISO day, from Excel's day count the way exceljs
 * turns it into a Date (1900 system, or 1904 when the workbook says so); empty when it is no valid date.
 */
export function serialDateText(serial: number, date1904: boolean): string {
  return valueText(new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)));
}

/** A cell's shown text; `numFmt` is its number format, for numbers shown as percentages. */
export function valueText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const decimals = numFmt ? percentDecimals(numFmt) : null;
    return decimals === null ? formatNumber(value) : percentText(value, decimals);
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  // A date-formatted cell holding 1e21 or NaN is an invalid Date, which Excel shows as ####.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      return result === undefined ? '' : valueText(result as ExcelJS.CellValue, numFmt);
    }
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text;
    if ('error' in value) return '';
  }
  return String(value);
}

function decodeAddress(a: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Excel's last row: a sheet with rows past it is damaged. */
export const MAX_ROWS = 1_048_576;
/**
 * Cells the grid may hold: 35 times the largest overview the tests read (20,000 lines × 7 columns), and
 * far below what would exhaust memory — a damaged or odd sheet is refused rather than taking the app down.
 */
export const MAX_GRID_CELLS = 5_000_000;

/**
 * The sheet's cells as text. `merges` are the sheet's merge ranges when they were taken out before
 * loading (unmerge.ts); otherwise the worksheet's own merge list is used. `file` names the workbook in errors.
 */
export function readGrid(ws: ExcelJS.Worksheet, merges: string[] | undefined, file: string): Grid {
  // Checked first: exceljs's row counts and its model walk the row array, which a damaged row number makes a billion long.
  if (ws.rowCount > MAX_ROWS) {
    throw new AppError('validation', `文件“${file}”的工作表“${ws.name}”中有第${ws.rowCount}行，超出了 Excel 的最大行数（${MAX_ROWS}行），文件已损坏。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。`, { file, sheet: ws.name });
  }
  const rowCount = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  const columnCount = ws.columnCount;
  let held = 0;
  const hold = () => {
    held += columnCount;
    if (held > MAX_GRID_CELLS) {
      throw new AppError('validation', `文件“${file}”的工作表“${ws.name}”数据范围过大（${rowCount}行 × ${columnCount}列），无法读取。请删除表格以外的多余内容或多余的合并单元格后再导入。`, { file, sheet: ws.name });
    }
  };
  // Rows the sheet does not have share one frozen empty row: a lone cell on row 1,048,576 must not make a
  // million rows of cells (exceljs's getRow/getCell would create every one of them).
  const empty = Object.freeze(Array.from({ length: columnCount }, () => Object.freeze({ text: '', mergedFrom: null }))) as GridCell[];
  const cells: GridCell[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) {
      cells.push(empty);
      continue;
    }
    hold();
    if (row.hidden) hiddenRows.push(r);
    const line: GridCell[] = [];
    for (let c = 1; c <= columnCount; c++) {
      const cell = row.findCell(c);
      line.push({ text: valueText(cell?.value ?? null, cell?.numFmt), mergedFrom: null });
    }
    cells.push(line);
  }
  // ws.model builds a copy of the whole sheet: only for a workbook whose merges were not taken out.
  const ranges = merges ?? ((ws.model as { merges?: string[] }).merges ?? []);
  for (const range of ranges) {
    const [from, to] = range.split(':').map(decodeAddress) as [{ row: number; col: number }, { row: number; col: number }];
    const master = cells[from.row]?.[from.col];
    if (!master) continue;
    const address = `${columnLetter(from.col)}${from.row + 1}`;
    for (let r = from.row; r <= Math.min(to.row, rowCount - 1); r++) {
      if (cells[r] === empty) {
        hold();
        cells[r] = empty.map(() => ({ text: '', mergedFrom: null }));
      }
      for (let c = from.col; c <= Math.min(to.col, columnCount - 1); c++) {
        if (r === from.row && c === from.col) continue;
        cells[r]![c] = { text: master.text, mergedFrom: address };
      }
    }
  }
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= columnCount; c++) if (ws.getColumn(c).hidden) hiddenColumns.push(c);
  return { sheet: ws.name, rowCount, columnCount, cells, hiddenRows, hiddenColumns };
}
