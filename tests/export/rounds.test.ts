/**
 * The collection round (季度调度): templates out, returned templates in through the importer mark their
 * unit as returned (by the title, whatever the file is renamed to), undoing the import takes it back, a
 * paper return is marked by hand, the list to chase is exported, and `round status` on the CLI.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS, TEMPLATE_SHEET, templateOwnerOfTitle, templateTitle } from '../../electron/excel/templateWriter';
import { applyImport, undoBatch } from '../../electron/services/import';
import { exportTemplates } from '../../electron/services/templates';
import { closingStores, tempDir } from '../helpers/store';
import { cli, expectChinese } from '../import/helpers';

const store = closingStores();

async function filled(bytes: Buffer, onSchedule = '是'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
  for (let r = 4; r <= ws.rowCount; r++) {
    ws.getCell(r, TEMPLATE_COLUMNS.progress).value = `四季度按计划推进第${r - 3}项工作，已完成年度任务的百分之九十`;
    ws.getCell(r, TEMPLATE_COLUMNS.onSchedule).value = onSchedule;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('collection round', () => {
  it('a template title names its owner, and only a template title does', () => {
    expect(templateOwnerOfTitle(templateTitle('市应急局', 2023, 4))).toEqual({ owner: '市应急局', year: 2023, quarter: 4 });
    expect(templateOwnerOfTitle(' 市 应急局2023年责任目标四季度工作推进情况报送表 ')).toEqual({ owner: '市应急局', year: 2023, quarter: 4 });
    expect(templateOwnerOfTitle('菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表')).toBeNull();
  });

  it('templates open the round; a returned file (renamed) marks its unit; undo takes it back; the rest are missing', async () => {
    const core = await store(true);
    const before = await core.invoke('round.status', { year: 2023, quarter: 4 });
    expect(before.openedAt).toBeNull();
    expect(before.returned).toBe(0);
    const units = before.owners.map((o) => o.owner);
    expect(units).toContain('市应急局');
    expect(before.expected).toBe(units.length);

    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    expect(files).toHaveLength(before.expected);
    const opened = await core.invoke('round.status', { year: 2023, quarter: 4 });
    expect(opened.openedAt).not.toBeNull();

    const template = files.find((f) => f.fileName.startsWith('市应急局_'))!;
    // Units rename files on the way back; the title inside still says whose it is.
    const batch = await applyImport(core, [{ name: '应急局回传（终稿）.xlsx', bytes: await filled(template.bytes) }], {});
    const after = await core.invoke('round.status', { year: 2023, quarter: 4 });
    expect(after.returned).toBe(1);
    const mine = after.owners.find((o) => o.owner === '市应急局')!;
    expect(mine).toMatchObject({ returned: true, files: ['应急局回传（终稿）.xlsx'], manual: false, lines: 3 });
    expect(after.owners.filter((o) => !o.returned)).toHaveLength(after.expected - 1);
    // Q3 is another round: nothing returned there.
    expect((await core.invoke('round.status', { year: 2023, quarter: 3 })).returned).toBe(0);

    await undoBatch(core, batch.id);
    expect((await core.invoke('round.status', { year: 2023, quarter: 4 })).returned).toBe(0);
  });

  it('a returned file with warnings is counted as returned with its warnings', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const template = files.find((f) => f.fileName.startsWith('市应急局_'))!;
    // A status the rules cannot read: the importer keeps the wording, records it as not filled in, and warns.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await filled(template.bytes)) as unknown as ArrayBuffer);
    wb.getWorksheet(TEMPLATE_SHEET)!.getCell(4, TEMPLATE_COLUMNS.onSchedule).value = '待评估';
    await applyImport(core, [{ name: template.fileName, bytes: Buffer.from(await wb.xlsx.writeBuffer()) }], {});
    const status = await core.invoke('round.status', { year: 2023, quarter: 4 });
    const mine = status.owners.find((o) => o.owner === '市应急局')!;
    expect(mine.returned).toBe(true);
    expect(mine.warnings).toBeGreaterThan(0);
    expect(status.withWarnings).toBe(1);
  });

  it('manual marks, the due date, and the list to chase as a workbook', async () => {
    const core = await store(true);
    const due = await core.invoke('round.update', { year: 2023, quarter: 4, dueDate: '2024-01-05' });
    expect(due.dueDate).toBe('2024-01-05');
    await expect(core.invoke('round.update', { year: 2023, quarter: 4, dueDate: '2024-13-45' })).rejects.toThrow(/不是有效日期/);
    await expect(core.invoke('round.update', { year: 2023, quarter: 4, dueDate: '明天' as string })).rejects.toThrow(/YYYY-MM-DD/);

    const marked = await core.invoke('round.mark', { year: 2023, quarter: 4, owner: '市应急局', returned: true });
    expect(marked.owners.find((o) => o.owner === '市应急局')).toMatchObject({ returned: true, manual: true, files: [] });
    await expect(core.invoke('round.mark', { year: 2023, quarter: 4, owner: '市外星局', returned: true })).rejects.toThrow(/报送名单中没有“市外星局”/);

    const list = await core.invoke('round.exportMissing', { year: 2023, quarter: 4 });
    expect(list.count).toBe(marked.expected - 1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(list.data, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('催报名单')!;
    expect(String(ws.getCell(1, 1).value)).toBe('2023年四季度责任目标推进情况催报名单（报送截止：2024-01-05）');
    const names = Array.from({ length: list.count }, (_, i) => String(ws.getCell(3 + i, 2).value));
    expect(names).not.toContain('市应急局');
    expect(names).toEqual(marked.owners.filter((o) => !o.returned).map((o) => o.owner));
    expect(ws.getCell(3, 4).value).toBe('未报送');

    const unmarked = await core.invoke('round.mark', { year: 2023, quarter: 4, owner: '市应急局', returned: false });
    expect(unmarked.returned).toBe(0);
  });

  it('an import-made return cannot be unmarked by hand', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const template = files.find((f) => f.fileName.startsWith('市应急局_'))!;
    await applyImport(core, [{ name: template.fileName, bytes: await filled(template.bytes) }], {});
    await expect(core.invoke('round.mark', { year: 2023, quarter: 4, owner: '市应急局', returned: false })).rejects.toThrow(/撤销该次导入/);
  });

  it('CLI: round status prints who is missing; --json gives the same status', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const template = files.find((f) => f.fileName.startsWith('市应急局_'))!;
    const dir = tempDir('round-');
    const file = path.join(dir, template.fileName);
    fs.writeFileSync(file, await filled(template.bytes));
    const db = core.storePath;
    core.close();
    expect(cli('import', file, '--db', db).status).toBe(0);
    const text = cli('round', 'status', '--db', db, '--year', '2023', '--quarter', '4');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/已报送 1（其中有提示 0）/);
    expect(text.stdout).toMatch(/未报送：\n {2}\S+（\d+条分工）/);
    expect(text.stdout).toContain(`市应急局  `);
    const json = cli('round', 'status', '--db', db, '--year', '2023', '--quarter', '4', '--json');
    const status = JSON.parse(json.stdout) as { returned: number; owners: { owner: string; returned: boolean }[] };
    expect(status.returned).toBe(1);
    expect(status.owners.find((o) => o.owner === '市应急局')!.returned).toBe(true);
    const bad = cli('round', 'status', '--db', db, '--year', '2023');
    expect(bad.status).not.toBe(0);
    expectChinese(bad.stderr);
    expect(bad.stderr).toContain('--quarter');
  });
});
