import type { OverviewFilter, OverviewLine, OverviewRow, Target } from '../../shared/contract';
import { normalizeName, type Quarter } from '../../shared/domain';
import { findUnitId, unitName } from '../db/repos/directory';
import { searchTargetIds } from '../db/repos/search';
import { loadTargets } from '../db/repos/targets';
import type { ServiceContext } from './context';
import { requirePlan } from './plans';

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
  const targets = loadTargets(ctx.db, { planId: plan.id }, input.quarter);
  const found = filter.query ? searchTargetIds(ctx.db, filter.query) : null;
  const predicates = linePredicates(ctx, filter);
  const rows: OverviewRow[] = [];
  let totalLines = 0;
  for (const t of targets) {
    totalLines += t.assignments.length;
    if (found && !found.has(t.id)) continue;
    if (filter.sectionId !== undefined && t.sectionId !== filter.sectionId) continue;
    let anyMatch = t.assignments.length === 0 && predicates.length === 0;
    const lines: OverviewLine[] = t.assignments.map((a) => {
      const progress = a.progress[0] ?? null;
      const matches = predicates.every((p) => p(a, progress));
      anyMatch ||= matches;
      return { id: a.id, leaders: a.leaders, leadUnits: a.leadUnits, cooperatingUnits: a.cooperatingUnits, progress, matches };
    });
    if (!anyMatch) continue;
    rows.push({ id: t.id, serial: t.serial, content: t.content, deadline: t.deadline, sectionId: t.sectionId, version: t.version, lines });
  }
  return { rows, totalTargets: targets.length, totalLines };
}
