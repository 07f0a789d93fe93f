/**
 * 年度考核 in the browser: reached by its one button, the sample's scores as the service computes them,
 * sorted by a column, a score opening its events, a leaders' evaluation typed in, a rule changed in 设置
 * moving the scores, the .xlsx downloaded; the screen's buttons in view at 1366×768 and 1440×900.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { AssessmentPage } from './pages/assessmentPage';

let s: Session;
let page: AssessmentPage;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
  page = new AssessmentPage(s.page);
});
afterAll(() => s?.close());

const service = async () => {
  const r = await s.server.core.call('assessment.get', { year: 2023 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { units: { unit: string; score: number; rank: number; events: { reason: string }[] }[] };
};

describe('the year-end assessment screen', () => {
  it('shows the service’s scores and ranks, sorts by column, and opens a score’s events', async () => {
    await page.open();
    const expected = await service();
    expect(await page.rows()).toEqual(expected.units.map((u) => [u.rank, u.unit, u.score]));
    await page.sortBy('得分');
    const byScore = await page.rows();
    expect(byScore.map((r) => r[2])).toEqual([...byScore.map((r) => r[2])].sort((a, b) => b - a));
    await page.sortBy('得分');
    const ascending = (await page.rows()).map((r) => r[2]);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    const lowest = expected.units.at(-1)!;
    expect(ascending[0]).toBe(lowest.score);
    expect(await page.events(lowest.unit)).toEqual(lowest.events.map((e) => e.reason));
  });

  it('a leaders’ evaluation typed in and a rule changed move the scores; the .xlsx downloads', async () => {
    const before = await service();
    const unit = before.units[0]!;
    const input = page.row(unit.unit).getByLabel(`${unit.unit}市政府领导评价`);
    await input.fill('50');
    await input.blur();
    await expect.poll(async () => (await service()).units.find((u) => u.unit === unit.unit)!.score).toBe(0.8 * unit.score + 0.2 * 50);
    await expect.poll(async () => (await page.row(unit.unit).getByTestId('assessment-score').textContent()) ?? '').toBe(String(0.8 * unit.score + 0.2 * 50));

    await page.screen().getByRole('button', { name: '考核细则' }).click();
    const rules = page.screen().getByTestId('assessment-rules');
    await rules.getByTestId('rules-base').fill('90');
    await rules.getByTestId('rules-save').click();
    await expect.poll(() => page.screen().getByTestId('assessment-summary').textContent()).toContain('基础分 90 分');

    const [download] = await Promise.all([s.page.waitForEvent('download'), page.screen().getByTestId('assessment-export').click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    const now = await service();
    expect(wb.getWorksheet('考核结果')!.getCell('B3').value).toBe(now.units[0]!.score);
  });

  for (const [width, height] of [[1366, 768], [1440, 900]] as const) {
    it(`keeps 导出 and 关闭 in view at ${width}×${height}, the table scrolling inside`, async () => {
      await s.page.setViewportSize({ width, height });
      const inView = async (name: string | RegExp) => {
        const box = await page.screen().getByRole('button', { name }).boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width;
      };
      expect(await inView('导出考核结果（.xlsx）')).toBe(true);
      expect(await inView(/^关闭$/)).toBe(true);
      const wrap = await page.screen().locator('.assessment-table-wrap').boundingBox();
      expect(wrap!.width).toBeLessThanOrEqual(width);
      await s.page.screenshot({ path: `/tmp/assessment-${width}.png` });
    });
  }
});
