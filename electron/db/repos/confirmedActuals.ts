import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

export interface ConfirmedRow {
  assignmentId: number;
  goalIndex: number;
  goalText: string;
  actualText: string;
}

export function confirmedOfPlan(db: Db, planId: number, quarter: Quarter): ConfirmedRow[] {
  return stmt(
    db,
    `SELECT c.assignment_id AS assignmentId, c.goal_index AS goalIndex, c.goal_text AS goalText, c.actual_text AS actualText
       FROM confirmed_actuals c JOIN assignments a ON a.id = c.assignment_id JOIN targets t ON t.id = a.target_id
      WHERE t.plan_id = ? AND c.quarter = ?`,
  ).all(planId, quarter) as ConfirmedRow[];
}

export function confirmedOf(db: Db, assignmentId: number, quarter: Quarter, goalIndex: number): { goalText: string; actualText: string } | undefined {
  return stmt(db, 'SELECT goal_text AS goalText, actual_text AS actualText FROM confirmed_actuals WHERE assignment_id = ? AND quarter = ? AND goal_index = ?').get(assignmentId, quarter, goalIndex) as
    | { goalText: string; actualText: string }
    | undefined;
}

export function putConfirmed(db: Db, assignmentId: number, quarter: Quarter, goalIndex: number, goalText: string, actualText: string, actor: string): void {
  stmt(
    db,
    `INSERT INTO confirmed_actuals(assignment_id, quarter, goal_index, goal_text, actual_text, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(assignment_id, quarter, goal_index) DO UPDATE SET goal_text = excluded.goal_text, actual_text = excluded.actual_text, at = excluded.at, actor = excluded.actor`,
  ).run(assignmentId, quarter, goalIndex, goalText, actualText, new Date().toISOString(), actor);
}

export function deleteConfirmed(db: Db, assignmentId: number, quarter: Quarter, goalIndex: number): void {
  stmt(db, 'DELETE FROM confirmed_actuals WHERE assignment_id = ? AND quarter = ? AND goal_index = ?').run(assignmentId, quarter, goalIndex);
}

export interface ConfirmedOfTarget {
  assignmentId: number;
  quarter: Quarter;
  goalIndex: number;
  goalText: string;
  actualText: string;
  at: string;
  actor: string;
}

/** A target's confirmations, kept in the change log when the target is deleted. */
export function confirmedOfTarget(db: Db, targetId: number): ConfirmedOfTarget[] {
  return stmt(
    db,
    `SELECT c.assignment_id AS assignmentId, c.quarter, c.goal_index AS goalIndex, c.goal_text AS goalText, c.actual_text AS actualText, c.at, c.actor
       FROM confirmed_actuals c JOIN assignments a ON a.id = c.assignment_id WHERE a.target_id = ? ORDER BY a.ord, c.quarter, c.goal_index`,
  ).all(targetId) as ConfirmedOfTarget[];
}

export function restoreConfirmed(db: Db, c: ConfirmedOfTarget): void {
  stmt(db, 'INSERT OR REPLACE INTO confirmed_actuals(assignment_id, quarter, goal_index, goal_text, actual_text, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    c.assignmentId,
    c.quarter,
    c.goalIndex,
    c.goalText,
    c.actualText,
    c.at,
    c.actor,
  );
}
