import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listed, openCore } from './helpers';

/** A returned table whose progress column says 本季度工作 (not a wording the reader knows) and has a 备注 column. */
async function unusualFile(): Promise<{ name: string; data: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['某市人民政府2024年经济社会发展责任目标二季度工作推进情况一览表']);
  ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '本季度工作', '是否按计划完成进度', '责任单位', '备注']);
  ws.addRow([1, '李春英', '一般公共预算收入增长5%', '年底', '上半年增长4.1%', '是', '市财政局', '已核对']);
  ws.addRow([2, '聂元科', '新增规上企业100家', '年底', '新增42家', '否', '市发展改革委', '']);
  return { name: '返回表.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

describe('column mapping the user corrects', () => {
  it('shows how each column was read, and reads an unknown column as the role the user gives it', async () => {
    const core = await openCore();
    const file = await unusualFile();
    const first = await core.invoke('import.preview', { files: [file] });
    const columns = first.files[0]!.sheets[0]!.columns;
    expect(columns.find((c) => c.column === 'E')).toEqual({ column: 'E', header: '本季度工作', role: null, source: null });
    expect(columns.find((c) => c.column === 'C')).toEqual({ column: 'C', header: '责任目标内容', role: 'content', source: 'header' });
    expect(first.notes.some((n) => n.where.column === 'E' && /本季度工作/.test(n.message))).toBe(true);

    const corrected = await core.invoke('import.preview', { files: [file], mapping: { '返回表.xlsx': { E: 'progress', H: 'ignore' } } });
    expect(corrected.files[0]!.sheets[0]!.columns.find((c) => c.column === 'E')).toEqual({ column: 'E', header: '本季度工作', role: 'progress', source: 'user' });
    expect(corrected.notes.some((n) => n.where.column === 'H')).toBe(false);
    await core.invoke('import.apply', { files: [file], mapping: { '返回表.xlsx': { E: 'progress', H: 'ignore' } } });
    expect(listed(core).map((t) => [t.serial, t.assignments[0]!.progress['2']])).toEqual([
      [1, { text: '上半年增长4.1%', onSchedule: true }],
      [2, { text: '新增42家', onSchedule: false }],
    ]);
  });

  it('refuses a mapping with a malformed column or role, in Chinese, writing nothing', async () => {
    const core = await openCore();
    const file = await unusualFile();
    const bad = await core.call('import.apply', { files: [file], mapping: { '返回表.xlsx': { e1: 'progress' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const badRole = await core.call('import.apply', { files: [file], mapping: { '返回表.xlsx': { E: 'remarks' } } });
    expect(badRole.ok).toBe(false);
    expect(listed(core)).toEqual([]);
  });
});

describe('a column mapping remembered for files of the same shape (import.rememberMapping)', () => {
  it('applies to another file with the same header, is logged in the change log, and can be forgotten', async () => {
    const core = await openCore();
    const file = await unusualFile();
    const sheet = (await core.invoke('import.preview', { files: [file] })).files[0]!.sheets[0]!;
    expect(sheet.signature).toMatch(/^[0-9a-f]{16}$/);

    await core.invoke('import.rememberMapping', { signature: sheet.signature, mapping: { E: 'progress', H: 'ignore' } });
    // Another unit's return: another name, the same header.
    const other = { ...file, name: '另一单位返回表.xlsx' };
    const p = await core.invoke('import.preview', { files: [other] });
    const columns = p.files[0]!.sheets[0]!.columns;
    // Read by the correction remembered for the shape, not one made for this file: said as such.
    expect(columns.find((c) => c.column === 'E')).toEqual({ column: 'E', header: '本季度工作', role: 'progress', source: 'remembered' });
    expect(columns.find((c) => c.column === 'H')).toEqual({ column: 'H', header: '备注', role: null, source: 'remembered' });
    expect(p.notes.some((n) => n.where.column === 'H' || n.where.column === 'E')).toBe(false);
    await core.invoke('import.apply', { files: [other] });
    expect(listed(core).map((t) => t.assignments[0]!.progress['2']!.text)).toEqual(['上半年增长4.1%', '新增42家']);

    const log = () =>
      (core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'column-mapping' ORDER BY id").all() as { before_json: string | null; after_json: string | null }[]).map((r) => [
        r.before_json && JSON.parse(r.before_json),
        r.after_json && JSON.parse(r.after_json),
      ]);
    expect(log()).toEqual([[null, { signature: sheet.signature, mapping: { E: 'progress', H: 'ignore' } }]]);

    // The same mapping again changes nothing and logs nothing; {} forgets it.
    await core.invoke('import.rememberMapping', { signature: sheet.signature, mapping: { E: 'progress', H: 'ignore' } });
    expect(log()).toHaveLength(1);
    expect(await core.invoke('import.rememberMapping', { signature: sheet.signature, mapping: {} })).toEqual({ signature: sheet.signature, mapping: {} });
    expect(log()[1]).toEqual([{ signature: sheet.signature, mapping: { E: 'progress', H: 'ignore' } }, null]);
    const after = await core.invoke('import.preview', { files: [{ ...file, name: '第三个.xlsx' }] });
    expect(after.files[0]!.sheets[0]!.columns.find((c) => c.column === 'E')).toMatchObject({ role: null, source: null });
    core.close();
  });

  it('a header of another shape is not touched by it; a malformed signature is refused in Chinese', async () => {
    const core = await openCore();
    const file = await unusualFile();
    const sheet = (await core.invoke('import.preview', { files: [file] })).files[0]!.sheets[0]!;
    await core.invoke('import.rememberMapping', { signature: sheet.signature, mapping: { E: 'progress' } });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '本季度工作', '是否按计划完成进度', '责任单位']);
    ws.addRow([1, '李春英', '一般公共预算收入增长5%', '年底', '上半年增长4.1%', '是', '市财政局']);
    const shaped = { name: '七列.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    const p = await core.invoke('import.preview', { files: [shaped], year: 2024, quarter: 2 });
    expect(p.files[0]!.sheets[0]!.signature).not.toBe(sheet.signature);
    expect(p.files[0]!.sheets[0]!.columns.find((c) => c.column === 'E')!.source).not.toBe('user');
    const bad = await core.call('import.rememberMapping', { signature: '../../etc', mapping: {} });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/表头特征无效/) } });
    core.close();
  });
});
