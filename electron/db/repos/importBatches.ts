import type { ImportBatch, ImportSummary, Note } from '../../../shared/contract';
import type { Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

interface BatchRow {
  id: string;
  at: string;
  actor: string;
  year: number;
  quarter: Quarter;
  files_json: string;
  summary_json: string;
  notes_json: string;
  undone_at: string | null;
}

function toBatch(r: BatchRow): ImportBatch {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    year: r.year,
    quarter: r.quarter,
    files: JSON.parse(r.files_json) as string[],
    summary: JSON.parse(r.summary_json) as ImportSummary,
    notes: JSON.parse(r.notes_json) as Note[],
    undoneAt: r.undone_at,
  };
}

export function insertBatch(db: Db, b: Omit<ImportBatch, 'undoneAt'>): void {
  stmt(db, 'INSERT INTO import_batches(id, at, actor, year, quarter, files_json, summary_json, notes_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    b.id,
    b.at,
    b.actor,
    b.year,
    b.quarter,
    JSON.stringify(b.files),
    JSON.stringify(b.summary),
    JSON.stringify(b.notes),
  );
}

export function getBatch(db: Db, id: string): ImportBatch | undefined {
  const row = stmt(db, 'SELECT * FROM import_batches WHERE id = ?').get(id) as BatchRow | undefined;
  return row && toBatch(row);
}

export function listBatches(db: Db): ImportBatch[] {
  return (stmt(db, 'SELECT * FROM import_batches ORDER BY at DESC, rowid DESC LIMIT 500').all() as BatchRow[]).map(toBatch);
}

export function markUndone(db: Db, id: string, at: string): void {
  stmt(db, 'UPDATE import_batches SET undone_at = ? WHERE id = ?').run(at, id);
}

/** The batch's change-log entries, newest first: the order in which to undo them. */
export function batchChanges(db: Db, batchId: string): { targetId: number; before: string | null; after: string | null }[] {
  return (
    stmt(db, "SELECT target_id, before_json, after_json FROM change_log WHERE batch_id = ? AND entity = 'target' ORDER BY id DESC").all(batchId) as {
      target_id: number;
      before_json: string | null;
      after_json: string | null;
    }[]
  ).map((r) => ({ targetId: r.target_id, before: r.before_json, after: r.after_json }));
}
