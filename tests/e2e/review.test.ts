/**
 * The review dashboard and meeting mode in the browser, on the sample data: the counts agree with the
 * service, a tile and a bar segment open the items behind them, and meeting mode steps through the items
 * with the keyboard and stores the meeting's decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingItems } from '../../shared/review/meeting';
import { openCore, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

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
    // Every seed line says 是; the numbers say 16 and 39 are far behind (contradictions), 7 a little.
    await expect.poll(() => s.page.getByTestId('tile-behind').locator('.tile-number').textContent()).toBe('3');
    await s.page.getByTestId('tile-contradiction').click();
    expect(await serials()).toEqual([7, 16, 39]);
    await s.page.getByTestId('tile-red').click();
    expect(await serials()).toEqual([16, 39]);
    expect(await s.page.getByTestId('review-row').first().textContent()).toContain('序时进度75%');

    // The first leader bar's 序时推进 segment: its items, all on pace.
    const firstLeader = (await s.page.getByTestId('bars-leader').locator('th').first().textContent())!;
    await s.page.getByTestId('bars-leader').locator('tr').first().locator('rect.segment').first().click();
    await expect.poll(() => s.page.getByTestId('review-list-title').textContent()).toContain(`市政府领导：${firstLeader}`);
    expect((await serials()).length).toBeGreaterThan(0);
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
    const at16 = expected.indexOf(16) + 1;
    await s.page.keyboard.type(String(at16));
    await s.page.keyboard.press('Enter');
    await expect.poll(() => page().getAttribute('data-serial')).toBe('16');
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
});
