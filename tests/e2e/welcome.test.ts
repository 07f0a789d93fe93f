/**
 * The first run in the browser mode: the welcome, the sample data marked as 示例数据 and removed in one
 * step (backed up first, in the change log, nothing left), and starting one's own, empty year.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { WelcomePage } from './pages/welcomePage';

/** Answers come from a real server on a busy 2-core machine: a poll waits for them, not a second. */
const WAIT = { timeout: 20_000 };

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const backups = (storePath: string) => {
  const dir = path.join(path.dirname(storePath), '备份');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.sqlite')) : [];
};

function planChanges(session: Session): { kind: string; entity: string }[] {
  return session.server.core.db.prepare("SELECT kind, entity FROM change_log WHERE entity = 'plan'").all() as { kind: string; entity: string }[];
}

describe('first run', () => {
  it('welcomes once; the sample is marked 示例数据; removing it backs up, logs, and leaves nothing', async () => {
    s = await openSession(tempStorePath(), { welcome: true });
    const welcome = new WelcomePage(s.page);
    await welcome.waitForWelcome();
    await expect.poll(() => welcome.dialog().textContent(), WAIT).toContain('39 项目标');
    await welcome.trySample();
    await s.overview.waitForRows();
    await expect.poll(() => welcome.sampleMark().textContent(), WAIT).toBe('示例数据');
    expect(await s.page.getByTestId('year').locator('option:checked').textContent()).toBe('2023年（示例数据）');

    // Seen: a restart of the app does not show it again.
    await s.restart();
    await s.overview.waitForRows();
    expect(await welcome.dialog().count()).toBe(0);

    const before = backups(s.storePath).length;
    await welcome.removeSample();
    await expect.poll(() => s!.overview.count(), WAIT).toBe('共 0 项目标，0 条分工');
    expect(await welcome.sampleMark().count()).toBe(0);
    expect(backups(s.storePath)).toHaveLength(before + 1);
    // The sample's year was logged as created when it loaded (as every new year is); its removal follows.
    expect(planChanges(s)).toEqual([
      { kind: 'create', entity: 'plan' },
      { kind: 'delete', entity: 'plan' },
    ]);
    expect((s.server.core.db.prepare('SELECT count(*) AS n FROM targets').get() as { n: number }).n).toBe(0);

    // No year is left, and 新增目标 waits for one: the page offers to make it (the welcome's own form).
    expect(await s.page.getByTestId('new-target').isDisabled()).toBe(true);
    await s.page.getByTestId('new-year').click();
    await welcome.waitForWelcome();
    await s.page.getByTestId('welcome-year').fill('2024');
    await s.page.getByTestId('welcome-start').click();
    await s.page.getByTestId('import-screen').waitFor();
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s!.page.getByTestId('year').locator('option:checked').textContent(), WAIT).toBe('2024年');
    expect(await s.page.getByTestId('new-target').isDisabled()).toBe(false);
    // An empty new year says how it fills, so it does not read as data lost.
    // Polled: the year's (empty) list may still be on its way ('正在加载…').
    await expect.poll(() => s!.page.locator('.grid-scroller .empty').textContent(), WAIT).toMatch(/本年度还没有责任目标.*“导入”.*“报告分解”.*“新增目标”/);
    expect(await s.page.getByTestId('no-year').count()).toBe(0);
  });

  it('starts one’s own year from the welcome: an empty year, the sample gone, on to the import', async () => {
    s = await openSession(tempStorePath(), { welcome: true });
    const welcome = new WelcomePage(s.page);
    await welcome.waitForWelcome();
    const before = backups(s.storePath).length;
    await welcome.startOwnYear(2026, '郓城县', true);
    await s.page.getByTestId('import-screen').waitFor();
    await s.page.getByRole('button', { name: '关闭' }).first().click();
    await expect.poll(() => s!.page.getByTestId('year').locator('option:checked').textContent(), WAIT).toBe('2026年');
    expect(await s.page.getByTestId('year').locator('option').allTextContents()).toEqual(['2026年']);
    await expect.poll(() => s!.overview.count(), WAIT).toBe('共 0 项目标，0 条分工');
    expect(await welcome.sampleMark().count()).toBe(0);
    expect(backups(s.storePath)).toHaveLength(before + 1);
    // The sample's year created when it loaded, removed, then the user's own year created.
    expect(planChanges(s)).toEqual([
      { kind: 'create', entity: 'plan' },
      { kind: 'delete', entity: 'plan' },
      { kind: 'create', entity: 'plan' },
    ]);
    expect(s.server.core.db.prepare("SELECT value FROM settings WHERE key = 'city'").get()).toEqual({ value: '郓城县' });

    await s.restart();
    await expect.poll(() => s!.page.getByTestId('year').locator('option:checked').textContent(), WAIT).toBe('2026年');
    expect(await welcome.dialog().count()).toBe(0);
  });
});
