/**
 * Importing a file into another quarter than its own (issue 20): the seed's Q3 table previewed with 季度 set
 * to 四季度 says at the top that the file's column is 三季度完成情况 and asks before it goes into 四季度,
 * instead of 39 identical "unchanged from last quarter" warnings; the 更新 rows say what 四季度 held.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { ImportPage } from './pages/importPage';

const SEED = path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx');
let s: Session;
let importer: ImportPage;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  importer = new ImportPage(s.page);
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

describe('a Q3 table imported into 四季度', () => {
  it('is named at the top, its 更新 rows show 四季度 empty, and applying asks first (Esc backs out, the keyboard confirms)', async () => {
    await importer.open();
    await importer.choose(SEED);
    await importer.waitForPreview();
    expect(await importer.summary()).toContain('无变化 39');
    await expect.poll(() => importer.topNotes().count()).toBe(0);

    await importer.stepQuarter('ArrowDown');
    await expect.poll(() => importer.topNotes().count(), { timeout: 30_000 }).toBe(1);
    const top = await importer.topNotes().innerText();
    expect(top).toContain('完成情况列是“三季度完成情况”');
    expect(top).toContain('本次却要导入四季度');
    // Above the rows, not folded into the reading notes.
    const [noteY, rowsY] = await Promise.all([importer.topNotes().boundingBox(), s.page.getByRole('table', { name: '导入预览' }).boundingBox()]);
    expect(noteY!.y).toBeLessThan(rowsY!.y);
    expect(await s.page.getByTestId('import-preview').innerText()).not.toContain('完成情况与上季度完全相同');

    const updated = s.page.locator('[data-testid="import-item"][data-status="updated"]');
    expect(await updated.count()).toBeGreaterThan(30);
    expect(await updated.first().getByTestId('change-before-empty').first().innerText()).toBe('四季度原为空');

    // Enter on 确认导入 asks; Esc backs out with nothing written.
    await s.page.getByTestId('import-apply').focus();
    await s.page.keyboard.press('Enter');
    const dialog = s.page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('确定把其中的完成情况导入四季度吗');
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await s.page.getByTestId('import-done').count()).toBe(0);

    // Asked again, confirmed from the keyboard: Tab from 取消 to 导入到四季度, Enter.
    await s.page.getByTestId('import-apply').focus();
    await s.page.keyboard.press('Enter');
    await dialog.waitFor();
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.activeElement?.textContent)).toBe('导入到四季度');
    await s.page.keyboard.press('Enter');
    await s.page.getByTestId('import-done').waitFor();
    expect(await s.page.getByTestId('import-done').innerText()).toMatch(/更新 \d+ 项/);
    await importer.close();
  });

  it('a file of its own quarter goes in without being asked', async () => {
    await importer.open();
    await importer.choose(SEED);
    await importer.waitForPreview();
    expect(await importer.topNotes().count()).toBe(0);
    await importer.close();
  });
});

describe('a needed field left empty while a column with values was ignored', () => {
  it('is said at the top of the preview, before the rows; setting the column aside from the mapping panel clears it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表']);
    ws.addRow(['序号', '经办科室', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']);
    ws.addRow([39, '一科', '增加市级储备粮8.6万吨', '年底', '4万吨', '是', '市发展改革委 华瑞集团']);
    const file = path.join(tempDir(), '台账.xlsx');
    await wb.xlsx.writeFile(file);
    await importer.open();
    await importer.choose(file);
    await importer.waitForPreview();
    const top = importer.topNotes();
    expect(await top.innerText()).toContain('没有读到“市政府领导”，而B列“经办科室”有内容但未识别、已忽略');
    const [noteBox, rowsBox] = await Promise.all([top.boundingBox(), s.page.getByRole('table', { name: '导入预览' }).boundingBox()]);
    expect(noteBox!.y).toBeLessThan(rowsBox!.y);
    // The clerk says the column is not to be read: the file is read again and the warning goes.
    await s.page.getByLabel('台账.xlsx B列').selectOption({ label: '不导入' });
    await expect.poll(() => top.count(), { timeout: 30_000 }).toBe(0);
    await importer.close();
  });
});
