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
interface LooseTarget {
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

function progressChanges(before: LooseTarget, after: LooseTarget): string[] {
  const out: string[] = [];
  const lines = after.assignments ?? [];
  lines.forEach((a, i) => {
    const old = before.assignments?.find((b) => b.id === a.id);
    for (const q of [1, 2, 3, 4] as Quarter[]) {
      const now = a.progress?.find((p) => p.quarter === q);
      const was = old?.progress?.find((p) => p.quarter === q);
      const where = lines.length > 1 ? `分工${i + 1} ${quarterLabel(q)}` : quarterLabel(q);
      if ((now?.text ?? '') !== (was?.text ?? '')) out.push(now?.text ? `${where}完成情况：${short(now.text)}` : `清空了${where}完成情况`);
      if ((now?.onSchedule ?? null) !== (was?.onSchedule ?? null)) out.push(`${where}是否按计划：${flag(was?.onSchedule)} → ${flag(now?.onSchedule)}`);
    }
  });
  return out;
}

export function describeChange(entry: ChangeEntry, sections: Section[]): { kind: string; detail: string } {
  const kind = CHANGE_KIND_LABELS[entry.kind] ?? entry.kind;
  if (entry.entity === 'actual') {
    const after = entry.after as { quarter?: Quarter; goal?: string; actual?: string | null } | null;
    const what = after?.actual === null ? '恢复自动识别' : after?.actual === '' ? '无可比对数据' : `实际为 ${after?.actual ?? ''}`;
    return { kind, detail: after?.quarter ? `${quarterLabel(after.quarter)} 目标“${after.goal ?? ''}”：${what}` : '' };
  }
  if (entry.entity === 'cooperating-return') {
    const after = entry.after as { quarter?: Quarter; unit?: string; text?: string } | null;
    return { kind, detail: after?.quarter ? `配合单位报送 ${quarterLabel(after.quarter)} ${after.unit ?? ''}：${short(after.text ?? '', 40)}` : '' };
  }
  if (entry.entity === 'review-note') {
    const after = entry.after as { quarter?: Quarter; note?: string } | null;
    return { kind, detail: after?.quarter ? `${quarterLabel(after.quarter)}：${after.note ? short(after.note, 40) : '（清空）'}` : '' };
  }
  const before = asTarget(entry.before);
  const after = asTarget(entry.after);
  if (!before || !after) return { kind, detail: '' };
  const parts: string[] = [];
  if (before.serial !== after.serial) parts.push(`序号 ${before.serial ?? ''} → ${after.serial ?? ''}`);
  if (before.content !== after.content) parts.push('修改了目标内容');
  if (before.deadline !== after.deadline) parts.push(`完成时限 ${before.deadline || '空'} → ${after.deadline || '空'}`);
  if (before.sectionId !== after.sectionId) {
    const name = sections.find((s) => s.id === after.sectionId)?.name ?? '未归入篇章';
    parts.push(`篇章改为“${name}”`);
  }
  if (before.sourceText !== after.sourceText) parts.push('修改了报告原文');
  const b = before.assignments ?? [];
  const a = after.assignments ?? [];
  const people = (x: LooseAssignment[]) => JSON.stringify(x.map((l) => [l.leaders, l.leadUnits, l.cooperatingUnits]));
  if (b.length !== a.length) parts.push(`分工 ${b.length} 条 → ${a.length} 条`);
  else if (people(b) !== people(a)) parts.push('调整了领导或责任单位');
  parts.push(...progressChanges(before, after));
  return { kind, detail: parts.slice(0, 4).join('；') + (parts.length > 4 ? ` 等 ${parts.length} 处` : '') };
}
