import { stmt, type Db } from './connection';

/** One statement per connection: the schema only changes when a store is opened and migrated. */
const checks = new WeakMap<Db, string>();

/**
 * A store nothing was ever written to: no row in any of its tables, the full-text index's own bookkeeping
 * aside. Read from the schema, so that a table a later migration adds counts without anyone listing it.
 * Such a store plans a file as any other empty store does, and a backup of it could bring nothing back.
 */
export function holdsNothing(db: Db): boolean {
  let sql = checks.get(db);
  if (sql === undefined) {
    const tables = stmt(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string; sql: string | null }[];
    const indexes = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
    // FTS5 keeps its own rows (the index's structure, its configuration) in `<name>_…` tables from the start.
    const own = tables.filter((t) => !indexes.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
    sql = `SELECT ${own.map((t) => `NOT EXISTS (SELECT 1 FROM "${t.name.replace(/"/g, '""')}")`).join(' AND ') || '1'} AS empty`;
    checks.set(db, sql);
  }
  return (stmt(db, sql).get() as { empty: number }).empty === 1;
}
