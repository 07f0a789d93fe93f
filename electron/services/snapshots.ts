/**
 * Targets as the change log keeps them (whole snapshots before and after each change), compared and put
 * back. One way to restore a snapshot, used by undoing an import and by reverting from history.
 */
import type { Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { QUARTERS } from '../../shared/domain';
import { planByYear } from '../db/repos/plans';
import * as repo from '../db/repos/targets';
import type { ServiceContext } from './context';

/** A target's content, without the bookkeeping (version, update times) that changes on every write. */
export function snapshotKey(t: Target | null | undefined): string {
  if (!t) return 'null';
  return JSON.stringify({
    ...t,
    version: 0,
    updatedAt: '',
    assignments: t.assignments.map((a) => ({ ...a, progress: a.progress.map((p) => ({ ...p, updatedAt: '' })) })),
  });
}

/**
 * Makes the target with the snapshot's id look as the snapshot shows it: fields, lines (by id, a deleted
 * line comes back under its id when that is free) and every quarter's progress. A deleted target comes back.
 */
export function restoreSnapshot(ctx: ServiceContext, snapshot: Target, source: string): void {
  const current = repo.loadTarget(ctx.db, snapshot.id);
  const fields = { serial: snapshot.serial, content: snapshot.content, deadline: snapshot.deadline, sectionId: snapshot.sectionId, sourceText: snapshot.sourceText };
  if (current) {
    repo.updateTargetFields(ctx.db, snapshot.id, snapshot.year, fields);
  } else {
    const plan = planByYear(ctx.db, snapshot.year);
    if (!plan) throw new AppError('not-found', `${snapshot.year}年度已不存在，无法恢复第${snapshot.serial}项。`);
    if (repo.targetIdBySerial(ctx.db, plan.id, snapshot.serial) !== undefined) {
      throw new AppError('conflict', `序号 ${snapshot.serial} 已被其他责任目标使用，无法恢复。请先调整序号。`, { field: 'serial' });
    }
    repo.insertTarget(ctx.db, plan.id, snapshot.year, fields, snapshot.id);
    // Versions only grow: a cache that saw the target before it was deleted must not take it for unchanged.
    repo.setVersionAbove(ctx.db, snapshot.id, snapshot.version);
  }
  const keep = new Set(snapshot.assignments.map((a) => a.id));
  for (const a of current?.assignments ?? []) if (!keep.has(a.id)) repo.deleteAssignment(ctx.db, a.id);
  const existing = new Set((current?.assignments ?? []).map((a) => a.id));
  snapshot.assignments.forEach((a, index) => {
    const id = existing.has(a.id) ? a.id : repo.insertAssignment(ctx.db, snapshot.id, index + 1, a.id);
    repo.setAssignmentOrder(ctx.db, id, index + 1);
    repo.setAssignmentNames(ctx.db, id, { leaders: a.leaders, leadUnits: a.leadUnits, cooperatingUnits: a.cooperatingUnits });
    for (const q of QUARTERS) {
      const p = a.progress.find((r) => r.quarter === q);
      if (p) repo.upsertProgress(ctx.db, id, q, { text: p.text, onSchedule: p.onSchedule, onScheduleText: p.onScheduleText, source });
      else repo.deleteProgress(ctx.db, id, q);
    }
  });
}
