/**
 * A worksheet as a grid of display strings, the way a person reads it: formulas by their cached result,
 * rich text joined, numbers stored as text kept as text, merged cells resolved to their master's value
 * (and marked, because a vertical merge in 序号 means "same target, next line"), hidden rows and columns marked.
 */
import type ExcelJS from 'exceljs';

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

export function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      return result === undefined ? '' : valueText(result as ExcelJS.CellValue);
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

/**
 * The sheet's cells as text. `merges` are the sheet's merge ranges when they were taken out before
 * loading (unmerge.ts); otherwise the worksheet's own merge list is used.
 */
export function readGrid(ws: ExcelJS.Worksheet, merges?: string[]): Grid {
  const ranges = merges ?? ((ws.model as { merges?: string[] }).merges ?? []);
  const rowCount = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  const columnCount = ws.columnCount;
  const cells: GridCell[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    if (row.hidden) hiddenRows.push(r);
    const line: GridCell[] = [];
    for (let c = 1; c <= columnCount; c++) line.push({ text: valueText(row.getCell(c).value), mergedFrom: null });
    cells.push(line);
  }
  for (const range of ranges) {
    const [from, to] = range.split(':').map(decodeAddress) as [{ row: number; col: number }, { row: number; col: number }];
    const master = cells[from.row]?.[from.col];
    if (!master) continue;
    const address = `${columnLetter(from.col)}${from.row + 1}`;
    for (let r = from.row; r <= Math.min(to.row, rowCount - 1); r++) {
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
