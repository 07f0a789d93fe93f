/**
 * The browser mode stopped and started again on the same data folder: the address (token and port) is the
 * one kept beside the store in a file only the user can read, so the page left open carries on by itself;
 * and a read that failed while the service was gone leaves the 季度 selector on the quarter the table shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressFileOf } from '../../electron/host/browserAddress';
import { startServer, type RunningServer } from '../../electron/host/server';
import { tempStorePath } from '../helpers/store';
import { launchBrowser } from './browser';
import { OverviewPage } from './pages/overviewPage';

const storePath = tempStorePath();
let server: RunningServer;
let browser: Browser;
let page: Page;
let overview: OverviewPage;
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer({ storePath, seedIfEmpty: true, rememberAddress: true, dailyBackup: false });
  await server.core.call('app.welcomeSeen', {});
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(server.url);
  overview = new OverviewPage(page);
  await overview.waitForRows();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(errors).toEqual([]);
});

const quarterShown = () => page.getByTestId('quarter').evaluate((el: HTMLSelectElement) => el.selectedOptions[0]!.textContent);
const statusBar = () => page.locator('footer').innerText();

describe('the browser mode restarted on the same data folder', () => {
  it('keeps the address beside the store, readable only by the user', () => {
    const file = addressFileOf(storePath);
    expect(path.dirname(file)).toBe(path.dirname(storePath));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ token: server.token, port: server.port });
  });

  it('a quarter chosen while the service is gone: the selector goes back to the quarter the table shows', async () => {
    const before = await quarterShown();
    expect(await statusBar()).toContain(before!);
    await server.close();
    const select = page.getByTestId('quarter');
    await select.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('无法连接到督查工作台服务');
    await expect.poll(quarterShown).toBe(before);
    expect(await statusBar()).toContain(before!);
  });

  it('started again, it serves the same address and the open page reconnects without being reloaded', async () => {
    const old = { url: server.url, port: server.port };
    server = await startServer({ storePath, seedIfEmpty: false, rememberAddress: true, dailyBackup: false });
    expect(server.url).toBe(old.url);
    expect(server.port).toBe(old.port);
    // The error goes by itself: the page asked again and read the table.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '无法连接' }).count(), { timeout: 15_000 }).toBe(0);
    const select = page.getByTestId('quarter');
    await select.focus();
    await page.keyboard.press('ArrowUp');
    const chosen = await quarterShown();
    await expect.poll(statusBar).toContain(chosen!);
  });

  it('a kept address others can read is not used: a new token', async () => {
    await server.close();
    fs.chmodSync(addressFileOf(storePath), 0o644);
    const old = server.token;
    server = await startServer({ storePath, seedIfEmpty: false, rememberAddress: true, dailyBackup: false });
    expect(server.token).not.toBe(old);
    expect(fs.statSync(addressFileOf(storePath)).mode & 0o777).toBe(0o600);
  });
});
