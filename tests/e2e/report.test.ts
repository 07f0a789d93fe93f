/**
 * 报告分解 in the browser: the seed report's candidates (the main indicators with their numbers), one
 * accepted as target 40 and undone, the coverage of the report by the 39 targets with the uncovered list
 * downloaded, and 报告原文 in the target panel.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { docxOf } from '../helpers/docx';
import { tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { ReportPage } from './pages/reportPage';

let s: Session;
let report: ReportPage;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
  report = new ReportPage(s.page);
});
afterAll(() => s?.close());

describe('work report in the browser mode', () => {
  it('lists the candidates with numbers and accepts one as a target, then undoes it', async () => {
    await report.open();
    await report.filterSection('主要预期目标');
    // Six of the ten are already targets (linked to their clause), so 待处理 leaves them out.
    await report.show('全部（含已处理的）');
    await expect.poll(() => report.candidates().count()).toBe(10);
    const industry = report.candidate('规模以上工业增加值增长 6%左右');
    await expect.poll(() => industry.getByTestId('candidate-quantity').textContent()).toBe('6%左右');
    await expect.poll(() => report.candidate('城镇调查失业率控制在 5.5%以内').getByTestId('candidate-quantity').textContent()).toBe('5.5%以内');

    await report.show('待处理');
    await expect.poll(() => report.candidates().count()).toBe(4);
    await report.select('规模以上工业增加值增长 6%左右');
    await report.accept();
    await expect.poll(() => report.message()).toBe('已采纳1条为责任目标');
    // Accepted ones leave the open list; shown with the handled ones, it carries its new serial.
    await expect.poll(() => report.candidates().count()).toBe(3);
    await report.show('全部（含已处理的）');
    await expect.poll(() => industry.locator('td').last().textContent()).toBe('第40项');
    await expect.poll(() => s.overview.count()).toContain('共 40 项目标');

    await report.undo();
    await expect.poll(() => report.message()).toBe('已撤销：采纳1条为责任目标');
    await expect.poll(() => industry.getAttribute('data-status')).toBe('open');
    await expect.poll(() => s.overview.count()).toContain('共 39 项目标');
  });

  it('shows what the targets cover, per section and in the text, and exports the uncovered', async () => {
    await report.tab('覆盖情况');
    await expect.poll(() => report.coverageSummary()).toMatch(/责任目标 39 项，其中 36 项已关联报告原文/);
    await expect.poll(() => report.coverageRow('main-targets').locator('td').allTextContents()).toEqual(['主要预期目标', '10', '6', '4']);
    await expect.poll(() => report.coverageRow('livelihood').locator('td').allTextContents()).toEqual(['十项民生实事', '10', '0', '10']);
    const covered = await report.commitments('covered').count();
    const uncovered = await report.commitments('uncovered').count();
    expect(covered).toBeGreaterThan(25);
    expect(await report.commitments('covered').filter({ hasText: '地区生产总值增长 5.5%左右' }).getAttribute('title')).toBe('已分解为第6项');
    await expect.poll(() => report.commitments('uncovered').filter({ hasText: '(1)新改建农村公路 1000 公里。' }).count()).toBe(1);

    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('export-uncovered').click()]);
    expect(download.suggestedFilename()).toBe('2023年政府工作报告未分解事项清单.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(2 + uncovered);
    await report.close();
  });

  it('shows 报告原文 with the clause highlighted in the target panel', async () => {
    await s.overview.scrollTo(21);
    const detail = await s.overview.openTarget(21);
    const source = detail.getByTestId('report-source');
    await expect.poll(() => source.locator('mark').textContent()).toBe('国家儿童友好城市');
    await expect.poll(() => source.textContent()).toContain('统筹抓好全国文明城市、国家卫生城市');
  });

  it('imports the report from a .docx picked in the screen', async () => {
    await s.page.keyboard.press('Escape');
    const file = path.join(tempDir(), '2023年政府工作报告.docx');
    fs.writeFileSync(file, await docxOf(fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-政府工作报告.txt'), 'utf8')));
    await report.open();
    await report.tab('导入报告');
    // A Chinese button, not the browser's own file control (its words follow the browser's language).
    expect(await s.page.getByTestId('report-file').evaluate((el) => el.getBoundingClientRect().width > 2 && getComputedStyle(el).opacity !== '0')).toBe(false);
    await Promise.all([s.page.waitForEvent('filechooser'), s.page.getByText('选择文件（.docx 或 .txt）…').click()]);
    await s.page.getByTestId('report-file').setInputFiles(file);
    await expect.poll(() => s.page.getByTestId('report-summary').textContent()).toMatch(/已导入 2023年政府工作报告\.docx：4 个部分、11 个章节、.*主要预期目标 10 项，民生实事 10 项；候选目标 154 条/);
    // The 30 clauses the 39 targets already cover are not 待处理 (覆盖情况 says the same 30 are decomposed).
    await expect.poll(() => report.candidates().count()).toBe(124);
    await expect.poll(() => report.counts()).toContain('待处理 124 · 已关联已有目标 30');
  });

  it('editing a candidate takes the focus, and Esc cancels the edit without closing 报告分解', async () => {
    const text = '规模以上工业增加值增长 6%左右';
    await report.candidate(text).getByRole('button', { name: '编辑/拆分' }).click();
    const editor = s.page.getByTestId('report-candidates').locator('textarea');
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await s.page.keyboard.type('（改动）');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);
    expect(await s.page.getByTestId('report-screen').count()).toBe(1);
    expect(await report.candidate(text).getByTestId('candidate-text').textContent()).toBe(text);
    // The focus is back on the candidate's own button, so a second Esc closes the screen as usual.
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.textContent)).toBe('编辑/拆分');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('report-screen').count()).toBe(0);
  });
});
