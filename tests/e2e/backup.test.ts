/**
 * Backups in the browser: back up from the settings, change something, restore the backup (the change is
 * gone after the reload); and a store damaged before start: the recovery screen restores the newest backup.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { brokenCells } from './layout';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('backups in the browser mode', () => {
  it('back up, change, restore: the change is gone', async () => {
    s = await openSession(tempStorePath());
    await s.overview.waitForRows();
    const original = await s.overview.progressCell(2).locator('.cell-display').innerText();
    await s.page.getByRole('button', { name: '设置' }).click();
    await s.page.getByTestId('open-backups').click();
    await s.page.getByTestId('backup-now').click();
    await expect.poll(() => s!.page.getByTestId('backup-message').textContent()).toMatch(/已备份并通过完整性检查/);
    await expect.poll(() => s!.page.getByTestId('backup-list').locator('tbody tr').first().textContent()).toContain('39 项目标');
    // At 1366×768 the time, reason and size read on one line each (“2026年11月29 / 日 20:19”, “556 / KB” did not).
    await s.page.setViewportSize({ width: 1366, height: 768 });
    const list = s.page.getByTestId('backup-list');
    expect(await brokenCells(list.locator('th, td:not(:nth-child(3))'))).toEqual([]);
    // The description wraps instead, inside the dialog.
    expect(await list.evaluate((el) => el.getBoundingClientRect().right <= el.closest('.dialog')!.getBoundingClientRect().right)).toBe(true);
    await s.page.getByRole('button', { name: '关闭' }).click();

    await s.overview.progressCell(2).locator('.cell-display').focus();
    await s.page.keyboard.press('Control+a');
    await s.page.keyboard.type('误改的内容');
    await s.page.keyboard.press('Tab');
    await expect.poll(() => s!.page.getByTestId('saved-state').textContent()).toMatch(/已保存/);

    await s.page.getByRole('button', { name: '设置' }).click();
    await s.page.getByTestId('open-backups').click();
    const manual = s.page.getByTestId('backup-list').locator('tbody tr').filter({ hasText: '手动备份' });
    await manual.getByRole('button', { name: '从此备份恢复' }).click();
    await s.page.getByTestId('confirm').click();
    await s.overview.waitForRows();
    await expect.poll(() => s!.overview.progressCell(2).locator('.cell-display').innerText()).toBe(original);
    // After the reload: a notice says what was restored and where the data of before went; the page keeps
    // its token (the address no longer shows it), so it still reads and writes.
    await expect.poll(() => s!.page.getByTestId('toast').textContent()).toMatch(/已从 .* 的备份“.*”恢复（39 项目标）。恢复前的数据已备份为“.*”（备份文件夹：.*）/);
    expect(s.page.url()).not.toContain('token');
    await s.page.reload();
    await s.overview.waitForRows();
    expect(await s.page.getByTestId('token-screen').count()).toBe(0);
  });

  it('a store damaged before start: the recovery screen restores the newest good backup', async () => {
    const storePath = tempStorePath();
    const core = await openCore(storePath, true);
    await core.invoke('backups.create', {});
    core.close();
    const bytes = fs.readFileSync(storePath);
    bytes.fill(0x5a, 4096 * 4, 4096 * 8);
    fs.writeFileSync(storePath, bytes);

    s = await openSession(storePath, { seed: false });
    await s.page.getByTestId('recovery').waitFor();
    expect(await s.page.getByTestId('recovery').textContent()).toContain('已原样保存为');
    await s.page.getByRole('button', { name: '从此备份恢复' }).first().click();
    await s.page.getByTestId('confirm').click();
    await s.overview.waitForRows();
    expect(await s.overview.count()).toContain('39');
  });
});
