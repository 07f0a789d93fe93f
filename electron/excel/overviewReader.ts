/**
 * Reads an overview (一览表) or a returned collection template into plain data: targets, their lines
 * (assignments) and one quarter's progress. Knows cells, not the database. Layout-driven: the header row
 * is found wherever it is, blocks side by side are read left block first, merged serial cells and lines
 * without a serial are continuation lines, group title rows (某某同志牵头…) give the leader of the group.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';
import { isEmptyMarker, normalizeDeadline, normalizeSpaces, splitNames, toHalfWidth, type Quarter } from '../../shared/domain';
import { blocksOfHeader, quarterIn, type Block } from './headers';
import { columnLetter, readGrid, type Grid } from './grid';
import { assertWorkbookBytes, readWorkbookFile } from './sniff';

export interface CellRef {
  file: string;
  sheet: string;
  row: number;
  column: string;
}

export interface ParsedLine {
  leaders: string[];
  /** In order: the first is the lead unit unless the file has separate lead/cooperating columns. */
  units: string[];
  /** Set when the file has separate 牵头单位 / 配合单位 columns. */
  cooperatingUnits: string[] | null;
  progressText: string;
  onScheduleText: string;
  assignmentId: number | null;
  ref: CellRef;
}

export interface ParsedTarget {
  serial: number;
  content: string;
  deadline: string;
  targetId: number | null;
  lines: ParsedLine[];
  ref: CellRef;
  /** Where the target's cells are, for messages: role → column letter. */
  columns: Partial<Record<'serial' | 'content' | 'deadline' | 'progress' | 'onSchedule' | 'leaders' | 'units', string>>;
}

export interface ReadNote {
  severity: 'info' | 'warning' | 'error';
  message: string;
  where: Partial<CellRef>;
}

export interface ParsedOverview {
  file: string;
  title: string;
  city: string | null;
  year: number | null;
  quarter: Quarter | null;
  targets: ParsedTarget[];
  notes: ReadNote[];
}

const HEADER_SCAN_ROWS = 40;

function cellText(grid: Grid, r: number, c: number | undefined): string {
  if (c === undefined) return '';
  const t = normalizeSpaces(grid.cells[r]?.[c]?.text ?? '');
  return isEmptyMarker(t) ? '' : t;
}

function findHeader(grid: Grid): { row: number; blocks: Block[] } | null {
  for (let r = 0; r < Math.min(grid.rowCount, HEADER_SCAN_ROWS); r++) {
    const blocks = blocksOfHeader(grid.cells[r]!.map((c) => (c.mergedFrom ? '' : c.text)));
    if (blocks.length > 0) return { row: r, blocks };
  }
  return null;
}

/** City, year and quarter from a title such as 菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表. */
export function readTitle(title: string): { city: string | null; year: number | null; quarter: Quarter | null } {
  const t = toHalfWidth(title.replace(/\s/g, ''));
  const city = /^(.{2,8}?[市州盟县区])人民政府/.exec(t)?.[1] ?? null;
  const year = /(20\d{2})年/.exec(t)?.[1];
  return { city, year: year ? Number(year) : null, quarter: quarterIn(t) };
}

function parseSerial(text: string): number | null {
  const t = toHalfWidth(text).replace(/\s/g, '').replace(/[.、]$/, '');
  return /^\d{1,5}$/.test(t) ? Number(t) : null;
}

const GROUP_LEADER = /^(.{2,4}?)同志.*(牵头|负责|分管)/;
const NAME_LIKE = /^[\u4e00-\u9fa5]{2,4}$/;

function isRepeatedHeader(grid: Grid, r: number, block: Block, headerRow: number): boolean {
  const content = block.columns.content!;
  return cellText(grid, r, content) !== '' && cellText(grid, r, content) === cellText(grid, headerRow, content);
}

/** Reads one block of rows (a 7-column half of a side-by-side table, or the whole table). */
function readBlock(grid: Grid, file: string, headerRow: number, block: Block, notes: ReadNote[]): ParsedTarget[] {
  const col = block.columns;
  const ref = (r: number, c: number): CellRef => ({ file, sheet: grid.sheet, row: r + 1, column: columnLetter(c) });
  const letters = Object.fromEntries(
    (['serial', 'content', 'deadline', 'progress', 'onSchedule', 'leaders', 'units'] as const)
      .map((role) => [role, col[role === 'units' ? (col.units === undefined ? 'leadUnits' : 'units') : role]] as const)
      .filter((e): e is readonly [typeof e[0], number] => e[1] !== undefined)
      .map(([role, c]) => [role, columnLetter(c)]),
  );
  const targets: ParsedTarget[] = [];
  let groupLeader: string[] | null = null;
  let previousSerialMerge: string | null = null;

  for (let r = headerRow + 1; r < grid.rowCount; r++) {
    const texts: string[] = [];
    for (let c = block.first; c <= block.last; c++) texts.push(cellText(grid, r, c));
    const filled = texts.filter((t) => t !== '');
    if (filled.length === 0) continue;
    if (isRepeatedHeader(grid, r, block, headerRow)) continue;
    // A merged title across the table, or a lone heading in the first column: a group or section heading
    // (一、经济发展 / 张三同志牵头责任目标), not a target.
    const firstFilled = texts.findIndex((t) => t !== '');
    const lone = filled.length === 1 && (block.first + firstFilled === block.first || block.first + firstFilled === col.serial);
    if (new Set(filled).size === 1 && (filled.length > 1 || lone) && parseSerial(filled[0]!) === null) {
      const heading = filled[0]!.replace(/\s/g, '');
      const leader = GROUP_LEADER.exec(heading);
      if (leader) groupLeader = [leader[1]!];
      notes.push({
        severity: 'info',
        message: leader ? `第${r + 1}行是分组标题，其下目标的市政府领导按“${leader[1]}”处理` : `第${r + 1}行“${heading.slice(0, 20)}”是标题行，已跳过`,
        where: { file, sheet: grid.sheet, row: r + 1 },
      });
      continue;
    }

    const serialCell = col.serial === undefined ? null : grid.cells[r]![col.serial]!;
    const serialText = col.serial === undefined ? '' : cellText(grid, r, col.serial);
    const serial = parseSerial(serialText);
    let leaders = splitNames(cellText(grid, r, col.leaders));
    const content = cellText(grid, r, col.content);
    const idText = (c: number | undefined) => {
      const n = Number(toHalfWidth(cellText(grid, r, c)));
      return Number.isInteger(n) && n > 0 ? n : null;
    };

    // Continuation: a serial cell merged with the one above, or an empty serial under a target.
    const mergedWithAbove = serialCell?.mergedFrom != null && serialCell.mergedFrom === previousSerialMerge;
    const continuation =
      targets.length > 0 && (mergedWithAbove || (serial === null && (serialText === '' || (leaders.length === 0 && NAME_LIKE.test(serialText)))));
    if (continuation && serialText !== '' && !mergedWithAbove) {
      // The published dump's quirk: the second line's leader slid into the 序号 column.
      leaders = splitNames(serialText);
      notes.push({ severity: 'warning', message: `第${r + 1}行：序号列中的“${serialText}”不是序号，按上一目标续行的市政府领导处理`, where: ref(r, col.serial!) });
    }
    if (continuation && serialText === '' && !mergedWithAbove && content !== '' && content !== targets[targets.length - 1]!.content) {
      notes.push({ severity: 'warning', message: `第${r + 1}行：序号为空，按上一目标（序号${targets[targets.length - 1]!.serial}）的续行处理`, where: ref(r, col.serial ?? block.first) });
    }
    if (!continuation && serial === null) {
      if (serialText === '' && targets.length === 0) {
        notes.push({ severity: 'warning', message: `第${r + 1}行：序号为空且前面没有目标，已跳过`, where: ref(r, col.serial ?? block.first) });
      } else {
        notes.push({ severity: 'error', message: `第${r + 1}行：序号“${serialText}”不是数字，该行未导入`, where: ref(r, col.serial ?? block.first) });
      }
      continue;
    }
    if (leaders.length === 0 && groupLeader) leaders = groupLeader;

    const leadUnits = col.units !== undefined ? splitNames(cellText(grid, r, col.units)) : splitNames(cellText(grid, r, col.leadUnits));
    const line: ParsedLine = {
      leaders,
      units: leadUnits,
      cooperatingUnits: col.units === undefined && col.cooperatingUnits !== undefined ? splitNames(cellText(grid, r, col.cooperatingUnits)) : null,
      progressText: cellText(grid, r, col.progress),
      onScheduleText: cellText(grid, r, col.onSchedule),
      assignmentId: idText(col.assignmentId),
      ref: ref(r, block.first),
    };
    if (continuation) {
      targets[targets.length - 1]!.lines.push(line);
    } else {
      targets.push({
        serial: serial!,
        content,
        deadline: normalizeDeadline(cellText(grid, r, col.deadline)),
        targetId: idText(col.targetId),
        lines: [line],
        ref: ref(r, col.serial ?? block.first),
        columns: letters,
      });
    }
    previousSerialMerge = serialCell?.mergedFrom ?? (serialCell ? `${columnLetter(col.serial!)}${r + 1}` : null);
  }
  return targets;
}

export function parseOverviewWorkbook(wb: ExcelJS.Workbook, fileName: string): ParsedOverview {
  const notes: ReadNote[] = [];
  const targets: ParsedTarget[] = [];
  let title = '';
  let quarter: Quarter | null = null;
  let found = false;
  for (const ws of wb.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
    const grid = readGrid(ws);
    const header = findHeader(grid);
    if (!header) {
      if (grid.rowCount > 0) notes.push({ severity: 'info', message: `工作表“${grid.sheet}”中没有找到表头，已跳过`, where: { file: fileName, sheet: grid.sheet } });
      continue;
    }
    found = true;
    for (let r = 0; r < header.row && !title; r++) {
      const t = grid.cells[r]!.map((c) => normalizeSpaces(c.text)).find((t) => t !== '');
      if (t) title = t;
    }
    const progressColumn = header.blocks[0]!.columns.progress;
    quarter ??= (progressColumn === undefined ? null : quarterIn(grid.cells[header.row]![progressColumn]!.text)) ?? quarterIn(grid.sheet);
    if (grid.hiddenRows.length > 0) notes.push({ severity: 'warning', message: `工作表“${grid.sheet}”有 ${grid.hiddenRows.length} 个隐藏行（第${grid.hiddenRows.slice(0, 5).join('、')}行${grid.hiddenRows.length > 5 ? '等' : ''}），已一并读取`, where: { file: fileName, sheet: grid.sheet } });
    for (const block of header.blocks) {
      for (const ig of block.ignored) {
        notes.push({ severity: 'info', message: `“${ig.header}”列（${columnLetter(ig.column)}列）不属于一览表的内容，未导入`, where: { file: fileName, sheet: grid.sheet, row: header.row + 1, column: columnLetter(ig.column) } });
      }
      targets.push(...readBlock(grid, fileName, header.row, block, notes));
    }
  }
  if (!found) {
    const sheet = wb.worksheets[0]?.name;
    throw new AppError('validation', `文件“${fileName}”中未找到一览表的表头（需要“序号”“责任目标内容”等列名）。请确认这是责任目标一览表或报送模板。`, { file: fileName, ...(sheet ? { sheet } : {}) });
  }
  const fromTitle = readTitle(title);
  return { file: fileName, title, city: fromTitle.city, year: fromTitle.year, quarter: fromTitle.quarter ?? quarter, targets, notes };
}

/** Lead and cooperating units of a line: separate columns when the file has them, else the first unit leads. */
export function unitsOf(line: ParsedLine): { leadUnits: string[]; cooperatingUnits: string[] } {
  return line.cooperatingUnits === null
    ? { leadUnits: line.units.slice(0, 1), cooperatingUnits: line.units.slice(1) }
    : { leadUnits: line.units, cooperatingUnits: line.cooperatingUnits };
}

/** Reads a workbook from its bytes: what the renderer sends and what the CLI reads from disk. */
export async function readOverviewBytes(name: string, bytes: Buffer): Promise<ParsedOverview> {
  assertWorkbookBytes(name, bytes);
  const wb = new ExcelJS.Workbook();
  try {
    // The non-streaming reader: the streaming one corrupts multi-byte characters at chunk borders
    // (exceljs #2063/#2084/#2316) and drops merge information.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('validation', `文件“${name}”已损坏或不完整，无法作为 Excel 工作簿打开（${(err as Error).message.slice(0, 80)}）。`, { file: name });
  }
  return parseOverviewWorkbook(wb, name);
}

export async function readOverview(filePath: string): Promise<ParsedOverview> {
  const { name, bytes } = readWorkbookFile(filePath);
  return readOverviewBytes(name, bytes);
}
