/**
 * Two browser tabs on one store. Tab B saves a cell after tab A saved the same cell: B is told 已被他人修改
 * with A's value, B's own text stays in the cell, and nothing of A's is overwritten until B saves again.
 * Also: 恢复到此前 on an older history entry lists every later change it takes back before it does.
 */
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { OverviewPage } from './pages/overviewPage';

let s: Session;
let pageB: Page;
let b: OverviewPage;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
  pageB = await s.browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  await pageB.goto(s.server.url);
  b = new OverviewPage(pageB);
  await b.waitForRows();
});
afterAll(async () => {
  await pageB?.close();
  await s?.close();
});

async function typeInto(overview: OverviewPage, serial: number, text: string): Promise<void> {
  await overview.progressCell(serial).locator('.cell-display').focus();
  await overview.page.keyboard.press('Control+a');
  await overview.page.keyboard.type(text);
  await overview.page.keyboard.press('Tab');
}

describe('two windows', () => {
  it('the later save of the same cell is refused with the newer value; its text stays in the cell', async () => {
    await typeInto(s.overview, 2, '甲窗口：二季度前已完成全部任务');
    await s.overview.waitUntilSaved();

    await typeInto(b, 2, '乙窗口：按计划推进中');
    const error = b.progressCell(2).locator('.cell-error');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toContain('已被他人修改');
    expect(await error.textContent()).toContain('三季度完成情况现为“甲窗口：二季度前已完成全部任务”');
    expect(await b.progressCell(2).locator('.cell-display').innerText()).toBe('乙窗口：按计划推进中');
    // The store still holds A's text.
    await s.page.reload();
    await s.overview.waitForRows();
    await expect.poll(() => s.overview.progressCell(2).locator('.cell-display').innerText()).toBe('甲窗口：二季度前已完成全部任务');

    // B, having seen A's value, saves again: now it is B's choice and it goes through.
    await b.progressCell(2).locator('.cell-display').focus();
    await pageB.keyboard.press('Tab');
    await expect.poll(() => error.count(), { timeout: 15_000 }).toBe(0);
    await s.page.reload();
    await s.overview.waitForRows();
    await expect.poll(() => s.overview.progressCell(2).locator('.cell-display').innerText()).toBe('乙窗口：按计划推进中');
  });

  it('恢复到此前 on an older entry lists the later changes it takes back', async () => {
    await typeInto(s.overview, 3, '第一次修改');
    await s.overview.waitUntilSaved();
    await typeInto(s.overview, 3, '第二次修改');
    await s.overview.waitUntilSaved();
    const detail = await s.overview.openTarget(3);
    // The oldest of the two edits (the list is newest first).
    const edits = detail.locator('.history li').filter({ hasText: '第一次修改' });
    await edits.last().getByTestId('revert').click();
    const list = s.page.getByTestId('revert-list');
    await expect.poll(() => list.locator('li').count()).toBe(2);
    const items = await list.locator('li').allInnerTexts();
    expect(items[0]).toMatch(/三季度完成情况：.+ → 第一次修改/);
    expect(items[1]).toContain('三季度完成情况：第一次修改 → 第二次修改');
    expect(await s.page.locator('.confirm-message').innerText()).toContain('这之后的 1 处修改也会一并退回');
    await s.page.getByTestId('confirm').click();
    await expect.poll(() => s.overview.progressCell(3).locator('.cell-display').innerText()).not.toContain('修改');
  });
});

describe('two windows, the target panel', () => {
  it('a field saved over another window’s change keeps the typed text and shows the newer value', async () => {
    const detailB = await b.openTarget(4);
    const detailA = await s.overview.openTarget(4);
    const deadlineA = detailA.getByTestId('field-deadline');
    await deadlineA.fill('10月底');
    await deadlineA.press('Enter');
    await s.overview.waitUntilSaved();

    const deadlineB = detailB.getByTestId('field-deadline');
    await deadlineB.fill('11月底');
    await deadlineB.press('Enter');
    const error = detailB.locator('.field-error[data-field="deadline"]');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toContain('已被他人修改');
    expect(await error.textContent()).toContain('完成时限现为“10月底”');
    expect(await deadlineB.inputValue()).toBe('11月底');
  });
});
