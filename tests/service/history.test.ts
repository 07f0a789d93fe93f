/**
 * Reverting from history and undo/redo: a target goes back to how it was before a change (fields, lines,
 * every quarter), a deleted target comes back under its id, a revert is itself logged and revertable,
 * strict undo refuses when the target changed since, and a run of quick edits undoes as one.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../shared/contract';
import { closingStores } from '../helpers/store';
import { listed } from '../import/helpers';

const store = closingStores();

const strip = (t: Target | null) => t && { ...t, version: 0, updatedAt: '', changeId: undefined, assignments: t.assignments.map((a) => ({ ...a, progress: a.progress.map((p) => ({ ...p, updatedAt: '' })) })) };

describe('history revert, undo and redo', () => {
  it('reverts a progress edit, then redoes it; the revert is in the log', async () => {
    const core = await store(true);
    const id = (core.db.prepare('SELECT id FROM targets WHERE serial = 16').get() as { id: number }).id;
    const before = await core.invoke('targets.get', { id });
    const line = before.assignments[0]!.id;
    const saved = await core.invoke('progress.save', { assignmentId: line, quarter: 3, text: '新增规上服务业企业45家', onSchedule: 'no' });
    expect(saved.changeId).toBeGreaterThan(0);

    const undone = await core.invoke('history.revert', { changeId: saved.changeId!, to: 'before', strict: true });
    expect(strip(undone.target)).toEqual(strip(before));
    const redone = await core.invoke('history.revert', { changeId: saved.changeId!, to: 'after', strict: true });
    expect(redone.target!.assignments[0]!.progress.find((p) => p.quarter === 3)).toMatchObject({ text: '新增规上服务业企业45家', onSchedule: 'no' });
    const kinds = (await core.invoke('history.forTarget', { targetId: id })).map((h) => h.kind);
    expect(kinds.slice(0, 3)).toEqual(['revert', 'revert', 'progress']);
  });

  it('strict undo refuses when the target changed since; a plain revert from history does it anyway', async () => {
    const core = await store(true);
    const id = (core.db.prepare('SELECT id FROM targets WHERE serial = 16').get() as { id: number }).id;
    const original = await core.invoke('targets.get', { id });
    const first = await core.invoke('targets.update', { id, patch: { deadline: '11月底' } });
    await core.invoke('targets.update', { id, patch: { content: '新增规上服务业企业120家以上' } });
    await expect(core.invoke('history.revert', { changeId: first.changeId!, to: 'before', strict: true })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('第16项在此之后又被修改过'),
    });
    const reverted = await core.invoke('history.revert', { changeId: first.changeId!, to: 'before' });
    expect(strip(reverted.target)).toEqual(strip(original));
  });

  it('a run of quick edits undoes as one (through); a deleted target comes back with its lines and progress', async () => {
    const core = await store(true);
    const all = listed(core);
    const t26 = core.db.prepare('SELECT id FROM targets WHERE serial = 26').get() as { id: number };
    const before = await core.invoke('targets.get', { id: t26.id });
    const line = before.assignments[1]!.id;
    const a = await core.invoke('progress.save', { assignmentId: line, quarter: 4, text: '四季度' });
    await core.invoke('progress.save', { assignmentId: line, quarter: 4, text: '四季度已完成' });
    const c = await core.invoke('progress.save', { assignmentId: line, quarter: 4, text: '四季度已完成全部任务' });
    const undone = await core.invoke('history.revert', { changeId: a.changeId!, to: 'before', strict: true, through: c.changeId! });
    expect(strip(undone.target)).toEqual(strip(before));
    await core.invoke('history.revert', { changeId: c.changeId!, to: 'after', strict: true, through: a.changeId! });
    expect((await core.invoke('targets.get', { id: t26.id })).assignments[1]!.progress.find((p) => p.quarter === 4)!.text).toBe('四季度已完成全部任务');
    await core.invoke('history.revert', { changeId: a.changeId!, to: 'before', strict: true, through: c.changeId! });

    const deleted = await core.invoke('targets.delete', { id: t26.id });
    expect(listed(core)).toHaveLength(all.length - 1);
    const back = await core.invoke('history.revert', { changeId: deleted.changeId, to: 'before', strict: true });
    expect(back.target!.id).toBe(t26.id);
    // Its version goes on from where it was, so no cache takes the restored target for an older state.
    expect(back.target!.version).toBeGreaterThan(before.version + 6);
    expect(listed(core)).toEqual(all);
    // The search index follows the restored target.
    const found = await core.invoke('overview.get', { year: 2023, quarter: 3, filter: { query: before.content.slice(2, 8) } });
    expect(found.rows.map((r) => r.serial)).toContain(26);
  });

  it('a deleted target whose serial was taken since cannot come back, with a Chinese reason', async () => {
    const core = await store(true);
    const t = core.db.prepare('SELECT id FROM targets WHERE serial = 39').get() as { id: number };
    const deleted = await core.invoke('targets.delete', { id: t.id });
    await core.invoke('targets.create', { year: 2023, serial: 39, content: '新的第39项' });
    await expect(core.invoke('history.revert', { changeId: deleted.changeId, to: 'before' })).rejects.toThrow(/序号 39 已被其他责任目标使用/);
  });
});

describe('undoing a deletion', () => {
  it('brings back the target’s 督办意见 and confirmed actuals; redo and undo again keep them', async () => {
    const core = await store(true);
    const id = core.db.prepare('SELECT id FROM targets WHERE serial = 16').pluck().get() as number;
    const line = (await core.invoke('targets.get', { id })).assignments[0]!.id;
    await core.invoke('review.saveNote', { targetId: id, quarter: 3, note: '请市商务局说明滞后原因' });
    await core.invoke('review.confirmActual', { assignmentId: line, quarter: 3, goalIndex: 0, actual: '80家' });
    const item = async () => (await core.invoke('review.get', { year: 2023, quarter: 3 })).items.find((i) => i.serial === 16);
    const kept = await item();
    expect(kept).toMatchObject({ note: '请市商务局说明滞后原因', lines: [{ checks: [{ actual: '80家', confirmed: true }] }] });

    const deleted = await core.invoke('targets.delete', { id });
    expect(await item()).toBeUndefined();
    await core.invoke('history.revert', { changeId: deleted.changeId, to: 'before', strict: true });
    expect(await item()).toEqual(kept);
    // Redo (the deletion again) and undo once more: the notes travel with the target each time.
    await core.invoke('history.revert', { changeId: deleted.changeId, to: 'after', strict: true });
    expect(await item()).toBeUndefined();
    await core.invoke('history.revert', { changeId: deleted.changeId, to: 'before', strict: true });
    expect(await item()).toEqual(kept);
    const reverted = core.db.prepare("SELECT before_json FROM change_log WHERE kind = 'revert' ORDER BY id").pluck().all() as string[];
    expect(JSON.parse(reverted[1]!).removed.reviewNotes).toMatchObject([{ quarter: 3, note: '请市商务局说明滞后原因' }]);
  });
});
