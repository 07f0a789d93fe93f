/**
 * Published quarters (发布): once the office publishes a quarter's overview, that quarter's progress is
 * locked, so the table on the government website and the store cannot drift apart by accident. Every
 * write path (edits, imports, undo, history reverts) ends in `assertPublishedUnchanged` inside its own
 * transaction, which compares the locked quarters' progress before and after and throws on any difference:
 * one check, whatever path a change takes. Unlocking needs a reason, recorded in the change log.
 */
import type { QuarterLockInfo, Target } from '../../shared/contract';
import { quarterLabel, type Quarter } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { appendChange } from '../db/repos/changeLog';
import { planByYear } from '../db/repos/plans';
import * as repo from '../db/repos/quarterLocks';
import { actorOf, type ServiceContext } from './context';
import { requirePlan } from './plans';

export function quarterLocks(ctx: ServiceContext, year: number): QuarterLockInfo[] {
  const plan = planByYear(ctx.db, year);
  return plan ? repo.locksOfPlan(ctx.db, plan.id) : [];
}

export function publishedOn(ctx: ServiceContext, year: number, quarter: Quarter): string | null {
  return quarterLocks(ctx, year).find((l) => l.quarter === quarter)?.publishedOn ?? null;
}

/** 2023-10-20 → 2023年10月20日, as dates are written on official documents. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function publishQuarter(ctx: ServiceContext, year: number, quarter: Quarter, date: string): QuarterLockInfo[] {
  const plan = requirePlan(ctx, year);
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new AppError('validation', `发布日期“${date}”不是有效日期。`, { field: 'publishedOn' });
  ctx.db.transaction(() => {
    const existing = repo.locksOfPlan(ctx.db, plan.id).find((l) => l.quarter === quarter);
    if (existing) throw new AppError('conflict', `${year}年${quarterLabel(quarter)}已于${chineseDate(existing.publishedOn)}发布并锁定。`);
    const lock = { quarter, publishedOn: date, lockedAt: new Date().toISOString(), actor: actorOf(ctx) };
    repo.insertLock(ctx.db, plan.id, lock);
    appendChange(ctx.db, lock.actor, { kind: 'publish', entity: 'quarter', entityId: quarter, targetId: null, before: null, after: { year, ...lock } });
  })();
  return quarterLocks(ctx, year);
}

export function unlockQuarter(ctx: ServiceContext, year: number, quarter: Quarter, reason: string): QuarterLockInfo[] {
  const plan = requirePlan(ctx, year);
  ctx.db.transaction(() => {
    const existing = repo.locksOfPlan(ctx.db, plan.id).find((l) => l.quarter === quarter);
    if (!existing) throw new AppError('conflict', `${year}年${quarterLabel(quarter)}尚未发布，无需解除锁定。`);
    repo.deleteLock(ctx.db, plan.id, quarter);
    appendChange(ctx.db, actorOf(ctx), { kind: 'unlock', entity: 'quarter', entityId: quarter, targetId: null, before: { year, ...existing }, after: { year, quarter, reason } });
  })();
  return quarterLocks(ctx, year);
}

function progressKey(t: Target | null | undefined, quarter: Quarter): string {
  if (!t) return '[]';
  // By line id, not position: reordering the lines of a published year changes no progress.
  return JSON.stringify(
    [...t.assignments]
      .sort((a, b) => a.id - b.id)
      .map((a) => {
        const p = a.progress.find((x) => x.quarter === quarter);
        return [a.id, p?.text ?? '', p?.onSchedule ?? null, p?.onScheduleText ?? ''];
      })
      // A cell holding only a status wording (待定, 研究中) is printed in the table: it counts.
      .filter(([, text, onSchedule, wording]) => text !== '' || onSchedule !== null || wording !== ''),
  );
}

/**
 * Throws when a change alters the progress of a published quarter of the target's year. Runs inside the
 * writer's transaction, so the throw takes the whole change back.
 */
export function assertPublishedUnchanged(ctx: ServiceContext, before: Target | null | undefined, after: Target | null | undefined): void {
  const year = (before ?? after)?.year;
  if (year === undefined) return;
  for (const lock of quarterLocks(ctx, year)) {
    if (progressKey(before, lock.quarter) !== progressKey(after, lock.quarter)) {
      const serial = (before ?? after)!.serial;
      throw new AppError(
        'locked',
        `${year}年${quarterLabel(lock.quarter)}已于${chineseDate(lock.publishedOn)}发布并锁定，第${serial}项的${quarterLabel(lock.quarter)}完成情况不能修改。如确需修改，请先在“导出”中解除该季度的锁定并说明理由。`,
      );
    }
  }
}
