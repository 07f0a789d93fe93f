import { normalizeName } from '../../../shared/domain';
import { stmt, type Db } from '../connection';

/** The id of a leader by name, created on first use. */
export function leaderId(db: Db, name: string): number {
  const n = normalizeName(name);
  const found = stmt(db, 'SELECT id FROM leaders WHERE name = ?').get(n) as { id: number } | undefined;
  if (found) return found.id;
  return Number(stmt(db, 'INSERT INTO leaders(name) VALUES (?)').run(n).lastInsertRowid);
}

/** A unit name or one of its aliases, to the unit: its id and the name it is kept under; undefined when neither is known. */
function findUnit(db: Db, name: string): { id: number; name: string } | undefined {
  const n = normalizeName(name);
  return (
    (stmt(db, 'SELECT id, name FROM units WHERE name = ?').get(n) as { id: number; name: string } | undefined) ??
    (stmt(db, 'SELECT u.id, u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?').get(n) as { id: number; name: string } | undefined)
  );
}

export function findUnitId(db: Db, name: string): number | undefined {
  return findUnit(db, name)?.id;
}

/** The unit a name or alias stands for, added when it is new. */
export function unitOf(db: Db, name: string): { id: number; name: string } {
  const known = findUnit(db, name);
  if (known !== undefined) return known;
  const n = normalizeName(name);
  return { id: Number(stmt(db, 'INSERT INTO units(name) VALUES (?)').run(n).lastInsertRowid), name: n };
}

export function unitId(db: Db, name: string): number {
  return unitOf(db, name).id;
}

/** How the names of a line become leaders and units: straight from the store, or remembered within one write. */
export interface NameLookup {
  leader(name: string): number;
  unit(name: string): { id: number; name: string };
}

export const storeNames = (db: Db): NameLookup => ({ leader: (name) => leaderId(db, name), unit: (name) => unitOf(db, name) });

/**
 * The store's lookups, each name asked once: an import of 7,000 lines names the same few dozen leaders and
 * units over and over. For one transaction that adds names but never renames, merges or removes them (an
 * import's write); a rollback discards it with the names it added.
 */
export function rememberedNames(db: Db): NameLookup {
  const leaders = new Map<string, number>();
  const units = new Map<string, { id: number; name: string }>();
  return {
    leader: (name) => {
      let id = leaders.get(name);
      if (id === undefined) leaders.set(name, (id = leaderId(db, name)));
      return id;
    },
    unit: (name) => {
      let unit = units.get(name);
      if (unit === undefined) units.set(name, (unit = unitOf(db, name)));
      return unit;
    },
  };
}

export function unitName(db: Db, id: number): string {
  return (stmt(db, 'SELECT name FROM units WHERE id = ?').get(id) as { name: string }).name;
}

export function findLeaderId(db: Db, name: string): number | undefined {
  return (stmt(db, 'SELECT id FROM leaders WHERE name = ?').get(normalizeName(name)) as { id: number } | undefined)?.id;
}

export function addUnitAlias(db: Db, unit: number, alias: string): void {
  stmt(db, 'INSERT INTO unit_aliases(alias, unit_id) VALUES (?, ?) ON CONFLICT(alias) DO UPDATE SET unit_id = excluded.unit_id').run(
    normalizeName(alias),
    unit,
  );
}

export function unitAliases(db: Db, unit: number): string[] {
  return (stmt(db, 'SELECT alias FROM unit_aliases WHERE unit_id = ? ORDER BY alias').all(unit) as { alias: string }[]).map((r) => r.alias);
}

/** Leaders and units in use, in the order of their first appearance (serial order), which is how offices list them. */
export function directoryOfPlan(db: Db, planId: number | null): { leaders: string[]; units: { name: string; aliases: string[] }[] } {
  const leaders = (
    stmt(
      db,
      `SELECT l.name FROM leaders l
       LEFT JOIN assignment_leaders al ON al.leader_id = l.id
       LEFT JOIN assignments a ON a.id = al.assignment_id
       LEFT JOIN targets t ON t.id = a.target_id
       WHERE @planId IS NULL OR t.plan_id = @planId
       GROUP BY l.id ORDER BY min(coalesce(t.serial, 1e9)), l.id`,
    ).all({ planId }) as { name: string }[]
  ).map((r) => r.name);
  const units = stmt(
    db,
    `SELECT u.id, u.name FROM units u
     LEFT JOIN assignment_units au ON au.unit_id = u.id
     LEFT JOIN assignments a ON a.id = au.assignment_id
     LEFT JOIN targets t ON t.id = a.target_id
     WHERE @planId IS NULL OR t.plan_id = @planId
     GROUP BY u.id ORDER BY min(coalesce(t.serial, 1e9)), u.id`,
  ).all({ planId }) as { id: number; name: string }[];
  const aliasRows = stmt(db, 'SELECT alias, unit_id FROM unit_aliases ORDER BY alias').all() as { alias: string; unit_id: number }[];
  const aliases = new Map<number, string[]>();
  for (const r of aliasRows) aliases.set(r.unit_id, [...(aliases.get(r.unit_id) ?? []), r.alias]);
  return { leaders, units: units.map((u) => ({ name: u.name, aliases: aliases.get(u.id) ?? [] })) };
}
