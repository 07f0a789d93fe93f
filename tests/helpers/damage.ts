import fs from 'node:fs';

/** SQLite's default page size, which every store here uses. */
export const PAGE = 4096;

/** Overwrites three whole pages in the middle of the file, as a failing disk sector or a bad copy would. */
export function corruptMiddle(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  const middle = Math.floor(bytes.length / PAGE / 2);
  bytes.fill(0x5a, middle * PAGE, (middle + 3) * PAGE);
  fs.writeFileSync(file, bytes);
  return bytes;
}

/**
 * Turns a store at SCHEMA_VERSION back into one of the previous release: the newest migration undone
 * (tables, indexes, triggers and views it created dropped, columns it added dropped, data kept) and the
 * version set to the migration before it, whatever migration is newest.
 */
export function undoNewestMigration(db: import('better-sqlite3').Database, migrations: readonly { version: number; sql: string }[]): number {
  const newest = migrations[migrations.length - 1]!;
  const sql = newest.sql.replace(/--.*$/gm, '');
  const created = [...sql.matchAll(/CREATE\s+(?:VIRTUAL\s+)?(?:UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/gi)];
  // Triggers and indexes first: dropping a table drops its own, and a trigger on an older table would stay.
  const order = ['TRIGGER', 'VIEW', 'INDEX', 'TABLE'];
  created.sort((a, b) => order.indexOf(a[1]!.toUpperCase()) - order.indexOf(b[1]!.toUpperCase()));
  for (const [, kind, name] of created) db.exec(`DROP ${kind!.toUpperCase()} IF EXISTS ${name}`);
  for (const [, table, column] of sql.matchAll(/ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)/gi)) {
    db.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
  const previous = migrations[migrations.length - 2]!.version;
  db.pragma(`user_version = ${previous}`);
  return previous;
}

/** Turns a store back into the one a given release left: every migration after `version` undone, newest first. */
export function undoMigrationsAfter(db: import('better-sqlite3').Database, migrations: readonly { version: number; sql: string }[], version: number): void {
  const kept = [...migrations];
  while (kept.length > 1 && kept[kept.length - 1]!.version > version) {
    undoNewestMigration(db, kept);
    kept.pop();
  }
}
