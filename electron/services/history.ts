/**
 * Reverting from history: a target goes back to how it was before (or, for redo, after) one logged change.
 * The revert is itself a change in the log (kind 'revert'), so it can be reverted in turn. Undo/redo in the
 * UI asks for `strict`: the target must still be exactly as the change left it, else a later edit would be
 * lost silently. Reverting an older change from the history panel is explicit and confirmed by the user.
 */
import type { Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { appendChange, changeById } from '../db/repos/changeLog';
import * as repo from '../db/repos/targets';
import { actorOf, type ServiceContext } from './context';
import { assertPublishedUnchanged } from './publication';
import { deletionSnapshot, restoreSnapshot, snapshotKey } from './snapshots';

/**
 * `through` names the other end of a run of changes undone as one (quick edits of one cell): undo goes to
 * before `changeId` from the state after `through`; redo goes to after `changeId` from before `through`.
 */
export function revertChange(ctx: ServiceContext, changeId: number, to: 'before' | 'after', strict: boolean, through?: number): { target: Target | null } {
  return ctx.db.transaction(() => {
    const change = changeById(ctx.db, changeId);
    if (!change || change.entity !== 'target' || change.targetId === null) throw new AppError('not-found', `找不到编号为 ${changeId} 的目标变更记录。`);
    const wanted = (to === 'before' ? change.before : change.after) as Target | null;
    const other = through === undefined ? change : changeById(ctx.db, through);
    if (!other || other.targetId !== change.targetId) throw new AppError('not-found', `找不到编号为 ${through} 的目标变更记录。`);
    const left = (to === 'before' ? other.after : other.before) as Target | null;
    const now = repo.loadTarget(ctx.db, change.targetId) ?? null;
    if (strict && snapshotKey(now) !== snapshotKey(left)) {
      throw new AppError('conflict', `第${(now ?? left ?? wanted)?.serial ?? ''}项在此之后又被修改过，${to === 'before' ? '撤销' : '重做'}会覆盖这些修改，未执行。可在该目标的“修改记录”中查看。`);
    }
    if (snapshotKey(now) === snapshotKey(wanted)) return { target: now };
    // A revert that deletes keeps what the deletion removes besides the target, as a deletion does.
    const logged = wanted === null && now ? deletionSnapshot(ctx, now) : now;
    if (wanted === null) repo.deleteTarget(ctx.db, change.targetId);
    else restoreSnapshot(ctx, wanted, 'revert');
    const after = repo.loadTarget(ctx.db, change.targetId) ?? null;
    assertPublishedUnchanged(ctx, now, after);
    appendChange(ctx.db, actorOf(ctx), { kind: 'revert', entity: 'target', entityId: change.targetId, targetId: change.targetId, before: logged, after, batchId: null });
    return { target: after };
  })();
}
