import type { ColumnMapping } from '../../excel/headers';
import { stmt, type Db } from '../connection';

/** Every remembered mapping, by header signature: a handful of rows, read once per import. */
export function rememberedMappings(db: Db): Map<string, ColumnMapping> {
  const rows = stmt(db, 'SELECT signature, mapping_json FROM column_mappings').all() as { signature: string; mapping_json: string }[];
  return new Map(rows.map((r) => [r.signature, JSON.parse(r.mapping_json) as ColumnMapping]));
}

export function mappingOf(db: Db, signature: string): ColumnMapping | null {
  const row = stmt(db, 'SELECT mapping_json FROM column_mappings WHERE signature = ?').get(signature) as { mapping_json: string } | undefined;
  return row ? (JSON.parse(row.mapping_json) as ColumnMapping) : null;
}

/** An empty mapping forgets the shape. */
export function putMapping(db: Db, signature: string, mapping: ColumnMapping, actor: string): void {
  if (Object.keys(mapping).length === 0) {
    stmt(db, 'DELETE FROM column_mappings WHERE signature = ?').run(signature);
    return;
  }
  stmt(
    db,
    `INSERT INTO column_mappings(signature, mapping_json, at, actor) VALUES (?, ?, ?, ?)
     ON CONFLICT(signature) DO UPDATE SET mapping_json = excluded.mapping_json, at = excluded.at, actor = excluded.actor`,
  ).run(signature, JSON.stringify(mapping), new Date().toISOString(), actor);
}
