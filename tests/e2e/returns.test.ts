/**
 * Returns from units in the browser: the lead unit's and a cooperating unit's templates for target 3 come
 * back together; the line's progress is the lead unit's, the cooperating unit's return shows in the target
 * panel as 配合单位报送 and goes into the progress text with a button. Two versions of the lead unit's
 * return are a 冲突 in the preview, left out until the user takes one.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS, TEMPLATE_SHEET } from '../../electron/excel/templateWriter';
import { tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { ImportPage } from './pages/importPage';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

/** A unit's template with target 3's line filled in, saved where the browser can pick it. */
async function returned(zip: JSZip, unit: string, progress: string, name = `${unit}回传.xlsx`): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await zip.file(`${unit}_2023年三季度责任目标推进情况.xlsx`)!.async('nodebuffer')) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
  for (let r = 4; r <= ws.rowCount; r++) {
    if (ws.getCell(r, TEMPLATE_COLUMNS.serial).value !== 3) continue;
    ws.getCell(r, TEMPLATE_COLUMNS.progress).value = progress;
    ws.getCell(r, TEMPLATE_COLUMNS.onSchedule).value = '是';
  }
  const file = path.join(tempDir(), name);
  await wb.xlsx.writeFile(file);
  return file;
}

const LEAD = '市财政局报送：三季度为企业办理增值税留抵退税，税费支持政策全部落实到位';
const COOPERATING = '市税务局配合：累计为14.28万户市场主体落实税收优惠24.73亿元';

describe('returns from lead and cooperating units in the browser', () => {
  it('the lead unit\'s return is the progress; the cooperating unit\'s is shown beside it and can be inserted; two lead versions are a conflict the user resolves', async () => {
    await s.page.getByTestId('open-round').click();
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: '生成报送模板（zip）' }).click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
    await s.page.getByRole('button', { name: '关闭' }).click();

    const lead = await returned(zip, '市财政局', LEAD);
    const cooperating = await returned(zip, '市税务局', COOPERATING);
    const importer = new ImportPage(s.page);
    await importer.open();
    // The cooperating unit's file first: the order must not matter.
    await importer.choose(cooperating, lead);
    await importer.waitForPreview();
    await expect.poll(() => importer.item(3).filter({ hasText: '配合单位报送' }).count()).toBe(1);
    await importer.apply();
    await importer.close();

    const detail = await s.overview.openTarget(3);
    const progress = detail.getByLabel('分工 1 三季度完成情况');
    await expect.poll(() => progress.inputValue()).toBe(LEAD);
    const section = detail.getByTestId('cooperating-returns');
    await expect.poll(() => section.textContent()).toContain('市税务局');
    await expect.poll(() => section.textContent()).toContain(COOPERATING);
    await section.getByRole('button', { name: '插入到完成情况' }).click();
    await expect.poll(() => progress.inputValue()).toBe(`${LEAD}\n市税务局：${COOPERATING}`);
    await expect.poll(() => section.getByRole('button', { name: '已插入' }).count()).toBe(1);
    await s.overview.waitUntilSaved();
    await detail.getByRole('button', { name: '关闭（Esc）' }).click();

    // Two versions of the lead unit's return: both 冲突, nothing ticked; the user takes the second.
    const draft = await returned(zip, '市财政局', '初稿：三季度退税工作正在推进', '财政局初稿.xlsx');
    const final = await returned(zip, '市财政局', '终稿：三季度退税工作全部完成，税费政策落实到位', '财政局终稿.xlsx');
    await importer.open();
    await importer.choose(draft, final);
    await importer.waitForPreview();
    const conflicts = s.page.locator('[data-testid="import-item"][data-serial="3"][data-status="conflict"]');
    await expect.poll(() => conflicts.count()).toBe(2);
    await expect.poll(() => s.page.getByTestId('import-apply').textContent()).toContain('确认导入（0 项）');
    await s.page.getByLabel('采用第3项这份报送（财政局终稿.xlsx）').check();
    await expect.poll(() => s.page.getByTestId('import-apply').textContent()).toContain('确认导入（1 项）');
    await importer.apply();
    // The draft not taken is said as not imported, not 未导入 0 项.
    expect(await s.page.getByTestId('import-done').textContent()).toContain('更新 1 项，未导入 1 项');
    await importer.close();
    const again = await s.overview.openTarget(3);
    await expect.poll(() => again.getByLabel('分工 1 三季度完成情况').inputValue()).toBe('终稿：三季度退税工作全部完成，税费政策落实到位');
  });
});
