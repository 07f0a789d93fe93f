/**
 * The plan's third step, compare: a matched row against what the store holds, giving its changes (before →
 * after) and the action apply.ts writes. A returned template is compared with what it carried when it went
 * out (three values: the file, the store now, the base), a cooperating unit's return with its own earlier
 * one, and each return makes a claim on its line for the warnings to find two files disagreeing.
 */
import type { ImportChange, Note } from '../../../shared/contract';
import { normalizeName, ON_SCHEDULE_LABELS, parseOnSchedule, type Quarter } from '../../../shared/domain';
import type { ImportedValue } from '../../db/repos/returns';
import { unitsOf, type ParsedLine } from '../../excel/overviewReader';
import type { TemplateMetaLine } from '../../excel/templateMeta';
import { sameStatus } from './cells';
import type { Line, Matched, MatchedLine } from './match';
import { note } from './notes';
import type { FileSource, NameLookups, PlanContext } from './planContext';

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
  status: 'new' | 'updated';
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

type Base = ImportedValue & { fromTemplate?: boolean };

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A unit's template (or own table) speaks for the lines it leads; on the lines it only cooperates on, for itself. */
export function roleOn(line: Line, source: FileSource): 'lead' | 'cooperating' {
  if (source.by !== 'unit' || source.owner === null) return 'lead';
  return line.cooperatingUnits.includes(source.owner) && !line.leadUnits.includes(source.owner) ? 'cooperating' : 'lead';
}

/** The file left the line as its base had it (a blank cell gives nothing, so it agrees). */
export function fileAsBase(l: ParsedLine, base: ImportedValue): boolean {
  return (l.progressText === '' || l.progressText === base.text) && (l.onScheduleText === '' || sameStatus(l.onScheduleText, base.onScheduleText));
}

const baseLabel = (base: Base) => (base.fromTemplate ? '模板生成时' : '上次导入时');

/** The base a line's return is compared with: what the template carried, else what the last import brought. */
function baseOf(ctx: PlanContext, assignmentId: number, meta: TemplateMetaLine | undefined): Base | undefined {
  return meta ? { text: meta.progress, onScheduleText: meta.onSchedule, fromTemplate: true } : ctx.imported.get(assignmentId);
}

/** A line the store lacks: added with what the file gives. `changes` gets a 新增分工 entry when the target already had lines. */
export function newLine(l: ParsedLine, names: NameLookups, index = 0, changes: ImportChange[] = []): LineAction {
  const units = unitsOf(l);
  const leaders = l.leaders.map(normalizeName);
  const leadUnits = units.leadUnits.map(names.canonicalUnit);
  const cooperatingUnits = units.cooperatingUnits.map(names.canonicalUnit);
  if (changes.length > 0 || index > 0) changes.push({ field: 'line', line: index, before: '', after: [...leaders, ...leadUnits].join(' ') });
  const hasReport = l.progressText !== '' || l.onScheduleText !== '';
  return { assignmentId: null, leaders, leadUnits, cooperatingUnits, progress: hasReport ? { text: l.progressText, onSchedule: parseOnSchedule(l.onScheduleText).value, onScheduleText: l.onScheduleText } : null, cooperating: null };
}

/** What compare says of one existing line: the action, and whether the store and the file both moved from the base. */
export interface LineComparison {
  action: LineAction;
  threeWay: boolean;
}

/**
 * An existing line against the file: leaders and units (unless fixed), then progress and status. With a
 * base, three values decide: a file that left its base as it was does not undo a later edit; a file and a
 * store that both moved away from it disagree, and the user decides.
 */
export function compareLine(
  l: ParsedLine,
  match: Line,
  quarter: Quarter,
  names: NameLookups,
  options: { index: number; fixed: boolean; base: Base | undefined; serial: number; at: Note['where'] },
  changes: ImportChange[],
  notes: Note[],
): LineComparison {
  const { index, fixed, base, serial, at } = options;
  const units = unitsOf(l);
  const leaders = l.leaders.map(normalizeName);
  const leadUnits = units.leadUnits.map(names.canonicalUnit);
  const cooperatingUnits = units.cooperatingUnits.map(names.canonicalUnit);
  const reading = parseOnSchedule(l.onScheduleText);
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
  if (!textChanged && !flagChanged) return { action, threeWay: false };
  const merged = {
    text: l.progressText !== '' ? l.progressText : (current?.text ?? ''),
    onSchedule: l.onScheduleText !== '' ? reading.value : (current?.onSchedule ?? null),
    onScheduleText: l.onScheduleText !== '' ? l.onScheduleText : (current?.onScheduleText ?? ''),
  };
  let threeWay = false;
  if (base !== undefined) {
    const fileSame = fileAsBase(l, base);
    // A status set in the app has no wording of its own: it reads as the 是/否/基本 a template shows for it.
    const storeStatus = current?.onScheduleText || (current?.onSchedule ? ON_SCHEDULE_LABELS[current.onSchedule] : '');
    const storeAsBase = (current?.text ?? '') === base.text && sameStatus(storeStatus, base.onScheduleText);
    if (!storeAsBase && fileSame) {
      notes.push(note('info', 'kept-newer', `第${serial}项：文件中的完成情况与${baseLabel(base)}相同，此后已在工作台中修改，保留修改后的内容`, at));
      return { action, threeWay: false };
    }
    if (!storeAsBase) {
      threeWay = true;
      notes.push(note('warning', 'three-way-conflict', `冲突：第${serial}项的完成情况在${baseLabel(base)}之后已在工作台中修改，文件又与两者都不同；请核对后决定是否采用文件中的内容`, at));
      if (textChanged) changes.push({ field: 'progress', line: index, before: current?.text ?? '', after: l.progressText, base: base.text });
      if (flagChanged) changes.push({ field: 'onSchedule', line: index, before: current?.onScheduleText ?? '', after: l.onScheduleText, base: base.onScheduleText });
      action.progress = merged;
      return { action, threeWay };
    }
  }
  action.progress = merged;
  if (textChanged) changes.push({ field: 'progress', line: index, before: current?.text ?? '', after: l.progressText });
  if (flagChanged) changes.push({ field: 'onSchedule', line: index, before: current?.onScheduleText ?? '', after: l.onScheduleText });
  return { action, threeWay };
}

/** A cooperating unit's return: compared with its own earlier one, written beside the official progress. */
export function cooperatingLine(ctx: PlanContext, l: ParsedLine, match: Line, index: number, unit: string, changes: ImportChange[]): LineAction | null {
  if (l.progressText === '' && l.onScheduleText === '') return null;
  const earlier = ctx.cooperatingNow.get(`${match.id}|${unit}`);
  if (earlier && earlier.text === l.progressText && earlier.onScheduleText === l.onScheduleText) return null;
  changes.push({ field: 'cooperatingProgress', line: index, before: earlier?.text ?? '', after: `${unit}：${l.progressText}${l.onScheduleText ? `（${l.onScheduleText}）` : ''}` });
  return { assignmentId: match.id, leaders: null, leadUnits: null, cooperatingUnits: null, progress: null, cooperating: { unit, text: l.progressText, onScheduleText: l.onScheduleText } };
}

/** A template line's leaders and units: the store's; what the unit changed there is a conflict note, never an update. */
export function fixedLineConflicts(l: ParsedLine, match: Line, meta: TemplateMetaLine | undefined, serial: number, names: NameLookups, at: (column: 'leaders' | 'units') => Note['where']): Note[] {
  const units = unitsOf(l);
  const compared: ['leaders' | 'units', string, string, string, string][] = [
    ['leaders', '市政府领导', l.leaders.map(normalizeName).join(' '), meta?.leaders ?? match.leaders.join(' '), match.leaders.join(' ')],
    ['units', '责任单位', [...units.leadUnits, ...units.cooperatingUnits].map(names.canonicalUnit).join(' '), meta?.units ?? [...match.leadUnits, ...match.cooperatingUnits].join(' '), [...match.leadUnits, ...match.cooperatingUnits].join(' ')],
  ];
  return compared
    .filter(([, , file, sent, store]) => file !== '' && file !== sent && file !== store)
    .map(([column, label, file, , store]) => note('warning', 'fixed-column-conflict', `冲突：第${serial}项的“${label}”是模板的固定列，文件中为“${file}”，库中为“${store}”，以库中为准，未更新`, at(column)));
}

/** A claim with the cell it is about, for the note raised when two returns disagree. */
export type PlacedClaim = Claim & { where: Note['where'] };

/** The compared row: its action (null when nothing would be written) and the claims it makes on existing lines. */
export interface Compared {
  matched: Matched;
  action: TargetAction | null;
  claims: PlacedClaim[];
}

export function compareRow(matched: Matched, ctx: PlanContext): Compared {
  const { row } = matched;
  const { t, item, where } = row;
  if (matched.kind === 'refused') return { matched, action: null, claims: [] };
  if (matched.kind === 'new') {
    const lines = t.lines.map((l) => newLine(l, ctx.names));
    item.changes.push({ field: 'content', line: null, before: '', after: t.content });
    return { matched, action: { key: item.key, status: 'new', targetId: null, serial: t.serial, fields: { content: t.content, deadline: t.deadline }, lines, source: row.fileName, claims: [], conflict: false }, claims: [] };
  }
  const { target, fixed } = matched;
  const changes = item.changes;
  const fields: TargetAction['fields'] = {};
  // Fixed columns (a returned template's): compared when matched, never taken.
  if (!fixed && t.content !== '' && t.content !== target.content) {
    fields.content = t.content;
    changes.push({ field: 'content', line: null, before: target.content, after: t.content });
  } else if (!fixed && t.content === '' && target.content !== '') {
    item.notes.push(note('info', 'kept-existing', `第${t.serial}项：文件中内容为空，保留已有内容`, where('content')));
  }
  if (!fixed && t.deadline !== '' && t.deadline !== target.deadline) {
    fields.deadline = t.deadline;
    changes.push({ field: 'deadline', line: null, before: target.deadline, after: t.deadline });
  }
  const lines: LineAction[] = [];
  const claims: PlacedClaim[] = [];
  let threeWay = false;
  for (const m of matched.lines) lines.push(...compareMatchedLine(m, matched, ctx, claims, () => (threeWay = true)));
  const changed = changes.length > 0;
  item.status = threeWay ? 'conflict' : changed ? 'updated' : 'unchanged';
  const action: TargetAction | null = changed ? { key: item.key, status: 'updated', targetId: target.id, serial: t.serial, fields, lines, source: row.fileName, claims: claims.map(({ key, value }) => ({ key, value })), conflict: threeWay } : null;
  return { matched, action, claims };
}

function compareMatchedLine(m: MatchedLine, matched: Extract<Matched, { kind: 'existing' }>, ctx: PlanContext, claims: PlacedClaim[], onThreeWay: () => void): LineAction[] {
  const { row, target, fixed } = matched;
  const { item, where } = row;
  const l = m.parsed;
  if (!m.match) return [newLine(l, ctx.names, m.index, item.changes)];
  const match = m.match;
  if (fixed) item.notes.push(...fixedLineConflicts(l, match, m.meta, target.serial, ctx.names, (column) => where(column, l.ref.row)));
  const given = l.progressText !== '' || l.onScheduleText !== '';
  const value = `${l.progressText}\u0000${l.onScheduleText}`;
  const at = where('progress', l.ref.row);
  if (roleOn(match, row.source) === 'cooperating') {
    const unit = row.source.owner!;
    const line = cooperatingLine(ctx, l, match, m.index, unit, item.changes);
    if (given) claims.push({ key: `${match.id}|配合|${unit}`, value, where: at });
    return line ? [line] : [];
  }
  const base = baseOf(ctx, match.id, m.meta);
  const compared = compareLine(l, match, ctx.quarter, ctx.names, { index: m.index, fixed, base, serial: ctx.serialOfAssignment.get(match.id) ?? 0, at }, item.changes, item.notes);
  if (compared.threeWay) onThreeWay();
  // A template sent back as it went out (its prefilled text untouched) reports nothing new: no claim.
  const unchangedTemplate = base?.fromTemplate === true && fileAsBase(l, base);
  if (given && !unchangedTemplate) claims.push({ key: `${match.id}|牵头`, value, where: at });
  return [compared.action];
}

