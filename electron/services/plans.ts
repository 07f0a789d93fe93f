import type { PlanSummary, Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { insertPlan, listPlanSummaries, planByYear, type PlanRow } from '../db/repos/plans';
import { readSettings } from '../db/repos/settings';
import { loadTargets } from '../db/repos/targets';
import { appendChange } from '../db/repos/changeLog';
import type { Db } from '../db/connection';
import { actorOf, type ServiceContext } from './context';

export function requirePlan(ctx: ServiceContext, year: number): PlanRow {
  const plan = planByYear(ctx.db, year);
  if (!plan) throw new AppError('not-found', `还没有${year}年的责任目标，请先新建该年度或导入一览表。`, { field: 'year' });
  return plan;
}

export function listPlans(ctx: ServiceContext): PlanSummary[] {
  return listPlanSummaries(ctx.db);
}

export function createPlan(ctx: ServiceContext, input: { year: number; city?: string | undefined }): PlanSummary {
  return ctx.db.transaction(() => {
    if (planByYear(ctx.db, input.year)) throw new AppError('conflict', `${input.year}年度已存在。`, { field: 'year' });
    insertLoggedPlan(ctx, { year: input.year, city: input.city ?? readSettings(ctx.db).city });
    return listPlanSummaries(ctx.db).find((p) => p.year === input.year)!;
  })();
}

/** A new year, with its change-log entry: by hand, or by an import of a year the store did not have. */
export function insertLoggedPlan(ctx: { db: Db; storePath: string }, plan: { year: number; city: string }, batchId: string | null = null): number {
  const id = insertPlan(ctx.db, plan);
  appendChange(ctx.db, actorOf(ctx), { kind: 'create', entity: 'plan', entityId: id, targetId: null, before: null, after: plan, batchId });
  return id;
}

/** Every target of `year`, or of every year oldest first, with all its quarters (the CLI's `list`). */
export function listTargets(ctx: ServiceContext, year: number | undefined): Target[] {
  const plans = year === undefined ? [...listPlanSummaries(ctx.db)].sort((a, b) => a.year - b.year).map((p) => planByYear(ctx.db, p.year)!) : [requirePlan(ctx, year)];
  return plans.flatMap((p) => loadTargets(ctx.db, { planId: p.id }));
}
