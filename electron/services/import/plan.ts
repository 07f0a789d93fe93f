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
import { cooperatingReturnsOfQuarter, lastImported, type ImportedValue } from '../../db/repos/returns';
import type { TemplateMetaLine } from '../../excel/templateMeta';
import { cellMisfits, sameStatus } from './cells';

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
  /** A cooperating unit's return of this line: kept beside the official progress (配合单位报送), never over it. */
  cooperating: { unit: string; text: string; onScheduleText: string } | null;
}

/**
 * Who a return speaks for on a line: the lead unit (the line's official progress; an overview and a template
 * by leader speak for it too) or one cooperating unit. Two returns with the same claim and different values
 * are a conflict the user resolves, whatever the order of the files.
 */
export interface Claim {
  key: string;
  value: string;
}

export interface TargetAction {
  key: string;
  status: ImportItem['status'];
  targetId: number | null;
  serial: number;
  fields: { content?: string; deadline?: string };
  lines: LineAction[];
  source: string;
  /** Returns this action makes for existing lines (see Claim). */
  claims: Claim[];
  /** Held back unless the user takes it: two files disagree on a line, or the store changed since the file's base. */
  conflict: boolean;
}

/** Whom a file speaks for, and what its template carried (by line), for the comparisons of a return. */
interface FileSource {
  owner: string | null;
  by: 'unit' | 'leader' | null;
  metaLines: Map<number, TemplateMetaLine>;
  generatedAt: string | null;
}

/** A unit's template (or own table) speaks for the lines it leads; on the lines it only cooperates on, for itself. */
function roleOn(line: Target['assignments'][number], source: FileSource): 'lead' | 'cooperating' {
  if (source.by !== 'unit' || source.owner === null) return 'lead';
  return line.cooperatingUnits.includes(source.owner) && !line.leadUnits.includes(source.owner) ? 'cooperating' : 'lead';
}

/** The file left the line as its base had it (a blank cell gives nothing, so it agrees). */
function fileAsBase(l: ParsedLine, base: ImportedValue): boolean {
  return (l.progressText === '' || l.progressText === base.text) && (l.onScheduleText === '' || sameStatus(l.onScheduleText, base.onScheduleText));
}

const short = (text: string) => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

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
function matchLine(existing: Target, parsed: ParsedLine, index: number, leadUnits: string[], taken: Set<number>, owner: string | null = null): Target['assignments'][number] | undefined {
  if (parsed.assignmentId !== null) {
    const byId = existing.assignments.find((a) => a.id === parsed.assignmentId);
    if (byId) return byId;
  }
  const free = existing.assignments.filter((a) => !taken.has(a.id));
  const byUnits = free.find((a) => leadUnits.length > 0 && a.leadUnits.some((u) => leadUnits.includes(u)));
  if (byUnits) return byUnits;
  const byLeaders = free.find((a) => parsed.leaders.length > 0 && sameList(a.leaders, parsed.leaders.map(normalizeName)));
  if (byLeaders) return byLeaders;
  // A unit's own table without a unit column (a Word return): its line of the target, led or cooperated on.
  if (owner !== null && leadUnits.length === 0 && parsed.units.length === 0) {
    const byOwner = free.find((a) => a.leadUnits.includes(owner)) ?? free.find((a) => a.cooperatingUnits.includes(owner));
    if (byOwner) return byOwner;
  }
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
  const maxSerial = existing.reduce((m, t) => Math.max(m, t.serial), 0);
  const serialOfAssignment = new Map(existing.flatMap((t) => t.assignments.map((a) => [a.id, t.serial] as const)));
  const byId = new Map(existing.map((t) => [t.id, t]));
  const actions: TargetAction[] = [];
  const items: ImportItem[] = [];
  const sheetNotes: Note[] = [];
  const newLeaders = new Set<string>();
  const newUnits = new Set<string>();
  const newSerials = new Map<number, string>();
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
  // The progress each line last got from an import, and the cooperating units' current returns: the bases
  // a returned file is compared with.
  const imported = lastImported(db, quarter);
  const cooperatingNow = cooperatingReturnsOfQuarter(db, quarter);
  // Every claim on an existing line, to find two files disagreeing about it once all are planned.
  const claims = new Map<string, { item: ImportItem; action: TargetAction | null; value: string; file: string; where: Note['where'] }[]>();
  // The parsed target of each action: its lines' cells, for notes raised once every line is matched.
  const parsedOf = new Map<TargetAction, ParsedTarget>();

  for (const [fileIndex, file] of parsed.entries()) {
    for (const n of file.notes) sheetNotes.push(note(n.severity, 'read', n.message, n.where));
    const source = sourceOf(file);
    for (const t of file.targets) {
      const item = planTarget(t, file.file, fileIndex, source);
      items.push(item.item);
      if (item.action) {
        actions.push(item.action);
        parsedOf.set(item.action, t);
      }
    }
  }

  /** Whom a file speaks for: a template's owner and kind (from its hidden record, else its title), or nobody (an overview). */
  function sourceOf(file: ParsedOverview): FileSource {
    const meta = file.template && file.template.year === year && file.template.quarter === quarter ? file.template : null;
    const owner = meta?.owner ?? returnOwnerOf({ name: file.file, title: file.title, owner: file.owner });
    const by = meta?.by ?? (owner !== null && names.isKnownUnit(owner) ? 'unit' : owner !== null ? 'leader' : null);
    return {
      owner: owner === null ? null : by === 'unit' ? names.canonicalUnit(owner) : normalizeName(owner),
      by,
      metaLines: new Map((meta?.lines ?? []).map((l) => [l.assignmentId, l])),
      generatedAt: meta?.generatedAt ?? null,
    };
  }

  /**
   * A serial that is an Excel date (45261 is 2023-12-01): far beyond the year's serials and inside the
   * dates Excel counts from 2000 to 2100. A year has a few hundred targets, not tens of thousands.
   */
  function dateSerialOf(serial: number): string | null {
    if (serial < 36_526 || serial > 73_051 || serial <= maxSerial * 2 + 1_000) return null;
    const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  }

  function planTarget(t: ParsedTarget, fileName: string, fileIndex: number, source: FileSource): { item: ImportItem; action: TargetAction | null } {
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

    // A value in a column it cannot belong to (a paragraph as a status, 否 as a unit): the file's columns are
    // off, and nothing of the target is taken, rather than a unit named 否 created.
    const misfits = cellMisfits(t);
    const asDate = dateSerialOf(t.serial);
    if (asDate !== null) {
      notes.push(note('error', 'cell-misfit', `“序号”一栏的“${t.serial}”是日期（${asDate}）的序列数，不是序号，该目标未导入，请核对该单元格是否填错了列`, where('serial')));
      item.status = 'error';
      return { item, action: null };
    }
    if (misfits.length > 0) {
      for (const m of misfits) notes.push(note('error', 'cell-misfit', `第${t.serial}项：${m.message}，该目标未导入，请核对该单元格是否填错了列`, where(m.column, m.row)));
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
      return { item, action: { key: item.key, status: 'new', targetId: null, serial: t.serial, fields: { content: t.content, deadline: t.deadline }, lines, source: fileName, claims: [], conflict: false } };
    }

    item.targetId = target.id;
    if (byTargetId && target.serial !== t.serial) {
      // A returned template matched by its hidden id: the preview shows the target it updates.
      notes.push(note('warning', 'serial-mismatch', `文件中的序号${t.serial}与目标ID ${target.id} 对应的第${target.serial}项不一致，已按目标ID更新第${target.serial}项（序号不变）`, where('serial')));
      item.serial = target.serial;
    }
    // A returned template (known by its hidden ids): its fixed columns are the store's. A unit's change there
    // is shown as a conflict and never written; a change the office made since the template went out stands.
    const fixed = t.targetId !== null && byTargetId !== undefined;
    const metaOf = (l: ParsedLine) => (l.assignmentId !== null ? source.metaLines.get(l.assignmentId) : undefined);
    const firstMeta = t.lines.map(metaOf).find((m) => m !== undefined);
    if (fixed) {
      const fixedConflict = (column: keyof ParsedTarget['columns'], label: string, file: string, sent: string, store: string, row?: number) => {
        if (file === '' || file === sent || file === store) return;
        notes.push(note('warning', 'fixed-column-conflict', `冲突：第${target.serial}项的“${label}”是模板的固定列，文件中为“${short(file)}”，库中为“${short(store)}”，以库中为准，未更新`, where(column, row)));
      };
      fixedConflict('content', '责任目标内容', t.content, firstMeta?.content ?? target.content, target.content);
      fixedConflict('deadline', '完成时限', t.deadline, firstMeta?.deadline ?? target.deadline, target.deadline);
    }
    if (!fixed && t.content !== '' && target.content !== '' && similarity(t.content, target.content) < CONFLICT_SIMILARITY) {
      notes.push(note('error', 'content-conflict', `第${t.serial}项的内容与已有目标差别很大，可能序号已变，未覆盖。已有：“${target.content.slice(0, 30)}”`, where('content')));
      item.status = 'conflict';
      return { item, action: null };
    }
    const fields: TargetAction['fields'] = {};
    if (fixed) {
      // Fixed columns: compared above, never taken.
    } else if (t.content !== '' && t.content !== target.content) {
      fields.content = t.content;
      changes.push({ field: 'content', line: null, before: target.content, after: t.content });
    } else if (t.content === '' && target.content !== '') {
      notes.push(note('info', 'kept-existing', `第${t.serial}项：文件中内容为空，保留已有内容`, where('content')));
    }
    if (!fixed && t.deadline !== '' && t.deadline !== target.deadline) {
      fields.deadline = t.deadline;
      changes.push({ field: 'deadline', line: null, before: target.deadline, after: t.deadline });
    }
    const taken = new Set<number>();
    const lines: LineAction[] = [];
    const lineClaims: (Claim & { where: Note['where'] })[] = [];
    const threeWay: number[] = [];
    t.lines.forEach((l, i) => {
      const units = unitsOf(l);
      const lead = units.leadUnits.map(names.canonicalUnit);
      const match = matchLine(target, l, i, lead, taken, source.by === 'unit' ? source.owner : null);
      if (match) {
        taken.add(match.id);
        if (fixed) notes.push(...fixedLineConflicts(l, match, metaOf(l), target.serial, (column) => where(column, l.ref.row)));
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
      if (!match) {
        lines.push(lineFor(l, null, i, changes));
        return;
      }
      const role = roleOn(match, source);
      const given = l.progressText !== '' || l.onScheduleText !== '';
      if (role === 'cooperating') {
        const unit = source.owner!;
        const line = cooperatingLine(l, match, i, unit, changes);
        if (given) lineClaims.push({ key: `${match.id}|配合|${unit}`, value: `${l.progressText}\u0000${l.onScheduleText}`, where: where('progress', l.ref.row) });
        if (line) lines.push(line);
        return;
      }
      const base = baseOf(match.id, metaOf(l));
      const action = lineFor(l, match, i, changes, fixed, base, notes, threeWay, where('progress', l.ref.row));
      // A template sent back as it went out (its prefilled text untouched) reports nothing new: no claim.
      const unchangedTemplate = base?.fromTemplate === true && fileAsBase(l, base);
      if (given && !unchangedTemplate) lineClaims.push({ key: `${match.id}|牵头`, value: `${l.progressText}\u0000${l.onScheduleText}`, where: where('progress', l.ref.row) });
      lines.push(action);
    });
    const changed = changes.length > 0;
    const conflict = threeWay.length > 0;
    item.status = conflict ? 'conflict' : changed ? 'updated' : 'unchanged';
    const action: TargetAction | null = changed ? { key: item.key, status: 'updated', targetId: target.id, serial: t.serial, fields, lines, source: fileName, claims: lineClaims.map(({ key, value }) => ({ key, value })), conflict } : null;
    for (const c of lineClaims) {
      const list = claims.get(c.key) ?? [];
      list.push({ item, action, value: c.value, file: fileName, where: c.where });
      claims.set(c.key, list);
    }
    return { item, action };
  }

  /** A template line's leaders and units: the store's; what the unit changed there is a conflict note, never an update. */
  function fixedLineConflicts(l: ParsedLine, match: Target['assignments'][number], meta: TemplateMetaLine | undefined, serial: number, at: (column: 'leaders' | 'units') => Note['where']): Note[] {
    const units = unitsOf(l);
    const compared: ['leaders' | 'units', string, string, string, string][] = [
      ['leaders', '市政府领导', l.leaders.map(normalizeName).join(' '), meta?.leaders ?? match.leaders.join(' '), match.leaders.join(' ')],
      ['units', '责任单位', [...units.leadUnits, ...units.cooperatingUnits].map(names.canonicalUnit).join(' '), meta?.units ?? [...match.leadUnits, ...match.cooperatingUnits].join(' '), [...match.leadUnits, ...match.cooperatingUnits].join(' ')],
    ];
    return compared
      .filter(([, , file, sent, store]) => file !== '' && file !== sent && file !== store)
      .map(([column, label, file, , store]) => note('warning', 'fixed-column-conflict', `冲突：第${serial}项的“${label}”是模板的固定列，文件中为“${file}”，库中为“${store}”，以库中为准，未更新`, at(column)));
  }

  function serialOfLine(assignmentId: number): number {
    return serialOfAssignment.get(assignmentId) ?? 0;
  }

  function baseLabel(base: ImportedValue & { fromTemplate?: boolean }): string {
    return base.fromTemplate ? '模板生成时' : '上次导入时';
  }

  /** The base a line's return is compared with: what the template carried, else what the last import brought. */
  function baseOf(assignmentId: number, meta: TemplateMetaLine | undefined): (ImportedValue & { fromTemplate?: boolean }) | undefined {
    return meta ? { text: meta.progress, onScheduleText: meta.onSchedule, fromTemplate: true } : imported.get(assignmentId);
  }

  /** A cooperating unit's return: compared with its own earlier one, written beside the official progress. */
  function cooperatingLine(l: ParsedLine, match: Target['assignments'][number], index: number, unit: string, changes: ImportChange[]): LineAction | null {
    if (l.progressText === '' && l.onScheduleText === '') return null;
    const earlier = cooperatingNow.get(`${match.id}|${unit}`);
    if (earlier && earlier.text === l.progressText && earlier.onScheduleText === l.onScheduleText) return null;
    changes.push({ field: 'cooperatingProgress', line: index, before: earlier?.text ?? '', after: `${unit}：${l.progressText}${l.onScheduleText ? `（${l.onScheduleText}）` : ''}` });
    return { assignmentId: match.id, leaders: null, leadUnits: null, cooperatingUnits: null, progress: null, cooperating: { unit, text: l.progressText, onScheduleText: l.onScheduleText } };
  }

  function lineFor(
    l: ParsedLine,
    match: Target['assignments'][number] | null,
    index = 0,
    changes: ImportChange[] = [],
    fixed = false,
    base?: ImportedValue & { fromTemplate?: boolean },
    notes: Note[] = [],
    threeWay: number[] = [],
    at: Note['where'] = {},
  ): LineAction {
    const units = unitsOf(l);
    const leaders = l.leaders.map(normalizeName);
    const leadUnits = units.leadUnits.map(names.canonicalUnit);
    const cooperatingUnits = units.cooperatingUnits.map(names.canonicalUnit);
    const reading = parseOnSchedule(l.onScheduleText);
    const report = { text: l.progressText, onSchedule: reading.value, onScheduleText: l.onScheduleText };
    if (!match) {
      if (changes.length > 0 || index > 0) changes.push({ field: 'line', line: index, before: '', after: [...leaders, ...leadUnits].join(' ') });
      const hasReport = l.progressText !== '' || l.onScheduleText !== '';
      return { assignmentId: null, leaders, leadUnits, cooperatingUnits, progress: hasReport ? report : null, cooperating: null };
    }
    const action: LineAction = { assignmentId: match.id, leaders: null, leadUnits: null, cooperatingUnits: null, progress: null, cooperating: null };
    if (!fixed && leaders.length > 0 && !sameList(leaders, match.leaders)) {
      action.leaders = leaders;
      changes.push({ field: 'leaders', line: index, before: match.leaders.join('、'), after: leaders.join('、') });
    }
    // A blank 牵头单位 cell beside a filled 配合单位 one keeps the lead units the store has.
    const lead = leadUnits.length > 0 ? leadUnits : match.leadUnits;
    if (!fixed && (leadUnits.length > 0 || cooperatingUnits.length > 0) && (!sameList(lead, match.leadUnits) || !sameList(cooperatingUnits, match.cooperatingUnits))) {
      action.leadUnits = lead;
      action.cooperatingUnits = cooperatingUnits;
      changes.push({ field: 'units', line: index, before: [...match.leadUnits, ...match.cooperatingUnits].join('、'), after: [...lead, ...cooperatingUnits].join('、') });
    }
    const current = match.progress.find((p) => p.quarter === quarter);
    const textChanged = l.progressText !== '' && l.progressText !== (current?.text ?? '');
    const flagChanged = l.onScheduleText !== '' && (reading.value !== (current?.onSchedule ?? null) || l.onScheduleText !== (current?.onScheduleText ?? ''));
    if ((textChanged || flagChanged) && base !== undefined) {
      // Three values: the file, the store now, and the base the file started from (what the template carried,
      // or what the last import brought). A file that left its base as it was does not undo a later edit; a
      // file and a store that both moved away from it disagree, and the user decides.
      const fileSame = fileAsBase(l, base);
      // A status set in the app has no wording of its own: it reads as the 是/否/基本 a template shows for it.
      const storeStatus = current?.onScheduleText || (current?.onSchedule ? ON_SCHEDULE_LABELS[current.onSchedule] : '');
      const storeAsBase = (current?.text ?? '') === base.text && sameStatus(storeStatus, base.onScheduleText);
      if (!storeAsBase && fileSame) {
        notes.push(note('info', 'kept-newer', `第${serialOfLine(match.id)}项：文件中的完成情况与${baseLabel(base)}相同，此后已在工作台中修改，保留修改后的内容`, at));
        return action;
      }
      if (!storeAsBase) {
        threeWay.push(index);
        notes.push(note('warning', 'three-way-conflict', `冲突：第${serialOfLine(match.id)}项的完成情况在${baseLabel(base)}之后已在工作台中修改，文件又与两者都不同；请核对后决定是否采用文件中的内容`, at));
        if (textChanged) changes.push({ field: 'progress', line: index, before: current?.text ?? '', after: l.progressText, base: base.text });
        if (flagChanged) changes.push({ field: 'onSchedule', line: index, before: current?.onScheduleText ?? '', after: l.onScheduleText, base: base.onScheduleText });
        action.progress = {
          text: l.progressText !== '' ? l.progressText : (current?.text ?? ''),
          onSchedule: l.onScheduleText !== '' ? reading.value : (current?.onSchedule ?? null),
          onScheduleText: l.onScheduleText !== '' ? l.onScheduleText : (current?.onScheduleText ?? ''),
        };
        return action;
      }
    }
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

  // Two returns making the same claim on a line (two files of its lead unit, an overview and a template,
  // one cooperating unit twice) that disagree: neither is taken unless the user chooses one, so what lands
  // does not depend on the order the files came in.
  for (const [key, list] of claims) {
    if (list.length < 2) continue;
    const [, role, unit] = key.split('|');
    const who = role === '配合' ? `配合单位“${unit}”` : '牵头单位';
    for (const c of list) {
      const others = list.filter((o) => o.value !== c.value);
      if (others.length === 0) continue;
      c.item.status = 'conflict';
      if (c.action) c.action.conflict = true;
      const elsewhere = others.map((o) => `${o.file} 第${o.where.row}行`).join('、');
      c.item.notes.push(note('warning', 'return-conflict', `冲突：第${c.item.serial}项同一分工的${who}报送另见 ${elsewhere}，内容不同，均未采用；请在预览中选定采用哪一份`, c.where));
    }
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
      files: parsed.map((p) => ({ name: p.file, title: p.title, returnedBy: returnOwnerOf({ name: p.file, title: p.title, owner: p.owner }), targets: p.targets.length, lines: p.targets.reduce((n, t) => n + t.lines.length, 0), sheets: p.sheets })),
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
