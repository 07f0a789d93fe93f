/**
 * Remembered column mappings live in the settings table, one row per header shape under a key of their
 * own (`columnMapping.<signature>`): a small key-value store already, and readSettings passes over keys
 * that are not settings, so no migration and nothing new in settings.get.
 */
import type { ColumnMapping } from '../../excel/headers';
import { stmt, type Db } from '../connection';

const PREFIX = 'columnMapping.';

/** Every remembered mapping, by header signature: a handful of rows, read once per import. */
export function rememberedMappings(db: Db): Map<string, ColumnMapping> {
  const rows = stmt(db, "SELECT key, value FROM settings WHERE key LIKE 'columnMapping.%'").all() as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key.slice(PREFIX.length), JSON.parse(r.value) as ColumnMapping]));
}

export function mappingOf(db: Db, signature: string): ColumnMapping | null {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(PREFIX + signature) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as ColumnMapping) : null;
}

/** An empty mapping forgets the shape. */
export function putMapping(db: Db, signature: string, mapping: ColumnMapping): void {
  if (Object.keys(mapping).length === 0) {
    stmt(db, 'DELETE FROM settings WHERE key = ?').run(PREFIX + signature);
    return;
  }
  stmt(db, 'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(PREFIX + signature, JSON.stringify(mapping));
}
