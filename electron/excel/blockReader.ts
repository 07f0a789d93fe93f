/**
 * Reads the rows under a header, one block at a time (a 7-column half of a side-by-side table, or the
 * whole table), into targets and their lines. Each row is one of: empty, a repeated header, a heading
 * (一、经济发展 / 某某同志牵头责任目标 / 注：…), a new target, or a continuation line (another assignment of the
 * target above: its serial cell merged with the one above, empty, repeating the same serial, or — as in
 * the published dump — holding the line's leader that slid into the 序号 column).
 */
import { namesOf } from './normalise';
import { isEmptyMarker, normalizeDeadline, normalizeSpaces, splitNames, toHalfWidth } from '../../shared/domain';
import { rememberShort } from '../../shared/memo';
import { namesWithRoles, plainNames } from './cellRoles';
import { unitsInContent } from './contentUnits';
import { columnLetter, type Grid } from './grid';
import { headerRoleCount, roleOfHeader, type Block, type ColumnRole } from './headers';
import type { CellRef, ParsedLine, ParsedTarget, ReadNote, TargetColumn } from './overviewTypes';

/** A cell as the rules read it: spaces normalised, `/ — 无` as empty. */
export function cellText(grid: Grid, r: number, c: number | undefined): string {
  if (c === undefined) return '';
  const t = normalizeSpaces(grid.cells[r]?.[c]?.text ?? '');
  return isEmptyMarker(t) ? '' : t;
}

/** （一）, 一、, (三): the numbering of a section heading, not a target's serial. */
const SECTION_NUMBER = /^[（(]?[一二三四五六七八九十]+[)）、.．]?$/;

/** `12`, `１２`, `12.`, `12、`, `（12）`, `第12项` → 12; anything else is not a serial. Read once per wording. */
export const parseSerial = rememberShort(readSerial);

function readSerial(text: string): number | null {
  const t = toHalfWidth(text)
    .replace(/\s/g, '')
    .replace(/^\((.+)\)$/, '$1')
    .replace(/^第(.+)项$/, '$1')
    .replace(/[.、]$/, '');
  // 0 is no serial: serials start at 1 (the store refuses 0).
  return /^\d{1,5}$/.test(t) && Number(t) > 0 ? Number(t) : null;
}

const GROUP_LEADER = /^(.{2,4}?)同志.*(牵头|负责|分管)/;
/** `市发展改革委牵头`, `市发展改革委牵头责任目标`: a group under a unit instead of a leader. */
const GROUP_UNIT = /^(.{2,30}?(?:局|委|办|办公室|政府|集团|中心|公司|管委会|委员会))(?:牵头|负责)(?:的)?(?:责任目标|重点工作|事项|工作|任务)?$/;

/** `张　鹏同志牵头责任目标` → 张鹏: the title of a group in a table grouped by leader. */
export function groupLeaderOf(text: string): string | null {
  return GROUP_LEADER.exec(text.replace(/\s/g, ''))?.[1] ?? null;
}

/** What a group title puts over the targets under it: a leader, or a lead unit. */
export interface Group {
  leaders: string[];
  units: string[];
}

export function groupOf(text: string): Group | null {
  const leader = groupLeaderOf(text);
  if (leader) return { leaders: [leader], units: [] };
  const unit = GROUP_UNIT.exec(text.replace(/\s/g, ''))?.[1];
  return unit ? { leaders: [], units: [unit] } : null;
}

const PERSON = /^[\u4e00-\u9fa5·]{2,4}$/;

/** 肖友华 or 聂元科 王昌华: person names only, and not a column name such as 序号. */
function isNameList(text: string): boolean {
  const names = splitNames(text);
  return roleOfHeader(text) === null && names.length > 0 && names.every((n) => PERSON.test(n.replace(/\s/g, '')));
}

function columnLetters(block: Block): Partial<Record<TargetColumn, string>> {
  const col = block.columns;
  const source: Record<TargetColumn, ColumnRole> = {
    serial: 'serial',
    content: 'content',
    deadline: 'deadline',
    progress: 'progress',
    onSchedule: 'onSchedule',
    leaders: 'leaders',
    units: col.units === undefined ? 'leadUnits' : 'units',
  };
  const letters: Partial<Record<TargetColumn, string>> = {};
  for (const [name, role] of Object.entries(source) as [TargetColumn, ColumnRole][]) {
    const c = col[role];
    if (c !== undefined) letters[name] = columnLetter(c);
  }
  return letters;
}

export function groupNote(row: number, group: Group): string {
  return group.leaders.length > 0
    ? `第${row}行是分组标题，其下目标按“${group.leaders.join('、')}”牵头处理（配合市领导等列中的领导一并计入）`
    : `第${row}行是分组标题，其下目标由“${group.units.join('、')}”牵头（表中所列单位按配合单位处理）`;
}

/**
 * The leaders of a line under a group title: the line's own when it names them in a full 市政府领导 column;
 * with a column of further leaders (配合市领导), the group's leader first and then the column's.
 */
function withGroupLeaders(own: string[], group: Group | null, further: boolean): string[] {
  if (!group || group.leaders.length === 0) return own;
  if (!further) return own.length > 0 ? own : group.leaders;
  if (group.leaders.every((g) => own.includes(g))) return own;
  return [...group.leaders, ...own.filter((n) => !group.leaders.includes(n))];
}

type RowKind = { kind: 'new'; serial: number } | { kind: 'continuation'; leaders?: string[] };

/** `firstGroup`: the group title right above the header (or the sheet's leader), for the first group of a grouped table. */
export function readBlock(grid: Grid, file: string, firstDataRow: number, block: Block, notes: ReadNote[], firstGroup: Group | null = null): ParsedTarget[] {
  const col = block.columns;
  const sheet = grid.sheet;
  const serialColumn = col.serial ?? block.first;
  const at = (r: number, c: number): CellRef => ({ file, sheet, row: r + 1, column: columnLetter(c) });
  const note = (severity: ReadNote['severity'], message: string, r: number, c?: number) =>
    notes.push({ severity, message, where: c === undefined ? { file, sheet, row: r + 1 } : at(r, c) });
  const text = (r: number, c: number | undefined) => cellText(grid, r, c);
  const letters = columnLetters(block);
  const targets: ParsedTarget[] = [];
  let group = firstGroup;
  // The serial cell of the last line read (its merge master when merged): a cell merged with it continues it.
  let previousSerialCell: string | null = null;

  for (let r = firstDataRow; r < grid.rowCount; r++) {
    const texts: string[] = [];
    for (let c = block.first; c <= block.last; c++) texts.push(text(r, c));
    const filled = texts.filter((t) => t !== '');
    if (filled.length === 0) continue;

    const serialText = text(r, col.serial);
    const serial = parseSerial(serialText);
    const ownRow = grid.cells[r]!.slice(block.first, block.last + 1).map((c) => c.text);
    if ((serialText === '' || roleOfHeader(serialText) === 'serial') && headerRoleCount(ownRow) >= 2) {
      // The header printed again: on each page of a long table, or at the top of each leader's group.
      note('info', `第${r + 1}行是重复的表头，已跳过`, r);
      continue;
    }
    // One text across the row (a merged cell) or alone in the first column: a heading, not a target.
    const firstFilled = block.first + texts.findIndex((t) => t !== '');
    const lone = filled.length === 1 && (firstFilled === block.first || firstFilled === col.serial);
    if (new Set(filled).size === 1 && (filled.length > 1 || lone) && parseSerial(filled[0]!) === null) {
      const heading = filled[0]!.replace(/\s/g, '');
      const titled = groupOf(heading);
      if (titled) group = titled;
      note('info', titled ? groupNote(r + 1, titled) : `第${r + 1}行“${heading.slice(0, 20)}”是标题行，已跳过`, r);
      continue;
    }

    const previous = targets[targets.length - 1];
    const content = text(r, col.content);
    const leaderCell = plainNames(text(r, col.leaders));
    const serialCell = col.serial === undefined ? null : grid.cells[r]![col.serial]!;
    const mergedWithAbove = serialCell?.mergedFrom != null && serialCell.mergedFrom === previousSerialCell;
    const sameContent = previous !== undefined && (content === '' || content === previous.content);
    let row: RowKind;
    if (previous && mergedWithAbove) {
      row = { kind: 'continuation' };
    } else if (serial !== null) {
      if (previous && serial === previous.serial && sameContent) {
        note('info', `第${r + 1}行：序号${serial}与上一行相同，按第${serial}项的第${previous.lines.length + 1}条分工处理`, r, serialColumn);
        row = { kind: 'continuation' };
      } else {
        row = { kind: 'new', serial };
      }
    } else if (serialText === '') {
      if (!previous) {
        note('warning', `第${r + 1}行：序号为空且前面没有目标，已跳过`, r, serialColumn);
        continue;
      }
      if (!sameContent) note('warning', `第${r + 1}行：序号为空，按上一目标（序号${previous.serial}）的续行处理`, r, serialColumn);
      row = { kind: 'continuation' };
    } else if (previous && leaderCell.length === 0 && sameContent && isNameList(serialText)) {
      note('warning', `第${r + 1}行：序号列中的“${serialText}”不是序号，按第${previous.serial}项续行的市政府领导处理`, r, serialColumn);
      row = { kind: 'continuation', leaders: splitNames(serialText) };
    } else if (SECTION_NUMBER.test(serialText) && text(r, col.progress) === '' && text(r, col.leaders) === '') {
      // A section heading split over two cells: （一） in 序号, 经济发展 in the content column.
      note('info', `第${r + 1}行“${serialText}${content}”是篇章标题行，已跳过`, r);
      continue;
    } else {
      // One row the reader cannot place is reported at its cell and left out; the rest of the file still reads.
      note('error', `第${r + 1}行：序号“${serialText}”不是数字，无法确定是哪一项责任目标，该行未导入。请改为数字序号（同一目标的续行请留空或与上一行合并单元格）`, r, serialColumn);
      continue;
    }
    previousSerialCell = serialCell === null ? null : (serialCell.mergedFrom ?? `${columnLetter(col.serial!)}${r + 1}`);

    const unitCell = text(r, col.units ?? col.leadUnits);
    const roles = namesWithRoles(unitCell);
    const cooperatingColumn = col.units === undefined && col.cooperatingUnits !== undefined ? namesOf(text(r, col.cooperatingUnits)) : null;
    let units = roles ? roles.lead : namesOf(unitCell);
    let cooperatingUnits = roles ? [...roles.cooperating, ...(cooperatingColumn ?? [])] : cooperatingColumn;
    let targetContent = content;
    if (row.kind === 'new' && units.length === 0 && !cooperatingUnits?.length) {
      const found = unitsInContent(content);
      if (found) {
        ({ content: targetContent, units, cooperatingUnits } = found);
        note('info', `第${r + 1}行：责任单位写在责任目标内容中，已读作责任单位“${[...units, ...(cooperatingUnits ?? [])].join('、')}”，并从内容中去掉`, r, col.content);
      }
    }
    if (group && group.units.length > 0) {
      const all = [...units, ...(cooperatingUnits ?? [])];
      if (!group.units.every((u) => all.includes(u))) {
        units = group.units;
        cooperatingUnits = all;
      }
    }
    const leaders = withGroupLeaders(row.kind === 'continuation' && row.leaders ? row.leaders : leaderCell, group, block.furtherLeaders === true);
    const id = (c: number | undefined): number | null => {
      const n = Number(toHalfWidth(text(r, c)));
      return Number.isInteger(n) && n > 0 ? n : null;
    };
    const line: ParsedLine = {
      leaders,
      units,
      cooperatingUnits,
      progressText: text(r, col.progress),
      onScheduleText: text(r, col.onSchedule),
      assignmentId: id(col.assignmentId),
      ref: at(r, block.first),
    };
    const deadline = normalizeDeadline(text(r, col.deadline));
    if (row.kind === 'continuation') {
      previous!.lines.push(line);
      // A deadline written only on the second line still belongs to the target.
      if (previous!.deadline === '') previous!.deadline = deadline;
    } else {
      targets.push({ serial: row.serial, content: targetContent, deadline, targetId: id(col.targetId), lines: [line], ref: at(r, serialColumn), columns: letters });
    }
  }
  return targets;
}
