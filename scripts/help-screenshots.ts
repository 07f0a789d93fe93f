/**
 * `npm run help:screenshots`: the pictures of the built-in guide (renderer/public/help/), taken of the
 * product itself in the browser mode on the sample data, at 1366×768 (the office PCs' common screen).
 * Needs the built renderer (npm run build:renderer) and Debian's Chromium. Run again when a screen changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { startServer } from '../electron/host/server';
import { launchBrowser } from '../tests/e2e/browser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'renderer', 'public', 'help');
const SEED = path.join(root, 'seeds', '2023-三季度-一览表.xlsx');

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // let fonts and the virtual rows settle
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`已生成 renderer/public/help/${name}.png`);
}

async function close(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-help-'));
  const server = await startServer({ storePath: path.join(dir, 'store.sqlite'), port: 0, seedIfEmpty: true, dailyBackup: false });
  // The guide shows the screens of a day's work, not the first run's welcome over them.
  await server.core.call('app.welcomeSeen', {});
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await page.goto(server.url);
    await page.getByTestId('overview-row').first().waitFor();
    await shot(page, 'overview');

    await page.getByRole('button', { name: '打开第2项责任目标' }).click();
    await page.getByTestId('target-detail').waitFor();
    await shot(page, 'target');
    await close(page);

    await page.getByTestId('open-round').click();
    await page.getByTestId('round-screen').waitFor();
    await shot(page, 'round');
    await page.getByTestId('round-screen').getByRole('button', { name: '关闭' }).first().click();

    await page.getByTestId('open-import').click();
    await page.getByTestId('import-files').setInputFiles(SEED);
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    await shot(page, 'import');
    await page.getByTestId('import-screen').getByRole('button', { name: '关闭' }).click();

    await page.getByTestId('open-review').click();
    await page.getByTestId('review-tiles').waitFor();
    await shot(page, 'review');
    await page.getByTestId('review-screen').getByRole('button', { name: '关闭' }).first().click();

    await page.getByTestId('open-export').click();
    await page.getByTestId('export-dialog').waitFor();
    await shot(page, 'export');
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`截图失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
