import type { PlanSummary, Section } from '../../../shared/contract';
import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

export interface PlanRow {
  id: number;
  year: number;
  city: string;
  report_title: string;
  report_text: string;
}

export function planByYear(db: Db, year: number): PlanRow | undefined {
  return stmt(db, 'SELECT id, year, city, report_title, report_text FROM plans WHERE year = ?').get(year) as PlanRow | undefined;
}

export function insertPlan(db: Db, plan: { year: number; city: string; reportTitle?: string; reportText?: string }): number {
  const info = stmt(db, 'INSERT INTO plans(year, city, report_title, report_text, created_at) VALUES (?, ?, ?, ?, ?)').run(
    plan.year,
    plan.city,
    plan.reportTitle ?? '',
    plan.reportText ?? '',
    new Date().toISOString(),
  );
  return Number(info.lastInsertRowid);
}

export function insertSection(db: Db, planId: number, s: { ord: number; code: string; name: string; sourceText: string }): number {
  const info = stmt(db, 'INSERT INTO sections(plan_id, ord, code, name, source_text) VALUES (?, ?, ?, ?, ?)').run(
    planId,
    s.ord,
    s.code,
    s.name,
    s.sourceText,
  );
  return Number(info.lastInsertRowid);
}

export function sectionsOfPlan(db: Db, planId: number): Section[] {
  return stmt(
    db,
    'SELECT s.id, s.code, s.name, s.ord, (SELECT count(*) FROM targets t WHERE t.section_id = s.id) AS targetCount FROM sections s WHERE s.plan_id = ? ORDER BY s.ord',
  ).all(planId) as Section[];
}

export function sectionBelongsToPlan(db: Db, sectionId: number, planId: number): boolean {
  return stmt(db, 'SELECT 1 FROM sections WHERE id = ? AND plan_id = ?').get(sectionId, planId) !== undefined;
}

export function listPlanSummaries(db: Db): PlanSummary[] {
  const plans = stmt(
    db,
    `SELECT p.id, p.year, p.city,
       (SELECT count(*) FROM targets t WHERE t.plan_id = p.id) AS targetCount,
       (SELECT count(*) FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.plan_id = p.id) AS assignmentCount,
       (SELECT coalesce(max(serial), 0) FROM targets t WHERE t.plan_id = p.id) AS maxSerial,
       p.sample
     FROM plans p ORDER BY p.year DESC`,
  ).all() as { id: number; year: number; city: string; targetCount: number; assignmentCount: number; maxSerial: number; sample: number }[];
  return plans.map((p) => ({
    year: p.year,
    city: p.city,
    targetCount: p.targetCount,
    assignmentCount: p.assignmentCount,
    maxSerial: p.maxSerial,
    reportedQuarters: reportedQuarters(db, p.id),
    sections: sectionsOfPlan(db, p.id),
    sample: p.sample === 1,
  }));
}

function reportedQuarters(db: Db, planId: number): Quarter[] {
  return (
    stmt(
      db,
      `SELECT DISTINCT p.quarter FROM progress_reports p JOIN assignments a ON a.id = p.assignment_id
       JOIN targets t ON t.id = a.target_id WHERE t.plan_id = ? ORDER BY p.quarter`,
    ).all(planId) as { quarter: Quarter }[]
  ).map((r) => r.quarter);
}

export function countPlans(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM plans').get() as { n: number }).n;
}

export function isSamplePlan(db: Db, planId: number): boolean {
  return (stmt(db, 'SELECT sample FROM plans WHERE id = ?').get(planId) as { sample: number } | undefined)?.sample === 1;
}

export function markSamplePlan(db: Db, planId: number): void {
  stmt(db, 'UPDATE plans SET sample = 1 WHERE id = ?').run(planId);
}

/**
 * Deletes a year with all it holds: its targets (through `deleteTarget`, which keeps the search index
 * right), the rest by cascade, its import history, and the leaders and units no other year names.
 */
export function deletePlan(db: Db, planId: number, deleteTarget: (db: Db, id: number) => void): void {
  const year = (stmt(db, 'SELECT year FROM plans WHERE id = ?').get(planId) as { year: number }).year;
  for (const { id } of stmt(db, 'SELECT id FROM targets WHERE plan_id = ?').all(planId) as { id: number }[]) deleteTarget(db, id);
  stmt(db, 'DELETE FROM plans WHERE id = ?').run(planId);
  stmt(db, 'DELETE FROM import_batches WHERE year = ?').run(year);
  stmt(db, 'DELETE FROM leaders WHERE id NOT IN (SELECT leader_id FROM assignment_leaders)').run();
  stmt(db, 'DELETE FROM units WHERE id NOT IN (SELECT unit_id FROM assignment_units)').run();
}
