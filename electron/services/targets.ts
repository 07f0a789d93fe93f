import type { AssignmentInput, ParsedInput, Target, TargetPatch } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { appendChange } from '../db/repos/changeLog';
import { sectionBelongsToPlan } from '../db/repos/plans';
import * as repo from '../db/repos/targets';
import { actorOf, changeTarget, requireTarget, type ServiceContext } from './context';
import { assertPublishedUnchanged } from './publication';
import { requirePlan } from './plans';
import { deletionSnapshot } from './snapshots';

function assertSerialFree(ctx: ServiceContext, planId: number, year: number, serial: number, self?: number): void {
  const holder = repo.targetIdBySerial(ctx.db, planId, serial);
  if (holder !== undefined && holder !== self) {
    throw new AppError('validation', `序号 ${serial} 在${year}年已被其他责任目标使用，请换一个序号。`, { field: 'serial' });
  }
}

function assertSection(ctx: ServiceContext, planId: number, sectionId: number | null): void {
  if (sectionId !== null && !sectionBelongsToPlan(ctx.db, sectionId, planId)) {
    throw new AppError('validation', '所选篇章不属于该年度。', { field: 'sectionId' });
  }
}

/**
 * Writes a target's assignment lines: existing ids keep their progress, missing ones are removed, new ones
 * added. Returns the lines' ids in order.
 */
export function writeAssignments(ctx: ServiceContext, target: Pick<Target, 'id' | 'assignments'>, inputs: AssignmentInput[]): number[] {
  const existing = new Set(target.assignments.map((a) => a.id));
  const kept = new Set<number>();
  for (const input of inputs) {
    if (input.id !== undefined) {
      if (!existing.has(input.id) || kept.has(input.id)) {
        throw new AppError('validation', `分工 ${input.id} 不属于该责任目标。`, { field: 'assignments' });
      }
      kept.add(input.id);
    }
  }
  for (const id of existing) if (!kept.has(id)) repo.deleteAssignment(ctx.db, id);
  return inputs.map((input, index) => {
    const id = input.id ?? repo.insertAssignment(ctx.db, target.id, index + 1);
    if (input.id !== undefined) repo.setAssignmentOrder(ctx.db, id, index + 1);
    repo.setAssignmentNames(ctx.db, id, input);
    return id;
  });
}

export function createTarget(ctx: ServiceContext, input: ParsedInput<'targets.create'>, batchId?: string): Target {
  return ctx.db.transaction(() => {
    const plan = requirePlan(ctx, input.year);
    assertSerialFree(ctx, plan.id, input.year, input.serial);
    assertSection(ctx, plan.id, input.sectionId);
    const id = repo.insertTarget(ctx.db, plan.id, input.year, {
      serial: input.serial,
      content: input.content,
      deadline: input.deadline.trim(),
      sectionId: input.sectionId,
      sourceText: '',
    });
    // A target always has at least one line, so that progress can be entered for it right away.
    const lines = input.assignments.length > 0 ? input.assignments : [{ leaders: [], leadUnits: [], cooperatingUnits: [] }];
    writeAssignments(ctx, { id, assignments: [] }, lines);
    const after = requireTarget(ctx, id);
    // A new target is a new row in every quarter's table of its year.
    assertPublishedUnchanged(ctx, null, after);
    const changeId = appendChange(ctx.db, actorOf(ctx), { kind: 'create', entity: 'target', entityId: id, targetId: id, before: null, after, batchId: batchId ?? null });
    return { ...after, changeId };
  })();
}

export function updateTarget(ctx: ServiceContext, id: number, patch: TargetPatch): Target {
  return changeTarget(ctx, id, 'update', (before) => {
    const planId = repo.planIdOfTarget(ctx.db, id)!;
    const next = {
      serial: patch.serial ?? before.serial,
      content: patch.content ?? before.content,
      deadline: (patch.deadline ?? before.deadline).trim(),
      sectionId: patch.sectionId === undefined ? before.sectionId : patch.sectionId,
      sourceText: patch.sourceText ?? before.sourceText,
    };
    if (next.serial !== before.serial) assertSerialFree(ctx, planId, before.year, next.serial, id);
    if (next.sectionId !== before.sectionId) assertSection(ctx, planId, next.sectionId);
    repo.updateTargetFields(ctx.db, id, before.year, next);
  });
}

export function saveAssignments(ctx: ServiceContext, targetId: number, inputs: AssignmentInput[]): Target {
  return changeTarget(ctx, targetId, 'assignments', (before) => writeAssignments(ctx, before, inputs));
}

export function deleteTarget(ctx: ServiceContext, id: number): { id: number; changeId: number } {
  return ctx.db.transaction(() => {
    const before = deletionSnapshot(ctx, requireTarget(ctx, id));
    assertPublishedUnchanged(ctx, before, null);
    repo.deleteTarget(ctx.db, id);
    const changeId = appendChange(ctx.db, actorOf(ctx), { kind: 'delete', entity: 'target', entityId: id, targetId: id, before, after: null });
    return { id, changeId };
  })();
}
