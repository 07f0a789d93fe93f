import type { OverviewFilter, OverviewLine, OverviewRow, Target } from '../../shared/contract';
import { normalizeName, type Quarter } from '../../shared/domain';
import { findUnitId, unitName } from '../db/repos/directory';
import { searchTargetIds } from '../db/repos/search';
import { loadTargets } from '../db/repos/targets';
import { stmt, type Db } from '../db/connection';
import type { ServiceContext } from './context';
import { requirePlan } from './plans';

// One entry per quarter: the overview with last quarter's column asks for two quarters at a time.
const cache = new WeakMap<Db, Map<Quarter, { key: string; targets: Target[] }>>();

/**
 * The plan's targets for a quarter, loaded once and reused while nothing was written: every filter
 * keystroke in the overview re-queries, and rebuilding 5,000 targets each time costs ~60 ms. The key uses
 * this connection's change counter and SQLite's data_version (bumped by other connections' commits), so any
 * write by any path invalidates it.
 */
function planTargets(db: Db, planId: number, quarter: Quarter): Target[] {
  const changes = (stmt(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const key = `${planId}:${quarter}:${changes}:${dataVersion}`;
  let perQuarter = cache.get(db);
  if (!perQuarter) cache.set(db, (perQuarter = new Map()));
  const hit = perQuarter.get(quarter);
  if (hit?.key === key) return hit.targets;
  const targets = loadTargets(db, { planId }, quarter);
  perQuarter.set(quarter, { key, targets });
  return targets;
}

type LinePredicate = (line: Target['assignments'][number], report: OverviewLine['progress']) => boolean;

function linePredicates(ctx: ServiceContext, filter: OverviewFilter): LinePredicate[] {
  const predicates: LinePredicate[] = [];
  if (filter.leader) {
    const leader = normalizeName(filter.leader);
    predicates.push((a) => a.leaders.includes(leader));
  }
  if (filter.unit) {
    // An alias (市发改委) finds the lines of the unit it stands for (市发展改革委).
    const id = findUnitId(ctx.db, filter.unit);
    const unit = id === undefined ? normalizeName(filter.unit) : unitName(ctx.db, id);
    predicates.push((a) => a.leadUnits.includes(unit) || a.cooperatingUnits.includes(unit));
  }
  if (filter.onSchedule) {
    const wanted = filter.onSchedule;
    predicates.push((_a, p) => (wanted === 'blank' ? p === null || p.onSchedule === null : p?.onSchedule === wanted));
  }
  return predicates;
}

/**
 * The overview of a year and quarter: targets in serial order, each with its lines and that quarter's
 * progress. A target is shown when any of its lines meets the line filters; its other lines come along,
 * marked, because the table is read target by target.
 */
export function getOverview(
  ctx: ServiceContext,
  input: { year: number; quarter: Quarter; filter: OverviewFilter },
): { rows: OverviewRow[]; totalTargets: number; totalLines: number } {
  const plan = requirePlan(ctx, input.year);
  const { filter } = input;
  const targets = planTargets(ctx.db, plan.id, input.quarter);
  const found = filter.query ? searchTargetIds(ctx.db, filter.query, filter.searchAllQuarters ? null : input.quarter) : null;
  const predicates = linePredicates(ctx, filter);
  const previous = new Map<number, OverviewLine['progress']>();
  if (filter.withPrevious && input.quarter > 1) {
    for (const t of planTargets(ctx.db, plan.id, (input.quarter - 1) as Quarter)) for (const a of t.assignments) previous.set(a.id, a.progress[0] ?? null);
  }
  const rows: OverviewRow[] = [];
  let totalLines = 0;
  for (const t of targets) {
    totalLines += t.assignments.length;
    if (found && !found.has(t.id)) continue;
    if (filter.sectionId !== undefined && t.sectionId !== filter.sectionId) continue;
    if (filter.unsectioned && t.sectionId !== null) continue;
    let anyMatch = t.assignments.length === 0 && predicates.length === 0;
    const lines: OverviewLine[] = t.assignments.map((a) => {
      const progress = a.progress[0] ?? null;
      const matches = predicates.every((p) => p(a, progress));
      anyMatch ||= matches;
      const line: OverviewLine = { id: a.id, leaders: a.leaders, leadUnits: a.leadUnits, cooperatingUnits: a.cooperatingUnits, progress, matches };
      if (filter.withPrevious) line.previous = previous.get(a.id) ?? null;
      return line;
    });
    if (!anyMatch) continue;
    rows.push({ id: t.id, serial: t.serial, content: t.content, deadline: t.deadline, sectionId: t.sectionId, version: t.version, lines });
  }
  return { rows, totalTargets: targets.length, totalLines };
}
