import { meetingAgendaSchema, type MeetingAgenda } from '../../../shared/contract';
import type { Quarter } from '../../../shared/domain';
import { DEFAULT_AGENDA } from '../../../shared/review/meeting';
import { stmt, type Db } from '../connection';

/** The saved agenda of a quarter; the default when none was saved (or the row cannot be read). */
export function agendaOf(db: Db, planId: number, quarter: Quarter): MeetingAgenda {
  const row = stmt(db, 'SELECT agenda_json AS json FROM meeting_agendas WHERE plan_id = ? AND quarter = ?').get(planId, quarter) as { json: string } | undefined;
  if (!row) return DEFAULT_AGENDA;
  // The row was validated when written; parsed again so a hand-edited store never breaks the review.
  const parsed = meetingAgendaSchema.safeParse(JSON.parse(row.json));
  return parsed.success ? parsed.data : DEFAULT_AGENDA;
}

/** The default agenda removes the row: nothing chosen. */
export function putAgenda(db: Db, planId: number, quarter: Quarter, agenda: MeetingAgenda, actor: string): void {
  if (agenda.kind === 'lagging') {
    stmt(db, 'DELETE FROM meeting_agendas WHERE plan_id = ? AND quarter = ?').run(planId, quarter);
    return;
  }
  stmt(
    db,
    'INSERT INTO meeting_agendas(plan_id, quarter, agenda_json, at, actor) VALUES (?, ?, ?, ?, ?) ON CONFLICT(plan_id, quarter) DO UPDATE SET agenda_json = excluded.agenda_json, at = excluded.at, actor = excluded.actor',
  ).run(planId, quarter, JSON.stringify(agenda), new Date().toISOString(), actor);
}

/** Whether a leader is named on any line of the plan's targets. */
export function isLeaderOfPlan(db: Db, planId: number, leader: string): boolean {
  return (
    stmt(
      db,
      `SELECT 1 FROM assignment_leaders al JOIN leaders l ON l.id = al.leader_id JOIN assignments a ON a.id = al.assignment_id JOIN targets t ON t.id = a.target_id
       WHERE t.plan_id = ? AND l.name = ? LIMIT 1`,
    ).get(planId, leader) !== undefined
  );
}

/** Of the given target ids, those that are not targets of the plan. */
export function targetsNotOfPlan(db: Db, planId: number, ids: readonly number[]): number[] {
  const own = new Set((stmt(db, 'SELECT id FROM targets WHERE plan_id = ?').all(planId) as { id: number }[]).map((r) => r.id));
  return ids.filter((id) => !own.has(id));
}
