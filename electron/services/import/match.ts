/**
 * The plan's second step, match: which of the store's targets a row stands for (by hidden id, else by
 * serial), or that it is new; and which existing line (分工) each of its lines stands for. A row whose
 * content is far from the target of its serial is a conflict, not an edit; a serial twice among new rows
 * is an error; a new line met again in another file is added once.
 */
import type { Target } from '../../../shared/contract';
import { normalizeName } from '../../../shared/domain';
import { unitsOf, type ParsedLine } from '../../excel/overviewReader';
import type { TemplateMetaLine } from '../../excel/templateMeta';
import { similarity } from '../text';
import { note } from './notes';
import type { PlanContext } from './planContext';
import type { Row } from './rows';

/** Below this, a serial whose content changed is taken for another target, not an edit. */
export const CONFLICT_SIMILARITY = 0.35;

export type Line = Target['assignments'][number];

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const short = (text: string) => (text.length > 30 ? `${text.slice(0, 30)}…` : text);

/** The existing line a parsed line stands for: by hidden id, else the line sharing its units or leaders, else by position. */
export function matchLine(existing: Target, parsed: ParsedLine, index: number, leadUnits: string[], taken: Set<number>, owner: string | null = null): Line | undefined {
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

/** A parsed line and what it stands for: an existing line, or none (a line to add). */
export interface MatchedLine {
  parsed: ParsedLine;
  index: number;
  match: Line | null;
  /** What the template carried for this line, when the file is a returned template. */
  meta: TemplateMetaLine | undefined;
}

export type Matched =
  | { kind: 'new'; row: Row }
  | {
      kind: 'existing';
      row: Row;
      target: Target;
      /** A returned template known by its hidden ids: its fixed columns are the store's, compared and never taken. */
      fixed: boolean;
      firstMeta: TemplateMetaLine | undefined;
      lines: MatchedLine[];
    }
  /** Refused here: a duplicate serial among new rows (error) or content far from its serial's target (conflict). */
  | { kind: 'refused'; row: Row };

/** What matching remembers across rows: the serials of new targets and the new lines already planned. */
export interface MatchTally {
  newSerials: Map<number, string>;
  newLines: Map<string, string>;
}

export const emptyMatchTally = (): MatchTally => ({ newSerials: new Map(), newLines: new Map() });

export function matchRow(row: Row, ctx: PlanContext, tally: MatchTally): Matched {
  const { t, item, where } = row;
  const notes = item.notes;
  const byTargetId = t.targetId !== null ? ctx.byId.get(t.targetId) : undefined;
  if (t.targetId !== null && !byTargetId) {
    notes.push(note('warning', 'unknown-id', `目标ID ${t.targetId} 不是${ctx.year}年已有的责任目标，按序号${t.serial}处理`, where('serial')));
  }
  const target = byTargetId ?? ctx.bySerial.get(t.serial);
  if (!target) {
    const earlier = tally.newSerials.get(t.serial);
    if (earlier) {
      notes.push(note('error', 'duplicate-serial', `第${t.serial}项在导入文件中出现了两次（另见 ${earlier}），该行未导入`, where('serial')));
      item.status = 'error';
      return { kind: 'refused', row };
    }
    tally.newSerials.set(t.serial, `${row.fileName} 第${t.ref.row}行`);
    item.status = 'new';
    return { kind: 'new', row };
  }

  item.targetId = target.id;
  if (byTargetId && target.serial !== t.serial) {
    // A returned template matched by its hidden id: the preview shows the target it updates.
    notes.push(note('warning', 'serial-mismatch', `文件中的序号${t.serial}与目标ID ${target.id} 对应的第${target.serial}项不一致，已按目标ID更新第${target.serial}项（序号不变）`, where('serial')));
    item.serial = target.serial;
  }
  const fixed = t.targetId !== null && byTargetId !== undefined;
  const metaOf = (l: ParsedLine) => (l.assignmentId !== null ? row.source.metaLines.get(l.assignmentId) : undefined);
  const firstMeta = t.lines.map(metaOf).find((m) => m !== undefined);
  if (fixed) {
    // A unit's change to a fixed column is shown as a conflict and never written; a change the office made
    // since the template went out stands.
    const fixedConflict = (column: 'content' | 'deadline', label: string, file: string, sent: string, store: string) => {
      if (file === '' || file === sent || file === store) return;
      notes.push(note('warning', 'fixed-column-conflict', `冲突：第${target.serial}项的“${label}”是模板的固定列，文件中为“${short(file)}”，库中为“${short(store)}”，以库中为准，未更新`, where(column)));
    };
    fixedConflict('content', '责任目标内容', t.content, firstMeta?.content ?? target.content, target.content);
    fixedConflict('deadline', '完成时限', t.deadline, firstMeta?.deadline ?? target.deadline, target.deadline);
  }
  if (!fixed && t.content !== '' && target.content !== '' && similarity(t.content, target.content) < CONFLICT_SIMILARITY) {
    notes.push(note('error', 'content-conflict', `第${t.serial}项的内容与已有目标差别很大，可能序号已变，未覆盖。已有：“${target.content.slice(0, 30)}”`, where('content')));
    item.status = 'conflict';
    return { kind: 'refused', row };
  }
  return { kind: 'existing', row, target, fixed, firstMeta, lines: matchLines(row, target, ctx, tally, metaOf) };
}

/** Each parsed line against the target's lines; a new line already planned from another file is dropped with a note. */
function matchLines(row: Row, target: Target, ctx: PlanContext, tally: MatchTally, metaOf: (l: ParsedLine) => TemplateMetaLine | undefined): MatchedLine[] {
  const taken = new Set<number>();
  const out: MatchedLine[] = [];
  row.t.lines.forEach((l, index) => {
    const units = unitsOf(l);
    const lead = units.leadUnits.map(ctx.names.canonicalUnit);
    const match = matchLine(target, l, index, lead, taken, row.source.by === 'unit' ? row.source.owner : null);
    if (match) {
      taken.add(match.id);
      out.push({ parsed: l, index, match, meta: metaOf(l) });
      return;
    }
    // A line the store lacks, met again in another file (two units' returns of one target): added once.
    const key = `${target.id}|${l.leaders.map(normalizeName).join(' ')}|${[...lead, ...units.cooperatingUnits.map(ctx.names.canonicalUnit)].join(' ')}`;
    const earlier = tally.newLines.get(key);
    if (earlier) {
      row.item.notes.push(note('warning', 'duplicate-line', `第${row.t.serial}项的这条新分工也出现在 ${earlier}，只新增一次`, row.where('progress', l.ref.row)));
      return;
    }
    tally.newLines.set(key, `${row.fileName} 第${l.ref.row}行`);
    out.push({ parsed: l, index, match: null, meta: undefined });
  });
  return out;
}
