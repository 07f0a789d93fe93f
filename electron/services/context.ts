import type { Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { appendChange } from '../db/repos/changeLog';
import { readSettings } from '../db/repos/settings';
import { loadTarget, touchTarget } from '../db/repos/targets';
import { assertPublishedUnchanged } from './publication';

export interface ServiceContext {
  db: Db;
  storePath: string;
}

export function actorOf(ctx: ServiceContext): string {
  return readSettings(ctx.db).userName;
}

export function requireTarget(ctx: ServiceContext, id: number): Target {
  const target = loadTarget(ctx.db, id);
  if (!target) throw new AppError('not-found', `找不到编号为 ${id} 的责任目标，可能已被删除。`);
  return target;
}

/**
 * Every change to a target goes through here: one transaction holding the change, the version bump and the
 * change-log entry with the target's whole state before and after, so history can show and revert it.
 */
export function changeTarget(ctx: ServiceContext, targetId: number, kind: string, apply: (before: Target) => void, batchId?: string): Target {
  return ctx.db.transaction(() => {
    const before = requireTarget(ctx, targetId);
    apply(before);
    touchTarget(ctx.db, targetId);
    const after = requireTarget(ctx, targetId);
    assertPublishedUnchanged(ctx, before, after);
    const changeId = appendChange(ctx.db, actorOf(ctx), { kind, entity: 'target', entityId: targetId, targetId, before, after, batchId: batchId ?? null });
    return { ...after, changeId };
  })();
}
