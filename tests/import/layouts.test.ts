/**
 * The same 7 targets (scripts/make-fixtures.ts BASE) laid out the ways offices lay them out: every layout
 * must give the same store, and say what it did beyond plain reading.
 */
import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/contract';
import { BASE_LISTED, expectNotesChinese, fixture, listed, openCore, targetBySerial, type Core } from './helpers';

async function preview(core: Core, file: string, extra: { year?: number; quarter?: 1 | 2 | 3 | 4 } = {}): Promise<ImportPreview> {
  return core.invoke('import.preview', { files: [fixture(file)], ...extra });
}

async function importFresh(file: string): Promise<{ core: Core; preview: ImportPreview }> {
  const core = await openCore();
  const p = await preview(core, file);
  const { batch } = await core.invoke('import.apply', { files: [fixture(file)] });
  expect(batch.summary).toMatchObject({ targetsNew: p.summary.targetsNew, linesNew: p.summary.linesNew });
  return { core, preview: p };
}

const SAME_DATA = [
  'published-merged.xlsx',
  'continuation-empty-serial.xlsx',
  'two-blocks.xlsx',
  'several-sheets.xlsx',
  'hidden-columns-rows.xlsx',
  'variant-headers.xlsx',
  'spaced-headers.xlsx',
  'sections-inside.xlsx',
];

describe('layouts that hold the same 7 targets', () => {
  it.each(SAME_DATA)('%s: 7 new targets, 8 lines, read exactly as the base data', async (file) => {
    const { core, preview: p } = await importFresh(file);
    expect(p.year).toBe(2024);
    expect(p.quarter).toBe(2);
    expect(p.summary).toMatchObject({ targetsNew: 7, targetsUpdated: 0, targetsUnchanged: 0, conflicts: 0, errors: 0, linesNew: 8 });
    // The preview lists targets in serial order whatever the layout (left block first, sheets in order).
    expect(p.items.map((i) => [i.serial, i.status])).toEqual([1, 2, 3, 4, 5, 6, 7].map((s) => [s, 'new']));
    expect(p.items.map((i) => i.content)).toEqual(BASE_LISTED.map((t) => t.content));
    expect(p.files).toEqual([expect.objectContaining({ name: file, targets: 7, lines: 8 })]);
    expectNotesChinese([...p.notes, ...p.items.flatMap((i) => i.notes)]);
    expect(listed(core)).toEqual(BASE_LISTED);
    // The wording of 是否按计划完成进度 is kept beside its reading.
    const t4 = await targetBySerial(core, 4);
    expect(t4.assignments[0]!.progress[0]).toMatchObject({ quarter: 2, onSchedule: 'no', onScheduleText: '否' });
    expect(t4.deadlineKind).toBe('year-end');
    const t5 = await targetBySerial(core, 5);
    expect(t5).toMatchObject({ deadline: '长期坚持', deadlineKind: 'long-term' });
    core.close();
  });

  it('published-merged.xlsx: title and paragraph above the header give city, year and quarter; no warnings', async () => {
    const { core, preview: p } = await importFresh('published-merged.xlsx');
    expect(p.files[0]!.title).toBe('菏泽市人民政府2024年经济社会发展责任目标二季度工作推进情况一览表');
    expect(p.items.flatMap((i) => i.notes).filter((n) => n.severity !== 'info')).toEqual([]);
    expect(p.notes).toEqual([]);
    // The merged target 3 is one target with two lines, found at row 6 (its merged serial cell A6:A7).
    expect(p.items[2]).toMatchObject({ serial: 3, row: 6, file: 'published-merged.xlsx' });
    expect((await core.invoke('plans.list', {}))[0]).toMatchObject({ year: 2024, city: '菏泽市', targetCount: 7, assignmentCount: 8 });
    core.close();
  });

  it('continuation-empty-serial.xlsx after published-merged.xlsx: all unchanged', async () => {
    const { core } = await importFresh('published-merged.xlsx');
    const p = await preview(core, 'continuation-empty-serial.xlsx');
    expect(p.summary).toMatchObject({ targetsNew: 0, targetsUpdated: 0, targetsUnchanged: 7, conflicts: 0, linesNew: 0, linesUpdated: 0 });
    core.close();
  });

  it('two-blocks.xlsx: the right block is read with its own columns (H–N) and runs out before the left one', async () => {
    const core = await openCore();
    const p = await preview(core, 'two-blocks.xlsx');
    const bySerial = new Map(p.items.map((i) => [i.serial, i]));
    expect(bySerial.get(1)).toMatchObject({ row: 4 });
    expect(bySerial.get(4)).toMatchObject({ row: 8 });
    expect(bySerial.get(5)).toMatchObject({ row: 4 });
    expect(bySerial.get(7)).toMatchObject({ row: 6 });
    core.close();
  });

  it('several-sheets.xlsx: targets from both sheets, each placed on its own sheet', async () => {
    const core = await openCore();
    const p = await preview(core, 'several-sheets.xlsx');
    const keys = p.items.map((i) => i.key);
    expect(keys.slice(0, 4).every((k) => k.includes('#第一部分#'))).toBe(true);
    expect(keys.slice(4).every((k) => k.includes('#第二部分#'))).toBe(true);
    expect(p.items[4]).toMatchObject({ serial: 5, row: 2 });
    core.close();
  });

  it('hidden-columns-rows.xlsx: the helper and 备注 columns are reported and not read; hidden rows are read and reported', async () => {
    const { core, preview: p } = await importFresh('hidden-columns-rows.xlsx');
    const file = 'hidden-columns-rows.xlsx';
    expect(p.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'info', message: '第D列「辅助列」未识别，已忽略', where: { file, sheet: '一览表', row: 3, column: 'D' } }),
        expect.objectContaining({ severity: 'info', message: '第I列「备注」是“备注”列，不导入，已忽略', where: { file, sheet: '一览表', row: 3, column: 'I' } }),
        expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/2 个隐藏行（第8、9行）/), where: expect.objectContaining({ file, sheet: '一览表' }) }),
      ]),
    );
    // The helper column's numbers and the remarks went nowhere.
    expect(JSON.stringify(listed(core))).not.toMatch(/已核实|数据待统计局确认/);
    expect(p.summary.warnings).toBeGreaterThanOrEqual(1);
    core.close();
  });

  it('variant-headers.xlsx: 编号/责任领导/目标任务/时限要求/进展情况/是否按进度推进/牵头单位+配合单位; quarter from the sheet name', async () => {
    const core = await openCore();
    const p = await preview(core, 'variant-headers.xlsx');
    expect(p).toMatchObject({ year: 2024, quarter: 2 });
    expect(p.notes).toEqual([]);
    core.close();
  });

  it('sections-inside.xlsx: heading rows are skipped and said so, with their row', async () => {
    const core = await openCore();
    const p = await preview(core, 'sections-inside.xlsx');
    const file = 'sections-inside.xlsx';
    expect(p.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'info', message: expect.stringMatching(/第4行“一、经济发展”是标题行/), where: expect.objectContaining({ file, sheet: '一览表', row: 4 }) }),
        expect.objectContaining({ severity: 'info', message: expect.stringMatching(/第10行“二、民生保障”是标题行/), where: expect.objectContaining({ file, sheet: '一览表', row: 10 }) }),
      ]),
    );
    core.close();
  });
});

describe('a table grouped by leader (another office)', () => {
  it('grouped-by-leader.xlsx: leaders come from the group titles, repeated headers are skipped', async () => {
    const { core, preview: p } = await importFresh('grouped-by-leader.xlsx');
    expect(p).toMatchObject({ year: 2024, quarter: 3 });
    expect(p.summary).toMatchObject({ targetsNew: 5, linesNew: 5, errors: 0 });
    expect(listed(core).map((t) => [t.serial, t.assignments.map((a) => a.leaders)])).toEqual([
      [1, [['李春英']]],
      [2, [['李春英']]],
      [3, [['聂元科']]],
      [4, [['聂元科']]],
      [5, [['王昌华']]],
    ]);
    const t2 = listed(core)[1]!;
    expect(t2.assignments[0]).toMatchObject({ leadUnits: ['县财政局'], cooperatingUnits: ['县机关事务服务中心'] });
    const t4 = await targetBySerial(core, 4);
    expect(t4).toMatchObject({ deadline: '9月底前', deadlineKind: 'month', deadlineDue: '2024-09-30' });
    expect(t4.assignments[0]!.progress[0]).toMatchObject({ quarter: 3, onSchedule: 'no', onScheduleText: '否' });
    const file = 'grouped-by-leader.xlsx';
    for (const [row, leader] of [[2, '李春英'], [6, '聂元科'], [10, '王昌华']] as const) {
      expect(p.notes).toContainEqual(expect.objectContaining({ severity: 'info', message: expect.stringContaining(`“${leader}”`), where: expect.objectContaining({ file, sheet: '一览表', row }) }));
    }
    expect((await core.invoke('plans.list', {}))[0]).toMatchObject({ year: 2024, city: '郓城县' });
    expectNotesChinese(p.notes);
    core.close();
  });
});

describe('every readable fixture', () => {
  const ALL = [...SAME_DATA, 'grouped-by-leader.xlsx', 'messy-cells.xlsx'];

  it.each(ALL)('%s: a second import is all unchanged, and undo of the first empties the store', async (file) => {
    const { core, preview: first } = await importFresh(file);
    const after = listed(core);
    const again = await preview(core, file);
    expect(again.summary).toMatchObject({ targetsNew: 0, targetsUpdated: 0, conflicts: 0, linesNew: 0, linesUpdated: 0, targetsUnchanged: first.summary.targetsNew });
    const { batch } = await core.invoke('import.apply', { files: [fixture(file)] });
    expect(listed(core)).toEqual(after);
    const batches = await core.invoke('import.batches', {});
    const firstBatch = batches.find((b) => b.id !== batch.id)!;
    await core.invoke('import.undo', { batchId: firstBatch.id });
    expect(listed(core)).toEqual([]);
    core.close();
  });
});
