import { AppError } from '../../shared/errors';
import { normalizeName } from '../../shared/domain';
import { addUnitAlias, directoryOfPlan, findUnitId, unitAliases, unitName } from '../db/repos/directory';
import { planByYear } from '../db/repos/plans';
import { appendChange } from '../db/repos/changeLog';
import { actorOf, type ServiceContext } from './context';

export function getDirectory(ctx: ServiceContext, year: number | undefined) {
  const planId = year === undefined ? null : (planByYear(ctx.db, year)?.id ?? -1);
  return directoryOfPlan(ctx.db, planId);
}

/** Declares `alias` another name of `unit` (市发改委 = 市发展改革委); both must not already be two different units. */
export function addAlias(ctx: ServiceContext, unit: string, alias: string) {
  return ctx.db.transaction(() => {
    const id = findUnitId(ctx.db, unit);
    if (id === undefined) throw new AppError('not-found', `找不到责任单位“${unit}”。`, { field: 'unit' });
    const other = findUnitId(ctx.db, alias);
    if (other !== undefined && other !== id) {
      throw new AppError('conflict', `“${normalizeName(alias)}”已是另一个责任单位，不能作为“${unitName(ctx.db, id)}”的简称。`, { field: 'alias' });
    }
    const before = { name: unitName(ctx.db, id), aliases: unitAliases(ctx.db, id) };
    if (other !== undefined) return before;
    addUnitAlias(ctx.db, id, alias);
    const after = { name: unitName(ctx.db, id), aliases: unitAliases(ctx.db, id) };
    appendChange(ctx.db, actorOf(ctx), { kind: 'alias', entity: 'unit', entityId: id, targetId: null, before, after });
    return after;
  })();
}
