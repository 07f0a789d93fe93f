/**
 * Renderer timings in Debian's Chromium against the browser mode: the renderer marks when overview data
 * arrives and when its first rows are on screen (performance marks `overview-data` and `overview-drawn`).
 */
import fs from 'node:fs';
import { chromium, type Page } from 'playwright';
import { startServer } from '../electron/host/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser';
import { percentile, type Stat } from './stats';

/** Waits for the next drawn mark and returns the time from the data's arrival to it. */
async function dataToDrawn(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('overview-drawn').length > 0, null, { timeout: 60_000 });
  return page.evaluate(() => {
    const data = performance.getEntriesByName('overview-data').at(-1)!;
    const drawn = performance.getEntriesByName('overview-drawn').at(-1)!;
    return drawn.startTime - data.startTime;
  });
}

export async function measureFirstRows(storePath: string, year: number): Promise<{ firstRows: Stat; filterRedraw: Stat } | null> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.log(`（未找到 ${CHROMIUM_PATH}，跳过界面测量）`);
    return null;
  }
  const server = await startServer({ storePath, seedIfEmpty: false });
  // A first start shows the welcome, a modal view whose focus trap takes the focus back from the search box
  // (the fills would then not reach it and no redraw would come): measured as on any later day, as the e2e
  // sessions do.
  await server.core.call('app.welcomeSeen', {});
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const first: number[] = [];
    const redraw: number[] = [];
    for (let i = 0; i < 8; i++) {
      // The token travels in the hash; after the first load it is kept in sessionStorage, and a reload
      // (not a second goto to the same URL, which is only a fragment change) starts the page afresh.
      if (i === 0) await page.goto(server.url.replace('#', `?year=${year}#`));
      else await page.reload();
      first.push(await dataToDrawn(page));
    }
    for (let i = 0; i < 8; i++) {
      await page.evaluate(() => performance.clearMarks());
      await page.getByTestId('search').fill(i % 2 === 0 ? '项目建设' : '');
      redraw.push(await dataToDrawn(page));
    }
    if (process.env.BENCH_VERBOSE) console.log({ first, redraw });
    return { firstRows: { p50: percentile(first, 50), p95: percentile(first, 95) }, filterRedraw: { p50: percentile(redraw, 50), p95: percentile(redraw, 95) } };
  } finally {
    await browser.close();
    await server.close();
  }
}
