/**
 * The words a clerk reads: 使用人 is not the system login (root) until the clerk gives a name; a backup older
 * than the data says what a restore does (不含此后的 N 处修改), not "变更记录 −N"; the guide says 变更记录 as
 * the panel does, and its screenshots open at their own size (Enter on the picture, Escape back).
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_ROLE_NAMES } from '../../shared/contract';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

describe('words', () => {
  it('使用人 starts empty, asking for a name, not the system login', async () => {
    await s.page.getByRole('button', { name: '设置' }).click();
    const user = s.page.getByTestId('settings-user');
    expect(await user.inputValue()).toBe('');
    expect(await user.inputValue()).not.toBe(os.userInfo().username);
    expect(await user.getAttribute('placeholder')).toContain('姓名');
  });

  it('a backup older than the data says the changes made since are not in it', async () => {
    await s.page.getByTestId('open-backups').click();
    await s.page.getByTestId('backup-now').click();
    await expect.poll(() => s.page.getByTestId('backup-message').textContent()).toMatch(/已备份/);
    await s.page.getByRole('button', { name: '关闭' }).click();
    await s.overview.progressCell(2).locator('.cell-display').focus();
    await s.page.keyboard.type('备份之后的修改');
    await s.page.keyboard.press('Tab');
    await s.overview.waitUntilSaved();
    await s.page.getByRole('button', { name: '设置' }).click();
    await s.page.getByTestId('open-backups').click();
    const row = s.page.getByTestId('backup-list').locator('tbody tr').filter({ hasText: '手动备份' });
    await expect.poll(() => row.textContent()).toContain('与现在相比，此备份不含此后的 1 处修改');
    expect(await row.textContent()).not.toMatch(/变更记录 −/);
    await s.page.getByRole('button', { name: '关闭' }).click();
  });

  it('the column mapping menu does not say 目标ID／分工ID', () => {
    expect(Object.values(COLUMN_ROLE_NAMES).join()).not.toMatch(/目标ID|分工ID/);
  });

  it('the guide says 变更记录, and a screenshot opens at its own size', async () => {
    await s.page.keyboard.press('Escape');
    await s.page.getByTestId('open-help').click();
    const guide = s.page.getByTestId('help-guide');
    await guide.waitFor();
    const all: string[] = [];
    for (const step of await guide.locator('.help-step').all()) {
      await step.click();
      all.push((await s.page.getByTestId('help-page').textContent()) ?? '');
    }
    expect(all.join('\n')).not.toContain('“历史”');
    expect(all.join('\n')).toContain('变更记录');
    await guide.locator('.help-step').first().click();
    const small = await s.page.getByTestId('help-image').evaluate((el: HTMLImageElement) => ({ shown: el.getBoundingClientRect().width, natural: el.naturalWidth }));
    expect(small.shown).toBeLessThan(small.natural);
    await s.page.getByRole('button', { name: /^查看原图/ }).focus();
    await s.page.keyboard.press('Enter');
    const big = s.page.getByTestId('help-zoom').locator('img');
    await expect.poll(() => big.evaluate((el: HTMLImageElement) => el.complete && el.getBoundingClientRect().width === el.naturalWidth)).toBe(true);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('help-zoom').count()).toBe(0);
    expect(await guide.isVisible()).toBe(true);
  });
});
