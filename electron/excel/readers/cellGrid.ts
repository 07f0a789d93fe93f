/**
 * A sheet read by another reader (a .xls, an .ods, a Word table) made into the Grid the xlsx readers build
 * (grid.ts): the same empty-row sharing, merged cells carrying their master's text, the same size limits
 * and messages, so what follows (header, column typing, rows) cannot tell where the cells came from.
 */
import { AppError } from '../../../shared/errors';
import { columnLetter, MAX_GRID_CELLS, MAX_ROWS, type Grid, type GridCell } from '../grid';

/** A rectangle of merged cells, 0-based and inclusive. */
export interface MergeRange {
  from: { row: number; col: number };
  to: { row: number; col: number };
}

export interface SheetCells {
  sheet: string;
  /** Shown text by 0-based row, then 0-based column; empty texts may be left out. */
  rows: Map<number, Map<number, string>>;
  merges: MergeRange[];
  /** 1-based, as grid.ts keeps them. */
  hiddenRows: number[];
  hiddenColumns: number[];
}

function tooLarge(file: string, sheet: string, rows: number, columns: number): AppError {
  return new AppError('validation', `文件“${file}”的工作表“${sheet}”数据范围过大（${rows}行 × ${columns}列），无法读取。请删除表格以外的多余内容或多余的合并单元格后再导入。`, { file, sheet });
}

export function cellsToGrid(s: SheetCells, file: string): Grid {
  let rowCount = 0;
  let columnCount = 0;
  for (const [r, line] of s.rows) {
    let any = false;
    for (const [c, text] of line) {
      if (text === '') continue;
      any = true;
      columnCount = Math.max(columnCount, c + 1);
    }
    if (any) rowCount = Math.max(rowCount, r + 1);
  }
  for (const r of s.hiddenRows) rowCount = Math.max(rowCount, r);
  // A merge reaching past the last written cell widens the sheet, as in the xlsx readers; not lengthens it.
  for (const m of s.merges) if (m.to.row < rowCount) columnCount = Math.max(columnCount, m.to.col + 1);
  if (rowCount > MAX_ROWS) {
    throw new AppError('validation', `文件“${file}”的工作表“${s.sheet}”中有第${rowCount}行，超出了 Excel 的最大行数（${MAX_ROWS}行），文件已损坏。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。`, { file, sheet: s.sheet });
  }
  const empty = Object.freeze(Array.from({ length: columnCount }, () => Object.freeze({ text: '', mergedFrom: null }))) as GridCell[];
  let held = 0;
  const hold = () => {
    held += columnCount;
    if (held > MAX_GRID_CELLS) throw tooLarge(file, s.sheet, rowCount, columnCount);
  };
  const cells: GridCell[][] = [];
  for (let r = 0; r < rowCount; r++) {
    const own = s.rows.get(r);
    if (!own || ![...own.values()].some((t) => t !== '')) {
      cells.push(empty);
      continue;
    }
    hold();
    const line: GridCell[] = new Array(columnCount);
    for (let c = 0; c < columnCount; c++) line[c] = { text: own.get(c) ?? '', mergedFrom: null };
    cells.push(line);
  }
  for (const m of s.merges) {
    const master = cells[m.from.row]?.[m.from.col];
    if (!master) continue;
    const address = `${columnLetter(m.from.col)}${m.from.row + 1}`;
    for (let r = m.from.row; r <= Math.min(m.to.row, rowCount - 1); r++) {
      if (cells[r] === empty) {
        hold();
        cells[r] = empty.map(() => ({ text: '', mergedFrom: null }));
      }
      for (let c = m.from.col; c <= Math.min(m.to.col, columnCount - 1); c++) {
        if (r === m.from.row && c === m.from.col) continue;
        cells[r]![c] = { text: master.text, mergedFrom: address };
      }
    }
  }
  const hiddenColumns = s.hiddenColumns.filter((c) => c <= columnCount);
  return { sheet: s.sheet, rowCount, columnCount, cells, hiddenRows: s.hiddenRows.filter((r) => r <= rowCount), hiddenColumns };
}
