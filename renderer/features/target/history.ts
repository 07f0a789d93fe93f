/**
 * One line of a target's history in words: what kind of change, and what it changed (序号 5 → 6,
 * 三季度是否按计划完成进度：否 → 是). The log keeps the whole target before and after; it is read
 * defensively because old entries may come from an older shape.
 */
import type { ChangeEntry, Section } from '../../../shared/contract';
import { ON_SCHEDULE_LABELS, quarterLabel, type OnSchedule, type Quarter } from '../../../shared/domain';
import { CHANGE_KIND_LABELS } from '../../app/format';

interface LooseReport {
  quarter: Quarter;
  text?: string;
  onSchedule?: OnSchedule | null;
}
interface LooseAssignment {
  id: number;
  leaders?: string[];
  leadUnits?: string[];
  cooperatingUnits?: string[];
  progress?: LooseReport[];
}
export interface LooseTarget {
  serial?: number;
  content?: string;
  deadline?: string;
  sectionId?: number | null;
  sourceText?: string;
  assignments?: LooseAssignment[];
}

function asTarget(v: unknown): LooseTarget | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as LooseTarget) : null;
}

const flag = (v: OnSchedule | null | undefined) => (v ? ON_SCHEDULE_LABELS[v] : '空');
const short = (s: string, n = 16) => (s.length > n ? `${s.slice(0, n)}…` : s);
/** "旧 → 新", each side shortened, an empty side written 空. */
const arrow = (before: string, after: string, n = 16) => `${before === '' ? '空' : short(before, n)} → ${after === '' ? '空' : short(after, n)}`;
const names = (list: string[] | undefined) => (list ?? []).join('、');

function progressChanges(before: LooseTarget, after: LooseTarget): string[] {
  const out: string[] = [];
  const lines = after.assignments ?? [];
  lines.forEach((a, i) => {
    const old = before.assignments?.find((b) => b.id === a.id);
    for (const q of [1, 2, 3, 4] as Quarter[]) {
      const now = a.progress?.find((p) => p.quarter === q);
      const was = old?.progress?.find((p) => p.quarter === q);
      const where = lines.length > 1 ? `分工${i + 1} ${quarterLabel(q)}` : quarterLabel(q);
      if ((now?.text ?? '') !== (was?.text ?? '')) out.push(`${where}完成情况：${arrow(was?.text ?? '', now?.text ?? '')}`);
      if ((now?.onSchedule ?? null) !== (was?.onSchedule ?? null)) out.push(`${where}是否按计划：${flag(was?.onSchedule)} → ${flag(now?.onSchedule)}`);
    }
  });
  return out;
}

/** Leaders and units, line by line (matched by id), each field before → after; lines added or removed by name. */
function peopleChanges(before: LooseTarget, after: LooseTarget): string[] {
  const out: string[] = [];
  const b = before.assignments ?? [];
  const a = after.assignments ?? [];
  const label = (list: LooseAssignment[], i: number) => (list.length > 1 ? `分工${i + 1} ` : '');
  const who = (l: LooseAssignment) => names([...(l.leadUnits ?? []), ...(l.cooperatingUnits ?? [])]) || names(l.leaders) || '空';
  a.forEach((line, i) => {
    const old = b.find((x) => x.id === line.id);
    if (!old) {
      out.push(`新增分工${i + 1}（${who(line)}）`);
      return;
    }
    const fields: [string, string[] | undefined, string[] | undefined][] = [
      ['市政府领导', old.leaders, line.leaders],
      ['牵头单位', old.leadUnits, line.leadUnits],
      ['配合单位', old.cooperatingUnits, line.cooperatingUnits],
    ];
    for (const [name, was, now] of fields) if (names(was) !== names(now)) out.push(`${label(a, i)}${name}：${arrow(names(was), names(now), 30)}`);
  });
  b.forEach((line, i) => {
    if (!a.some((x) => x.id === line.id)) out.push(`删除分工${b.length > 1 ? i + 1 : ''}（${who(line)}）`);
  });
  return out;
}

/** Every field a target change altered, in the table's words, before → after. */
export function fieldChanges(before: LooseTarget, after: LooseTarget, sections: Section[]): string[] {
  const parts: string[] = [];
  if (before.serial !== after.serial) parts.push(`序号：${before.serial ?? ''} → ${after.serial ?? ''}`);
  if (before.content !== after.content) parts.push(`责任目标内容：${arrow(before.content ?? '', after.content ?? '', 24)}`);
  if (before.deadline !== after.deadline) parts.push(`完成时限：${arrow(before.deadline ?? '', after.deadline ?? '')}`);
  if (before.sectionId !== after.sectionId) {
    const name = (id: number | null | undefined) => sections.find((s) => s.id === id)?.name ?? '未归入篇章';
    parts.push(`篇章：${name(before.sectionId)} → ${name(after.sectionId)}`);
  }
  if (before.sourceText !== after.sourceText) parts.push(`报告原文：${arrow(before.sourceText ?? '', after.sourceText ?? '', 24)}`);
  parts.push(...peopleChanges(before, after));
  parts.push(...progressChanges(before, after));
  return parts;
}

export function describeChange(entry: ChangeEntry, sections: Section[]): { kind: string; detail: string } {
  const kind = CHANGE_KIND_LABELS[entry.kind] ?? entry.kind;
  if (entry.entity === 'actual') {
    const after = entry.after as { quarter?: Quarter; goal?: string; actual?: string | null } | null;
    const before = entry.before as { actual?: string | null } | null;
    const what = (v: string | null | undefined) => (v === null || v === undefined ? '自动识别' : v === '' ? '无可比对数据' : v);
    return { kind, detail: after?.quarter ? `${quarterLabel(after.quarter)} 目标“${after.goal ?? ''}”的实际：${what(before?.actual)} → ${what(after.actual)}` : '' };
  }
  if (entry.entity === 'cooperating-return') {
    const after = entry.after as { quarter?: Quarter; unit?: string; text?: string } | null;
    return { kind, detail: after?.quarter ? `配合单位报送 ${quarterLabel(after.quarter)} ${after.unit ?? ''}：${short(after.text ?? '', 40)}` : '' };
  }
  if (entry.entity === 'review-note') {
    const after = entry.after as { quarter?: Quarter; note?: string } | null;
    const before = entry.before as { note?: string } | null;
    return { kind, detail: after?.quarter ? `${quarterLabel(after.quarter)}：${arrow(before?.note ?? '', after.note ?? '', 40)}` : '' };
  }
  const before = asTarget(entry.before);
  const after = asTarget(entry.after);
  if (!before || !after) return { kind, detail: after ? `第${after.serial ?? ''}项` : before ? `第${before.serial ?? ''}项` : '' };
  const parts = fieldChanges(before, after, sections);
  return { kind, detail: parts.slice(0, 6).join('；') + (parts.length > 6 ? ` 等 ${parts.length} 处` : '') };
}
