/** 督办通知 as sent (supervision_notices): one row per unit and generation. */
import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

export interface NoticeRow {
  id: number;
  planId: number;
  year: number;
  quarter: Quarter;
  unitId: number;
  unit: string;
  targetIds: number[];
  issuedAt: string;
  replyDue: string;
  repliedAt: string | null;
}

interface Raw {
  id: number;
  plan_id: number;
  year: number;
  quarter: Quarter;
  unit_id: number;
  unit: string;
  target_ids: string;
  issued_at: string;
  reply_due: string;
  replied_at: string | null;
}

const SELECT = `SELECT n.id, n.plan_id, p.year, n.quarter, n.unit_id, u.name AS unit, n.target_ids, n.issued_at, n.reply_due, n.replied_at
  FROM supervision_notices n JOIN units u ON u.id = n.unit_id JOIN plans p ON p.id = n.plan_id`;

function toRow(r: Raw): NoticeRow {
  return { id: r.id, planId: r.plan_id, year: r.year, quarter: r.quarter, unitId: r.unit_id, unit: r.unit, targetIds: JSON.parse(r.target_ids) as number[], issuedAt: r.issued_at, replyDue: r.reply_due, repliedAt: r.replied_at };
}

export function insertNotice(db: Db, n: Omit<NoticeRow, 'id' | 'year' | 'unit' | 'repliedAt'>): number {
  return Number(
    stmt(db, 'INSERT INTO supervision_notices(plan_id, quarter, unit_id, target_ids, issued_at, reply_due) VALUES (?, ?, ?, ?, ?, ?)').run(
      n.planId,
      n.quarter,
      n.unitId,
      JSON.stringify(n.targetIds),
      n.issuedAt,
      n.replyDue,
    ).lastInsertRowid,
  );
}

export function noticesOfPlan(db: Db, planId: number, quarter: Quarter): NoticeRow[] {
  return (stmt(db, `${SELECT} WHERE n.plan_id = ? AND n.quarter = ? ORDER BY n.issued_at DESC, n.id DESC`).all(planId, quarter) as Raw[]).map(toRow);
}

export function noticeById(db: Db, id: number): NoticeRow | undefined {
  const r = stmt(db, `${SELECT} WHERE n.id = ?`).get(id) as Raw | undefined;
  return r && toRow(r);
}

export function setReplied(db: Db, id: number, repliedAt: string | null): void {
  stmt(db, 'UPDATE supervision_notices SET replied_at = ? WHERE id = ?').run(repliedAt, id);
}
