/**
 * What every step of a plan reads: the period, the store's targets of the year with their lookups, the
 * bases a returned file is compared with, and the name lookups. Built once per plan; the steps only read it.
 */
import type { Target } from '../../../shared/contract';
import { normalizeName, type Quarter } from '../../../shared/domain';
import type { Db } from '../../db/connection';
import { findLeaderId, findUnitId, unitName } from '../../db/repos/directory';
import { planByYear } from '../../db/repos/plans';
import { cooperatingReturnsOfQuarter, lastImported, type ImportedValue } from '../../db/repos/returns';
import { loadTargets } from '../../db/repos/targets';
import type { ParsedOverview } from '../../excel/overviewReader';
import type { TemplateMetaLine } from '../../excel/templateMeta';
import { returnOwnerOf } from '../rounds';

/** Whom a file speaks for, and what its template carried (by line), for the comparisons of a return. */
export interface FileSource {
  owner: string | null;
  by: 'unit' | 'leader' | null;
  metaLines: Map<number, TemplateMetaLine>;
  generatedAt: string | null;
}

export type NameLookups = ReturnType<typeof nameLookups>;

/** Name lookups for one plan, each asked of the store once: a 7,000-line file repeats the same 60 units. */
export function nameLookups(db: Db) {
  const memo = <T>(fn: (name: string) => T) => {
    const seen = new Map<string, T>();
    return (name: string): T => {
      if (!seen.has(name)) seen.set(name, fn(name));
      return seen.get(name)!;
    };
  };
  const unitIdOf = memo((name) => findUnitId(db, name));
  return {
    isKnownLeader: memo((name) => findLeaderId(db, name) !== undefined),
    isKnownUnit: (name: string) => unitIdOf(name) !== undefined,
    // An alias (市发改委) is stored as the unit it stands for (市发展改革委).
    canonicalUnit: memo((name) => {
      const id = unitIdOf(name);
      return id === undefined ? normalizeName(name) : unitName(db, id);
    }),
  };
}

export interface PlanContext {
  year: number;
  quarter: Quarter;
  names: NameLookups;
  existing: Target[];
  bySerial: Map<number, Target>;
  byId: Map<number, Target>;
  maxSerial: number;
  serialOfAssignment: Map<number, number>;
  /** The progress each line last got from an import: the base a returned file is compared with. */
  imported: Map<number, ImportedValue>;
  /** The cooperating units' current returns (配合单位报送), by `assignmentId|unit`. */
  cooperatingNow: ReturnType<typeof cooperatingReturnsOfQuarter>;
}

export function planContext(db: Db, year: number, quarter: Quarter): PlanContext {
  const plan = planByYear(db, year);
  const existing = plan ? loadTargets(db, { planId: plan.id }) : [];
  return {
    year,
    quarter,
    names: nameLookups(db),
    existing,
    bySerial: new Map(existing.map((t) => [t.serial, t])),
    byId: new Map(existing.map((t) => [t.id, t])),
    maxSerial: existing.reduce((m, t) => Math.max(m, t.serial), 0),
    serialOfAssignment: new Map(existing.flatMap((t) => t.assignments.map((a) => [a.id, t.serial] as const))),
    imported: lastImported(db, quarter),
    cooperatingNow: cooperatingReturnsOfQuarter(db, quarter),
  };
}

/** Whom a file speaks for: a template's owner and kind (from its hidden record, else its title), or nobody (an overview). */
export function sourceOf(file: ParsedOverview, ctx: PlanContext): FileSource {
  const meta = file.template && file.template.year === ctx.year && file.template.quarter === ctx.quarter ? file.template : null;
  const owner = meta?.owner ?? returnOwnerOf({ name: file.file, title: file.title, owner: file.owner });
  const by = meta?.by ?? (owner !== null && ctx.names.isKnownUnit(owner) ? 'unit' : owner !== null ? 'leader' : null);
  return {
    owner: owner === null ? null : by === 'unit' ? ctx.names.canonicalUnit(owner) : normalizeName(owner),
    by,
    metaLines: new Map((meta?.lines ?? []).map((l) => [l.assignmentId, l])),
    generatedAt: meta?.generatedAt ?? null,
  };
}
