import type { Browser, Page } from 'playwright';
import { startServer, type RunningServer } from '../../electron/host/server';
import { launchBrowser } from './browser';
import { OverviewPage } from './pages/overviewPage';

/** One browser-mode server on a real store plus a Chromium page on it, as a user would open the app. */
export interface Session {
  server: RunningServer;
  browser: Browser;
  page: Page;
  overview: OverviewPage;
  storePath: string;
  /** Stops the server and starts a new one on the same store (a restart of the app). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** `welcome`: leave the first run's welcome to the test (by default it counts as seen, as after a first day). */
export async function openSession(storePath: string, options: { seed?: boolean; welcome?: boolean } = {}): Promise<Session> {
  const browser = await launchBrowser();
  // A context of its own (not browser.newPage's implicit one): axe-core's Playwright runner needs it.
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  let server = await startServer({ storePath, port: 0, seedIfEmpty: options.seed ?? true });
  if (!options.welcome) await server.core.call('app.welcomeSeen', {});
  await page.goto(server.url);
  const session: Session = {
    server,
    browser,
    page,
    storePath,
    overview: new OverviewPage(page),
    async restart() {
      await server.close();
      server = await startServer({ storePath, port: 0, seedIfEmpty: false });
      session.server = server;
      await page.goto(server.url);
    },
    async close() {
      await browser.close();
      await server.close();
      if (errors.length > 0) throw new Error(`页面脚本出错：${errors.join('; ')}`);
    },
  };
  return session;
}
