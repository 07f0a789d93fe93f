import { stmt, type Db } from '../connection';

const MAX_TERMS = 8;

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * Ids of the targets whose content or progress contains every term of the query. Terms of 3+ characters
 * go through the FTS5 trigram index; the trigram tokenizer cannot index 1–2 character terms, so those fall
 * back to LIKE on the same table.
 */
export function searchTargetIds(db: Db, query: string): Set<number> {
  const terms = query.split(/\s+/).filter((t) => t !== '').slice(0, MAX_TERMS);
  if (terms.length === 0) return new Set();
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  const clauses: string[] = [];
  const params: string[] = [];
  if (long.length > 0) {
    clauses.push('target_search MATCH ?');
    params.push(long.map(ftsPhrase).join(' AND '));
  }
  for (const term of short) {
    clauses.push("(content LIKE ? ESCAPE '\\' OR progress LIKE ? ESCAPE '\\')");
    params.push(likePattern(term), likePattern(term));
  }
  // The clause list is built from fixed fragments; user text only ever travels as parameters.
  const rows = stmt(db, `SELECT rowid AS id FROM target_search WHERE ${clauses.join(' AND ')}`).all(...params) as { id: number }[];
  return new Set(rows.map((r) => r.id));
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
