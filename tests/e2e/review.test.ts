/**
 * The review dashboard and meeting mode in the browser, on the sample data: the counts agree with the
 * service, a tile and a bar segment open the items behind them, and meeting mode steps through the items
 * with the keyboard and stores the meeting's decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingItems } from '../../shared/review/meeting';
import { openCore, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { brokenCells } from './layout';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

const serials = async () => (await s.page.getByTestId('review-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-serial'))))).sort((a, b) => a - b);
const page = () => s.page.getByTestId('meeting-page');

describe('review dashboard and meeting mode', () => {
  it('tiles and bars open the items behind them', async () => {
    await s.page.getByTestId('open-review').click();
    await s.page.getByTestId('review-tiles').waitFor();
    // Every seed line says 是; the numbers say 16 and 39 are far behind (contradictions), 7 a little, and
    // 20 and 21 (82% of a 2021-2023 plan at 91.7% of its time) a little.
    await expect.poll(() => s.page.getByTestId('tile-behind').locator('.tile-number').textContent()).toBe('5');
    await s.page.getByTestId('tile-contradiction').click();
    expect(await serials()).toEqual([7, 16, 20, 21, 39]);
    await s.page.getByTestId('tile-red').click();
    expect(await serials()).toEqual([16, 39]);
    expect(await s.page.getByTestId('review-row').first().textContent()).toContain('序时进度75%');

    // The first leader bar's 序时推进 segment: its items, all on pace.
    const firstLeader = (await s.page.getByTestId('bars-leader').locator('th').first().textContent())!;
    await s.page.getByTestId('bars-leader').locator('tr').first().locator('rect.segment').first().click();
    await expect.poll(() => s.page.getByTestId('review-list-title').textContent()).toContain(`市政府领导：${firstLeader}`);
    expect((await serials()).length).toBeGreaterThan(0);
  });

  it('at 1366 and 1440 the list\'s headings read on one line (督办/意见 did not)', async () => {
    await s.page.getByTestId('review-tiles').waitFor(); // left open by the test above
    for (const [width, height] of [[1366, 768], [1440, 900]] as const) {
      await s.page.setViewportSize({ width, height });
      expect(await brokenCells(s.page.locator('[data-testid="review-table"] th')), `${width}`).toEqual([]);
    }
    await s.page.setViewportSize({ width: 1600, height: 900 });
  });

  it('meeting mode: keys step through the items by leader; the decision is stored', async () => {
    const core = await openCore(s.storePath);
    const expected = meetingItems(await core.invoke('review.get', { year: 2023, quarter: 3 })).map((e) => e.item.serial);
    core.close();
    expect(expected).toEqual(expect.arrayContaining([7, 16, 39]));

    await s.page.getByTestId('meeting-start').click();
    await page().waitFor();
    await expect.poll(() => page().getAttribute('data-serial')).toBe(String(expected[0]));
    await s.page.keyboard.press('ArrowRight');
    await expect.poll(() => page().getAttribute('data-serial')).toBe(String(expected[1]));
    await s.page.keyboard.press('End');
    await expect.poll(() => page().getAttribute('data-serial')).toBe(String(expected.at(-1)));
    await s.page.keyboard.press('Home');
    await expect.poll(() => page().getAttribute('data-serial')).toBe(String(expected[0]));
    // A serial, as said in the meeting, not a position on the agenda; a serial not on it is named.
    await s.page.keyboard.type('2');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.getByTestId('meeting-jump-message').textContent()).toBe('第2项不在本次会议议程中');
    expect(await page().getAttribute('data-serial')).toBe(String(expected[0]));
    await s.page.keyboard.type('16');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => page().getAttribute('data-serial')).toBe('16');
    expect(await s.page.getByTestId('meeting-jump-message').count()).toBe(0);
    expect(await page().getByTestId('meeting-rule').textContent()).toContain('实际33家/目标100家 = 33%，序时进度75%');
    expect(await page().locator('mark').allTextContents()).toEqual(expect.arrayContaining(['100家以上', '33家']));

    // The office knows better than the report: 80 were added. The item stays on screen, now green.
    await page().getByTestId('actual-correct').click();
    await page().getByTestId('actual-input').fill('80家');
    await page().getByTestId('actual-input').press('Enter');
    await expect.poll(() => page().getByTestId('meeting-rule').textContent()).toContain('实际80家/目标100家 = 80%，序时进度75%（人工确认）');
    await expect.poll(() => page().getAttribute('data-serial')).toBe('16');
    await page().getByTestId('meeting-note').click();
    await s.page.getByTestId('meeting-note').fill('请市商务局年底前补齐差距，下次会议专题汇报');
    await s.page.keyboard.press('Escape');
    await s.page.keyboard.press('ArrowLeft');
    await expect.poll(async () => {
      const c = await openCore(s.storePath);
      const review = await c.invoke('review.get', { year: 2023, quarter: 3 });
      c.close();
      return review.items.find((i) => i.serial === 16)?.note;
    }).toBe('请市商务局年底前补齐差距，下次会议专题汇报');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('meeting').count()).toBe(0);
    // 16 is green now: it is among all targets, with its decision.
    await s.page.getByTestId('tile-on-pace').click();
    expect(await s.page.locator('[data-testid="review-row"][data-serial="16"] td.note').textContent()).toBe('请市商务局年底前补齐差距，下次会议专题汇报');
  });

  it('meeting mode: the 更正 field takes the number it offers (8.5% for 增长10%左右)', async () => {
    await s.page.getByTestId('meeting-start').click();
    await page().waitFor();
    await s.page.keyboard.type('7');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => page().getAttribute('data-serial')).toBe('7');
    await page().getByTestId('actual-correct').click();
    expect(await page().getByTestId('actual-input').inputValue()).toBe('8.5%');
    await page().getByTestId('actual-input').press('Enter');
    await expect.poll(() => page().getByTestId('meeting-rule').textContent()).toContain('实际增长8.5%/目标增长10%左右 = 85%，未达到目标（增速不按序时折算）（人工确认）');
    await page().getByTestId('actual-correct').click();
    await page().getByTestId('actual-input').fill('9.6');
    await page().getByTestId('actual-input').press('Enter');
    await expect.poll(() => page().getByTestId('meeting-rule').textContent()).toContain('实际增长9.6%/目标增长10%左右');
    expect(await page().locator('.field-error').count()).toBe(0);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('meeting').count()).toBe(0);
  });

  it('each item shows its light quarter by quarter; the list says since when an item is red', async () => {
    const core = await openCore(s.storePath);
    const line = (serial: number) => (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = ?').get(serial) as { id: number }).id;
    await core.invoke('progress.save', { assignmentId: line(39), quarter: 1, text: '一季度,增加市级储备粮2.5万吨', onSchedule: 'yes' });
    await core.invoke('progress.save', { assignmentId: line(39), quarter: 2, text: '上半年,增加市级储备粮1.5万吨', onSchedule: 'yes' });
    core.close();
    await s.page.getByRole('button', { name: '关闭' }).first().click();
    await s.page.getByTestId('open-review').click();
    await s.page.getByTestId('tile-red').click();
    const row39 = s.page.locator('[data-testid="review-row"][data-serial="39"]');
    await expect.poll(() => row39.getByTestId('red-since').textContent()).toBe('自二季度起红灯');
    expect(await s.page.locator('[data-testid="review-row"][data-serial="16"]').getByTestId('red-since').count()).toBe(0);

    await s.page.getByTestId('meeting-start').click();
    await s.page.keyboard.type('39');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => page().getAttribute('data-serial')).toBe('39');
    expect(await page().getByTestId('light-trail').getAttribute('aria-label')).toBe('各季度预警：一季度 绿 → 二季度 红 → 三季度 红');
    await s.page.keyboard.press('Escape');
    await s.page.getByRole('button', { name: '关闭' }).first().click();

    await s.overview.scrollTo(39);
    const detail = await s.overview.openTarget(39);
    await expect.poll(() => detail.getByTestId('light-trail').getAttribute('aria-label')).toBe('各季度预警：一季度 绿 → 二季度 红 → 三季度 红');
  });
});
