import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openCore } from './helpers';

const HEADER = ['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位'];

async function file(name: string, rows: (string | number)[][]): Promise<{ name: string; data: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['某市人民政府2024年经济社会发展责任目标三季度工作推进情况一览表']);
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return { name, data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

describe('apply: what is written and counted', () => {
  it('skips an unticked row of a file with a long name, and counts only what was written', async () => {
    const core = await openCore();
    const f = await file(`${'某某县人民政府办公室关于报送二〇二四年三季度责任目标推进情况的函附件'.repeat(2)}.xlsx`, [
      [1, '甲', '目标一', '年底', '进展一', '是', '市甲局'],
      [2, '乙', '目标二', '年底', '进展二', '否', '市乙局'],
      [3, '丙', '目标三', '年底', '进展三', '是', '市丙局'],
    ]);
    const preview = await core.invoke('import.preview', { files: [f] });
    const skip = [preview.items.find((i) => i.serial === 2)!.key];
    expect(skip[0]!.length).toBeGreaterThan(50);
    const { batch } = await core.invoke('import.apply', { files: [f], skip });
    expect(batch.summary).toMatchObject({ targetsNew: 2, linesNew: 2, skipped: 1 });
    const serials = (await core.invoke('overview.get', { year: 2024, quarter: 3 })).rows.map((r) => r.serial);
    expect(serials).toEqual([1, 3]);
  });

  it('a row numbered 0 is a row error at its cell; the rest imports', async () => {
    const core = await openCore();
    const f = await file('零.xlsx', [
      [0, '甲', '目标零', '年底', '进展', '是', '市甲局'],
      [1, '乙', '目标一', '年底', '进展', '是', '市乙局'],
    ]);
    const preview = await core.invoke('import.preview', { files: [f] });
    expect(preview.items.map((i) => i.serial)).toEqual([1]);
    expect(preview.notes.find((n) => n.severity === 'error')!.where).toMatchObject({ file: '零.xlsx', row: 3, column: 'A' });
    await core.invoke('import.apply', { files: [f] });
    expect((await core.invoke('overview.get', { year: 2024, quarter: 3 })).rows.map((r) => r.serial)).toEqual([1]);
  });

  it('after undoing the newer of two imports, the older one can still be undone', async () => {
    const core = await openCore();
    const a = await file('A.xlsx', [[1, '甲', '目标一', '年底', '进展A', '是', '市甲局']]);
    const b = await file('B.xlsx', [[1, '甲', '目标一', '年底', '进展B', '否', '市甲局']]);
    const first = (await core.invoke('import.apply', { files: [a] })).batch;
    const second = (await core.invoke('import.apply', { files: [b] })).batch;
    await core.invoke('import.undo', { batchId: second.id });
    const t = (await core.invoke('overview.get', { year: 2024, quarter: 3 })).rows[0]!;
    expect(t.lines[0]!.progress).toMatchObject({ text: '进展A', onSchedule: 'yes' });
    await core.invoke('import.undo', { batchId: first.id });
    expect((await core.invoke('overview.get', { year: 2024, quarter: 3 })).rows).toEqual([]);
  });

  it('a blank 牵头单位 beside a changed 配合单位 keeps the lead unit and takes the new cooperating units', async () => {
    const core = await openCore();
    await core.invoke('import.apply', { files: [await file('初始.xlsx', [[1, '甲', '目标一', '年底', '进展', '是', '市甲局 市乙局']])] });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['某市人民政府2024年经济社会发展责任目标三季度工作推进情况一览表']);
    ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '牵头单位', '配合单位']);
    ws.addRow([1, '甲', '目标一', '年底', '进展', '是', '', '市丙局']);
    const f = { name: '两列.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    await core.invoke('import.apply', { files: [f] });
    const line = (await core.invoke('overview.get', { year: 2024, quarter: 3 })).rows[0]!.lines[0]!;
    expect([line.leadUnits, line.cooperatingUnits]).toEqual([['市甲局'], ['市丙局']]);
  });
});

describe('a line the store lacks, in two returned files', () => {
  it('is added once, with a warning at the second file', async () => {
    const core = await openCore();
    await core.invoke('import.apply', { files: [await file('初始.xlsx', [[1, '甲', '目标一', '年底', '进展', '是', '市甲局']])] });
    // Each file shows the whole target: its known line and a second line the store does not have yet.
    const rows = [
      [1, '甲', '目标一', '年底', '进展', '是', '市甲局'],
      ['', '乙', '', '', '乙的进展', '是', '市乙局'],
    ];
    const a = await file('乙局报送.xlsx', rows);
    const b = await file('乙局报送（副本）.xlsx', rows);
    const preview = await core.invoke('import.preview', { files: [a, b] });
    expect(preview.items.flatMap((i) => i.notes).some((n) => n.code === 'duplicate-line' && n.where.file === '乙局报送（副本）.xlsx')).toBe(true);
    await core.invoke('import.apply', { files: [a, b] });
    const t = (await core.invoke('overview.get', { year: 2024, quarter: 3 })).rows[0]!;
    expect(t.lines.map((l) => l.leadUnits)).toEqual([['市甲局'], ['市乙局']]);
  });
});
