import type { ChangeEntry } from '../../../shared/contract';
import { stmt, type Db } from '../connection';

export interface ChangeInput {
  kind: string;
  entity: string;
  entityId: number | null;
  targetId: number | null;
  before: unknown;
  after: unknown;
  batchId?: string | null;
}

/** Returns the entry's id: a write's response names it, so the UI can undo exactly that change. */
export function appendChange(db: Db, actor: string, change: ChangeInput): number {
  const info = stmt(
    db,
    `INSERT INTO change_log(at, actor, kind, entity, entity_id, target_id, before_json, after_json, batch_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    new Date().toISOString(),
    actor,
    change.kind,
    change.entity,
    change.entityId,
    change.targetId,
    change.before === undefined ? null : JSON.stringify(change.before),
    change.after === undefined ? null : JSON.stringify(change.after),
    change.batchId ?? null,
  );
  return Number(info.lastInsertRowid);
}

interface ChangeRow {
  id: number;
  at: string;
  actor: string;
  kind: string;
  entity: string;
  entity_id: number | null;
  target_id: number | null;
  before_json: string | null;
  after_json: string | null;
}

export function changesForTarget(db: Db, targetId: number): ChangeEntry[] {
  const rows = stmt(db, 'SELECT * FROM change_log WHERE target_id = ? ORDER BY id DESC LIMIT 500').all(targetId) as ChangeRow[];
  return rows.map(toEntry);
}

export function changeById(db: Db, id: number): ChangeEntry | undefined {
  const row = stmt(db, 'SELECT * FROM change_log WHERE id = ?').get(id) as ChangeRow | undefined;
  return row && toEntry(row);
}

function toEntry(r: ChangeRow): ChangeEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    kind: r.kind,
    entity: r.entity,
    entityId: r.entity_id,
    targetId: r.target_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  };
}
