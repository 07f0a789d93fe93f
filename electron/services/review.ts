/**
 * The quarterly review (季度调度会): every target's status, light, rule and flags for a quarter, the same for
 * the quarter before (for the change), and the counts by leader, unit and section the dashboard shows.
 * Targets are loaded once, set-based, with all quarters; the review is cached until any write, like the
 * overview, so a dashboard click or a meeting-mode step costs nothing.
 */
import type { MeetingAgenda, Review, ReviewGroup, ReviewItem, Target } from '../../shared/contract';
import { quarterLabel, type Quarter } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { meetingItems } from '../../shared/review/meeting';
import { parseGoals, readActualFor, type Quantity } from '../../shared/review/quantity';
import * as confirmed from '../db/repos/confirmedActuals';
import { targetIdOfAssignment, touchTarget } from '../db/repos/targets';
import { assessTarget, readContent, FLAG_LABELS, LIGHT_LABELS, STATUS_LABELS, type AssessOptions, type Light, type ReviewStatus, type TargetReview } from '../../shared/review/status';
import { stmt, type Db } from '../db/connection';
import { appendChange } from '../db/repos/changeLog';
import { sectionBelongsToPlan, sectionsOfPlan } from '../db/repos/plans';
import * as agendas from '../db/repos/meetingAgendas';
import * as notes from '../db/repos/reviewNotes';
import { getRound } from '../db/repos/rounds';
import { readSettings } from '../db/repos/settings';
import { loadTarget, loadTargets } from '../db/repos/targets';
import { listSheetBytes } from '../excel/listSheet';
import { actorOf, requireTarget, type ServiceContext } from './context';
import { requirePlan } from './plans';

const STATUSES: ReviewStatus[] = ['done', 'ahead', 'on-pace', 'behind', 'not-reported', 'ongoing'];
const LIGHTS: Light[] = ['green', 'yellow', 'red'];

type Counts = Review['counts'];

function emptyCounts(): Counts {
  return { statuses: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Counts['statuses'], lights: Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Counts['lights'], total: 0 };
}

function add(c: Counts, r: { status: ReviewStatus; light: Light }): void {
  c.statuses[r.status]++;
  c.lights[r.light]++;
  c.total++;
}

/** Days from the round's due date to today; undefined when there is no due date (a missing report is then yellow). */
function daysOverdue(db: Db, planId: number, quarter: Quarter, today: Date): number | undefined {
  const due = getRound(db, planId, quarter)?.dueDate;
  if (!due) return undefined;
  return Math.floor((Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

/**
 * The quarters before `quarter` in which the plan has any report. Probed quarter by quarter through the
 * progress_quarter index, stopping at the first report found: this runs on every dashboard refresh, where a
 * DISTINCT over every report of the plan would cost more than the cached review itself.
 */
function quartersReported(db: Db, planId: number, quarter: Quarter): Quarter[] {
  const probe = stmt(
    db,
    `SELECT EXISTS (SELECT 1 FROM progress_reports p JOIN assignments a ON a.id = p.assignment_id JOIN targets t ON t.id = a.target_id
       WHERE p.quarter = ? AND t.plan_id = ? AND (trim(p.text) <> '' OR p.on_schedule IS NOT NULL)) AS yes`,
  );
  const found: Quarter[] = [];
  for (let q = 1; q < quarter; q++) if ((probe.get(q, planId) as { yes: number }).yes === 1) found.push(q as Quarter);
  return found;
}

type Confirmed = Map<number, Map<number, Quantity | null>>;
/** Per assignment and goal index: the goal as it read when confirmed, and the actual as written ('' for none). */
type ConfirmedRows = Map<number, Map<number, { goalText: string; actualText: string }>>;

/** The plan's confirmed actuals of a quarter, read once per review. */
export function confirmedOf(ctx: ServiceContext, planId: number, quarter: Quarter): ConfirmedRows {
  const map: ConfirmedRows = new Map();
  for (const row of confirmed.confirmedOfPlan(ctx.db, planId, quarter)) {
    let perLine = map.get(row.assignmentId);
    if (!perLine) map.set(row.assignmentId, (perLine = new Map()));
    perLine.set(row.goalIndex, { goalText: row.goalText, actualText: row.actualText });
  }
  return map;
}

/** The confirmations of a target that still apply: the goal still reads as it did when confirmed. */
export function applicable(all: ConfirmedRows, t: Target, goals: readonly Quantity[]): Confirmed {
  const out: Confirmed = new Map();
  for (const a of t.assignments) {
    const perLine = all.get(a.id);
    if (!perLine) continue;
    // Read against its goal: 7.1 or 7.1% confirmed for 增长5.5%左右 is a growth rate of 7.1%.
    const kept = new Map([...perLine].filter(([i, c]) => goals[i]?.text === c.goalText).map(([i, c]) => [i, c.actualText === '' ? null : readActualFor(goals[i]!, c.actualText)]));
    if (kept.size > 0) out.set(a.id, kept);
  }
  return out;
}

function toItem(t: Target, r: TargetReview, previous: { status: ReviewStatus; light: Light } | null, note: string, quarter: Quarter, fixed: Confirmed): ReviewItem {
  return {
    targetId: t.id,
    serial: t.serial,
    content: t.content,
    deadline: t.deadline,
    sectionId: t.sectionId,
    status: r.status,
    light: r.light,
    rule: r.rule,
    flags: r.flags,
    pace: r.pace.fraction,
    paceNote: r.pace.note,
    goalSpans: r.goals.map((g) => g.span),
    previous: previous ? { status: previous.status, light: previous.light } : null,
    history: [],
    note,
    lines: r.lines.map((l) => {
      const a = t.assignments.find((x) => x.id === l.assignmentId)!;
      return {
        assignmentId: l.assignmentId,
        leaders: a.leaders,
        leadUnits: a.leadUnits,
        cooperatingUnits: a.cooperatingUnits,
        text: l.report?.text ?? '',
        previousText: a.progress.find((p) => p.quarter === quarter - 1)?.text ?? '',
        onSchedule: l.report?.onSchedule ?? null,
        status: l.status,
        light: l.light,
        rule: l.rule,
        flags: l.flags,
        actualSpans: l.actuals.map((q) => q.span),
        checks: r.goals.flatMap((goal, goalIndex) => {
          if (goal.kind === 'ratio') return [];
          const c = l.comparisons.find((x) => x.goal === goal);
          return [{ goalIndex, goal: goal.text, actual: c ? c.actual.text : null, confirmed: fixed.get(l.assignmentId)?.has(goalIndex) ?? false }];
        }),
      };
    }),
  };
}

function groups(items: ReviewItem[], keys: (i: ReviewItem) => string[], order?: string[]): ReviewGroup[] {
  const map = new Map<string, Counts>();
  for (const name of order ?? []) map.set(name, emptyCounts());
  for (const item of items) {
    for (const name of new Set(keys(item))) {
      let c = map.get(name);
      if (!c) map.set(name, (c = emptyCounts()));
      add(c, item);
    }
  }
  return [...map].filter(([, c]) => c.total > 0).map(([name, c]) => ({ name, ...c }));
}

interface ReviewCache {
  /** What every target's review depends on besides the target itself. */
  key: string;
  entries: Map<number, { version: number; item: ReviewItem }>;
}

const caches = new WeakMap<Db, ReviewCache>();

/** Above this many changed targets one set-based load beats loading them one by one. */
const BULK_RELOAD = 200;

/** What a quarter's review of every target is computed with, read once per review. */
interface ReviewInputs {
  planId: number;
  quarter: Quarter;
  key: string;
  assess: AssessOptions;
  thresholds: AssessOptions['thresholds'];
  earlierQuarters: Quarter[];
  confirmedNow: ConfirmedRows;
  earlier: { quarter: Quarter; confirmed: ConfirmedRows }[];
}

function reviewInputs(ctx: ServiceContext, year: number, quarter: Quarter, today: Date): ReviewInputs {
  const plan = requirePlan(ctx, year);
  const settings = readSettings(ctx.db);
  const assess: AssessOptions = { thresholds: settings.reviewThresholds };
  const overdue = daysOverdue(ctx.db, plan.id, quarter, today);
  if (overdue !== undefined) assess.daysOverdue = overdue;
  // Quarters before this one in which the plan has any report: a quarter nobody reported in gives no
  // change (较上季度) and no step in a light's history.
  const earlierQuarters = quartersReported(ctx.db, plan.id, quarter);
  return {
    planId: plan.id,
    quarter,
    key: JSON.stringify([plan.id, quarter, overdue ?? null, settings.reviewThresholds, earlierQuarters]),
    assess,
    thresholds: settings.reviewThresholds,
    earlierQuarters,
    confirmedNow: confirmedOf(ctx, plan.id, quarter),
    earlier: earlierQuarters.map((q) => ({ quarter: q, confirmed: confirmedOf(ctx, plan.id, q) })),
  };
}

/** One target's review item of the quarter, with its light's history over the earlier quarters. */
function reviewItem(t: Target, inputs: ReviewInputs): ReviewItem {
  const { quarter } = inputs;
  const content = readContent(t.content);
  const goals = content.goals;
  const fixedNow = applicable(inputs.confirmedNow, t, goals);
  const r = assessTarget(t, quarter, { ...inputs.assess, confirmed: fixedNow, content });
  const history = inputs.earlier.map((e) => {
    const h = assessTarget(t, e.quarter, { thresholds: inputs.thresholds, confirmed: applicable(e.confirmed, t, goals), content });
    return { quarter: e.quarter, status: h.status, light: h.light };
  });
  const item = toItem(t, r, history.find((h) => h.quarter === quarter - 1) ?? null, '', quarter, fixedNow);
  return { ...item, history: [...history, { quarter, status: r.status, light: r.light }] };
}

function planVersions(ctx: ServiceContext, planId: number): { id: number; serial: number; version: number }[] {
  return stmt(ctx.db, 'SELECT id, serial, version FROM targets WHERE plan_id = ? ORDER BY serial, id').all(planId) as { id: number; serial: number; version: number }[];
}

/**
 * The review of a quarter. Each target's review depends only on the target (its version bumps on every
 * write, by any path), the quarter, the thresholds and how overdue the round is; so reviews are kept per
 * target and only targets whose version moved are loaded and assessed again. After one edit the dashboard
 * costs a version scan and a count, not 5,000 assessments. `useCache: false` computes everything afresh.
 */
export function getReview(ctx: ServiceContext, year: number, quarter: Quarter, options: { today?: Date; useCache?: boolean } = {}): Review {
  const inputs = reviewInputs(ctx, year, quarter, options.today ?? new Date());
  const { planId, key, earlierQuarters } = inputs;
  const useCache = options.useCache ?? true;
  let cache = useCache ? caches.get(ctx.db) : undefined;
  if (!cache || cache.key !== key) {
    cache = { key, entries: new Map() };
    if (useCache) caches.set(ctx.db, cache);
  }
  const entries = cache.entries;
  const versions = planVersions(ctx, planId);
  const stale = versions.filter((v) => entries.get(v.id)?.version !== v.version);
  if (stale.length > 0) {
    const wanted = new Set(stale.map((v) => v.id));
    const loaded = stale.length > BULK_RELOAD ? loadTargets(ctx.db, { planId: planId }).filter((t) => wanted.has(t.id)) : stale.map((v) => loadTarget(ctx.db, v.id)!);
    for (const t of loaded) entries.set(t.id, { version: t.version, item: reviewItem(t, inputs) });
  }
  if (entries.size > versions.length) {
    const live = new Set(versions.map((v) => v.id));
    for (const id of entries.keys()) if (!live.has(id)) entries.delete(id);
  }
  const decided = notes.notesOfPlan(ctx.db, planId, quarter);
  const items = versions.map((v) => {
    const item = entries.get(v.id)!.item;
    const note = decided.get(v.id);
    return note === undefined ? item : { ...item, note };
  });
  const counts = emptyCounts();
  for (const i of items) add(counts, i);
  let previousCounts: Counts | null = null;
  if (earlierQuarters.includes((quarter - 1) as Quarter)) {
    previousCounts = emptyCounts();
    for (const i of items) if (i.previous) add(previousCounts, i.previous);
  }
  const sections = sectionsOfPlan(ctx.db, planId);
  const sectionName = new Map(sections.map((s) => [s.id, s.name]));
  return {
    year,
    quarter,
    agenda: agendas.agendaOf(ctx.db, planId, quarter),
    items,
    counts,
    previousCounts,
    byLeader: groups(items, (i) => i.lines.flatMap((l) => l.leaders)),
    byUnit: groups(items, (i) => i.lines.flatMap((l) => l.leadUnits)),
    bySection: groups(items, (i) => [i.sectionId === null ? '未归入篇章' : (sectionName.get(i.sectionId) ?? '未归入篇章')], sections.map((s) => s.name)),
  };
}

/** How many targets' reviews the connection keeps, of the quarter last reviewed or warmed. */
export function keptReviews(db: Db): number {
  return caches.get(db)?.entries.size ?? 0;
}

/** How a warm-up is paced: after the overview has been drawn, then a slice of targets per turn of the event loop. */
export interface WarmPace {
  delayMs: number;
  slice: number;
}

export const WARM_PACE: WarmPace = { delayMs: 400, slice: 150 };

/** The warm-up under way per connection, so a second overview does not start another. */
const warming = new WeakMap<Db, { which: string; done: Promise<void> }>();

/**
 * Computes a quarter's review in the background, so the dashboard opened from the overview (on the same
 * quarter) is there at once: a first review of 5,000 targets costs about half a second of computation.
 * The app's hosts call this after answering an overview; the CLI never does. It runs in slices between
 * requests, only fills the same per-target cache getReview keeps (an entry is never older than what it
 * replaces), writes nothing, and stops when the connection closes or another quarter's review replaces
 * its cache. Settles when done or stopped; never rejects.
 */
export function warmReview(ctx: ServiceContext, year: number, quarter: Quarter, pace: WarmPace = WARM_PACE): Promise<void> {
  const db = ctx.db;
  const which = `${year}:${quarter}`;
  const running = warming.get(db);
  if (running && running.which === which) return running.done;
  const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
  const done: Promise<void> = (async () => {
    await later(pace.delayMs);
    if (!db.open || ctx.db !== db) return;
    const inputs = reviewInputs(ctx, year, quarter, new Date());
    // The quarter the overview shows is the one its dashboard opens on: its cache replaces another quarter's.
    let mine = caches.get(db);
    if (!mine || mine.key !== inputs.key) caches.set(db, (mine = { key: inputs.key, entries: new Map() }));
    const current = () => db.open && ctx.db === db && caches.get(db) === mine;
    const entries = mine.entries;
    const stale = planVersions(ctx, inputs.planId).filter((v) => entries.get(v.id)?.version !== v.version);
    // Loaded a slice at a time too: one load of 5,000 targets would hold requests up for 150 ms.
    for (let i = 0; i < stale.length; i += pace.slice) {
      await later(0);
      if (!current()) return;
      const slice = stale.slice(i, i + pace.slice);
      const wanted = new Set(slice.map((v) => v.id));
      const serials = { from: slice[0]!.serial, to: slice[slice.length - 1]!.serial };
      for (const t of loadTargets(db, { planId: inputs.planId, serials })) {
        if (!wanted.has(t.id)) continue;
        // A review run meanwhile may have assessed a newer version of the target.
        const had = entries.get(t.id);
        if (had === undefined || had.version < t.version) entries.set(t.id, { version: t.version, item: reviewItem(t, inputs) });
      }
    }
  })()
    // A plan deleted or a store closed meanwhile: nothing to warm, and nothing to report.
    .catch(() => undefined)
    .finally(() => {
      if (warming.get(db)?.done === done) warming.delete(db);
    });
  warming.set(db, { which, done });
  return done;
}

export function saveReviewNote(ctx: ServiceContext, targetId: number, quarter: Quarter, note: string): { targetId: number; quarter: Quarter; note: string } {
  requireTarget(ctx, targetId);
  return ctx.db.transaction(() => {
    const before = notes.noteOf(ctx.db, targetId, quarter);
    const actor = actorOf(ctx);
    notes.putNote(ctx.db, targetId, quarter, note.trim(), actor);
    const after = notes.noteOf(ctx.db, targetId, quarter);
    if (after !== before) appendChange(ctx.db, actor, { kind: 'review-note', entity: 'review-note', entityId: quarter, targetId, before: { quarter, note: before }, after: { quarter, note: after } });
    return { targetId, quarter, note: after };
  })();
}

/**
 * Saves the agenda of a quarter's meeting, so that meeting mode opens on it again. What it names must exist
 * in the year: a leader on some line, a section of the plan, targets of the plan. Meeting data is not the
 * published table (like 督办意见), so a locked quarter's agenda can still be chosen. An unchanged agenda
 * writes nothing.
 */
export function saveMeetingAgenda(ctx: ServiceContext, year: number, quarter: Quarter, agenda: MeetingAgenda): { year: number; quarter: Quarter; agenda: MeetingAgenda } {
  // Checked inside the transaction: another window (or the CLI) may delete a target meanwhile.
  return ctx.db.transaction(() => {
    const plan = requirePlan(ctx, year);
    const wanted: MeetingAgenda = agenda.kind === 'picked' ? { kind: 'picked', targetIds: [...agenda.targetIds].sort((a, b) => a - b) } : agenda;
    if (wanted.kind === 'leader' && !agendas.isLeaderOfPlan(ctx.db, plan.id, wanted.leader)) {
      throw new AppError('validation', `${year}年的责任目标中没有市政府领导“${wanted.leader}”。`, { field: 'leader' });
    }
    if (wanted.kind === 'section' && wanted.sectionId !== null && !sectionBelongsToPlan(ctx.db, wanted.sectionId, plan.id)) {
      throw new AppError('validation', `${year}年没有这个篇章，可能已被删除。`, { field: 'sectionId' });
    }
    if (wanted.kind === 'picked') {
      const foreign = agendas.targetsNotOfPlan(ctx.db, plan.id, wanted.targetIds);
      if (foreign.length > 0) throw new AppError('validation', `所选的${foreign.length}项责任目标不属于${year}年，可能已被删除。`, { field: 'targetIds' });
    }
    const before = agendas.agendaOf(ctx.db, plan.id, quarter);
    if (JSON.stringify(before) !== JSON.stringify(wanted)) {
      const actor = actorOf(ctx);
      agendas.putAgenda(ctx.db, plan.id, quarter, wanted, actor);
      appendChange(ctx.db, actor, { kind: 'meeting-agenda', entity: 'meeting-agenda', entityId: plan.id, targetId: null, before: { year, quarter, agenda: before }, after: { year, quarter, agenda: wanted } });
    }
    return { year, quarter, agenda: agendas.agendaOf(ctx.db, plan.id, quarter) };
  })();
}

/** The review as an .xlsx: the items to discuss, by leader, with status, rule, flags and the decision. */
export async function exportReview(ctx: ServiceContext, year: number, quarter: Quarter): Promise<{ fileName: string; data: string; count: number }> {
  const review = getReview(ctx, year, quarter);
  const rows = meetingItems(review);
  if (rows.length === 0) throw new AppError('validation', `${year}年${quarterLabel(quarter)}没有滞后或需关注的责任目标。`);
  const bytes = await listSheetBytes({
    sheet: '调度清单',
    title: `${year}年${quarterLabel(quarter)}责任目标滞后及需关注事项清单`,
    columns: [
      { header: '市政府领导', width: 12 },
      { header: '序号', width: 6, center: true },
      { header: '责任目标内容', width: 40 },
      { header: '状态', width: 10, center: true },
      { header: '预警', width: 10, center: true },
      { header: '判断依据', width: 36 },
      { header: '提示', width: 18 },
      { header: '督办意见', width: 30 },
    ],
    rows: rows.map(({ leader, item }) => [leader, item.serial, item.content, STATUS_LABELS[item.status], LIGHT_LABELS[item.light], item.rule, item.flags.map((f) => FLAG_LABELS[f]).join('、'), item.note]),
    orientation: 'landscape',
  });
  return { fileName: `${year}年${quarterLabel(quarter)}责任目标调度清单.xlsx`, data: bytes.toString('base64'), count: rows.length };
}

/**
 * A person confirms the actual read for one goal, corrects it ("45家"), says the report has none (''), or
 * hands it back to the automatic reading (null). The target's version moves, so its review is redone.
 */
export function confirmActual(ctx: ServiceContext, input: { assignmentId: number; quarter: Quarter; goalIndex: number; actual: string | null }): Target {
  const targetId = targetIdOfAssignment(ctx.db, input.assignmentId);
  if (targetId === undefined) throw new AppError('not-found', `找不到分工 ${input.assignmentId}，可能已被删除。`);
  return ctx.db.transaction(() => {
    const target = requireTarget(ctx, targetId);
    const goal = parseGoals(target.content)[input.goalIndex];
    if (!goal || goal.kind === 'ratio') throw new AppError('validation', `第${target.serial}项的内容中没有第${input.goalIndex + 1}个可比对的数量目标。`, { field: 'goalIndex' });
    const actual = input.actual?.trim() ?? null;
    if (actual !== null && actual !== '') {
      if (!readActualFor(goal, actual)) {
        throw new AppError('validation', `“${actual}”无法与目标“${goal.text}”比较，请写出数量和单位，如“${goal.written}${goal.unit}”。`, { field: 'actual' });
      }
    }
    const actor = actorOf(ctx);
    // The value it replaces, as the review used it: a confirmation of the same goal, else none (null: automatic).
    const was = confirmed.confirmedOf(ctx.db, input.assignmentId, input.quarter, input.goalIndex);
    const previous = was && was.goalText === goal.text ? was.actualText : null;
    if (actual === null) confirmed.deleteConfirmed(ctx.db, input.assignmentId, input.quarter, input.goalIndex);
    else confirmed.putConfirmed(ctx.db, input.assignmentId, input.quarter, input.goalIndex, goal.text, actual, actor);
    touchTarget(ctx.db, targetId);
    appendChange(ctx.db, actor, {
      kind: 'confirm-actual',
      entity: 'actual',
      entityId: input.assignmentId,
      targetId,
      before: { quarter: input.quarter, goal: goal.text, actual: previous },
      after: { quarter: input.quarter, goal: goal.text, actual },
    });
    return requireTarget(ctx, targetId);
  })();
}
