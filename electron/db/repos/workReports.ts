/** The imported work report of a plan, its commitments, the candidates worked from them, keyword table, carry-over. */
import { stmt, type Db } from '../connection';

export interface WorkReportRow {
  plan_id: number;
  file_name: string;
  imported_at: string;
  actor: string;
}

export interface SpanRow {
  key: string;
  ord: number;
  kind: 'indicator' | 'project' | 'sentence';
  start: number;
  end: number;
  code: string;
  sectionName: string;
  itemLabel: string | null;
  text: string;
}

export type CandidateStatus = 'open' | 'accepted' | 'rejected' | 'merged';

export interface CandidateRow {
  id: number;
  planId: number;
  start: number;
  end: number;
  code: string;
  text: string;
  status: CandidateStatus;
  targetId: number | null;
  carriedTargetId: number | null;
}

export interface KeywordRow {
  keyword: string;
  unit: string;
  leader: string;
}

export function workReportOf(db: Db, planId: number): WorkReportRow | undefined {
  return stmt(db, 'SELECT plan_id, file_name, imported_at, actor FROM work_reports WHERE plan_id = ?').get(planId) as WorkReportRow | undefined;
}

export function upsertWorkReport(db: Db, row: WorkReportRow): void {
  stmt(db, 'INSERT INTO work_reports(plan_id, file_name, imported_at, actor) VALUES (?, ?, ?, ?) ON CONFLICT(plan_id) DO UPDATE SET file_name = excluded.file_name, imported_at = excluded.imported_at, actor = excluded.actor').run(
    row.plan_id,
    row.file_name,
    row.imported_at,
    row.actor,
  );
}

export function setReportText(db: Db, planId: number, text: string): void {
  stmt(db, 'UPDATE plans SET report_text = ?, report_title = ? WHERE id = ?').run(text, '政府工作报告', planId);
}

export function replaceSpans(db: Db, planId: number, spans: SpanRow[]): void {
  stmt(db, 'DELETE FROM report_spans WHERE plan_id = ?').run(planId);
  const insert = stmt(db, 'INSERT INTO report_spans(plan_id, key, ord, kind, start_offset, end_offset, code, section_name, item_label, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const s of spans) insert.run(planId, s.key, s.ord, s.kind, s.start, s.end, s.code, s.sectionName, s.itemLabel, s.text);
}

export function spansOf(db: Db, planId: number): SpanRow[] {
  return stmt(
    db,
    `SELECT key, ord, kind, start_offset AS start, end_offset AS "end", code, section_name AS sectionName, item_label AS itemLabel, text
     FROM report_spans WHERE plan_id = ? ORDER BY ord`,
  ).all(planId) as SpanRow[];
}

const CANDIDATE_COLUMNS = `id, plan_id AS planId, start_offset AS start, end_offset AS "end", code, text, status, target_id AS targetId, carried_target_id AS carriedTargetId`;

export function candidatesOf(db: Db, planId: number): CandidateRow[] {
  return stmt(db, `SELECT ${CANDIDATE_COLUMNS} FROM report_candidates WHERE plan_id = ? ORDER BY start_offset, id`).all(planId) as CandidateRow[];
}

export function candidateById(db: Db, id: number): CandidateRow | undefined {
  return stmt(db, `SELECT ${CANDIDATE_COLUMNS} FROM report_candidates WHERE id = ?`).get(id) as CandidateRow | undefined;
}

export function insertCandidate(db: Db, c: Omit<CandidateRow, 'id'>, withId: number | null = null): number {
  const info = stmt(db, 'INSERT INTO report_candidates(id, plan_id, start_offset, end_offset, code, text, status, target_id, carried_target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    withId,
    c.planId,
    c.start,
    c.end,
    c.code,
    c.text,
    c.status,
    c.targetId,
    c.carriedTargetId,
  );
  return Number(info.lastInsertRowid);
}

export function updateCandidate(db: Db, c: CandidateRow): void {
  stmt(db, 'UPDATE report_candidates SET start_offset = ?, end_offset = ?, code = ?, text = ?, status = ?, target_id = ?, carried_target_id = ? WHERE id = ?').run(
    c.start,
    c.end,
    c.code,
    c.text,
    c.status,
    c.targetId,
    c.carriedTargetId,
    c.id,
  );
}

export function deleteCandidate(db: Db, id: number): void {
  stmt(db, 'DELETE FROM report_candidates WHERE id = ?').run(id);
}

export function deleteCandidatesOfPlan(db: Db, planId: number): void {
  stmt(db, 'DELETE FROM report_candidates WHERE plan_id = ?').run(planId);
}

export function keywords(db: Db): KeywordRow[] {
  return stmt(db, 'SELECT keyword, unit, leader FROM unit_keywords ORDER BY keyword').all() as KeywordRow[];
}

export function replaceKeywords(db: Db, rows: KeywordRow[]): void {
  stmt(db, 'DELETE FROM unit_keywords').run();
  const insert = stmt(db, 'INSERT INTO unit_keywords(keyword, unit, leader) VALUES (?, ?, ?)');
  for (const r of rows) insert.run(r.keyword, r.unit, r.leader);
}

export function insertCarryOver(db: Db, targetId: number, fromTargetId: number, at: string, actor: string): void {
  stmt(db, 'INSERT INTO target_carry_over(target_id, from_target_id, at, actor) VALUES (?, ?, ?, ?)').run(targetId, fromTargetId, at, actor);
}

/** Carried-over targets of a plan with the target each continues. */
export function carriedInto(db: Db, planId: number): { targetId: number; fromTargetId: number }[] {
  return stmt(
    db,
    'SELECT c.target_id AS targetId, c.from_target_id AS fromTargetId FROM target_carry_over c JOIN targets t ON t.id = c.target_id WHERE t.plan_id = ?',
  ).all(planId) as { targetId: number; fromTargetId: number }[];
}

export function carriedFrom(db: Db, targetId: number): { fromTargetId: number; year: number; serial: number } | undefined {
  return stmt(
    db,
    'SELECT c.from_target_id AS fromTargetId, p.year, t.serial FROM target_carry_over c JOIN targets t ON t.id = c.from_target_id JOIN plans p ON p.id = t.plan_id WHERE c.target_id = ?',
  ).get(targetId) as { fromTargetId: number; year: number; serial: number } | undefined;
}
