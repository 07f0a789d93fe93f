import { stmt, type Db } from '../connection';

const MAX_TERMS = 8;

/*
 * The index is kept by the repos that write the indexed rows, in the same transaction (see migration 001).
 * FTS5 flushes its pending terms whenever another statement of the transaction opens a statement journal,
 * so a bulk write (an import of 7,000 lines) interleaving row writes with index writes pays a flush per row.
 * withDeferredIndex() collects the ids instead and indexes them together at the end of the bulk write; past
 * BULK_ROWS it marks the indexes stale and the first search rebuilds them (a CLI import of 5,000 targets
 * spent a sixth of its time indexing text nobody had searched yet).
 */
const BULK_ROWS = 500;

interface Pending {
  targets: Map<number, boolean>;
  progress: Map<number, boolean>;
}
const deferred = new WeakMap<Db, Pending>();

export function withDeferredIndex<T>(db: Db, write: () => T): T {
  if (deferred.has(db)) return write();
  const pending: Pending = { targets: new Map(), progress: new Map() };
  deferred.set(db, pending);
  try {
    const result = write();
    flush(db, pending);
    return result;
  } finally {
    deferred.delete(db);
  }
}

function flush(db: Db, pending: Pending): void {
  if (pending.targets.size + pending.progress.size >= BULK_ROWS || searchIndexStale(db)) {
    stmt(db, "INSERT OR IGNORE INTO search_index_stale(id, since) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))").run();
    return;
  }
  for (const [id, isNew] of pending.targets) if (!isNew) stmt(db, 'DELETE FROM target_search WHERE rowid = ?').run(id);
  for (const [id, isNew] of pending.progress) if (!isNew) stmt(db, 'DELETE FROM progress_search WHERE rowid = ?').run(id);
  // The rows' current text: a row changed twice, or deleted, since it was noted is indexed as it is now.
  // Read first, then plain INSERT … VALUES: an INSERT … SELECT per row opens a statement journal, and with it
  // an FTS5 flush, every time.
  const readTarget = stmt(db, 'SELECT content AS text FROM targets WHERE id = ?');
  const readProgress = stmt(db, 'SELECT text FROM progress_reports WHERE id = ?');
  const text = (s: typeof readTarget, id: number) => (s.get(id) as { text: string } | undefined)?.text;
  const targets = [...pending.targets.keys()].map((id) => [id, text(readTarget, id)] as const);
  const progress = [...pending.progress.keys()].map((id) => [id, text(readProgress, id)] as const);
  const insertTarget = stmt(db, 'INSERT INTO target_search(rowid, content) VALUES (?, ?)');
  for (const [id, content] of targets) if (content !== undefined) insertTarget.run(id, content);
  const insertProgress = stmt(db, 'INSERT INTO progress_search(rowid, text) VALUES (?, ?)');
  for (const [id, text] of progress) if (text !== undefined) insertProgress.run(id, text);
}

function note(map: Map<number, boolean>, id: number, isNew: boolean): void {
  map.set(id, (map.get(id) ?? true) && isNew);
}

export function indexContent(db: Db, targetId: number, content: string, isNew: boolean): void {
  const pending = deferred.get(db);
  if (pending) return note(pending.targets, targetId, isNew);
  if (!isNew) stmt(db, 'DELETE FROM target_search WHERE rowid = ?').run(targetId);
  stmt(db, 'INSERT INTO target_search(rowid, content) VALUES (?, ?)').run(targetId, content);
}

export function indexProgress(db: Db, progressId: number, text: string, isNew: boolean): void {
  const pending = deferred.get(db);
  if (pending) return note(pending.progress, progressId, isNew);
  if (!isNew) stmt(db, 'DELETE FROM progress_search WHERE rowid = ?').run(progressId);
  stmt(db, 'INSERT INTO progress_search(rowid, text) VALUES (?, ?)').run(progressId, text);
}

export function unindexProgress(db: Db, progressId: number): void {
  stmt(db, 'DELETE FROM progress_search WHERE rowid = ?').run(progressId);
}

export function unindexAssignment(db: Db, assignmentId: number): void {
  stmt(db, 'DELETE FROM progress_search WHERE rowid IN (SELECT id FROM progress_reports WHERE assignment_id = ?)').run(assignmentId);
}

export function unindexTarget(db: Db, targetId: number): void {
  stmt(
    db,
    'DELETE FROM progress_search WHERE rowid IN (SELECT p.id FROM progress_reports p JOIN assignments a ON a.id = p.assignment_id WHERE a.target_id = ?)',
  ).run(targetId);
  stmt(db, 'DELETE FROM target_search WHERE rowid = ?').run(targetId);
}

/** Whether a bulk write left the indexes to the next search (true once after it, until a search rebuilds them). */
export function searchIndexStale(db: Db): boolean {
  return stmt(db, 'SELECT 1 FROM search_index_stale').get() !== undefined;
}

/** The indexes rebuilt from the tables when a bulk write left them stale; one transaction, nothing else written. */
function ensureIndex(db: Db): void {
  if (!searchIndexStale(db)) return;
  db.transaction(() => {
    stmt(db, 'DELETE FROM target_search').run();
    stmt(db, 'DELETE FROM progress_search').run();
    stmt(db, 'INSERT INTO target_search(rowid, content) SELECT id, content FROM targets').run();
    stmt(db, 'INSERT INTO progress_search(rowid, text) SELECT id, text FROM progress_reports').run();
    stmt(db, 'DELETE FROM search_index_stale').run();
  })();
}

/** Rows whose index entry is missing or stale, once a pending rebuild is done; zero when the index matches the tables. */
export function searchIndexDrift(db: Db): { targets: number; progress: number } {
  ensureIndex(db);
  // Table and column names come from these two fixed pairs, never from input.
  const drift = (table: string, column: string, index: string, indexed: string) =>
    (
      stmt(
        db,
        `SELECT (SELECT count(*) FROM ${table} t LEFT JOIN ${index} s ON s.rowid = t.id WHERE s.rowid IS NULL OR s.${indexed} IS NOT t.${column})
              + (SELECT count(*) FROM ${index} s LEFT JOIN ${table} t ON t.id = s.rowid WHERE t.id IS NULL) AS n`,
      ).get() as { n: number }
    ).n;
  return { targets: drift('targets', 'content', 'target_search', 'content'), progress: drift('progress_reports', 'text', 'progress_search', 'text') };
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * The targets whose content or a progress text contains one term: the progress of `quarter` only when one
 * is given (the overview shows one quarter: a target found by its Q2 text beside an empty Q3 cell looks
 * like a wrong hit), any quarter's otherwise. Terms of 3+ characters go through the FTS5 trigram indexes;
 * the trigram tokenizer cannot index 1–2 character terms, so those fall back to LIKE on the same tables.
 */
function targetsWithTerm(db: Db, term: string, quarter: number | null): Set<number> {
  const rows =
    [...term].length >= 3
      ? stmt(
          db,
          `SELECT rowid AS id FROM target_search WHERE target_search MATCH @q
           UNION SELECT a.target_id FROM progress_search ps
             JOIN progress_reports p ON p.id = ps.rowid JOIN assignments a ON a.id = p.assignment_id
           WHERE progress_search MATCH @q AND (@quarter IS NULL OR p.quarter = @quarter)`,
        ).all({ q: ftsPhrase(term), quarter })
      : stmt(
          db,
          `SELECT rowid AS id FROM target_search WHERE content LIKE @q ESCAPE '\\'
           UNION SELECT a.target_id FROM progress_search ps
             JOIN progress_reports p ON p.id = ps.rowid JOIN assignments a ON a.id = p.assignment_id
           WHERE ps.text LIKE @q ESCAPE '\\' AND (@quarter IS NULL OR p.quarter = @quarter)`,
        ).all({ q: likePattern(term), quarter });
  return new Set((rows as { id: number }[]).map((r) => r.id));
}

/** Ids of the targets that contain every term of the query in their content or progress texts (of `quarter`). */
export function searchTargetIds(db: Db, query: string, quarter: number | null = null): Set<number> {
  const terms = query.split(/\s+/).filter((t) => t !== '').slice(0, MAX_TERMS);
  if (terms.length > 0) ensureIndex(db);
  let result = null as Set<number> | null;
  for (const term of terms) {
    const found = targetsWithTerm(db, term, quarter);
    result = result === null ? found : new Set([...result].filter((id) => found.has(id)));
    if (result.size === 0) break;
  }
  return result ?? new Set();
}

/** The plain scan the index replaces; kept as the benchmark's baseline. */
export function searchTargetIdsByScan(db: Db, planId: number, query: string): Set<number> {
  const pattern = likePattern(query.trim());
  const rows = stmt(
    db,
    `SELECT t.id FROM targets t WHERE t.plan_id = @planId AND (t.content LIKE @pattern ESCAPE '\\' OR EXISTS (
       SELECT 1 FROM assignments a JOIN progress_reports p ON p.assignment_id = a.id
       WHERE a.target_id = t.id AND p.text LIKE @pattern ESCAPE '\\'))`,
  ).all({ planId, pattern }) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}
