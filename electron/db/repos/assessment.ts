/** The assessment's stored inputs: the rule table per year, hand-entered values, and the 督办通知 it reads. */
import { assessmentRulesSchema, type AssessmentRules } from '../../../shared/contract';
import { stmt, type Db } from '../connection';

/** The year's rules as saved, or undefined when the office has not changed the defaults; invalid JSON reads as unsaved. */
export function savedRules(db: Db, planId: number): AssessmentRules | undefined {
  const row = stmt(db, 'SELECT rules_json AS json FROM assessment_rules WHERE plan_id = ?').get(planId) as { json: string } | undefined;
  if (!row) return undefined;
  try {
    const parsed = assessmentRulesSchema.safeParse(JSON.parse(row.json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function putRules(db: Db, planId: number, rules: AssessmentRules, at: string, actor: string): void {
  stmt(
    db,
    'INSERT INTO assessment_rules(plan_id, rules_json, updated_at, actor) VALUES (?, ?, ?, ?) ON CONFLICT(plan_id) DO UPDATE SET rules_json = excluded.rules_json, updated_at = excluded.updated_at, actor = excluded.actor',
  ).run(planId, JSON.stringify(rules), at, actor);
}

/** Hand-entered values per item id and unit name. */
export function entriesOf(db: Db, planId: number): Map<string, Map<string, number>> {
  const rows = stmt(db, 'SELECT e.item, u.name AS unit, e.value FROM assessment_entries e JOIN units u ON u.id = e.unit_id WHERE e.plan_id = ?').all(planId) as {
    item: string;
    unit: string;
    value: number;
  }[];
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let perItem = out.get(r.item);
    if (!perItem) out.set(r.item, (perItem = new Map()));
    perItem.set(r.unit, r.value);
  }
  return out;
}

export function entryOf(db: Db, planId: number, item: string, unitId: number): number | null {
  const row = stmt(db, 'SELECT value FROM assessment_entries WHERE plan_id = ? AND item = ? AND unit_id = ?').get(planId, item, unitId) as { value: number } | undefined;
  return row?.value ?? null;
}

export function putEntry(db: Db, planId: number, item: string, unitId: number, value: number | null, at: string, actor: string): void {
  if (value === null) stmt(db, 'DELETE FROM assessment_entries WHERE plan_id = ? AND item = ? AND unit_id = ?').run(planId, item, unitId);
  else
    stmt(
      db,
      'INSERT INTO assessment_entries(plan_id, item, unit_id, value, at, actor) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(plan_id, item, unit_id) DO UPDATE SET value = excluded.value, at = excluded.at, actor = excluded.actor',
    ).run(planId, item, unitId, value, at, actor);
}

export interface NoticeRow {
  quarter: 1 | 2 | 3 | 4;
  unit: string;
  targetIds: number[];
  issuedAt: string;
  replyDue: string;
  repliedAt: string | null;
}

/** The year's 督办通知 (written by the bulletin's service; read here). */
export function noticesOfPlan(db: Db, planId: number): NoticeRow[] {
  const rows = stmt(
    db,
    `SELECT n.quarter, u.name AS unit, n.target_ids AS targetIds, n.issued_at AS issuedAt, n.reply_due AS replyDue, n.replied_at AS repliedAt
       FROM supervision_notices n JOIN units u ON u.id = n.unit_id WHERE n.plan_id = ? ORDER BY n.quarter, n.issued_at, n.id`,
  ).all(planId) as (Omit<NoticeRow, 'targetIds'> & { targetIds: string })[];
  return rows.map((r) => {
    let ids: number[] = [];
    try {
      const parsed: unknown = JSON.parse(r.targetIds);
      if (Array.isArray(parsed)) ids = parsed.filter((x): x is number => typeof x === 'number');
    } catch {
      // A damaged list names no targets; the notice still counts.
    }
    return { ...r, targetIds: ids };
  });
}
