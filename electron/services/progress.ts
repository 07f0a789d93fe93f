import type { ParsedInput, Target } from '../../shared/contract';
import { ON_SCHEDULE_LABELS, quarterLabel } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import * as repo from '../db/repos/targets';
import { changeTarget, type ServiceContext } from './context';
import { assertNotStale, type EditAspect } from './staleness';

/**
 * Saves one assignment's progress for a quarter. Text and on-schedule are patched independently, so two
 * quick edits (text, then the 是/否 flag) never overwrite each other. A report with neither is removed:
 * blank means "not reported".
 */
export function saveProgress(ctx: ServiceContext, input: ParsedInput<'progress.save'>): Target {
  const targetId = repo.targetIdOfAssignment(ctx.db, input.assignmentId);
  if (targetId === undefined) throw new AppError('not-found', `找不到分工 ${input.assignmentId}，可能已被删除。`);
  return changeTarget(ctx, targetId, 'progress', (before) => {
    assertNotStale(ctx, before, input.baseVersion, progressAspects(before, input));
    const current = before.assignments.find((a) => a.id === input.assignmentId)!.progress.find((p) => p.quarter === input.quarter);
    const text = input.text ?? current?.text ?? '';
    const onSchedule = input.onSchedule === undefined ? (current?.onSchedule ?? null) : input.onSchedule;
    const onScheduleText =
      input.onSchedule === undefined ? (current?.onScheduleText ?? '') : onSchedule === null ? '' : ON_SCHEDULE_LABELS[onSchedule];
    if (text.trim() === '' && onSchedule === null) {
      repo.deleteProgress(ctx.db, input.assignmentId, input.quarter);
      return;
    }
    repo.upsertProgress(ctx.db, input.assignmentId, input.quarter, { text, onSchedule, onScheduleText, source: 'manual' });
  });
}

/** The parts of a line's quarter report a save changes, for the two-windows check. */
function progressAspects(t: Target, input: ParsedInput<'progress.save'>): EditAspect[] {
  const index = t.assignments.findIndex((a) => a.id === input.assignmentId);
  const where = `${t.assignments.length > 1 ? `分工${index + 1} ` : ''}${quarterLabel(input.quarter)}`;
  const report = (x: Target) => x.assignments.find((a) => a.id === input.assignmentId)?.progress.find((p) => p.quarter === input.quarter);
  const aspects: EditAspect[] = [];
  if (input.text !== undefined) aspects.push({ field: 'text', label: `${where}完成情况`, of: (x) => report(x)?.text ?? '', shown: (x) => report(x)?.text ?? '' });
  if (input.onSchedule !== undefined) {
    aspects.push({
      field: 'onSchedule',
      label: `${where}是否按计划完成进度`,
      of: (x) => [report(x)?.onSchedule ?? null, report(x)?.onScheduleText ?? ''],
      shown: (x) => report(x)?.onScheduleText ?? '',
    });
  }
  return aspects;
}
