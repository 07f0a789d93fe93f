import type { AssignmentInput, ParsedInput, Target, TargetPatch } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { appendChange } from '../db/repos/changeLog';
import { sectionBelongsToPlan } from '../db/repos/plans';
import * as repo from '../db/repos/targets';
import { actorOf, changeTarget, requireTarget, type ServiceContext } from './context';
import { assertPublishedUnchanged } from './publication';
import { requirePlan } from './plans';
import { deletionSnapshot } from './snapshots';
import { assertNotStale, type EditAspect } from './staleness';

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
    repo.setAssignmentNames(ctx.db, id, input, input.id === undefined);
    return id;
  });
}

export function createTarget(ctx: ServiceContext, input: ParsedInput<'targets.create'>, batchId?: string): Target {
  return ctx.db.transaction(() => {
    const plan = requirePlan(ctx, input.year);
    assertSerialFree(ctx, plan.id, input.year, input.serial);
    assertSection(ctx, plan.id, input.sectionId);
    const { id } = repo.insertTarget(ctx.db, plan.id, input.year, {
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

const FIELD_LABELS: Record<keyof TargetPatch, string> = { serial: '序号', content: '责任目标内容', deadline: '完成时限', sectionId: '篇章', sourceText: '报告原文' };

export function updateTarget(ctx: ServiceContext, id: number, patch: TargetPatch, baseVersion?: number): Target {
  return changeTarget(ctx, id, 'update', (before) => {
    const fields = Object.keys(patch) as (keyof TargetPatch)[];
    assertNotStale(
      ctx,
      before,
      baseVersion,
      fields.map((f) => ({ field: f, label: FIELD_LABELS[f], of: (t) => t[f], shown: (t) => (f === 'sectionId' ? '（已调整）' : String(t[f] ?? '')) })),
    );
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

/** The lines as a whole: the drawer sends all of them, so any change to any line by another window conflicts. */
const LINES_ASPECT: EditAspect = {
  field: 'assignments',
  label: '分工',
  of: (t) => t.assignments.map((a) => [a.id, a.leaders, a.leadUnits, a.cooperatingUnits]),
  shown: (t) =>
    t.assignments
      .map((a, i) => `${t.assignments.length > 1 ? `分工${i + 1} ` : ''}市政府领导 ${a.leaders.join('、') || '空'}，牵头单位 ${a.leadUnits.join('、') || '空'}，配合单位 ${a.cooperatingUnits.join('、') || '空'}`)
      .join('；'),
};

export function saveAssignments(ctx: ServiceContext, targetId: number, inputs: AssignmentInput[], baseVersion?: number): Target {
  return changeTarget(ctx, targetId, 'assignments', (before) => {
    assertNotStale(ctx, before, baseVersion, [LINES_ASPECT]);
    writeAssignments(ctx, before, inputs);
  });
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
