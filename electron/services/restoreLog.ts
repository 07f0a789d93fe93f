/**
 * A restore replaces the whole store, so it cannot be checked change by change as other writes are. Two
 * things keep it honest. It is logged in the restored store (what was replaced, what came back). And a
 * publication is a fact about the world, not about the data: the table is on the government website
 * whatever backup is restored. So the quarters locked in the replaced store stay locked in the restored one,
 * with the fingerprint of what was published; an export then says when the restored table differs from it
 * (and carries no publication date), and changing it needs an unlock with a reason like any other edit.
 */
import type { BackupSummaryInfo } from '../../shared/contract';
import type { Quarter } from '../../shared/domain';
import type { Db } from '../db/connection';
import { stmt } from '../db/connection';
import { appendChange } from '../db/repos/changeLog';
import { planByYear } from '../db/repos/plans';
import * as locks from '../db/repos/quarterLocks';
import { actorOf, type ServiceContext } from './context';

export interface CarriedPublication {
  year: number;
  quarter: Quarter;
  publishedOn: string;
  lockedAt: string;
  actor: string;
  tableKey: string | null;
}

/** The locked quarters of the store about to be replaced. */
export function publicationsToCarry(db: Db): CarriedPublication[] {
  return stmt(
    db,
    `SELECT p.year, l.quarter, l.published_on AS publishedOn, l.locked_at AS lockedAt, l.actor, l.table_key AS tableKey
       FROM quarter_locks l JOIN plans p ON p.id = l.plan_id WHERE l.unlocked_at IS NULL ORDER BY p.year, l.quarter`,
  ).all() as CarriedPublication[];
}

const brief = (b: BackupSummaryInfo | null) => b && { name: b.name, takenAt: b.takenAt, counts: b.counts, lastChangeAt: b.lastChangeAt };

/** Called on the restored store, right after it is opened: one transaction, one log entry. */
export function recordRestore(
  ctx: ServiceContext,
  input: { restored: BackupSummaryInfo; safety: BackupSummaryInfo | null; recoveryReason: string | null; carried: CarriedPublication[] },
): number {
  return ctx.db.transaction(() => {
    const carried: { year: number; quarter: Quarter; publishedOn: string }[] = [];
    const dropped: { year: number; quarter: Quarter; publishedOn: string }[] = [];
    for (const c of input.carried) {
      const plan = planByYear(ctx.db, c.year);
      const which = { year: c.year, quarter: c.quarter, publishedOn: c.publishedOn };
      if (!plan) {
        dropped.push(which);
        continue;
      }
      const existing = locks.publicationOf(ctx.db, plan.id, c.quarter);
      if (existing && existing.unlockedAt === null && existing.publishedOn === c.publishedOn && existing.tableKey !== null) continue;
      locks.insertLock(ctx.db, plan.id, c, c.tableKey);
      carried.push(which);
    }
    return appendChange(ctx.db, actorOf(ctx), {
      kind: 'restore',
      entity: 'store',
      entityId: null,
      targetId: null,
      // What was replaced: the store as its safety backup holds it (or, in recovery, the damaged store's reason).
      before: { store: brief(input.safety), damaged: input.recoveryReason },
      after: { backup: brief(input.restored), publicationsKept: carried, publicationsWithoutYear: dropped },
    });
  })();
}
