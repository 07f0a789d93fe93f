/**
 * PRINT (issue 19), the page's side of the desktop window: the renderer in Chromium with a desktop bridge in
 * place of the preload (window.api: contract calls to the real service, shell requests recorded, menu
 * commands delivered as the preload delivers them). 文件 › 打印… opens the 一览表's print view, 打印 and
 * 保存为PDF ask the main process with the paper shown, and over 调度评估 the command prints the review on A4
 * landscape. Every request the page sent passes the main process's own validation (electron/dialogs.ts).
 * The main process's half (webContents.print / printToPDF) is tests/electron/print.test.ts.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellRequestSchema } from '../../electron/dialogs';
import { startServer, type RunningServer } from '../../electron/host/server';
import { tempStorePath } from '../helpers/store';
import { launchBrowser } from './browser';
import { PrintViewPage } from './pages/printPage';

let browser: Browser;
let server: RunningServer;
let page: Page;

interface Desktop {
  requests: unknown[];
  command: (name: string) => void;
}

beforeAll(async () => {
  server = await startServer({ storePath: tempStorePath(), port: 0, seedIfEmpty: true });
  await server.core.call('app.welcomeSeen', {});
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  page = await context.newPage();
  await page.addInitScript(() => {
    const token = /token=([\w-]+)/.exec(location.hash)?.[1] ?? '';
    const desktop = { requests: [] as unknown[], listener: null as null | ((c: string, i?: number) => void) };
    (window as unknown as { desktop: unknown }).desktop = desktop;
    (window as unknown as { api: unknown }).api = {
      call: (method: string, payload: unknown) =>
        fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Token': token }, body: JSON.stringify(payload ?? {}) }).then((r) => r.json()),
      shell: (request: { action: string }) => {
        desktop.requests.push(request);
        return Promise.resolve({ ok: true, value: { cancelled: false, kind: 'value', value: request.action === 'print.pdf' ? { fileName: '一览表.pdf' } : null } });
      },
      onCommand: (listener: (c: string, i?: number) => void) => void (desktop.listener = listener),
    };
  });
  await page.goto(server.url);
  await page.getByTestId('overview-row').first().waitFor({ timeout: 30_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const command = (name: string) => page.evaluate((c) => (window as unknown as { desktop: { listener: (c: string) => void } }).desktop.listener(c), name);
const requests = () => page.evaluate(() => (window as unknown as { desktop: Desktop }).desktop.requests.splice(0));

describe('printing from the desktop window', () => {
  it('文件 › 打印… opens the print view; 打印 and 保存为PDF ask the main process with the paper shown', async () => {
    const view = new PrintViewPage(page);
    await command('print');
    await view.sheet().waitFor();
    await view.choose('two-block', 'A4');
    await page.getByTestId('print-run').press('Enter');
    await page.getByTestId('print-pdf').click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已保存为PDF' }).count()).toBe(1);
    const sent = await requests();
    expect(sent).toEqual([
      { action: 'print', paper: 'A4', landscape: true },
      { action: 'print.pdf', paper: 'A4', landscape: true, fileName: '菏泽市2023年三季度责任目标工作推进情况一览表（示例数据）.pdf' },
    ]);
    for (const r of sent) expect(shellRequestSchema.safeParse(r).success, JSON.stringify(r)).toBe(true);
    // The menu's command again, over the print view: it prints what is shown.
    await command('print');
    expect(await requests()).toEqual([{ action: 'print', paper: 'A4', landscape: true }]);
    await view.close();
  });

  it('over 调度评估 the menu\'s 打印… prints the review on A4 landscape; its own 打印 button does the same', async () => {
    await page.getByTestId('open-review').click();
    await page.getByTestId('review-table').waitFor();
    await command('print');
    await page.getByTestId('review-print').click();
    expect(await requests()).toEqual([
      { action: 'print', paper: 'A4', landscape: true },
      { action: 'print', paper: 'A4', landscape: true },
    ]);
    expect(await page.getByTestId('print-view').count()).toBe(0);
  });
});
