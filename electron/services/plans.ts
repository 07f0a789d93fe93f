import type { PlanSummary, Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { insertPlan, listPlanSummaries, planByYear, type PlanRow } from '../db/repos/plans';
import { readSettings } from '../db/repos/settings';
import { loadTargets } from '../db/repos/targets';
import type { ServiceContext } from './context';

export function requirePlan(ctx: ServiceContext, year: number): PlanRow {
  const plan = planByYear(ctx.db, year);
  if (!plan) throw new AppError('not-found', `还没有${year}年的责任目标，请先新建该年度或导入一览表。`, { field: 'year' });
  return plan;
}

export function listPlans(ctx: ServiceContext): PlanSummary[] {
  return listPlanSummaries(ctx.db);
}

export function createPlan(ctx: ServiceContext, input: { year: number; city?: string | undefined }): PlanSummary {
  if (planByYear(ctx.db, input.year)) throw new AppError('conflict', `${input.year}年度已存在。`, { field: 'year' });
  insertPlan(ctx.db, { year: input.year, city: input.city ?? readSettings(ctx.db).city });
  return listPlanSummaries(ctx.db).find((p) => p.year === input.year)!;
}

/** Every target of `year`, or of every year oldest first, with all its quarters (the CLI's `list`). */
export function listTargets(ctx: ServiceContext, year: number | undefined): Target[] {
  const plans = year === undefined ? [...listPlanSummaries(ctx.db)].sort((a, b) => a.year - b.year).map((p) => planByYear(ctx.db, p.year)!) : [requirePlan(ctx, year)];
  return plans.flatMap((p) => loadTargets(ctx.db, { planId: p.id }));
}
