/**
 * Where the header is: not on row 1 (a title and a paragraph come first), sometimes on two rows — a group
 * cell such as 三季度工作推进情况 or 责任单位 merged across, with 完成情况 | 是否按计划完成进度 or
 * 牵头单位 | 配合单位 on the row below it — and what each of its columns is, from the header's wording and
 * from the values under it (columnTypes.ts).
 */
import crypto from 'node:crypto';
import { isEmptyMarker, normalizeSpaces, type Quarter } from '../../shared/domain';
import { assignRoles, candidatesOf, NO_KNOWN_NAMES, profileOf, type KnownNames } from './columnTypes';
import { blockRanges, compactHeader, otherColumnOf, type OtherColumn, FURTHER_LEADERS, headerRoleCount, isUsableBlock, quarterIn, roleOfHeader, type Block, type ColumnMapping, type IgnoredColumn } from './headers';
import { columnLetter } from './grid';
import type { Grid } from './grid';

/** Rows searched for the header: titles, paragraphs and 填报单位 lines never run this long. */
export const HEADER_SCAN_ROWS = 30;
/** Rows whose values type the columns: enough to be sure, few enough to cost nothing on a large table. */
export const SAMPLE_ROWS = 400;

export interface HeaderRows {
  /** 0-based grid rows: the header is `first`, or `first` and `first + 1` for a two-row header. */
  first: number;
  last: number;
  /** Per column, the name that gave it its role (the lower row's name under a group cell). */
  texts: string[];
  blocks: Block[];
  /** The header's shape: files with the same signature get the same remembered column mapping. */
  signature: string;
  /** The user's corrections in force: remembered for the shape, then this file's own. */
  mapping: ColumnMapping;
}

export interface HeaderOptions {
  /** The user's corrections for this file: column letter → role or 'ignore'. */
  mapping?: ColumnMapping | undefined;
  /** Corrections remembered for files of the same shape, by header signature. */
  remembered?: ReadonlyMap<string, ColumnMapping> | undefined;
  known?: KnownNames | undefined;
  /**
   * The table's quarter, when the user or the title says it: a progress column headed for an earlier one
   * (上半年完成情况 beside 工作推进情况 in a third-quarter table) is last quarter's, not this one's.
   */
  quarter?: Quarter | undefined;
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
  // One text merged across the row is a heading (李春英同志牵头责任目标), whatever words it holds.
  if (filled.length === 1 && grid.cells[r + 1]!.filter((c) => c.mergedFrom).length >= 2) return null;
  const named = headerRoleCount(below) + below.filter((t) => QUARTER_WORD.test(compactHeader(t))).length;
  if (named === 0 || named * 2 < filled.length) return null;
  if (filled.some((t) => /^\s*\d+\s*$/.test(t))) return null;
  return below;
}

/** A sub-column of a progress group cell: 完成情况 over 一季度 | 二季度 | 三季度. */
const QUARTER_WORD = /^(第?[一二三四1-4]季度|Q[1-4]|上半年)$/i;

/** The column a merge covering a cell starts at (`G3` → 6), or null for a cell no merge covers. */
function mergeMaster(grid: Grid, r: number, c: number): number | null {
  const from = grid.cells[r]?.[c]?.mergedFrom;
  const letters = from ? /^[A-Z]+/.exec(from)?.[0] : undefined;
  if (!letters) return null;
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/**
 * The header's column names, with what a group cell says over columns that have no name of their own:
 * under 完成情况, 一季度 | 二季度 | 三季度 are 一季度完成情况 …, so the quarter's column is the progress and the
 * others are named as not read; 责任单位 merged over two columns with nothing below is 牵头单位 | 配合单位
 * (the first unit leads). `upper` is the group row, `lower` the row of names under it (or the same row).
 */
function namesUnderGroups(grid: Grid, upper: number, lower: number, texts: string[]): string[] {
  const out = [...texts];
  const shown = (c: number) => grid.cells[upper]![c]!.text;
  out.forEach((t, c) => {
    const sub = compactHeader(grid.cells[lower]![c]!.text);
    if (lower !== upper && QUARTER_WORD.test(sub) && roleOfHeader(shown(c)) === 'progress') {
      out[c] = `${sub}${compactHeader(shown(c))}`;
      return;
    }
    const master = compactHeader(t) === '' ? mergeMaster(grid, upper, c) : null;
    if (master === null || master >= c || roleOfHeader(shown(master)) !== 'units') return;
    const span = out.slice(master + 1).findIndex((_, k) => mergeMaster(grid, upper, master + 1 + k) !== master);
    if ((span === -1 ? out.length - master - 1 : span) === 1 && compactHeader(out[master]!) === compactHeader(shown(master))) {
      out[master] = '牵头单位';
      out[c] = '配合单位';
    }
  });
  return out;
}

/** Per grid, `column:fromRow` → whether it holds values: each header row tried asks again of every empty column. */
const HOLDS = new WeakMap<Grid, Map<string, boolean>>();

/** Whether a column holds a value of its own (not a merge's copy) in any row under the header. */
export function holdsValues(grid: Grid, c: number, from: number): boolean {
  const known = HOLDS.get(grid) ?? new Map<string, boolean>();
  HOLDS.set(grid, known);
  const key = `${c}:${from}`;
  let holds = known.get(key);
  if (holds === undefined) {
    holds = false;
    for (let r = from; r < grid.rowCount && !holds; r++) {
      const cell = grid.cells[r]![c];
      if (!cell || cell.mergedFrom || cell.text === '') continue;
      const t = normalizeSpaces(cell.text);
      holds = t !== '' && !isEmptyMarker(t);
    }
    known.set(key, holds);
  }
  return holds;
}

/**
 * A row shaped like a header whatever its words: three short texts at least, none a number, and the row
 * below not shaped so (a title block of short lines is not a header; data rows have numbers and long text).
 */
function headerShaped(grid: Grid, r: number): boolean {
  const shaped = (row: number) => {
    const own = ownTexts(grid, row);
    if (own.some((t) => t.length > 200)) return false;
    const filled = own.map(compactHeader).filter((t) => t !== '');
    return filled.length >= 3 && filled.every((t) => t.length <= 20 && !/^\d+$/.test(t));
  };
  return shaped(r) && r + 1 < grid.rowCount && !shaped(r + 1);
}

/** The header's shape as a short stable key: its column names, spaces and line breaks taken out. */
export function headerSignature(texts: string[]): string {
  const names = texts.map(compactHeader).join('|').replace(/\|+$/, '');
  return crypto.createHash('sha256').update(names).digest('hex').slice(0, 16);
}

/** The values under one column of a block, as the typing reads them, and the count of table rows. */
function columnValues(grid: Grid, from: number, first: number, last: number): { values: Map<number, string[]>; rows: number } {
  const values = new Map<number, string[]>();
  for (let c = first; c <= last; c++) values.set(c, []);
  let rows = 0;
  for (let r = from; r < Math.min(grid.rowCount, from + SAMPLE_ROWS); r++) {
    const own: [number, string][] = [];
    const all: string[] = [];
    for (let c = first; c <= last; c++) {
      const cell = grid.cells[r]![c]!;
      const t = normalizeSpaces(cell.text);
      if (t === '' || isEmptyMarker(t)) continue;
      all.push(t);
      // A merged cell counts once, at its master.
      if (!cell.mergedFrom) own.push([c, t]);
    }
    // Headings (one text across the row) and headers printed again are not table rows.
    if (all.length < 2 || new Set(all).size === 1 || headerRoleCount(all) >= 2) continue;
    rows++;
    for (const [c, t] of own) values.get(c)!.push(t);
  }
  return { values, rows };
}

function typeBlock(grid: Grid, texts: string[], groups: string[] | null, dataRow: number, range: { first: number; last: number }, options: HeaderOptions, mapping: ColumnMapping): Block {
  const { values, rows } = columnValues(grid, dataRow, range.first, range.last);
  // The quarter a column is headed for, by its name or the group cell over it (三季度工作推进情况 over 完成情况);
  // the table's, the user's or the latest its progress columns name.
  const quarterOf = (c: number) => quarterIn(texts[c] ?? '') ?? (groups ? quarterIn(groups[c] ?? '') : null);
  let quarter = options.quarter ?? null;
  for (let c = range.first; c <= range.last && options.quarter === undefined; c++) {
    const named = roleOfHeader(texts[c] ?? '') === 'progress' ? quarterOf(c) : null;
    if (named !== null && (quarter === null || named > quarter)) quarter = named;
  }
  const columns: { column: number; candidates: ReturnType<typeof candidatesOf> }[] = [];
  const others = new Map<number, OtherColumn>();
  for (let c = range.first; c <= range.last; c++) {
    const user = mapping[columnLetter(c)];
    // A column with no name of its own is typed by its values, or named as not read: never dropped unsaid.
    if (compactHeader(texts[c] ?? '') === '' && user === undefined && !holdsValues(grid, c, dataRow)) continue;
    // A column the header names as one not imported (存在问题, 备注, 联系人) is not typed by its values.
    const other = user === undefined ? otherColumnOf(texts[c] ?? '') : null;
    if (other !== null) {
      others.set(c, other);
      columns.push({ column: c, candidates: [] });
      continue;
    }
    const profile = profileOf(values.get(c) ?? [], rows, options.known ?? NO_KNOWN_NAMES);
    const named = quarterOf(c);
    const role = roleOfHeader(texts[c] ?? '');
    columns.push({ column: c, candidates: candidatesOf(role, profile, user, named ?? 0, role === 'progress' && named !== null && quarter !== null && named < quarter) });
  }
  const assigned = assignRoles(columns);
  const block: Block = { columns: {}, sources: {}, first: range.first, last: range.first, ignored: [] };
  for (const { column, candidates } of columns) {
    const got = assigned.get(column);
    if (got) {
      block.columns[got.role] = column;
      block.sources[got.role] = got.source;
      block.last = Math.max(block.last, column);
      continue;
    }
    if (mapping[columnLetter(column)] === 'ignore') continue;
    const wanted = candidates.find((k) => k.role !== 'text');
    const other = others.get(column);
    const ignored: IgnoredColumn = { column, header: compactHeader(texts[column] ?? ''), reason: other ? 'other' : wanted ? 'duplicate' : 'unknown' };
    if (other) ignored.other = other;
    if (wanted && wanted.role !== 'text') {
      ignored.role = wanted.role;
      const kept = [...assigned].find(([, a]) => a.role === wanted.role)?.[0];
      if (kept !== undefined) ignored.kept = kept;
    }
    block.ignored.push(ignored);
  }
  if (block.columns.leaders !== undefined && FURTHER_LEADERS.test(compactHeader(texts[block.columns.leaders] ?? ''))) block.furtherLeaders = true;
  return block;
}

/** `groups`: the group row of a two-row header, as shown (a merged group cell's text over each of its columns). */
function blocksOf(grid: Grid, texts: string[], groups: string[] | null, dataRow: number, options: HeaderOptions): { blocks: Block[]; signature: string; mapping: ColumnMapping } {
  const signature = headerSignature(texts);
  const mapping = { ...(options.remembered?.get(signature) ?? {}), ...(options.mapping ?? {}) };
  // A column the user named outside the header's own range (no header text) extends the last block.
  const ranges = blockRanges(texts);
  const mapped = Object.keys(mapping).map((l) => texts.findIndex((_, c) => columnLetter(c) === l)).filter((c) => c >= 0);
  if (ranges.length > 0 && mapped.length > 0) ranges[ranges.length - 1]!.last = Math.max(ranges[ranges.length - 1]!.last, ...mapped);
  // Columns with values but no name outside every block (right of the table, between two blocks) belong
  // to the block on their left (the first block for one before it): typed there, or named as not read.
  for (let c = 0; c < grid.columnCount && ranges.length > 0; c++) {
    if (ranges.some((g) => c >= g.first && c <= g.last) || compactHeader(texts[c] ?? '') !== '' || !holdsValues(grid, c, dataRow)) continue;
    const left = [...ranges].reverse().find((g) => g.last < c);
    if (left) left.last = c;
    else ranges[0]!.first = c;
  }
  const blocks = ranges.map((range) => typeBlock(grid, texts, groups, dataRow, range, options, mapping)).filter(isUsableBlock);
  return { blocks, signature, mapping };
}

export function findHeader(grid: Grid, options: HeaderOptions = {}): HeaderRows | null {
  const limit = Math.min(grid.rowCount, HEADER_SCAN_ROWS);
  const attempt = (r: number): HeaderRows | null => {
    const own = ownTexts(grid, r);
    const below = subHeader(grid, r);
    if (below) {
      const texts = namesUnderGroups(grid, r, r + 1, own.map((t, c) => (roleOfHeader(below[c] ?? '') !== null ? below[c]! : t)));
      const found = blocksOf(grid, texts, grid.cells[r]!.map((cell) => cell.text), r + 2, options);
      if (found.blocks.length > 0) return { first: r, last: r + 1, texts, ...found };
    }
    const texts = namesUnderGroups(grid, r, r, own);
    const found = blocksOf(grid, texts, null, r + 1, options);
    return found.blocks.length > 0 ? { first: r, last: r, texts, ...found } : null;
  };
  // A row that names two columns the rules know is a header; only when none does, a row shaped like one
  // whose columns the values tell (a table from an office with words of its own).
  for (let r = 0; r < limit; r++) {
    if (headerRoleCount(ownTexts(grid, r)) < 2) continue;
    const found = attempt(r);
    if (found) return found;
  }
  for (let r = 0; r < limit; r++) {
    if (headerRoleCount(ownTexts(grid, r)) >= 2 || !headerShaped(grid, r)) continue;
    const found = attempt(r);
    if (found) return found;
  }
  return null;
}
