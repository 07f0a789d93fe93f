import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

export function notesOfPlan(db: Db, planId: number, quarter: Quarter): Map<number, string> {
  const rows = stmt(db, 'SELECT n.target_id AS id, n.note FROM review_notes n JOIN targets t ON t.id = n.target_id WHERE t.plan_id = ? AND n.quarter = ?').all(planId, quarter) as {
    id: number;
    note: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.note]));
}

export function noteOf(db: Db, targetId: number, quarter: Quarter): string {
  return (stmt(db, 'SELECT note FROM review_notes WHERE target_id = ? AND quarter = ?').get(targetId, quarter) as { note: string } | undefined)?.note ?? '';
}

/** An empty note removes the row: no decision recorded. */
export function putNote(db: Db, targetId: number, quarter: Quarter, note: string, actor: string): void {
  if (note.trim() === '') {
    stmt(db, 'DELETE FROM review_notes WHERE target_id = ? AND quarter = ?').run(targetId, quarter);
    return;
  }
  stmt(db, 'INSERT INTO review_notes(target_id, quarter, note, at, actor) VALUES (?, ?, ?, ?, ?) ON CONFLICT(target_id, quarter) DO UPDATE SET note = excluded.note, at = excluded.at, actor = excluded.actor').run(
    targetId,
    quarter,
    note,
    new Date().toISOString(),
    actor,
  );
}

export interface NoteRow {
  quarter: Quarter;
  note: string;
  at: string;
  actor: string;
}

/** A target's notes of every quarter, kept in the change log when the target is deleted. */
export function notesOfTarget(db: Db, targetId: number): NoteRow[] {
  return stmt(db, 'SELECT quarter, note, at, actor FROM review_notes WHERE target_id = ? ORDER BY quarter').all(targetId) as NoteRow[];
}

/** Puts a note back as it was (its time and author kept): undoing the deletion of its target. */
export function restoreNote(db: Db, targetId: number, n: NoteRow): void {
  stmt(db, 'INSERT OR REPLACE INTO review_notes(target_id, quarter, note, at, actor) VALUES (?, ?, ?, ?, ?)').run(targetId, n.quarter, n.note, n.at, n.actor);
}
