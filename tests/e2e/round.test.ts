/**
 * 季度调度 in the browser: templates out from the round screen, a returned template imported through the
 * import panel shows its unit as returned, a paper return is marked by hand, and the list to chase
 * downloads without the units that returned. Also the settings' title wording reaching the export.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS, TEMPLATE_SHEET } from '../../electron/excel/templateWriter';
import { tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { brokenCells } from './layout';
import { typeDate } from './pages/dateField';
import { ImportPage } from './pages/importPage';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

const summary = () => s.page.getByTestId('round-summary').textContent();
const row = (owner: string) => s.page.locator(`[data-testid="round-table"] tr[data-owner="${owner}"]`);

describe('collection round in the browser mode', () => {
  it('templates out, one returned by import, one marked by hand, the list to chase downloaded', async () => {
    await s.page.getByTestId('open-round').click();
    await expect.poll(summary).toMatch(/已报送 0（有提示 0）/);
    await expect.poll(summary).toContain('尚未生成报送模板');
    const expected = Number(/应报送 (\d+) 个单位/.exec((await summary()) ?? '')?.[1]);
    expect(expected).toBeGreaterThan(20);

    const [zipDownload] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: '生成报送模板（zip）' }).click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync(await zipDownload.path()));
    await expect.poll(summary).toContain('报送模板生成于');

    // 市应急局 sends its template back under another name, with nothing changed since Q3's table: still a return.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file('市应急局_2023年三季度责任目标推进情况.xlsx')!.async('nodebuffer')) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    for (let r = 4; r <= ws.rowCount; r++) ws.getCell(r, TEMPLATE_COLUMNS.onSchedule).value = '是';
    const returned = path.join(tempDir(), '应急局回传.xlsx');
    await wb.xlsx.writeFile(returned);
    await s.page.getByRole('button', { name: '关闭' }).click();

    const importer = new ImportPage(s.page);
    await importer.open();
    await importer.choose(returned);
    await importer.waitForPreview();
    await importer.apply();
    await importer.close();

    await s.page.getByTestId('open-round').click();
    await expect.poll(summary).toMatch(/已报送 1（有提示 0）/);
    await expect.poll(() => row('市应急局').textContent()).toContain('应急局回传.xlsx');

    await s.page.getByLabel('未报送', { exact: true }).check();
    await expect.poll(() => row('市应急局').count()).toBe(0);
    const paper = (await s.page.locator('[data-testid="round-table"] tbody tr').first().getAttribute('data-owner'))!;
    await row(paper).getByRole('button', { name: '登记为已报送' }).click();
    await expect.poll(summary).toMatch(/已报送 2/);
    await s.page.getByLabel('全部', { exact: true }).check();
    await expect.poll(() => row(paper).textContent()).toContain('手工登记');

    const [listDownload] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('round-export-missing').click()]);
    expect(listDownload.suggestedFilename()).toBe('2023年三季度责任目标推进情况催报名单.xlsx');
    const list = new ExcelJS.Workbook();
    await list.xlsx.load(fs.readFileSync(await listDownload.path()) as unknown as ArrayBuffer);
    const names = list.getWorksheet('催报名单')!.getColumn(2).values.slice(3).map(String);
    expect(names).toHaveLength(expected - 2);
    expect(names).not.toContain('市应急局');
    expect(names).not.toContain(paper);
    await s.page.getByRole('button', { name: '关闭' }).click();
  });

  it('at 1366×768 the round table reads one line per cell: headings, unit names, states, times, 手工登记', async () => {
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await s.page.getByTestId('open-round').click();
    await expect.poll(summary).toMatch(/已报送 2/);
    // Only a long file name may wrap.
    const broken = await brokenCells(s.page.locator('[data-testid="round-table"] th, [data-testid="round-table"] td:not(.files), [data-testid="round-table"] .manual'));
    expect(broken).toEqual([]);
    await s.page.getByRole('button', { name: '关闭' }).click();
    await s.page.setViewportSize({ width: 1600, height: 900 });
  });

  it('a title worded in the settings is the title of the exported table', async () => {
    await s.page.getByRole('button', { name: '设置' }).click();
    await s.page.getByTestId('settings-title').fill('{城市}{年}年{季度}责任目标落实情况通报');
    await s.page.getByTestId('settings-paper').selectOption('A4');
    await s.page.getByTestId('settings-save').click();
    await expect.poll(() => s.page.getByTestId('settings-form').count()).toBe(0);

    await s.page.getByTestId('open-export').click();
    await expect.poll(() => s.page.getByLabel('A4').isChecked()).toBe(true);
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('export-run').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell('A1').text).toBe('菏泽市2023年三季度责任目标落实情况通报');
    expect(wb.worksheets[0]!.pageSetup.paperSize).toBe(9);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['一览表', '汇总']);
    await s.page.getByRole('button', { name: '关闭' }).click();
  });

  it('publishing the quarter locks its cells until it is unlocked with a reason', async () => {
    await s.page.getByTestId('open-publish').click();
    await typeDate(s.page.getByTestId('publish-date'), '2023-10-20');
    await s.page.getByTestId('publish-run').click();
    await expect.poll(() => s.page.getByTestId('locked-banner').textContent()).toContain('2023年三季度已于2023年10月20日发布');
    expect(await s.page.getByTestId('publish-dialog').count()).toBe(0);

    const cell = s.page.getByTestId('progress-cell').first().locator('.cell-display');
    await cell.click();
    expect(await s.page.locator('textarea.cell-editor').count()).toBe(0);
    expect(await s.page.getByTestId('on-schedule-cell').first().locator('select').isDisabled()).toBe(true);

    await s.page.getByTestId('open-unlock').click();
    expect(await s.page.getByTestId('unlock').isDisabled()).toBe(true);
    await s.page.getByTestId('unlock-reason').fill('统计部门更正了数据');
    await s.page.getByTestId('unlock').click();
    await expect.poll(() => s.page.getByTestId('locked-banner').count()).toBe(0);
    expect(await s.page.getByTestId('publish-dialog').count()).toBe(0);
    await cell.click();
    await expect.poll(() => s.page.locator('textarea.cell-editor').count()).toBe(1);
    await s.page.keyboard.press('Escape');
  });
});
