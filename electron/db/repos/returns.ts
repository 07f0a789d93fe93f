/**
 * Cooperating units' returns (配合单位报送) and the progress each import brought per line (the base an
 * older file is compared with). Rows are append-only; the current one per key is the newest whose import
 * batch is not undone, so an undone import takes its rows back with it.
 */
import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

export interface CooperatingReturnRow {
  assignmentId: number;
  quarter: Quarter;
  unit: string;
  text: string;
  onScheduleText: string;
  file: string;
  returnedAt: string;
}

const LIVE = 'JOIN import_batches b ON b.id = r.batch_id AND b.undone_at IS NULL';

const COOPERATING_COLUMNS = 'r.assignment_id AS assignmentId, r.quarter, r.unit, r.text, r.on_schedule_text AS onScheduleText, r.file, r.returned_at AS returnedAt';

/** The current return of each cooperating unit on each line of a target, every quarter. */
export function cooperatingReturnsOfTarget(db: Db, targetId: number): CooperatingReturnRow[] {
  return stmt(
    db,
    `SELECT ${COOPERATING_COLUMNS} FROM cooperating_returns r ${LIVE}
     WHERE r.id IN (SELECT max(r2.id) FROM cooperating_returns r2 JOIN import_batches b2 ON b2.id = r2.batch_id AND b2.undone_at IS NULL
                    JOIN assignments a ON a.id = r2.assignment_id WHERE a.target_id = ? GROUP BY r2.assignment_id, r2.quarter, r2.unit)
     ORDER BY r.quarter, r.assignment_id, r.unit`,
  ).all(targetId) as CooperatingReturnRow[];
}

/** The current return of each cooperating unit on every line, for one quarter: key `assignmentId|unit`. */
export function cooperatingReturnsOfQuarter(db: Db, quarter: Quarter): Map<string, CooperatingReturnRow> {
  const rows = stmt(
    db,
    `SELECT ${COOPERATING_COLUMNS} FROM cooperating_returns r ${LIVE} WHERE r.quarter = ? ORDER BY r.id`,
  ).all(quarter) as CooperatingReturnRow[];
  // Ordered by id: the newest row of a key is the one left in the map.
  return new Map(rows.map((r) => [`${r.assignmentId}|${r.unit}`, r]));
}

/** One cooperating unit's current return of one line and quarter. */
export function currentCooperatingReturn(db: Db, assignmentId: number, quarter: Quarter, unit: string): CooperatingReturnRow | undefined {
  return stmt(db, `SELECT ${COOPERATING_COLUMNS} FROM cooperating_returns r ${LIVE} WHERE r.assignment_id = ? AND r.quarter = ? AND r.unit = ? ORDER BY r.id DESC LIMIT 1`).get(
    assignmentId,
    quarter,
    unit,
  ) as CooperatingReturnRow | undefined;
}

export function insertCooperatingReturn(db: Db, batchId: string, r: CooperatingReturnRow): void {
  stmt(db, 'INSERT INTO cooperating_returns(assignment_id, quarter, unit, text, on_schedule_text, file, returned_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.assignmentId,
    r.quarter,
    r.unit,
    r.text,
    r.onScheduleText,
    r.file,
    r.returnedAt,
    batchId,
  );
}

export interface ImportedValue {
  text: string;
  onScheduleText: string;
}

/** The progress last imported for each line of a quarter (by assignment id). */
export function lastImported(db: Db, quarter: Quarter): Map<number, ImportedValue> {
  const rows = stmt(db, `SELECT r.assignment_id AS id, r.text, r.on_schedule_text AS onScheduleText FROM imported_progress r ${LIVE} WHERE r.quarter = ? ORDER BY r.id`).all(quarter) as ({
    id: number;
  } & ImportedValue)[];
  return new Map(rows.map((r) => [r.id, { text: r.text, onScheduleText: r.onScheduleText }]));
}

export function insertImported(db: Db, batchId: string, assignmentId: number, quarter: Quarter, v: ImportedValue): void {
  stmt(db, 'INSERT INTO imported_progress(assignment_id, quarter, text, on_schedule_text, batch_id) VALUES (?, ?, ?, ?, ?)').run(assignmentId, quarter, v.text, v.onScheduleText, batchId);
}
