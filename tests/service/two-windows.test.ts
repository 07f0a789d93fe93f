/**
 * Two windows on one target: each edit carries the version it was made on. A later save over someone
 * else's change of the same thing is refused with 已被他人修改 and the newer value; edits of other fields
 * or lines go through; a save made knowing the newer version (a deliberate retry) wins.
 */
import { describe, expect, it } from 'vitest';
import { closingStores } from '../helpers/store';

const store = closingStores();

async function seeded() {
  const core = await store(true);
  const id = core.db.prepare('SELECT id FROM targets WHERE serial = 16').pluck().get() as number;
  const t = await core.invoke('targets.get', { id });
  return { core, id, t, line: t.assignments[0]!.id };
}

describe('stale updates', () => {
  it('progress: the later save over the same cell is refused with the newer value; nothing is written', async () => {
    const { core, id, t, line } = await seeded();
    const a = await core.invoke('progress.save', { assignmentId: line, quarter: 3, text: '甲窗口填写的三季度进展', baseVersion: t.version });
    expect(a.version).toBeGreaterThan(t.version);
    await expect(core.invoke('progress.save', { assignmentId: line, quarter: 3, text: '乙窗口填写的三季度进展', baseVersion: t.version })).rejects.toMatchObject({
      code: 'stale',
      message: expect.stringMatching(/^第16项已被他人修改（.+）：三季度完成情况现为“甲窗口填写的三季度进展”。您的修改未保存/),
      where: { field: 'text' },
    });
    expect((await core.invoke('targets.get', { id })).assignments[0]!.progress.find((p) => p.quarter === 3)!.text).toBe('甲窗口填写的三季度进展');
    const logged = core.db.prepare("SELECT count(*) FROM change_log WHERE target_id = ? AND kind = 'progress'").pluck().get(id);
    expect(logged).toBe(1);

    // Another cell of the same target, based on the old version: no conflict.
    await core.invoke('progress.save', { assignmentId: line, quarter: 3, onSchedule: 'no', baseVersion: t.version });
    await core.invoke('progress.save', { assignmentId: line, quarter: 4, text: '乙窗口填写的四季度进展', baseVersion: t.version });
    // The retry, made on the version the refusal showed, wins.
    const now = await core.invoke('targets.get', { id });
    const b = await core.invoke('progress.save', { assignmentId: line, quarter: 3, text: '乙窗口填写的三季度进展', baseVersion: now.version });
    expect(b.assignments[0]!.progress.find((p) => p.quarter === 3)).toMatchObject({ text: '乙窗口填写的三季度进展', onSchedule: 'no' });
    // The on-schedule flag set by the other window conflicts with a flag save on the old version.
    await expect(core.invoke('progress.save', { assignmentId: line, quarter: 3, onSchedule: 'yes', baseVersion: t.version })).rejects.toThrow(/三季度是否按计划完成进度现为“否”/);
    // Without a version (a batch tool), no check.
    await core.invoke('progress.save', { assignmentId: line, quarter: 3, onSchedule: 'yes' });
  });

  it('fields and lines: the same field or the lines changed since are refused; another field is not', async () => {
    const { core, id, t } = await seeded();
    await core.invoke('targets.update', { id, patch: { deadline: '11月底' }, baseVersion: t.version });
    await expect(core.invoke('targets.update', { id, patch: { deadline: '12月底' }, baseVersion: t.version })).rejects.toMatchObject({
      code: 'stale',
      message: expect.stringContaining('完成时限现为“11月底”'),
      where: { field: 'deadline' },
    });
    await core.invoke('targets.update', { id, patch: { content: `${t.content}（补充）` }, baseVersion: t.version });
    const lines = t.assignments.map(({ id: lineId, leaders, leadUnits, cooperatingUnits }) => ({ id: lineId, leaders, leadUnits, cooperatingUnits }));
    const v = (await core.invoke('targets.get', { id })).version;
    await core.invoke('targets.saveAssignments', { targetId: id, assignments: [{ ...lines[0]!, cooperatingUnits: ['市税务局'] }], baseVersion: v });
    await expect(core.invoke('targets.saveAssignments', { targetId: id, assignments: [{ ...lines[0]!, leaders: ['王五'] }], baseVersion: v })).rejects.toThrow(
      /第16项已被他人修改.*分工现为“市政府领导 .+，牵头单位 .+，配合单位 市税务局”/,
    );
  });

  it('a version moved by a write that changes no field (a confirmed actual) is no conflict', async () => {
    const { core, t, line } = await seeded();
    await core.invoke('review.confirmActual', { assignmentId: line, quarter: 3, goalIndex: 0, actual: '80家' });
    await core.invoke('progress.save', { assignmentId: line, quarter: 3, text: '基于旧版本的修改', baseVersion: t.version });
  });
});
