import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

export interface QuarterLock {
  quarter: Quarter;
  publishedOn: string;
  lockedAt: string;
  actor: string;
}

/** A publication, locked or since unlocked, with the fingerprint of the table it published (null: older lock). */
export interface Publication extends QuarterLock {
  tableKey: string | null;
  unlockedAt: string | null;
}

/** The quarters locked now (an unlocked publication no longer locks). */
export function locksOfPlan(db: Db, planId: number): QuarterLock[] {
  return stmt(db, 'SELECT quarter, published_on AS publishedOn, locked_at AS lockedAt, actor FROM quarter_locks WHERE plan_id = ? AND unlocked_at IS NULL ORDER BY quarter').all(planId) as QuarterLock[];
}

export function publicationOf(db: Db, planId: number, quarter: Quarter): Publication | undefined {
  return stmt(
    db,
    `SELECT quarter, published_on AS publishedOn, locked_at AS lockedAt, actor, table_key AS tableKey, unlocked_at AS unlockedAt
       FROM quarter_locks WHERE plan_id = ? AND quarter = ?`,
  ).get(planId, quarter) as Publication | undefined;
}

/** Publishing again after an unlock replaces the earlier publication. */
export function insertLock(db: Db, planId: number, lock: QuarterLock, tableKey: string | null): void {
  stmt(
    db,
    `INSERT INTO quarter_locks(plan_id, quarter, published_on, locked_at, actor, table_key, unlocked_at, unlock_reason) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)
     ON CONFLICT(plan_id, quarter) DO UPDATE SET published_on = excluded.published_on, locked_at = excluded.locked_at, actor = excluded.actor,
       table_key = excluded.table_key, unlocked_at = NULL, unlock_reason = NULL`,
  ).run(planId, lock.quarter, lock.publishedOn, lock.lockedAt, lock.actor, tableKey);
}

export function unlock(db: Db, planId: number, quarter: Quarter, at: string, reason: string): boolean {
  return stmt(db, 'UPDATE quarter_locks SET unlocked_at = ?, unlock_reason = ? WHERE plan_id = ? AND quarter = ? AND unlocked_at IS NULL').run(at, reason, planId, quarter).changes > 0;
}
