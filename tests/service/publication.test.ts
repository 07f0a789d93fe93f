/**
 * Published quarters: once Q3 is published, no path changes its progress (edit, import, undo of an
 * earlier import, deleting a target or a line), other quarters stay open, content stays editable, the
 * export carries the publication date, and an unlock needs a reason that the change log keeps.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportOverview } from '../../electron/services/export';
import { applyImport, previewImport, undoBatch } from '../../electron/services/import';
import { closingStores } from '../helpers/store';
import { listed } from '../import/helpers';

const store = closingStores();

function lineOf(core: { db: import('better-sqlite3').Database }, serial: number): { id: number; targetId: number } {
  return core.db.prepare('SELECT a.id, a.target_id AS targetId FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = ? ORDER BY a.ord').get(serial) as { id: number; targetId: number };
}

async function storeBytes(core: { db: import('better-sqlite3').Database }): Promise<string> {
  return JSON.stringify(core.db.prepare('SELECT assignment_id, quarter, text, on_schedule, on_schedule_text FROM progress_reports ORDER BY 1, 2').all());
}

describe('published quarters', () => {
  it('locks the published quarter against edits, deletes and imports; other quarters\' progress stays open', async () => {
    const core = await store(true);
    const q3 = await exportOverview(core, { year: 2023, quarter: 3 });
    const line = lineOf(core, 16);
    const locks = await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    expect(locks).toMatchObject([{ quarter: 3, publishedOn: '2023-10-20' }]);
    const before = await storeBytes(core);

    await expect(core.invoke('progress.save', { assignmentId: line.id, quarter: 3, onSchedule: 'no' })).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringContaining('2023年三季度已于2023年10月20日发布并锁定，第16项的三季度完成情况不能修改'),
    });
    await expect(core.invoke('targets.delete', { id: line.targetId })).rejects.toMatchObject({ code: 'locked' });
    const t26 = core.db.prepare('SELECT id FROM targets WHERE serial = 26').get() as { id: number };
    const target26 = await core.invoke('targets.get', { id: t26.id });
    await expect(core.invoke('targets.saveAssignments', { targetId: t26.id, assignments: target26.assignments.slice(0, 1).map(({ id, leaders, leadUnits, cooperatingUnits }) => ({ id, leaders, leadUnits, cooperatingUnits })) })).rejects.toMatchObject({ code: 'locked' });

    // Reordering the lines changes no progress: allowed.
    const reordered = [...target26.assignments].reverse().map(({ id, leaders, leadUnits, cooperatingUnits }) => ({ id, leaders, leadUnits, cooperatingUnits }));
    await core.invoke('targets.saveAssignments', { targetId: t26.id, assignments: reordered });
    // Another quarter's progress is not locked; the deadline is (every quarter's table shows it).
    await core.invoke('progress.save', { assignmentId: line.id, quarter: 4, text: '四季度新增规上服务业企业20家' });
    await expect(core.invoke('targets.update', { id: line.targetId, patch: { deadline: '12月底' } })).rejects.toThrow(/第16项的完成时限不能修改/);
    expect(await storeBytes(core)).not.toBe(before);
    const withQ4 = await storeBytes(core);

    // An import that changes Q3: the preview warns, the apply is refused and writes nothing.
    const ws = new ExcelJS.Workbook();
    await ws.xlsx.load(q3 as unknown as ArrayBuffer);
    ws.getWorksheet('一览表')!.getCell(5, 6).value = '否';
    const changed = Buffer.from(await ws.xlsx.writeBuffer());
    const preview = await previewImport(core, [{ name: 'q3-changed.xlsx', bytes: changed }], {});
    expect(preview.notes.find((n) => n.code === 'quarter-locked')).toMatchObject({ severity: 'warning' });
    const listedBefore = listed(core);
    await expect(applyImport(core, [{ name: 'q3-changed.xlsx', bytes: changed }], {})).rejects.toMatchObject({ code: 'locked' });
    expect(listed(core)).toEqual(listedBefore);
    expect(await storeBytes(core)).toBe(withQ4);
    // Re-importing the table exactly as published changes nothing and is allowed.
    await applyImport(core, [{ name: 'q3.xlsx', bytes: q3 }], {});
  });

  it('an empty year cannot be published (it would lock the year against its first targets)', async () => {
    const core = await store(false);
    await core.invoke('plans.create', { year: 2025 });
    await expect(core.invoke('quarters.publish', { year: 2025, quarter: 1, publishedOn: '2025-04-20' })).rejects.toMatchObject({
      code: 'validation',
      message: '2025年还没有责任目标，一季度一览表是空的，不能发布。',
    });
    expect(await core.invoke('quarters.locks', { year: 2025 })).toEqual([]);
    expect(core.db.prepare("SELECT count(*) FROM change_log WHERE kind = 'publish'").pluck().get()).toBe(0);
  });

  it('undoing an import that wrote the published quarter is refused', async () => {
    const core = await store();
    const source = await store(true);
    const batch = await applyImport(core, [{ name: 'q3.xlsx', bytes: await exportOverview(source, { year: 2023, quarter: 3 }) }], {});
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    expect(() => undoBatch(core, batch.id)).toThrow(/已于2023年10月20日发布并锁定/);
    expect(listed(core)).toEqual(listed(source));
  });

  it('the export carries the publication date; unlock needs a reason and is logged; then edits work again', async () => {
    const core = await store(true);
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    await expect(core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-21' })).rejects.toThrow(/已于2023年10月20日发布/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportOverview(core, { year: 2023, quarter: 3 })) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('一览表')!.headerFooter.oddFooter).toBe('&L2023年10月20日发布&C第 &P 页 共 &N 页');

    await expect(core.invoke('quarters.unlock', { year: 2023, quarter: 3, reason: ' ' })).rejects.toThrow(/请说明解除锁定的理由/);
    expect(await core.invoke('quarters.unlock', { year: 2023, quarter: 3, reason: '市统计局更正了GDP数据' })).toEqual([]);
    const log = core.db.prepare("SELECT kind, after_json FROM change_log WHERE entity = 'quarter' ORDER BY id").all() as { kind: string; after_json: string }[];
    expect(log.map((l) => l.kind)).toEqual(['publish', 'unlock']);
    expect(JSON.parse(log[1]!.after_json)).toMatchObject({ reason: '市统计局更正了GDP数据', quarter: 3 });
    const line = lineOf(core, 16);
    await core.invoke('progress.save', { assignmentId: line.id, quarter: 3, onSchedule: 'no' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load((await exportOverview(core, { year: 2023, quarter: 3 })) as unknown as ArrayBuffer);
    // Changed since publication: no date stamp, a note in its place.
    expect(wb2.getWorksheet('一览表')!.headerFooter.oddFooter).toBe('&L发布后已修改（原发布日期：2023年10月20日；有变化的序号：16）&C第 &P 页 共 &N 页');
  });
});

describe('the lock covers status-only cells', () => {
  it('an import that changes only the status wording of an empty, unread Q3 cell is refused', async () => {
    const core = await store(true);
    const first = lineOf(core, 1);
    await core.invoke('progress.save', { assignmentId: first.id, quarter: 3, text: '', onSchedule: null });
    const q3 = await exportOverview(core, { year: 2023, quarter: 3 });
    const edit = async (status: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(q3 as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('一览表')!;
      let row = 1;
      while (ws.getCell(row, 1).value !== 1) row++;
      expect(ws.getCell(row, 5).value ?? '').toBe('');
      ws.getCell(row, 6).value = status;
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    // The cell was emptied in the app after the seed's import and the file's wording differs from both: a
    // three-way conflict (RETURNS), written only when the user takes it.
    const pending = { name: 'q3-pending.xlsx', bytes: await edit('待定') };
    const conflict = (await previewImport(core, [pending], {})).items.find((i) => i.serial === 1)!;
    expect(conflict.status).toBe('conflict');
    await applyImport(core, [pending], { take: [conflict.key] });
    const report = core.db.prepare('SELECT text, on_schedule AS onSchedule, on_schedule_text AS wording FROM progress_reports WHERE assignment_id = ? AND quarter = 3').get(first.id);
    expect(report).toEqual({ text: '', onSchedule: null, wording: '待定' });
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    const before = await storeBytes(core);
    await expect(applyImport(core, [{ name: 'q3-research.xlsx', bytes: await edit('研究中') }], {})).rejects.toMatchObject({ code: 'locked' });
    expect(await storeBytes(core)).toBe(before);
    expect(core.db.prepare('SELECT on_schedule_text FROM progress_reports WHERE assignment_id = ? AND quarter = 3').pluck().get(first.id)).toBe('待定');
  });
});
