/**
 * Undo and redo in the browser: an edit saved from a cell is taken back with Ctrl+Z (outside a text field,
 * where Ctrl+Z is the field's own) and put back with Ctrl+Y; the store follows; a revert from the target's
 * history panel puts an older state back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

const shown = () => s.overview.progressCell(1).locator('.cell-display').innerText();

describe('undo and redo', () => {
  it('Ctrl+Z takes back a saved cell edit, Ctrl+Y puts it back', async () => {
    const original = await shown();
    await s.overview.progressCell(1).locator('.cell-display').focus();
    await s.page.keyboard.press('Control+a');
    await s.page.keyboard.type('一季度已完成地区生产总值增长目标');
    await s.page.keyboard.press('Tab');
    await expect.poll(() => s.page.getByTestId('saved-state').textContent()).toMatch(/已保存/);
    expect(await s.page.getByTestId('undo').isDisabled()).toBe(false);

    // Focus out of any field: Ctrl+Z is the app's undo.
    await s.page.locator('body').click({ position: { x: 5, y: 5 } });
    await s.page.keyboard.press('Control+z');
    await expect.poll(shown).toBe(original);
    await expect.poll(() => s.page.getByTestId('undo-notice').textContent()).toBe('已撤销：填报进展（第1项）');
    await s.page.keyboard.press('Control+y');
    await expect.poll(shown).toBe('一季度已完成地区生产总值增长目标');
    await s.restart();
    await s.overview.waitForRows();
    expect(await shown()).toBe('一季度已完成地区生产总值增长目标');
  });

  it('the history panel reverts a target to before a change', async () => {
    await s.overview.openTarget(1);
    const revert = s.page.getByTestId('revert').first();
    await revert.click();
    await s.page.getByTestId('confirm').click();
    await expect.poll(shown).not.toBe('一季度已完成地区生产总值增长目标');
    await expect.poll(() => s.page.locator('.history li').first().textContent()).toContain('恢复到此前');
  });
});

describe('the service gone mid-way', () => {
  it('a refresh that cannot reach the service after an undo is said in the notice, not thrown as a script error', async () => {
    await s.page.keyboard.press('Escape');
    await s.overview.waitForRows();
    await s.overview.progressCell(2).locator('.cell-display').focus();
    await s.page.keyboard.press('Control+a');
    await s.page.keyboard.type('二号目标的进展');
    await s.page.keyboard.press('Tab');
    await expect.poll(() => s.page.getByTestId('saved-state').textContent()).toMatch(/已保存/);
    // The undo itself reaches the service; the plans list read after it does not.
    await s.page.route('**/api/plans.list', (route) => route.abort('connectionrefused'));
    try {
      await s.page.locator('body').click({ position: { x: 5, y: 5 } });
      await s.page.keyboard.press('Control+z');
      await expect.poll(() => s.page.getByTestId('undo-notice').textContent()).toContain('无法连接到督查工作台服务');
    } finally {
      await s.page.unroute('**/api/plans.list');
    }
    // afterAll's close() fails the file if the page threw anything.
  });
});
