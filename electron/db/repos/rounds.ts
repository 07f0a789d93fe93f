import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

export type RoundKind = 'unit' | 'leader';

export interface RoundRow {
  byKind: RoundKind;
  openedAt: string;
  dueDate: string | null;
}

export interface ReturnRow {
  id: number;
  owner: string;
  batchId: string | null;
  file: string;
  returnedAt: string;
  warnings: number;
  actor: string;
}

export function getRound(db: Db, planId: number, quarter: Quarter): RoundRow | undefined {
  return stmt(db, 'SELECT by_kind AS byKind, opened_at AS openedAt, due_date AS dueDate FROM collection_rounds WHERE plan_id = ? AND quarter = ?').get(planId, quarter) as
    | RoundRow
    | undefined;
}

/** Opening a round again (templates regenerated) keeps its first date and its due date. */
export function openRound(db: Db, planId: number, quarter: Quarter, byKind: RoundKind, at: string): void {
  stmt(db, 'INSERT INTO collection_rounds(plan_id, quarter, by_kind, opened_at) VALUES (?, ?, ?, ?) ON CONFLICT(plan_id, quarter) DO UPDATE SET by_kind = excluded.by_kind').run(
    planId,
    quarter,
    byKind,
    at,
  );
}

export function setRoundDue(db: Db, planId: number, quarter: Quarter, dueDate: string | null, at: string): void {
  stmt(db, "INSERT INTO collection_rounds(plan_id, quarter, by_kind, opened_at, due_date) VALUES (?, ?, 'unit', ?, ?) ON CONFLICT(plan_id, quarter) DO UPDATE SET due_date = excluded.due_date").run(
    planId,
    quarter,
    at,
    dueDate,
  );
}

export function insertReturn(db: Db, planId: number, quarter: Quarter, r: Omit<ReturnRow, 'id'>): void {
  stmt(db, 'INSERT INTO round_returns(plan_id, quarter, owner, batch_id, file, returned_at, warnings, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    planId,
    quarter,
    r.owner,
    r.batchId,
    r.file,
    r.returnedAt,
    r.warnings,
    r.actor,
  );
}

/** Returns that count: manual ones, and those whose import is not undone; oldest first. */
export function activeReturns(db: Db, planId: number, quarter: Quarter): ReturnRow[] {
  return stmt(
    db,
    `SELECT r.id, r.owner, r.batch_id AS batchId, r.file, r.returned_at AS returnedAt, r.warnings, r.actor
       FROM round_returns r LEFT JOIN import_batches b ON b.id = r.batch_id
      WHERE r.plan_id = ? AND r.quarter = ? AND (r.batch_id IS NULL OR b.undone_at IS NULL)
      ORDER BY r.returned_at, r.id`,
  ).all(planId, quarter) as ReturnRow[];
}

/** Takes back the manual returns of one owner (an import's return goes with undoing the import). */
export function deleteManualReturns(db: Db, planId: number, quarter: Quarter, owner: string): number {
  return stmt(db, 'DELETE FROM round_returns WHERE plan_id = ? AND quarter = ? AND owner = ? AND batch_id IS NULL').run(planId, quarter, owner).changes;
}
