/**
 * Targets as the change log keeps them (whole snapshots before and after each change), compared and put
 * back. One way to restore a snapshot, used by undoing an import and by reverting from history.
 */
import type { Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { QUARTERS } from '../../shared/domain';
import { planByYear } from '../db/repos/plans';
import * as repo from '../db/repos/targets';
import { confirmedOfTarget, restoreConfirmed, type ConfirmedOfTarget } from '../db/repos/confirmedActuals';
import { notesOfTarget, restoreNote, type NoteRow } from '../db/repos/reviewNotes';
import type { ServiceContext } from './context';

/**
 * What goes with a target when it is deleted and is not part of the target itself: the meeting's decisions
 * (督办意见) and the confirmed actuals. Kept in the deletion's `before`, so undoing the deletion brings them back.
 */
export interface RemovedWithTarget {
  reviewNotes: NoteRow[];
  confirmedActuals: ConfirmedOfTarget[];
}

export type DeletedTarget = Target & { removed?: RemovedWithTarget };

/** The target about to be deleted, with what its deletion removes besides (when there is any). */
export function deletionSnapshot(ctx: ServiceContext, target: Target): DeletedTarget {
  const removed = { reviewNotes: notesOfTarget(ctx.db, target.id), confirmedActuals: confirmedOfTarget(ctx.db, target.id) };
  return removed.reviewNotes.length + removed.confirmedActuals.length > 0 ? { ...target, removed } : target;
}

/** A target's content, without the bookkeeping (version, update times) that changes on every write. */
export function snapshotKey(t: Target | null | undefined): string {
  if (!t) return 'null';
  const { removed: _removed, ...target } = t as DeletedTarget;
  return JSON.stringify({
    ...target,
    version: 0,
    updatedAt: '',
    assignments: target.assignments.map((a) => ({ ...a, progress: a.progress.map((p) => ({ ...p, updatedAt: '' })) })),
  });
}

/**
 * Makes the target with the snapshot's id look as the snapshot shows it: fields, lines (by id, a deleted
 * line comes back under its id when that is free) and every quarter's progress. A deleted target comes back.
 */
export function restoreSnapshot(ctx: ServiceContext, snapshot: DeletedTarget, source: string): void {
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
  const lineIds = new Map<number, number>();
  snapshot.assignments.forEach((a, index) => {
    const id = existing.has(a.id) ? a.id : repo.insertAssignment(ctx.db, snapshot.id, index + 1, a.id);
    lineIds.set(a.id, id);
    repo.setAssignmentOrder(ctx.db, id, index + 1);
    repo.setAssignmentNames(ctx.db, id, { leaders: a.leaders, leadUnits: a.leadUnits, cooperatingUnits: a.cooperatingUnits });
    for (const q of QUARTERS) {
      const p = a.progress.find((r) => r.quarter === q);
      if (p) repo.upsertProgress(ctx.db, id, q, { text: p.text, onSchedule: p.onSchedule, onScheduleText: p.onScheduleText, source });
      else repo.deleteProgress(ctx.db, id, q);
    }
  });
  if (!current && snapshot.removed) {
    for (const n of snapshot.removed.reviewNotes) restoreNote(ctx.db, snapshot.id, n);
    for (const c of snapshot.removed.confirmedActuals) {
      const line = lineIds.get(c.assignmentId);
      if (line !== undefined) restoreConfirmed(ctx.db, { ...c, assignmentId: line });
    }
  }
}
