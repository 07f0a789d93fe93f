import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

export interface QuarterLock {
  quarter: Quarter;
  publishedOn: string;
  lockedAt: string;
  actor: string;
}

export function locksOfPlan(db: Db, planId: number): QuarterLock[] {
  return stmt(db, 'SELECT quarter, published_on AS publishedOn, locked_at AS lockedAt, actor FROM quarter_locks WHERE plan_id = ? ORDER BY quarter').all(planId) as QuarterLock[];
}

export function insertLock(db: Db, planId: number, lock: QuarterLock): void {
  stmt(db, 'INSERT INTO quarter_locks(plan_id, quarter, published_on, locked_at, actor) VALUES (?, ?, ?, ?, ?)').run(planId, lock.quarter, lock.publishedOn, lock.lockedAt, lock.actor);
}

export function deleteLock(db: Db, planId: number, quarter: Quarter): boolean {
  return stmt(db, 'DELETE FROM quarter_locks WHERE plan_id = ? AND quarter = ?').run(planId, quarter).changes > 0;
}
