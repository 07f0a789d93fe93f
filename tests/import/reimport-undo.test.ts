/**
 * The importer against a store that already has data: the same file twice, a serial whose content is
 * another target's, a returned template matched by hidden ids, and undo.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../shared/contract';
import { allTargets, BASE_LISTED, expectChinese, fixture, listed, openCore, storeFingerprint, tableCounts, targetBySerial, type Core } from './helpers';

async function storeWithBase(): Promise<Core> {
  const core = await openCore();
  await core.invoke('import.apply', { files: [fixture('published-merged.xlsx')] });
  return core;
}

const versions = (targets: Target[]) => targets.map((t) => [t.serial, t.version, t.updatedAt]);

describe('importing the same file twice', () => {
  it('the second preview is all unchanged, and applying it changes no target', async () => {
    const core = await storeWithBase();
    const before = await allTargets(core);
    const p = await core.invoke('import.preview', { files: [fixture('published-merged.xlsx')] });
    expect(p.summary).toMatchObject({ targetsNew: 0, targetsUpdated: 0, targetsUnchanged: 7, conflicts: 0, errors: 0, linesNew: 0, linesUpdated: 0 });
    expect(p.items.every((i) => i.status === 'unchanged' && i.changes.length === 0)).toBe(true);
    const { batch } = await core.invoke('import.apply', { files: [fixture('published-merged.xlsx')] });
    expect(batch.summary).toMatchObject({ targetsNew: 0, targetsUpdated: 0, targetsUnchanged: 7 });
    const after = await allTargets(core);
    expect(versions(after)).toEqual(versions(before));
    expect(after).toEqual(before);
    const logged = core.db.prepare("SELECT count(*) AS n FROM change_log WHERE batch_id = ? AND entity = 'target'").get(batch.id) as { n: number };
    expect(logged.n).toBe(0);
    core.close();
  });
});

describe('a serial whose content is another target', () => {
  it('conflict-serial5.xlsx: serial 5 is a conflict and not overwritten; 1 is updated, 8 is new', async () => {
    const core = await storeWithBase();
    const t5before = await targetBySerial(core, 5);
    const p = await core.invoke('import.preview', { files: [fixture('conflict-serial5.xlsx')] });
    expect(p.summary).toMatchObject({ targetsNew: 1, targetsUpdated: 1, targetsUnchanged: 0, conflicts: 1 });
    expect(p.items.map((i) => [i.serial, i.status])).toEqual([
      [1, 'updated'],
      [5, 'conflict'],
      [8, 'new'],
    ]);
    const conflict = p.items[1]!;
    expect(conflict.notes).toContainEqual({
      severity: 'error',
      code: 'content-conflict',
      message: expect.stringContaining('城镇调查失业率控制在5.5%以内'),
      where: { file: 'conflict-serial5.xlsx', sheet: '一览表', row: 5, column: 'C' },
    });
    expectChinese(conflict.notes[0]!.message);
    expect(p.items[0]!.changes).toEqual([{ field: 'progress', line: 0, before: '上半年,全市一般公共预算收入完成168.2亿元,增长6.1%,完成年度预算的52.3%', after: '上半年,全市一般公共预算收入完成170.5亿元,增长6.3%' }]);

    const { batch } = await core.invoke('import.apply', { files: [fixture('conflict-serial5.xlsx')] });
    expect(batch.summary).toMatchObject({ targetsNew: 1, targetsUpdated: 1, conflicts: 1 });
    expect(batch.notes).toContainEqual(expect.objectContaining({ code: 'content-conflict' }));
    expect(await targetBySerial(core, 5)).toEqual(t5before);
    expect((await targetBySerial(core, 1)).assignments[0]!.progress[0]!.text).toBe('上半年,全市一般公共预算收入完成170.5亿元,增长6.3%');
    expect(await targetBySerial(core, 8)).toMatchObject({ content: '实施城市更新行动,改造老旧小区35个', assignments: [{ leaders: ['张鹏'], leadUnits: ['市住房城乡建设局'] }] });
    core.close();
  });

  it('the conflicting target can be skipped by key, and the rest applied', async () => {
    const core = await storeWithBase();
    const p = await core.invoke('import.preview', { files: [fixture('conflict-serial5.xlsx')] });
    const skip = [p.items.find((i) => i.serial === 8)!.key];
    const { batch } = await core.invoke('import.apply', { files: [fixture('conflict-serial5.xlsx')], skip });
    expect(batch.summary.skipped).toBe(1);
    expect(listed(core).map((t) => t.serial)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    core.close();
  });
});

describe('a returned template with hidden 目标ID / 分工ID columns', () => {
  it('returned-template-ids.xlsx: lines are matched by id, whatever the serial order or number', async () => {
    const core = await storeWithBase();
    // The fixture's ids are those of a fresh store after published-merged.xlsx.
    const ids = (await allTargets(core)).map((t) => [t.serial, t.id, t.assignments.map((a) => a.id)]);
    expect(ids).toEqual([
      [1, 1, [1]],
      [2, 2, [2]],
      [3, 3, [3, 4]],
      [4, 4, [5]],
      [5, 5, [6]],
      [6, 6, [7]],
      [7, 7, [8]],
    ]);
    const before = await allTargets(core);
    const p = await core.invoke('import.preview', { files: [fixture('returned-template-ids.xlsx')] });
    expect(p).toMatchObject({ year: 2024, quarter: 2 });
    expect(p.summary).toMatchObject({ targetsNew: 0, targetsUpdated: 3, targetsUnchanged: 1, conflicts: 0, errors: 0, linesNew: 0 });
    // The preview shows the target each row updates (the row under 序号 12 updates target 2).
    expect(p.items.map((i) => [i.serial, i.targetId, i.status, i.row])).toEqual([
      [1, 1, 'unchanged', 7],
      [2, 2, 'updated', 6],
      [3, 3, 'updated', 5],
      [7, 7, 'updated', 4],
    ]);
    // A template's id columns are hidden on purpose: read without a warning.
    expect(p.notes.filter((n) => n.severity !== 'info')).toEqual([]);
    // The serial that does not match its id is said, at its cell.
    expect(p.items.flatMap((i) => i.notes).filter((n) => n.severity !== 'info')).toEqual([
      { severity: 'warning', code: 'serial-mismatch', message: '文件中的序号12与目标ID 2 对应的第2项不一致，已按目标ID更新第2项（序号不变）', where: { file: 'returned-template-ids.xlsx', sheet: '报送表', row: 6, column: 'C' } },
    ]);
    await core.invoke('import.apply', { files: [fixture('returned-template-ids.xlsx')] });

    // The row is target 3's second line (分工ID 4): its progress lands there, not on the first line.
    const t3 = await targetBySerial(core, 3);
    expect(t3.assignments.map((a) => a.progress[0]!.text)).toEqual(['上半年,重点镇一般公共预算收入10.2亿元,同比增长18.5%', '20个重点镇国土空间规划已全部通过专家评审']);
    // Leaders and units are not in the template: kept as they were.
    expect(t3.assignments.map((a) => [a.leaders, a.leadUnits, a.cooperatingUnits])).toEqual(before[2]!.assignments.map((a) => [a.leaders, a.leadUnits, a.cooperatingUnits]));
    // 目标ID 2 under 序号 12 updates target 2 and creates no target 12.
    expect((await targetBySerial(core, 2)).assignments[0]!.progress[0]!.text).toBe('上半年,地区生产总值增长6.9%');
    expect(listed(core).map((t) => t.serial)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await targetBySerial(core, 7)).assignments[0]!.progress[0]!.text).toBe('上半年,新增市级储备粮1.5万吨,完成年度任务的17.4%');
    const after = await allTargets(core);
    expect(after[0]).toEqual(before[0]);
    core.close();
  });
});

describe('a template whose 目标ID is not in the store', () => {
  it('falls back to the serial and says so', async () => {
    // A fresh store: ids 1–7 do not exist, so every row is matched (as new) by its serial.
    const core = await openCore();
    await core.invoke('plans.create', { year: 2024 });
    const p = await core.invoke('import.preview', { files: [fixture('returned-template-ids.xlsx')] });
    expect(p.items.map((i) => [i.serial, i.status])).toEqual([
      [1, 'new'],
      [3, 'new'],
      [7, 'new'],
      [12, 'new'],
    ]);
    const unknown = p.items.flatMap((i) => i.notes).filter((n) => n.code === 'unknown-id');
    expect(unknown.map((n) => [n.message, n.where])).toContainEqual(['目标ID 2 不是2024年已有的责任目标，按序号12处理', { file: 'returned-template-ids.xlsx', sheet: '报送表', row: 6, column: 'C' }]);
    expect(unknown).toHaveLength(4);
    core.close();
  });
});

describe('undo', () => {
  it('undoing an import into an empty store leaves no target', async () => {
    const core = await openCore();
    const { batch } = await core.invoke('import.apply', { files: [fixture('published-merged.xlsx')] });
    expect(listed(core)).toEqual(BASE_LISTED);
    const undone = await core.invoke('import.undo', { batchId: batch.id });
    expect(undone.restored).toBe(7);
    expect(undone.batch.undoneAt).not.toBeNull();
    expect(listed(core)).toEqual([]);
    expect(tableCounts(core)).toMatchObject({ targets: 0, assignments: 0, progress_reports: 0 });
    core.close();
  });

  it('undo restores the store exactly as it was before the batch', async () => {
    const core = await storeWithBase();
    const before = { list: listed(core), targets: await allTargets(core) };
    const { batch } = await core.invoke('import.apply', { files: [fixture('conflict-serial5.xlsx')] });
    expect(listed(core)).not.toEqual(before.list);
    const undone = await core.invoke('import.undo', { batchId: batch.id });
    expect(undone.restored).toBe(2);
    expect(listed(core)).toEqual(before.list);
    // Every field of every target, lines by id, progress of every quarter.
    const strip = (ts: Target[]) => ts.map(({ version: _v, updatedAt: _u, ...rest }) => ({ ...rest, assignments: rest.assignments.map((a) => ({ ...a, progress: a.progress.map(({ updatedAt: _p, ...p }) => p) })) }));
    expect(strip(await allTargets(core))).toEqual(strip(before.targets));
    expect((await core.invoke('import.batches', {})).find((b) => b.id === batch.id)!.undoneAt).not.toBeNull();
    core.close();
  });

  it('undo restores progress of a line the import updated and removes lines it added', async () => {
    const core = await storeWithBase();
    const before = listed(core);
    const { batch } = await core.invoke('import.apply', { files: [fixture('returned-template-ids.xlsx')] });
    await core.invoke('import.undo', { batchId: batch.id });
    expect(listed(core)).toEqual(before);
    core.close();
  });

  it('is refused, in Chinese, when a target was edited after the import; nothing changes', async () => {
    const core = await storeWithBase();
    const { batch } = await core.invoke('import.apply', { files: [fixture('conflict-serial5.xlsx')] });
    const t1 = await targetBySerial(core, 1);
    await core.invoke('targets.update', { id: t1.id, patch: { content: '一般公共预算收入增长5.5%左右（已核定）' } });
    const before = { bytes: storeFingerprint(core), counts: tableCounts(core) };
    const result = await core.call('import.undo', { batchId: batch.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/第1项在导入后又被修改过.*未撤销/) } });
    if (!result.ok) expectChinese(result.error.message);
    expect(tableCounts(core)).toEqual(before.counts);
    expect(storeFingerprint(core)).toBe(before.bytes);
    core.close();
  });

  it('is refused for an unknown batch and for one already undone', async () => {
    const core = await storeWithBase();
    const unknown = await core.call('import.undo', { batchId: '20240101000000-abcdef' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/找不到导入批次/) } });
    const { batch } = await core.invoke('import.apply', { files: [fixture('conflict-serial5.xlsx')] });
    await core.invoke('import.undo', { batchId: batch.id });
    const again = await core.call('import.undo', { batchId: batch.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/已于.*撤销/) } });
    core.close();
  });
});
