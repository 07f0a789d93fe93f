/**
 * The first start: the welcome (shown once per store) and the sample data set's removal, in one step that
 * is backed up first and written to the change log.
 */
import type { BackupSummaryInfo, StartState } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { quarterLabel } from '../../shared/domain';
import { appendChange } from '../db/repos/changeLog';
import { deletePlan, isSamplePlan, planByYear } from '../db/repos/plans';
import { locksOfPlan } from '../db/repos/quarterLocks';
import { readSettings, writeSettings } from '../db/repos/settings';
import { deleteTarget, loadTarget } from '../db/repos/targets';
import { stmt } from '../db/connection';
import type { Target } from '../../shared/contract';
import { actorOf, type ServiceContext } from './context';

/** Not one of the user's settings (never in 设置): whether this store's welcome has been seen. */
const WELCOME_SEEN = 'welcomeSeen';

export interface StartFacts {
  readOnly: StartState['readOnly'];
  warnings: readonly string[];
}

export function welcomeSeen(ctx: ServiceContext): boolean {
  return stmt(ctx.db, 'SELECT 1 FROM settings WHERE key = ?').get(WELCOME_SEEN) !== undefined;
}

export function startState(ctx: ServiceContext, facts: StartFacts): StartState {
  return { readOnly: facts.readOnly, warnings: [...facts.warnings], welcome: facts.readOnly === null && !welcomeSeen(ctx) };
}

export function markWelcomeSeen(ctx: ServiceContext, facts: StartFacts): StartState {
  ctx.db.transaction(() => {
    // A flag in the store is a write like any setting: logged the one time it changes.
    if (stmt(ctx.db, 'INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)').run(WELCOME_SEEN, 'true').changes === 0) return;
    appendChange(ctx.db, actorOf(ctx), { kind: 'settings', entity: 'settings', entityId: null, targetId: null, before: { welcomeSeen: false }, after: { welcomeSeen: true } });
  })();
  return startState(ctx, facts);
}

/**
 * Removes the sample year with everything in it. The store is backed up first (the way back), then one
 * transaction deletes the year and logs it with every target as it was. Only a year marked as the sample
 * can go this way, and a published (locked) quarter in it must be unlocked first, as for any change.
 */
export async function removeSample(
  ctx: ServiceContext,
  year: number,
  backup: () => Promise<BackupSummaryInfo>,
): Promise<{ year: number; targets: number; backup: BackupSummaryInfo; changeId: number }> {
  const check = () => {
    const plan = planByYear(ctx.db, year);
    if (!plan) throw new AppError('not-found', `没有${year}年度的数据。`, { field: 'year' });
    if (!isSamplePlan(ctx.db, plan.id)) throw new AppError('conflict', `${year}年度不是示例数据，不能用“删除示例数据”删除。`, { field: 'year' });
    const locks = locksOfPlan(ctx.db, plan.id);
    if (locks.length > 0) {
      throw new AppError('locked', `示例数据的${year}年${locks.map((l) => quarterLabel(l.quarter)).join('、')}已发布锁定，请先在“导出”中解除锁定再删除。`);
    }
    return plan;
  };
  check();
  const taken = await backup();
  return ctx.db.transaction(() => {
    // Checked again: the backup ran with the event loop free, another window may have changed things.
    const plan = check();
    const ids = (stmt(ctx.db, 'SELECT id FROM targets WHERE plan_id = ? ORDER BY serial').all(plan.id) as { id: number }[]).map((r) => r.id);
    const targets = ids.map((id) => loadTarget(ctx.db, id)).filter((t): t is Target => t !== undefined);
    const changeId = appendChange(ctx.db, actorOf(ctx), {
      kind: 'delete',
      entity: 'plan',
      entityId: plan.id,
      targetId: null,
      before: { year: plan.year, city: plan.city, sample: true, backup: taken.name, targets },
      after: null,
    });
    deletePlan(ctx.db, plan.id, deleteTarget);
    // The sample named its city in 设置; a city no remaining year uses goes with it.
    const settings = readSettings(ctx.db);
    if (settings.city !== '' && settings.city === plan.city && stmt(ctx.db, 'SELECT 1 FROM plans WHERE city = ?').get(plan.city) === undefined) {
      writeSettings(ctx.db, { city: '' });
      appendChange(ctx.db, actorOf(ctx), { kind: 'settings', entity: 'settings', entityId: null, targetId: null, before: { city: settings.city }, after: { city: '' } });
    }
    return { year, targets: targets.length, backup: taken, changeId };
  })();
}
