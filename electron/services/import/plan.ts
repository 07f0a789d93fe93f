/**
 * Turns parsed workbooks into an import plan against the store, writing nothing: per target new / updated
 * (with before → after) / unchanged / conflict / error, data-quality warnings with their cells, and the
 * leader and unit names the store does not know yet. apply.ts writes exactly this plan.
 */
import type { ImportChange, ImportItem, ImportPreview, Note, Target } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { normalizeName, ON_SCHEDULE_LABELS, parseDeadline, parseOnSchedule, type Quarter } from '../../../shared/domain';
import type { Db } from '../../db/connection';
import { findLeaderId, findUnitId, unitName } from '../../db/repos/directory';
import { planByYear } from '../../db/repos/plans';
import { loadTargets } from '../../db/repos/targets';
import { unitsOf, type ParsedLine, type ParsedOverview, type ParsedTarget } from '../../excel/overviewReader';
import { comparable, similarity } from '../text';
import { returnOwnerOf } from '../rounds';
import { note } from './notes';
import { MAX_CELL_TEXT } from '../../../shared/contract';

/** Below this, a serial whose content changed is taken for another target, not an edit. */
export const CONFLICT_SIMILARITY = 0.35;
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
  return [...a].length >= 40 && ratio >= 0.66 && similarity(content, progress) >= 0.8;
}

export interface LineAction {
  /** The existing line written to, or null for a line to add. */
  assignmentId: number | null;
  leaders: string[] | null;
  leadUnits: string[] | null;
  cooperatingUnits: string[] | null;
  progress: { text: string; onSchedule: ReturnType<typeof parseOnSchedule>['value']; onScheduleText: string } | null;
}

export interface TargetAction {
  key: string;
  status: ImportItem['status'];
  targetId: number | null;
  serial: number;
  fields: { content?: string; deadline?: string };
  lines: LineAction[];
  source: string;
}

export interface ImportPlan {
  preview: ImportPreview;
  actions: TargetAction[];
}

/** Name lookups for one plan, each asked of the store once: a 7,000-line file repeats the same 60 units. */
function nameLookups(db: Db) {
  const memo = <T>(fn: (name: string) => T) => {
    const seen = new Map<string, T>();
    return (name: string): T => {
      if (!seen.has(name)) seen.set(name, fn(name));
      return seen.get(name)!;
    };
  };
  const unitIdOf = memo((name) => findUnitId(db, name));
  return {
    isKnownLeader: memo((name) => findLeaderId(db, name) !== undefined),
    isKnownUnit: (name: string) => unitIdOf(name) !== undefined,
    // An alias (市发改委) is stored as the unit it stands for (市发展改革委).
    canonicalUnit: memo((name) => {
      const id = unitIdOf(name);
      return id === undefined ? normalizeName(name) : unitName(db, id);
    }),
  };
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The existing line a parsed line stands for: by hidden id, else the line sharing its units or leaders, else by position. */
function matchLine(existing: Target, parsed: ParsedLine, index: number, leadUnits: string[], taken: Set<number>): Target['assignments'][number] | undefined {
  if (parsed.assignmentId !== null) {
    const byId = existing.assignments.find((a) => a.id === parsed.assignmentId);
    if (byId) return byId;
  }
  const free = existing.assignments.filter((a) => !taken.has(a.id));
  const byUnits = free.find((a) => leadUnits.length > 0 && a.leadUnits.some((u) => leadUnits.includes(u)));
  if (byUnits) return byUnits;
  const byLeaders = free.find((a) => parsed.leaders.length > 0 && sameList(a.leaders, parsed.leaders.map(normalizeName)));
  if (byLeaders) return byLeaders;
  const byPosition = existing.assignments[index];
  return byPosition && !taken.has(byPosition.id) ? byPosition : undefined;
}

export interface PlanOptions {
  year?: number | undefined;
  quarter?: Quarter | undefined;
  /** Used only when no file says (a sheet with no title): the year and quarter on the user's screen. */
  defaultYear?: number | undefined;
  defaultQuarter?: Quarter | undefined;
}

/** 文件“a.xlsx”“b.xlsx”等5个文件: which files an error is about, so the user knows which to open. */
function namesOf(parsed: ParsedOverview[]): string {
  const names = parsed.slice(0, 3).map((p) => `“${p.file}”`).join('');
  return parsed.length > 3 ? `文件${names}等${parsed.length}个文件` : `文件${names}`;
}

/** Year and quarter of the import: as asked, else as every file's title or header says; files must agree. */
export function resolvePeriod(parsed: ParsedOverview[], options: PlanOptions): { year: number; quarter: Quarter } {
  const pick = <T>(what: string, asked: T | undefined, found: (T | null)[], fallback: T | undefined): T => {
    if (asked !== undefined) return asked;
    const values = [...new Set(found.filter((v): v is T => v !== null))];
    if (values.length === 1) return values[0]!;
    if (values.length === 0 && fallback !== undefined) return fallback;
    if (values.length === 0) throw new AppError('validation', `无法从${namesOf(parsed)}的标题或表头判断${what}，请指定${what}。`, { field: what === '年度' ? 'year' : 'quarter' });
    throw new AppError('validation', `所选文件的${what}不一致（${values.join('、')}），请分开导入或指定${what}。`, { field: what === '年度' ? 'year' : 'quarter' });
  };
  return {
    year: pick('年度', options.year, parsed.map((p) => p.year), options.defaultYear),
    quarter: pick('季度', options.quarter, parsed.map((p) => p.quarter), options.defaultQuarter),
  };
}

export function buildPlan(db: Db, parsed: ParsedOverview[], options: PlanOptions): ImportPlan {
  const { year, quarter } = resolvePeriod(parsed, options);
  const names = nameLookups(db);
  const plan = planByYear(db, year);
  const existing = plan ? loadTargets(db, { planId: plan.id }) : [];
  const bySerial = new Map(existing.map((t) => [t.serial, t]));
  const byId = new Map(existing.map((t) => [t.id, t]));
  const actions: TargetAction[] = [];
  const items: ImportItem[] = [];
  const sheetNotes: Note[] = [];
  const newLeaders = new Set<string>();
  const newUnits = new Set<string>();
  const newSerials = new Map<number, string>();
  const touchedLines = new Map<number, string>();
  const newLines = new Map<string, string>();
  // Progress texts of this quarter, to find the same text on two different targets (a copy error).
  const progressOwners = new Map<string, Set<number>>();
  for (const t of existing) {
    for (const a of t.assignments) {
      const p = a.progress.find((r) => r.quarter === quarter);
      if (p && comparable(p.text).length >= 10) progressOwners.set(comparable(p.text), new Set([t.serial]));
    }
  }
  const pendingDuplicates: { text: string; item: ImportItem; where: Note['where'] }[] = [];
  // The parsed target of each action: its lines' cells, for notes raised once every line is matched.
  const parsedOf = new Map<TargetAction, ParsedTarget>();

  for (const [fileIndex, file] of parsed.entries()) {
    for (const n of file.notes) sheetNotes.push(note(n.severity, 'read', n.message, n.where));
    for (const t of file.targets) {
      const item = planTarget(t, file.file, fileIndex);
      items.push(item.item);
      if (item.action) {
        actions.push(item.action);
        parsedOf.set(item.action, t);
      }
    }
  }

  function planTarget(t: ParsedTarget, fileName: string, fileIndex: number): { item: ImportItem; action: TargetAction | null } {
    const where = (role: keyof ParsedTarget['columns'], row = t.ref.row): Note['where'] => ({ file: t.ref.file, sheet: t.ref.sheet, row, ...(t.columns[role] ? { column: t.columns[role] } : {}) });
    const notes: Note[] = [];
    const changes: ImportChange[] = [];
    const item: ImportItem = { key: `${fileIndex + 1}#${fileName}#${t.ref.sheet}#${t.ref.row}`, serial: t.serial, content: t.content, status: 'unchanged', targetId: null, changes, notes, file: fileName, row: t.ref.row };

    // A cell longer than the store takes (a pasted document, a hostile file) is refused, not cut: the
    // preview names it and carries only its beginning.
    type Cell = [string, string, Note['where']];
    const cells: Cell[] = [
      ['责任目标内容', t.content, where('content')],
      ['完成时限', t.deadline, where('deadline')],
      ...t.lines.map((l): Cell => ['完成情况', l.progressText, where('progress', l.ref.row)]),
    ];
    const tooLong = cells.filter(([, text]) => text.length > MAX_CELL_TEXT);
    if (tooLong.length > 0) {
      for (const [what, text, at] of tooLong) {
        notes.push(note('error', 'cell-too-long', `第${t.serial}项的${what}有 ${text.length.toLocaleString('zh-CN')} 个字，超过单元格上限 ${MAX_CELL_TEXT.toLocaleString('zh-CN')} 字，该行未导入`, at));
      }
      item.content = `${t.content.slice(0, 200)}${t.content.length > 200 ? '…' : ''}`;
      item.status = 'error';
      return { item, action: null };
    }

    // Data-quality warnings about the file itself.
    if (t.content === '') notes.push(note('warning', 'empty-content', `第${t.serial}项：责任目标内容为空`, where('content')));
    const d = parseDeadline(t.deadline, year);
    if (d.kind === 'unknown') notes.push(note('warning', 'deadline-unreadable', `第${t.serial}项：无法识别完成时限“${t.deadline}”，已按原文保存`, where('deadline')));
    t.lines.forEach((l) => {
      const row = l.ref.row;
      if (t.content !== '' && l.progressText !== '' && contentIsProgress(t.content, l.progressText)) {
        notes.push(note('warning', 'content-equals-progress', `第${t.serial}项：责任目标内容与完成情况几乎相同，可能把完成情况填进了内容栏`, where('content', row)));
      }
      const reading = parseOnSchedule(l.onScheduleText);
      if (l.onScheduleText === '' && l.progressText !== '') notes.push(note('warning', 'on-schedule-missing', `第${t.serial}项：未填写是否按计划完成进度`, where('onSchedule', row)));
      else if (!reading.recognized && reading.value !== null) notes.push(note('info', 'on-schedule-mapped', `第${t.serial}项：“${l.onScheduleText}”按“${ON_SCHEDULE_LABELS[reading.value]}”处理，原文保留`, where('onSchedule', row)));
      else if (!reading.recognized) notes.push(note('warning', 'on-schedule-unknown', `第${t.serial}项：无法判断“${l.onScheduleText}”是否按计划，记为未填，原文保留`, where('onSchedule', row)));
      const key = comparable(l.progressText);
      if (key.length >= 10) {
        const owners = progressOwners.get(key) ?? new Set<number>();
        owners.add(t.serial);
        progressOwners.set(key, owners);
        pendingDuplicates.push({ text: key, item, where: where('progress', row) });
      }
      for (const name of l.leaders) if (!names.isKnownLeader(name)) newLeaders.add(normalizeName(name));
      for (const name of [...l.units, ...(l.cooperatingUnits ?? [])]) if (!names.isKnownUnit(name)) newUnits.add(normalizeName(name));
    });

    const byTargetId = t.targetId !== null ? byId.get(t.targetId) : undefined;
    if (t.targetId !== null && !byTargetId) {
      notes.push(note('warning', 'unknown-id', `目标ID ${t.targetId} 不是${year}年已有的责任目标，按序号${t.serial}处理`, where('serial')));
    }
    const target = byTargetId ?? bySerial.get(t.serial);
    if (!target) {
      const earlier = newSerials.get(t.serial);
      if (earlier) {
        notes.push(note('error', 'duplicate-serial', `第${t.serial}项在导入文件中出现了两次（另见 ${earlier}），该行未导入`, where('serial')));
        item.status = 'error';
        return { item, action: null };
      }
      newSerials.set(t.serial, `${fileName} 第${t.ref.row}行`);
      item.status = 'new';
      const lines = t.lines.map((l) => lineFor(l, null));
      changes.push({ field: 'content', line: null, before: '', after: t.content });
      return { item, action: { key: item.key, status: 'new', targetId: null, serial: t.serial, fields: { content: t.content, deadline: t.deadline }, lines, source: fileName } };
    }

    item.targetId = target.id;
    if (byTargetId && target.serial !== t.serial) {
      // A returned template matched by its hidden id: the preview shows the target it updates.
      notes.push(note('warning', 'serial-mismatch', `文件中的序号${t.serial}与目标ID ${target.id} 对应的第${target.serial}项不一致，已按目标ID更新第${target.serial}项（序号不变）`, where('serial')));
      item.serial = target.serial;
    }
    if (t.content !== '' && target.content !== '' && similarity(t.content, target.content) < CONFLICT_SIMILARITY) {
      notes.push(note('error', 'content-conflict', `第${t.serial}项的内容与已有目标差别很大，可能序号已变，未覆盖。已有：“${target.content.slice(0, 30)}”`, where('content')));
      item.status = 'conflict';
      return { item, action: null };
    }
    const fields: TargetAction['fields'] = {};
    if (t.content !== '' && t.content !== target.content) {
      fields.content = t.content;
      changes.push({ field: 'content', line: null, before: target.content, after: t.content });
    } else if (t.content === '' && target.content !== '') {
      notes.push(note('info', 'kept-existing', `第${t.serial}项：文件中内容为空，保留已有内容`, where('content')));
    }
    if (t.deadline !== '' && t.deadline !== target.deadline) {
      fields.deadline = t.deadline;
      changes.push({ field: 'deadline', line: null, before: target.deadline, after: t.deadline });
    }
    const taken = new Set<number>();
    const lines: LineAction[] = [];
    t.lines.forEach((l, i) => {
      const units = unitsOf(l);
      const lead = units.leadUnits.map(names.canonicalUnit);
      const match = matchLine(target, l, i, lead, taken);
      if (match) {
        if (touchedLines.has(match.id)) notes.push(note('warning', 'duplicate-line', `第${t.serial}项的同一分工也出现在 ${touchedLines.get(match.id)}，以后读到的为准`, where('progress', l.ref.row)));
        touchedLines.set(match.id, `${fileName} 第${l.ref.row}行`);
        taken.add(match.id);
      } else {
        // A line the store lacks, met again in another file (two units' returns of one target): added once.
        const key = `${target.id}|${l.leaders.map(normalizeName).join(' ')}|${[...lead, ...units.cooperatingUnits.map(names.canonicalUnit)].join(' ')}`;
        const earlier = newLines.get(key);
        if (earlier) {
          notes.push(note('warning', 'duplicate-line', `第${t.serial}项的这条新分工也出现在 ${earlier}，只新增一次`, where('progress', l.ref.row)));
          return;
        }
        newLines.set(key, `${fileName} 第${l.ref.row}行`);
      }
      lines.push(lineFor(l, match ?? null, i, changes));
    });
    const changed = changes.length > 0;
    item.status = changed ? 'updated' : 'unchanged';
    return { item, action: changed ? { key: item.key, status: 'updated', targetId: target.id, serial: t.serial, fields, lines, source: fileName } : null };
  }

  function lineFor(l: ParsedLine, match: Target['assignments'][number] | null, index = 0, changes: ImportChange[] = []): LineAction {
    const units = unitsOf(l);
    const leaders = l.leaders.map(normalizeName);
    const leadUnits = units.leadUnits.map(names.canonicalUnit);
    const cooperatingUnits = units.cooperatingUnits.map(names.canonicalUnit);
    const reading = parseOnSchedule(l.onScheduleText);
    const report = { text: l.progressText, onSchedule: reading.value, onScheduleText: l.onScheduleText };
    if (!match) {
      if (changes.length > 0 || index > 0) changes.push({ field: 'line', line: index, before: '', after: [...leaders, ...leadUnits].join(' ') });
      const hasReport = l.progressText !== '' || l.onScheduleText !== '';
      return { assignmentId: null, leaders, leadUnits, cooperatingUnits, progress: hasReport ? report : null };
    }
    const action: LineAction = { assignmentId: match.id, leaders: null, leadUnits: null, cooperatingUnits: null, progress: null };
    if (leaders.length > 0 && !sameList(leaders, match.leaders)) {
      action.leaders = leaders;
      changes.push({ field: 'leaders', line: index, before: match.leaders.join('、'), after: leaders.join('、') });
    }
    // A blank 牵头单位 cell beside a filled 配合单位 one keeps the lead units the store has.
    const lead = leadUnits.length > 0 ? leadUnits : match.leadUnits;
    if ((leadUnits.length > 0 || cooperatingUnits.length > 0) && (!sameList(lead, match.leadUnits) || !sameList(cooperatingUnits, match.cooperatingUnits))) {
      action.leadUnits = lead;
      action.cooperatingUnits = cooperatingUnits;
      changes.push({ field: 'units', line: index, before: [...match.leadUnits, ...match.cooperatingUnits].join('、'), after: [...lead, ...cooperatingUnits].join('、') });
    }
    const current = match.progress.find((p) => p.quarter === quarter);
    const textChanged = l.progressText !== '' && l.progressText !== (current?.text ?? '');
    const flagChanged = l.onScheduleText !== '' && (reading.value !== (current?.onSchedule ?? null) || l.onScheduleText !== (current?.onScheduleText ?? ''));
    if (textChanged || flagChanged) {
      action.progress = {
        text: l.progressText !== '' ? l.progressText : (current?.text ?? ''),
        onSchedule: l.onScheduleText !== '' ? reading.value : (current?.onSchedule ?? null),
        onScheduleText: l.onScheduleText !== '' ? l.onScheduleText : (current?.onScheduleText ?? ''),
      };
      if (textChanged) changes.push({ field: 'progress', line: index, before: current?.text ?? '', after: l.progressText });
      if (flagChanged) changes.push({ field: 'onSchedule', line: index, before: current?.onScheduleText ?? '', after: l.onScheduleText });
    }
    return action;
  }

  // Progress unchanged from last quarter, found once every line is matched.
  for (const a of actions) {
    const target = a.targetId === null ? undefined : byId.get(a.targetId);
    const t = parsedOf.get(a)!;
    a.lines.forEach((l, i) => {
      const line = target?.assignments.find((x) => x.id === l.assignmentId);
      const previous = line?.progress.find((p) => p.quarter === quarter - 1);
      if (previous && l.progress && comparable(previous.text) !== '' && comparable(previous.text) === comparable(l.progress.text)) {
        const item = items.find((x) => x.key === a.key)!;
        // The line's own progress cell: the second line of a target is on a row of its own.
        const row = t.lines[i]?.ref.row ?? t.ref.row;
        item.notes.push(note('warning', 'unchanged-progress', `第${a.serial}项：完成情况与上季度完全相同`, { file: t.ref.file, sheet: t.ref.sheet, row, ...(t.columns.progress ? { column: t.columns.progress } : {}) }));
      }
    });
  }
  for (const d of pendingDuplicates) {
    const owners = progressOwners.get(d.text)!;
    if (owners.size > 1) {
      const others = [...owners].filter((s) => s !== d.item.serial);
      d.item.notes.push(note('warning', 'duplicate-progress', `第${d.item.serial}项的完成情况与第${others.join('、')}项完全相同，可能是复制错误`, d.where));
    }
  }

  const count = (status: ImportItem['status']) => items.filter((i) => i.status === status).length;
  const allNotes = [...items.flatMap((i) => i.notes), ...sheetNotes];
  return {
    actions,
    preview: {
      year,
      quarter,
      files: parsed.map((p) => ({ name: p.file, title: p.title, returnedBy: returnOwnerOf({ name: p.file, title: p.title }), targets: p.targets.length, lines: p.targets.reduce((n, t) => n + t.lines.length, 0), sheets: p.sheets })),
      summary: {
        targetsNew: count('new'),
        targetsUpdated: count('updated'),
        targetsUnchanged: count('unchanged'),
        conflicts: count('conflict'),
        errors: count('error') + sheetNotes.filter((n) => n.severity === 'error').length,
        warnings: allNotes.filter((n) => n.severity === 'warning').length,
        linesNew: actions.reduce((n, a) => n + a.lines.filter((l) => l.assignmentId === null).length, 0),
        linesUpdated: actions.reduce((n, a) => n + a.lines.filter((l) => l.assignmentId !== null && (l.leaders || l.leadUnits || l.progress)).length, 0),
        skipped: 0,
      },
      // Side-by-side blocks are read left block first; people read the preview in serial order.
      items: [...items].sort((a, b) => a.serial - b.serial),
      notes: sheetNotes,
      newNames: { leaders: [...newLeaders], units: [...newUnits] },
    },
  };
}
