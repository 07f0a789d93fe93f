/**
 * The assessment's events, collected from what the store already knows: each quarter's review of every
 * line (behind plan, copied from last quarter, contradicted by its numbers), the fourth quarter's status
 * (done or not at year end), the collection rounds' returns against their due dates (late, missing), and
 * the 督办通知 against their reply dates. Turning events into points is shared/assessment/score.ts.
 */
import type { Target } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import type { RawEvent } from '../../../shared/assessment/score';
import { parseGoals } from '../../../shared/review/quantity';
import { assessTarget, type LineReview } from '../../../shared/review/status';
import { noticesOfPlan } from '../../db/repos/assessment';
import type { PlanRow } from '../../db/repos/plans';
import { activeReturns, getRound } from '../../db/repos/rounds';
import { readSettings } from '../../db/repos/settings';
import { loadTargets } from '../../db/repos/targets';
import type { ServiceContext } from '../context';
import { applicable, confirmedOf } from '../review';
import { groupTargets } from '../templates';

export interface CollectedEvents {
  units: string[];
  events: RawEvent[];
  /** Quarters in which the year has any report: the others give no events. */
  quarters: Quarter[];
  notes: string[];
}

const QUARTERS: Quarter[] = [1, 2, 3, 4];

function hasReport(t: Target, q: Quarter): boolean {
  return t.assignments.some((a) => a.progress.some((p) => p.quarter === q && (p.text.trim() !== '' || p.onSchedule !== null)));
}

/** The day an ISO date-time or date falls on, as written (YYYY-MM-DD). */
function dayOf(at: string | null | undefined): string | null {
  return at ? at.slice(0, 10) : null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function serialList(serials: number[]): string {
  return `第${[...new Set(serials)].sort((a, b) => a - b).join('、')}项`;
}

/** The events of one line in one quarter: its lead units bear all, its cooperating units the outcome only. */
function lineEvents(t: Target, q: Quarter, line: LineReview, date: string | null, push: (e: RawEvent) => void): void {
  const a = t.assignments.find((x) => x.id === line.assignmentId)!;
  const when = quarterLabel(q);
  const both = (kind: RawEvent['kind'], detail: string) => {
    for (const unit of a.leadUnits) push({ kind, unit, role: 'lead', serial: t.serial, quarter: q, date, detail });
    for (const unit of a.cooperatingUnits) push({ kind, unit, role: 'cooperating', serial: t.serial, quarter: q, date, detail: `${detail}（配合）` });
  };
  const lead = (kind: RawEvent['kind'], detail: string) => {
    for (const unit of a.leadUnits) push({ kind, unit, role: 'lead', serial: t.serial, quarter: q, date, detail });
  };
  if (q === 4) {
    if (line.status === 'behind') both('year-end-not-done', `第${t.serial}项年底未完成：${line.rule}`);
    else if (line.status === 'done' || line.status === 'ahead' || line.status === 'on-pace') both('year-end-done', `第${t.serial}项年底已完成`);
  } else if (line.status === 'behind') both('behind', `第${t.serial}项${when}进度滞后：${line.rule}`);
  if (line.flags.includes('unchanged')) lead('copied', `第${t.serial}项${when}完成情况与上季度相同`);
  if (line.flags.includes('contradiction')) lead('contradiction', `第${t.serial}项${when}自报与数据不符：${line.rule}`);
}

export function collectEvents(ctx: ServiceContext, plan: PlanRow, asOf: string): CollectedEvents {
  const targets = loadTargets(ctx.db, { planId: plan.id });
  const thresholds = readSettings(ctx.db).reviewThresholds;
  const quarters = QUARTERS.filter((q) => targets.some((t) => hasReport(t, q)));
  const events: RawEvent[] = [];
  const seen = new Set<string>();
  // Two lines of one target led by the same unit are one event for it, not two.
  const push = (e: RawEvent) => {
    const key = `${e.kind}|${e.unit}|${e.serial}|${e.quarter}`;
    if (seen.has(key)) return;
    seen.add(key);
    events.push(e);
  };
  const units = new Set<string>();
  for (const t of targets) for (const a of t.assignments) for (const u of [...a.leadUnits, ...a.cooperatingUnits]) units.add(u);
  const owners = groupTargets(targets, 'unit');
  // Goals read once per target, not once per quarter: the content is the year's.
  const goalsOf = new Map(targets.map((t) => [t.id, parseGoals(t.content)]));
  const notes: string[] = [];

  for (const q of quarters) {
    const round = getRound(ctx.db, plan.id, q);
    // A round by unit with a due date says who returned and when; without one, a line left empty is the unit's missing report.
    const byReturns = round?.byKind === 'unit' && round.dueDate ? round : undefined;
    const confirmed = confirmedOf(ctx, plan.id, q);
    const unreported = new Map<string, number[]>();
    for (const t of targets) {
      const r = assessTarget(t, q, { thresholds, confirmed: applicable(confirmed, t, goalsOf.get(t.id)!) });
      for (const line of r.lines) {
        const a = t.assignments.find((x) => x.id === line.assignmentId)!;
        const date = dayOf(a.progress.find((p) => p.quarter === q)?.updatedAt);
        lineEvents(t, q, line, date, push);
        if (line.status === 'not-reported') for (const u of a.leadUnits) unreported.set(u, [...(unreported.get(u) ?? []), t.serial]);
      }
    }
    if (byReturns) {
      const due = byReturns.dueDate!;
      const returns = activeReturns(ctx.db, plan.id, q);
      for (const owner of owners.keys()) {
        const first = returns.find((r) => r.owner === owner);
        const day = dayOf(first?.returnedAt);
        if (day === null) {
          if (due < asOf) push({ kind: 'return-missing', unit: owner, role: 'unit', serial: null, quarter: q, date: due, detail: `${quarterLabel(q)}未报送（报送截止${due}）` });
        } else if (day > due) {
          push({ kind: 'return-late', unit: owner, role: 'unit', serial: null, quarter: q, date: day, detail: `${quarterLabel(q)}逾期${daysBetween(due, day)}天报送（截止${due}，${day}报送）` });
        }
      }
    } else {
      for (const [unit, serials] of unreported) {
        push({ kind: 'return-missing', unit, role: 'unit', serial: null, quarter: q, date: round?.dueDate ?? null, detail: `${quarterLabel(q)}未报送${serialList(serials)}的完成情况` });
      }
    }
  }

  const serialOf = new Map(targets.map((t) => [t.id, t.serial]));
  for (const n of noticesOfPlan(ctx.db, plan.id)) {
    units.add(n.unit);
    const replied = dayOf(n.repliedAt);
    const late = replied === null ? n.replyDue < asOf : replied > n.replyDue;
    if (!late) continue;
    const serials = n.targetIds.map((id) => serialOf.get(id)).filter((s): s is number => s !== undefined);
    const what = serials.length > 0 ? `（${serialList(serials)}）` : '';
    const detail = replied === null ? `${quarterLabel(n.quarter)}督办通知${what}要求${n.replyDue}前回复，至${asOf}未回复` : `${quarterLabel(n.quarter)}督办通知${what}要求${n.replyDue}前回复，${replied}回复，逾期${daysBetween(n.replyDue, replied)}天`;
    // Several notices in a quarter are several events: keyed by their issue time.
    events.push({ kind: 'notice-late', unit: n.unit, role: 'unit', serial: serials.length === 1 ? serials[0]! : null, quarter: n.quarter, date: replied ?? n.replyDue, detail });
  }

  const missing = QUARTERS.filter((q) => !quarters.includes(q));
  if (missing.length > 0) notes.push(`${missing.map(quarterLabel).join('、')}尚无报送，未计入考核${missing.includes(4) ? '（年底完成情况待四季度报送后计入）' : ''}。`);
  return { units: [...units], events, quarters, notes };
}
