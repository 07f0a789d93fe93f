/**
 * Publishing a quarter is its own step, driven from the keyboard as a clerk would: the export dialog holds no
 * way to lock; 发布并锁定 opens from the 一览表's title line and from 调度评估 with the focus on 取消, so an
 * Enter out of habit and Esc both lock nothing; publishing takes a deliberate Tab to 发布并锁定; unlocking
 * from the locked banner needs a reason; ↓ moves through the locked cells. At 1366×768 the review's header
 * keeps its buttons on one line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuarterLockInfo } from '../../shared/contract';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;
let year: number;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
  const plans = (await s.server.core.call('plans.list', {})) as { ok: true; value: { year: number }[] };
  year = plans.value[0]!.year;
});
afterAll(() => s?.close());

const key = (k: string) => s.page.keyboard.press(k);
const locks = async (): Promise<QuarterLockInfo[]> => ((await s.server.core.call('quarters.locks', { year })) as { ok: true; value: QuarterLockInfo[] }).value;
const focusedText = () => s.page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
const dialog = () => s.page.getByTestId('publish-dialog');

describe('publishing a quarter, by the keyboard', () => {
  it('the export dialog offers no way to lock, only a line on the lock state', async () => {
    await s.page.getByTestId('open-export').click();
    await s.page.getByTestId('export-lock-note').waitFor();
    expect(await s.page.getByTestId('export-lock-note').textContent()).toContain('尚未发布');
    expect(await s.page.getByRole('dialog').getByRole('button', { name: /发布|锁定/ }).count()).toBe(0);
    expect(await s.page.getByTestId('publish-run').count()).toBe(0);
    await key('Escape');
    await s.page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('opens on 取消: Enter there and Esc both close it with nothing locked', async () => {
    await s.page.getByTestId('open-publish').focus();
    await key('Enter');
    await dialog().waitFor();
    expect(await focusedText()).toBe('取消');
    await key('Enter');
    await dialog().waitFor({ state: 'detached' });
    expect(await locks()).toEqual([]);

    await s.page.getByTestId('open-publish').focus();
    await key('Enter');
    await dialog().waitFor();
    await key('Escape');
    await dialog().waitFor({ state: 'detached' });
    expect(await locks()).toEqual([]);
    expect(await s.page.getByTestId('locked-banner').count()).toBe(0);
  });

  it('publishes from the overview with a deliberate Tab to 发布并锁定, then unlocks from the banner with a reason', async () => {
    await s.page.getByTestId('open-publish').focus();
    await key('Enter');
    await dialog().waitFor();
    await key('Tab');
    expect(await focusedText()).toBe('发布并锁定');
    await key('Enter');
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await locks()).length).toBe(1);
    const [lock] = await locks();
    await s.page.getByTestId('locked-banner').waitFor();
    expect(lock!.publishedOn).toBe(await s.page.evaluate(() => new Date().toLocaleDateString('sv')));
    expect(await s.page.getByTestId('open-publish').textContent()).toBe('已发布（已锁定）…');
    // The locked cells have no editor; ↓ still goes from one to the next line's.
    const focusedCell = () => s.page.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? null);
    await s.overview.progressCell(1).locator('[data-cell]').focus();
    const first = await focusedCell();
    expect(first).toMatch(/^0:0:p$/);
    await key('ArrowDown');
    await expect.poll(focusedCell).toMatch(/^(0:1|1:0):p$/);

    await s.page.getByTestId('open-unlock').focus();
    await key('Enter');
    await dialog().waitFor();
    expect(await s.page.getByTestId('unlock').isDisabled()).toBe(true);
    await s.page.getByTestId('unlock-reason').focus();
    await s.page.keyboard.type('统计部门更正了数据');
    await key('Tab');
    await key('Tab');
    expect(await focusedText()).toBe('解除锁定');
    await key('Enter');
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await locks()).length).toBe(0);
    await expect.poll(() => s.page.getByTestId('locked-banner').count()).toBe(0);
    await expect.poll(() => s.page.getByTestId('undo-notice').textContent()).toContain('理由已记入变更记录');
  });

  it('publishes from 调度评估, whose header stays on one line at 1366×768', async () => {
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await s.page.getByTestId('open-review').click();
    const screen = s.page.getByTestId('review-screen');
    await screen.getByTestId('review-publish').waitFor();
    await expect.poll(() => screen.getByTestId('meeting-start').isEnabled()).toBe(true);
    const tops = await screen.locator('header.review-head > *').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetWidth > 0).map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(4);
    const wrapped = await screen.locator('header.review-head button').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height > 48).map((e) => e.textContent));
    expect(wrapped).toEqual([]);

    await screen.getByTestId('review-publish').focus();
    await key('Enter');
    await dialog().waitFor();
    expect(await focusedText()).toBe('取消');
    await key('Tab');
    await key('Enter');
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(async () => (await locks()).length).toBe(1);
    await expect.poll(() => screen.getByTestId('review-publish').textContent()).toBe('已发布（已锁定）…');
  });
});
