/**
 * Where the header is: not on row 1 (a title and a paragraph come first), sometimes on two rows — a group
 * cell such as 三季度工作推进情况 or 责任单位 merged across, with 完成情况 | 是否按计划完成进度 or
 * 牵头单位 | 配合单位 on the row below it.
 */
import { applyMapping, blocksOfHeader, headerRoleCount, roleOfHeader, type Block, type ColumnMapping } from './headers';
import { columnLetter } from './grid';
import type { Grid } from './grid';

/** Rows searched for the header: titles, paragraphs and 填报单位 lines never run this long. */
export const HEADER_SCAN_ROWS = 30;

export interface HeaderRows {
  /** 0-based grid rows: the header is `first`, or `first` and `first + 1` for a two-row header. */
  first: number;
  last: number;
  /** Per column, the name that gave it its role (the lower row's name under a group cell). */
  texts: string[];
  blocks: Block[];
}

/** The texts a row itself holds: a cell covered by a merge from elsewhere counts as empty here. */
function ownTexts(grid: Grid, r: number): string[] {
  return grid.cells[r]!.map((c) => (c.mergedFrom ? '' : c.text));
}

/**
 * The row below names columns under a group cell when its own cells are column names (one at least,
 * and most of them) and none is a serial number, which a first data row would have.
 */
function subHeader(grid: Grid, r: number): string[] | null {
  if (r + 1 >= grid.rowCount) return null;
  const below = ownTexts(grid, r + 1);
  const filled = below.filter((t) => t.trim() !== '');
  const named = headerRoleCount(below);
  if (named === 0 || named * 2 < filled.length) return null;
  if (filled.some((t) => /^\s*\d+\s*$/.test(t))) return null;
  return below;
}

export function findHeader(grid: Grid, mapping?: ColumnMapping): HeaderRows | null {
  const corrected = (texts: string[]) => applyMapping(texts, mapping, columnLetter);
  for (let r = 0; r < Math.min(grid.rowCount, HEADER_SCAN_ROWS); r++) {
    const own = ownTexts(grid, r);
    // Only a row that is itself mostly a header may take the row below: never a title above a header.
    if (headerRoleCount(own) < 2) continue;
    const below = subHeader(grid, r);
    if (below) {
      const texts = corrected(own.map((t, c) => (roleOfHeader(below[c] ?? '') !== null ? below[c]! : t)));
      const blocks = blocksOfHeader(texts);
      if (blocks.length > 0) return { first: r, last: r + 1, texts, blocks };
    }
    const texts = corrected(own);
    const blocks = blocksOfHeader(texts);
    if (blocks.length > 0) return { first: r, last: r, texts, blocks };
  }
  return null;
}
