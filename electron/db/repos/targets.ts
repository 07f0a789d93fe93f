import type { Assignment, ProgressReport, Target } from '../../../shared/contract';
import { normalizeName, parseDeadline, type DeadlineKind, type OnSchedule, type Quarter } from '../../../shared/domain';
import { stmt, type Db } from '../connection';
import { storeNames, type NameLookup } from './directory';
import { indexContent, indexProgress, unindexAssignment, unindexProgress, unindexTarget } from './search';

interface TargetRow {
  id: number;
  year: number;
  serial: number;
  content: string;
  deadline_text: string;
  deadline_kind: DeadlineKind;
  deadline_due: string | null;
  section_id: number | null;
  source_text: string;
  version: number;
  updated_at: string;
}

interface ProgressRow {
  assignment_id: number;
  quarter: Quarter;
  text: string;
  on_schedule: OnSchedule | null;
  on_schedule_text: string;
  updated_at: string;
}

/**
 * Which targets to load: one target, all of a plan, or a plan's serials from `from` to `to` (a slice of
 * the plan, for work done a piece at a time). The SQL differs only in the WHERE clause, chosen from these
 * fixed strings, never built from input.
 */
type Scope = { targetId: number } | { planId: number } | { planId: number; serials: { from: number; to: number } };

function scopeSql(scope: Scope): { where: string; params: number[] } {
  if ('targetId' in scope) return { where: 't.id = ?', params: [scope.targetId] };
  if ('serials' in scope) return { where: 't.plan_id = ? AND t.serial BETWEEN ? AND ?', params: [scope.planId, scope.serials.from, scope.serials.to] };
  return { where: 't.plan_id = ?', params: [scope.planId] };
}

/**
 * Loads targets with their assignments, names and progress in five set-based queries, whatever the
 * number of targets: the overview of 5,000 targets must not issue a query per row.
 */
export function loadTargets(db: Db, scope: Scope, quarter?: Quarter): Target[] {
  const { where, params } = scopeSql(scope);
  const targets = stmt(
    db,
    `SELECT t.id, p.year, t.serial, t.content, t.deadline_text, t.deadline_kind, t.deadline_due, t.section_id,
            t.source_text, t.version, t.updated_at
     FROM targets t JOIN plans p ON p.id = t.plan_id WHERE ${where} ORDER BY t.serial`,
  ).all(...params) as TargetRow[];
  const assignments = stmt(
    db,
    `SELECT a.id, a.target_id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE ${where} ORDER BY a.target_id, a.ord`,
  ).all(...params) as { id: number; target_id: number }[];
  const leaders = stmt(
    db,
    `SELECT al.assignment_id, l.name FROM assignment_leaders al
     JOIN leaders l ON l.id = al.leader_id
     JOIN assignments a ON a.id = al.assignment_id JOIN targets t ON t.id = a.target_id
     WHERE ${where} ORDER BY al.assignment_id, al.ord`,
  ).all(...params) as { assignment_id: number; name: string }[];
  const units = stmt(
    db,
    `SELECT au.assignment_id, au.role, u.name FROM assignment_units au
     JOIN units u ON u.id = au.unit_id
     JOIN assignments a ON a.id = au.assignment_id JOIN targets t ON t.id = a.target_id
     WHERE ${where} ORDER BY au.assignment_id, au.ord`,
  ).all(...params) as { assignment_id: number; role: 'lead' | 'cooperating'; name: string }[];
  const progress = (
    quarter === undefined
      ? stmt(
          db,
          `SELECT p.assignment_id, p.quarter, p.text, p.on_schedule, p.on_schedule_text, p.updated_at FROM progress_reports p
           JOIN assignments a ON a.id = p.assignment_id JOIN targets t ON t.id = a.target_id
           WHERE ${where} ORDER BY p.assignment_id, p.quarter`,
        ).all(...params)
      : stmt(
          db,
          `SELECT p.assignment_id, p.quarter, p.text, p.on_schedule, p.on_schedule_text, p.updated_at FROM progress_reports p
           JOIN assignments a ON a.id = p.assignment_id JOIN targets t ON t.id = a.target_id
           WHERE ${where} AND p.quarter = ?`,
        ).all(...params, quarter)
  ) as ProgressRow[];

  const byAssignment = new Map<number, Assignment>();
  const byTarget = new Map<number, Assignment[]>();
  for (const a of assignments) {
    const assignment: Assignment = { id: a.id, leaders: [], leadUnits: [], cooperatingUnits: [], progress: [] };
    byAssignment.set(a.id, assignment);
    const list = byTarget.get(a.target_id);
    if (list) list.push(assignment);
    else byTarget.set(a.target_id, [assignment]);
  }
  for (const l of leaders) byAssignment.get(l.assignment_id)!.leaders.push(l.name);
  for (const u of units) {
    const a = byAssignment.get(u.assignment_id)!;
    (u.role === 'lead' ? a.leadUnits : a.cooperatingUnits).push(u.name);
  }
  for (const p of progress) byAssignment.get(p.assignment_id)!.progress.push(toProgress(p));
  return targets.map((t) => ({
    id: t.id,
    year: t.year,
    serial: t.serial,
    content: t.content,
    deadline: t.deadline_text,
    deadlineKind: t.deadline_kind,
    deadlineDue: t.deadline_due,
    sectionId: t.section_id,
    sourceText: t.source_text,
    version: t.version,
    updatedAt: t.updated_at,
    assignments: byTarget.get(t.id) ?? [],
  }));
}

function toProgress(p: ProgressRow): ProgressReport {
  return { quarter: p.quarter, text: p.text, onSchedule: p.on_schedule, onScheduleText: p.on_schedule_text, updatedAt: p.updated_at };
}

export function loadTarget(db: Db, id: number): Target | undefined {
  return loadTargets(db, { targetId: id })[0];
}

export function targetIdBySerial(db: Db, planId: number, serial: number): number | undefined {
  return (stmt(db, 'SELECT id FROM targets WHERE plan_id = ? AND serial = ?').get(planId, serial) as { id: number } | undefined)?.id;
}

export function planIdOfTarget(db: Db, targetId: number): number | undefined {
  return (stmt(db, 'SELECT plan_id FROM targets WHERE id = ?').get(targetId) as { plan_id: number } | undefined)?.plan_id;
}

export function targetIdOfAssignment(db: Db, assignmentId: number): number | undefined {
  return (stmt(db, 'SELECT target_id FROM assignments WHERE id = ?').get(assignmentId) as { target_id: number } | undefined)?.target_id;
}

export interface TargetFields {
  serial: number;
  content: string;
  deadline: string;
  sectionId: number | null;
  sourceText: string;
}

/**
 * The id the next new target gets. SQLite would hand a deleted target's id to the next new one; the change
 * log still speaks of the old target under that id, so ids are never reused (a revert must not land on a stranger).
 */
export function nextTargetId(db: Db): number {
  return (stmt(db, 'SELECT max(coalesce((SELECT max(id) FROM targets), 0), coalesce((SELECT max(target_id) FROM change_log), 0)) + 1 AS id').get() as { id: number }).id;
}

/** A target's own row as loadTargets reads it back: everything but its lines. */
export type TargetRowAsRead = Omit<Target, 'assignments'>;

/**
 * `id` puts a deleted target back under its own id (history revert); new targets get the next one.
 * Returns the row as written, as loadTargets would read it.
 */
export function insertTarget(db: Db, planId: number, year: number, f: TargetFields, withId: number | null = null): TargetRowAsRead {
  const now = new Date().toISOString();
  const d = parseDeadline(f.deadline, year);
  withId ??= nextTargetId(db);
  const info = stmt(
    db,
    `INSERT INTO targets(id, plan_id, serial, content, deadline_text, deadline_kind, deadline_due, section_id, source_text, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(withId, planId, f.serial, f.content, f.deadline, d.kind, d.due, f.sectionId, f.sourceText, now, now);
  const id = Number(info.lastInsertRowid);
  indexContent(db, id, f.content, true);
  return { id, year, serial: f.serial, content: f.content, deadline: f.deadline, deadlineKind: d.kind, deadlineDue: d.due, sectionId: f.sectionId, sourceText: f.sourceText, version: 1, updatedAt: now };
}

export function updateTargetFields(db: Db, id: number, year: number, f: TargetFields): void {
  const d = parseDeadline(f.deadline, year);
  const before = stmt(db, 'SELECT content FROM targets WHERE id = ?').get(id) as { content: string };
  stmt(
    db,
    `UPDATE targets SET serial = ?, content = ?, deadline_text = ?, deadline_kind = ?, deadline_due = ?, section_id = ?,
       source_text = ?, version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(f.serial, f.content, f.deadline, d.kind, d.due, f.sectionId, f.sourceText, new Date().toISOString(), id);
  if (before.content !== f.content) indexContent(db, id, f.content, false);
}

/** Any change below a target (assignments, progress) bumps its version so that readers see it moved. */
export function touchTarget(db: Db, id: number): void {
  stmt(db, 'UPDATE targets SET version = version + 1, updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
}

export function deleteTarget(db: Db, id: number): void {
  unindexTarget(db, id);
  stmt(db, 'DELETE FROM targets WHERE id = ?').run(id);
}

export interface AssignmentNames {
  leaders: string[];
  leadUnits: string[];
  cooperatingUnits: string[];
}

/** `id`, when free, puts a deleted line back under its own id (history revert). */
export function insertAssignment(db: Db, targetId: number, ord: number, id: number | null = null): number {
  const free = id !== null && stmt(db, 'SELECT 1 FROM assignments WHERE id = ?').get(id) === undefined;
  return Number(stmt(db, 'INSERT INTO assignments(id, target_id, ord) VALUES (?, ?, ?)').run(free ? id : null, targetId, ord).lastInsertRowid);
}

export function setAssignmentOrder(db: Db, assignmentId: number, ord: number): void {
  stmt(db, 'UPDATE assignments SET ord = ? WHERE id = ?').run(ord, assignmentId);
}

export function deleteAssignment(db: Db, assignmentId: number): void {
  unindexAssignment(db, assignmentId);
  stmt(db, 'DELETE FROM assignments WHERE id = ?').run(assignmentId);
}

/**
 * Replaces an assignment's leaders and units, keeping the order given: lead units first, then cooperating
 * ones. `fresh`: the assignment was just inserted and has no names to remove (an import of 7,000 lines).
 * Returns the names as kept (each once, under its stored name: an alias gives its unit's), as loadTargets reads them.
 */
export function setAssignmentNames(db: Db, assignmentId: number, names: AssignmentNames, fresh = false, lookup: NameLookup = storeNames(db)): AssignmentNames {
  if (!fresh) {
    stmt(db, 'DELETE FROM assignment_leaders WHERE assignment_id = ?').run(assignmentId);
    stmt(db, 'DELETE FROM assignment_units WHERE assignment_id = ?').run(assignmentId);
  }
  const addLeader = stmt(db, 'INSERT INTO assignment_leaders(assignment_id, ord, leader_id) VALUES (?, ?, ?)');
  const kept: AssignmentNames = { leaders: [], leadUnits: [], cooperatingUnits: [] };
  const seenLeaders = new Set<number>();
  names.leaders.forEach((name) => {
    const id = lookup.leader(name);
    if (seenLeaders.has(id)) return;
    seenLeaders.add(id);
    addLeader.run(assignmentId, seenLeaders.size, id);
    // Found or added under its normalised name.
    kept.leaders.push(normalizeName(name));
  });
  const addUnit = stmt(db, 'INSERT INTO assignment_units(assignment_id, ord, role, unit_id) VALUES (?, ?, ?, ?)');
  const seenUnits = new Set<number>();
  const roles: [string[], 'lead' | 'cooperating', string[]][] = [
    [names.leadUnits, 'lead', kept.leadUnits],
    [names.cooperatingUnits, 'cooperating', kept.cooperatingUnits],
  ];
  for (const [list, role, into] of roles) {
    for (const name of list) {
      const unit = lookup.unit(name);
      if (seenUnits.has(unit.id)) continue;
      seenUnits.add(unit.id);
      addUnit.run(assignmentId, seenUnits.size, role, unit.id);
      into.push(unit.name);
    }
  }
  return kept;
}

export function upsertProgress(
  db: Db,
  assignmentId: number,
  quarter: Quarter,
  p: { text: string; onSchedule: OnSchedule | null; onScheduleText: string; source: string },
  /** The line was just inserted: it has no report to update (an import of 7,000 new lines). */
  fresh = false,
): ProgressReport {
  const now = new Date().toISOString();
  const written: ProgressReport = { quarter, text: p.text, onSchedule: p.onSchedule, onScheduleText: p.onScheduleText, updatedAt: now };
  const existing = fresh ? undefined : stmt(db, 'SELECT id, text FROM progress_reports WHERE assignment_id = ? AND quarter = ?').get(assignmentId, quarter) as
    | { id: number; text: string }
    | undefined;
  if (existing) {
    stmt(db, 'UPDATE progress_reports SET text = ?, on_schedule = ?, on_schedule_text = ?, source = ?, updated_at = ? WHERE id = ?').run(
      p.text,
      p.onSchedule,
      p.onScheduleText,
      p.source,
      now,
      existing.id,
    );
    if (existing.text !== p.text) indexProgress(db, existing.id, p.text, false);
    return written;
  }
  const info = stmt(
    db,
    `INSERT INTO progress_reports(assignment_id, quarter, text, on_schedule, on_schedule_text, reported_at, source, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(assignmentId, quarter, p.text, p.onSchedule, p.onScheduleText, now, p.source, now);
  indexProgress(db, Number(info.lastInsertRowid), p.text, true);
  return written;
}

export function deleteProgress(db: Db, assignmentId: number, quarter: Quarter): void {
  const row = stmt(db, 'SELECT id FROM progress_reports WHERE assignment_id = ? AND quarter = ?').get(assignmentId, quarter) as { id: number } | undefined;
  if (!row) return;
  unindexProgress(db, row.id);
  stmt(db, 'DELETE FROM progress_reports WHERE id = ?').run(row.id);
}

/** Sets a restored target's version past the one it had, so that versions of one id never repeat. */
export function setVersionAbove(db: Db, id: number, version: number): void {
  stmt(db, 'UPDATE targets SET version = max(version, ?) + 1 WHERE id = ?').run(version, id);
}
