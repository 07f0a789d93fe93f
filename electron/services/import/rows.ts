/**
 * The plan's first step, rows: each target the readers handed over becomes a row of the preview, with the
 * checks that need no store (a cell too long, a value in a column it cannot belong to, a serial that is a
 * date) and the data-quality warnings about the file itself. A row refused here goes no further.
 */
import type { ImportItem, Note } from '../../../shared/contract';
import { MAX_CELL_TEXT } from '../../../shared/contract';
import { normalizeName, ON_SCHEDULE_LABELS, parseDeadline, parseOnSchedule } from '../../../shared/domain';
import type { ParsedOverview, ParsedTarget } from '../../excel/overviewReader';
import { comparable, comparableSimilarity } from '../text';
import { cellMisfits } from './cells';
import { note } from './notes';
import { sourceOf, type FileSource, type PlanContext } from './planContext';

/**
 * Content that is really a progress report: the same text, or nearly the same long text (target 25 of the
 * seed has its progress pasted into the content with the first words edited). A short target echoed inside
 * its progress (城镇调查失业率控制在5.5%以内) is normal reporting and is not flagged.
 */
export function contentIsProgress(content: string, progress: string): boolean {
  const a = comparable(content);
  const b = comparable(progress);
  if (a === b) return true;
  // A Dice score of 0.8 needs texts of similar length; most pairs are told apart without trigrams.
  const ratio = Math.min(a.length, b.length) / Math.max(a.length, b.length);
  return ratio >= 0.66 && a.length >= 40 && [...a].length >= 40 && comparableSimilarity(a, b) >= 0.8;
}

export type Where = (role: keyof ParsedTarget['columns'], row?: number) => Note['where'];

/** The cell of a target's role (on its own row, or a line's): what every note of the row names. */
export function whereOf(t: ParsedTarget): Where {
  return (role, row = t.ref.row) => ({ file: t.ref.file, sheet: t.ref.sheet, row, ...(t.columns[role] ? { column: t.columns[role] } : {}) });
}

export interface Row {
  t: ParsedTarget;
  fileIndex: number;
  fileName: string;
  source: FileSource;
  /** The preview's row: its notes and changes grow in the steps that follow. */
  item: ImportItem;
  where: Where;
  /** False when a check here refused it (item.status is then 'error'). */
  readable: boolean;
}

/** What the rows gather beyond themselves, for the warnings raised once every row is planned. */
export interface RowTally {
  newLeaders: Set<string>;
  newUnits: Set<string>;
  /** Progress texts of this quarter by owner serial, to find the same text on two different targets (a copy error). */
  progressOwners: Map<string, Set<number>>;
  pendingDuplicates: { text: string; item: ImportItem; where: Note['where'] }[];
}

export function emptyTally(ctx: PlanContext): RowTally {
  const progressOwners = new Map<string, Set<number>>();
  for (const t of ctx.existing) {
    for (const a of t.assignments) {
      const p = a.progress.find((r) => r.quarter === ctx.quarter);
      if (p && comparable(p.text).length >= 10) progressOwners.set(comparable(p.text), new Set([t.serial]));
    }
  }
  return { newLeaders: new Set(), newUnits: new Set(), progressOwners, pendingDuplicates: [] };
}

/**
 * A serial that is an Excel date (45261 is 2023-12-01): far beyond the year's serials and inside the
 * dates Excel counts from 2000 to 2100. A year has a few hundred targets, not tens of thousands.
 */
export function dateSerialOf(serial: number, maxSerial: number): string | null {
  if (serial < 36_526 || serial > 73_051 || serial <= maxSerial * 2 + 1_000) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The checks that refuse a row whatever the store holds; an empty list lets it through. */
export function refusals(t: ParsedTarget, maxSerial: number, where: Where): Note[] {
  // A cell longer than the store takes (a pasted document, a hostile file) is refused, not cut.
  const cells: [string, string, Note['where']][] = [
    ['责任目标内容', t.content, where('content')],
    ['完成时限', t.deadline, where('deadline')],
    ...t.lines.map((l): [string, string, Note['where']] => ['完成情况', l.progressText, where('progress', l.ref.row)]),
  ];
  const tooLong = cells.filter(([, text]) => text.length > MAX_CELL_TEXT);
  if (tooLong.length > 0) {
    return tooLong.map(([what, text, at]) =>
      note('error', 'cell-too-long', `第${t.serial}项的${what}有 ${text.length.toLocaleString('zh-CN')} 个字，超过单元格上限 ${MAX_CELL_TEXT.toLocaleString('zh-CN')} 字，该行未导入`, at),
    );
  }
  // A value in a column it cannot belong to (a paragraph as a status, 否 as a unit): the file's columns are
  // off, and nothing of the target is taken, rather than a unit named 否 created.
  const asDate = dateSerialOf(t.serial, maxSerial);
  if (asDate !== null) {
    return [note('error', 'cell-misfit', `“序号”一栏的“${t.serial}”是日期（${asDate}）的序列数，不是序号，该目标未导入，请核对该单元格是否填错了列`, where('serial'))];
  }
  return cellMisfits(t).map((m) => note('error', 'cell-misfit', `第${t.serial}项：${m.message}，该目标未导入，请核对该单元格是否填错了列`, where(m.column, m.row)));
}

/** Data-quality warnings about the file itself: empty content, an unreadable deadline, content = progress, the status cell. */
export function qualityNotes(t: ParsedTarget, year: number, where: Where): Note[] {
  const notes: Note[] = [];
  if (t.content === '') notes.push(note('warning', 'empty-content', `第${t.serial}项：责任目标内容为空`, where('content')));
  const d = parseDeadline(t.deadline, year);
  if (d.kind === 'unknown') notes.push(note('warning', 'deadline-unreadable', `第${t.serial}项：无法识别完成时限“${t.deadline}”，已按原文保存`, where('deadline')));
  for (const l of t.lines) {
    const row = l.ref.row;
    if (t.content !== '' && l.progressText !== '' && contentIsProgress(t.content, l.progressText)) {
      notes.push(note('warning', 'content-equals-progress', `第${t.serial}项：责任目标内容与完成情况几乎相同，可能把完成情况填进了内容栏`, where('content', row)));
    }
    const reading = parseOnSchedule(l.onScheduleText);
    if (l.onScheduleText === '' && l.progressText !== '') notes.push(note('warning', 'on-schedule-missing', `第${t.serial}项：未填写是否按计划完成进度`, where('onSchedule', row)));
    else if (!reading.recognized && reading.value !== null) notes.push(note('info', 'on-schedule-mapped', `第${t.serial}项：“${l.onScheduleText}”按“${ON_SCHEDULE_LABELS[reading.value]}”处理，原文保留`, where('onSchedule', row)));
    else if (!reading.recognized) notes.push(note('warning', 'on-schedule-unknown', `第${t.serial}项：无法判断“${l.onScheduleText}”是否按计划，记为未填，原文保留`, where('onSchedule', row)));
  }
  return notes;
}

/** What a readable row adds to the tally: its progress texts (for copies between targets) and the names the store lacks. */
function tallyRow(row: Row, ctx: PlanContext, tally: RowTally): void {
  for (const l of row.t.lines) {
    const key = comparable(l.progressText);
    if (key.length >= 10) {
      const owners = tally.progressOwners.get(key) ?? new Set<number>();
      owners.add(row.t.serial);
      tally.progressOwners.set(key, owners);
      tally.pendingDuplicates.push({ text: key, item: row.item, where: row.where('progress', l.ref.row) });
    }
    for (const name of l.leaders) if (!ctx.names.isKnownLeader(name)) tally.newLeaders.add(normalizeName(name));
    for (const name of [...l.units, ...(l.cooperatingUnits ?? [])]) if (!ctx.names.isKnownUnit(name)) tally.newUnits.add(normalizeName(name));
  }
}

/** One row per target of every file, in the order read; the files' own reading notes beside them. */
export function rowsOf(parsed: ParsedOverview[], ctx: PlanContext): { rows: Row[]; readNotes: Note[]; tally: RowTally } {
  const rows: Row[] = [];
  const readNotes: Note[] = [];
  const tally = emptyTally(ctx);
  for (const [fileIndex, file] of parsed.entries()) {
    for (const n of file.notes) readNotes.push(note(n.severity, 'read', n.message, n.where));
    const source = sourceOf(file, ctx);
    for (const t of file.targets) {
      const where = whereOf(t);
      const item: ImportItem = { key: `${fileIndex + 1}#${file.file}#${t.ref.sheet}#${t.ref.row}`, serial: t.serial, content: t.content, status: 'unchanged', targetId: null, changes: [], notes: [], file: file.file, row: t.ref.row };
      const row: Row = { t, fileIndex, fileName: file.file, source, item, where, readable: true };
      rows.push(row);
      const refused = refusals(t, ctx.maxSerial, where);
      if (refused.length > 0) {
        item.notes.push(...refused);
        // A refused cell too long: the preview carries only its beginning.
        if (refused[0]!.code === 'cell-too-long') item.content = `${t.content.slice(0, 200)}${t.content.length > 200 ? '…' : ''}`;
        item.status = 'error';
        row.readable = false;
        continue;
      }
      item.notes.push(...qualityNotes(t, ctx.year, where));
      tallyRow(row, ctx, tally);
    }
  }
  return { rows, readNotes, tally };
}
