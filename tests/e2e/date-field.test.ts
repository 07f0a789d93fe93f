/**
 * Dates are typed as 年/月/日 on a browser set to English (where the native control says mm/dd/yyyy): the
 * 报送截止日期 of 季度调度 and the 发布日期 of 发布并锁定, by the keyboard, reach the store as the date typed;
 * a date that does not exist is refused in the field, nothing saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startServer, type RunningServer } from '../../electron/host/server';
import { tempStorePath } from '../helpers/store';
import { launchBrowser } from './browser';
import { dateParts, typeDate } from './pages/dateField';
import { OverviewPage } from './pages/overviewPage';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer({ storePath: tempStorePath(), seedIfEmpty: true, dailyBackup: false });
  await server.core.call('app.welcomeSeen', {});
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
  await page.goto(server.url);
  await new OverviewPage(page).waitForRows();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const due = async () => ((await server.core.call('round.status', { year: 2023, quarter: 3 })) as { ok: true; value: { dueDate: string | null } }).value.dueDate;

describe('one date field of our own', () => {
  it('季度调度: 报送截止日期 typed as 年月日 on an English browser', async () => {
    await page.getByTestId('open-round').click();
    const field = page.getByTestId('round-due');
    await field.waitFor();
    expect(await page.locator('[data-testid="round-screen"] input[type="date"]').count()).toBe(0);
    expect(await field.innerText()).toMatch(/年.*月.*日/s);
    expect(await field.innerText()).not.toMatch(/mm|dd|yyyy/i);
    await typeDate(field, '2023-10-15');
    await expect.poll(due).toBe('2023-10-15');
    expect(await dateParts(field)).toEqual(['2023', '10', '15']);

    // 2月30日 does not exist: said in the field, the stored date stays.
    await field.getByRole('textbox').nth(1).click();
    await page.keyboard.type('0230');
    await page.keyboard.press('Enter');
    await expect.poll(() => field.getByRole('alert').textContent()).toBe('不是有效的日期');
    expect(await due()).toBe('2023-10-15');
    await page.keyboard.press('Escape');
  });

  it('the publish dialog’s 发布日期 is the same field', async () => {
    await page.getByRole('dialog').waitFor({ state: 'detached' }).catch(() => undefined);
    await page.getByTestId('open-publish').click();
    const field = page.getByTestId('publish-date');
    await field.waitFor();
    expect(await page.locator('[role="dialog"] input[type="date"]').count()).toBe(0);
    const [y, m, d] = await dateParts(field);
    expect(y).toMatch(/^\d{4}$/);
    expect(m).toMatch(/^\d{2}$/);
    expect(d).toMatch(/^\d{2}$/);
    await typeDate(field, '2023-10-20');
    expect(await field.getAttribute('data-value')).toBe('2023-10-20');
  });
});
