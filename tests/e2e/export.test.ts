import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { ImportPage } from './pages/importPage';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

describe('export in the browser mode', () => {
  it('downloads the two-block 一览表, which imports back as unchanged', async () => {
    await s.page.getByTestId('open-export').click();
    await s.page.getByLabel('双栏并排（与公开发布的版式相同）').check();
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('export-run').click()]);
    expect(download.suggestedFilename()).toBe('菏泽市2023年三季度责任目标工作推进情况一览表（示例数据）.xlsx');
    const file = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    await expect.poll(() => s.page.getByTestId('export-result').textContent()).toContain('已导出 39 项目标');
    await s.page.getByRole('button', { name: '关闭' }).click();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0]!.getCell('A1').text).toBe('菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表');
    expect(wb.worksheets[0]!.getRow(3).cellCount).toBe(14);

    const importer = new ImportPage(s.page);
    await importer.open();
    await importer.choose(file);
    await importer.waitForPreview();
    expect(await importer.summary()).toContain('无变化 39');
    await importer.close();
  });

  it('downloads every unit\'s collection template in one zip', async () => {
    await s.page.getByTestId('open-export').click();
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('export-templates').click()]);
    expect(download.suggestedFilename()).toBe('2023年三季度责任目标报送模板（按责任单位）.zip');
    const file = path.join(tempDir(), download.suggestedFilename());
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    expect(Object.keys(zip.files)).toContain('市应急局_2023年三季度责任目标推进情况.xlsx');
    await expect.poll(() => s.page.getByTestId('export-result').textContent()).toMatch(/已生成 \d+ 个报送模板/);
    await s.page.getByRole('button', { name: '关闭' }).click();
  });

  it('from the keyboard: after 导出 Excel the focus comes back to it, so Enter exports again and Esc closes', async () => {
    await s.page.getByTestId('open-export').click();
    await s.page.getByTestId('export-run').focus();
    await Promise.all([s.page.waitForEvent('download'), s.page.keyboard.press('Enter')]);
    await expect.poll(() => s.page.getByTestId('export-result').textContent()).toContain('已导出 39 项目标');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-run');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('export-dialog').count()).toBe(0);
  });
});
