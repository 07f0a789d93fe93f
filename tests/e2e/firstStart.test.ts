/**
 * The product started the way the README's first command starts it: `node scripts/start.mjs` (what
 * `npm start` runs) on a machine without the Electron binary, with a home folder that holds nothing yet
 * (its path with spaces and Chinese). It builds, falls back to the browser mode and prints the address;
 * Chromium opens it. Then the same data folder read-only, then with the store damaged.
 *
 * The project is copied (sources only, node_modules linked) so that the start script's build writes into
 * the copy's own dist/, not under the other tests' feet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corruptMiddle } from '../helpers/damage';
import { makeReadOnly } from '../helpers/readOnly';
import { launchBrowser } from './browser';
import { OverviewPage } from './pages/overviewPage';
import { WelcomePage } from './pages/welcomePage';

const ROOT = path.resolve(__dirname, '../..');
/** What a checkout holds that the start path does not read, and what a start writes. */
const LEFT_OUT = new Set(['node_modules', 'dist', '.git', '.electron-native', 'release', 'tests', 'docs', 'bench', '.data', '.bench', '.scratch', 'test-results']);

function projectCopy(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-project-'));
  for (const name of fs.readdirSync(ROOT)) {
    if (LEFT_OUT.has(name)) continue;
    fs.cpSync(path.join(ROOT, name), path.join(copy, name), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

interface Started {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs the start script as a user would and waits for the address it prints. */
function start(project: string, home: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LANG: 'zh_CN.UTF-8',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    APPDATA: path.join(home, 'AppData', 'Roaming'),
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  };
  // Its own process group: the start script, the server under it, and nothing left behind.
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], { cwd: project, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const url = /请在浏览器中打开：(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(text)?.[1];
      if (url) resolve({ url, output: () => text, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`启动脚本退出（${code}），没有给出地址：\n${text}`)));
  });
}

/** Answers come from a real server on a busy 2-core machine: a poll waits for them, not a second. */
const WAIT = { timeout: 20_000 };

let project: string;
let home: string;
let browser: Browser;

beforeAll(async () => {
  project = projectCopy();
  home = fs.mkdtempSync(path.join(os.tmpdir(), '首次 启动 '));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const dir of [project, home]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(url: string): Promise<{ page: Page; overview: OverviewPage; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  return { page, overview: new OverviewPage(page), errors };
}

// Each case runs the whole start script (two builds, then the server) on a machine shared with others.
describe('npm start on a fresh machine', { timeout: 180_000 }, () => {
  const dataFolder = () => path.join(home, '.config', '责任目标督查工作台');
  const storePath = () => path.join(dataFolder(), 'store.sqlite');

  it('an empty home folder: the data folder is made, the browser mode opens on the sample overview', async () => {
    expect(fs.readdirSync(home)).toEqual([]);
    const app = await start(project, home);
    try {
      expect(app.output()).toContain('现在启动浏览器模式');
      expect(app.output()).toContain(`数据文件：${storePath()}`);
      const { page, overview, errors } = await open(app.url);
      // A first run: the welcome, over the sample data marked as such.
      const welcome = new WelcomePage(page);
      await welcome.waitForWelcome();
      await welcome.trySample();
      await overview.waitForRows();
      await expect.poll(() => overview.count(), WAIT).toContain('共 39 项目标');
      expect(await welcome.sampleMark().textContent()).toBe('示例数据');
      await page.close();
      expect(errors).toEqual([]);
    } finally {
      await app.stop();
    }
    expect(fs.existsSync(storePath())).toBe(true);
  });

  it('a read-only data folder: the app opens read-only, says so naming the folder, and refuses a change', async () => {
    const undo = makeReadOnly(dataFolder());
    try {
      const app = await start(project, home);
      try {
        // The terminal says it too (on stderr, which may arrive after the address on stdout).
        await expect.poll(() => app.output(), WAIT).toContain(`数据文件夹 ${dataFolder()} 不能写入`);
        const { page, overview, errors } = await open(app.url);
        await overview.waitForRows();
        await expect.poll(() => overview.count(), WAIT).toContain('共 39 项目标');
        const banner = page.getByTestId('read-only-banner');
        await expect.poll(() => banner.textContent(), WAIT).toContain(`数据文件夹 ${dataFolder()} 不能写入`);
        // No welcome in a read-only start (the same answer as the banner): seeing it could not be remembered.
        expect(await new WelcomePage(page).dialog().count()).toBe(0);
        await overview.progressCell(2).locator('.cell-display').focus();
        await page.keyboard.press('Control+a');
        await page.keyboard.type('只读时的修改');
        await page.keyboard.press('Tab');
        await expect.poll(() => overview.savedState(), WAIT).toMatch(/^保存失败：本次修改没有保存。数据文件夹 .+ 不能写入/);
        await page.close();
        expect(errors).toEqual([]);
      } finally {
        await app.stop();
      }
    } finally {
      undo();
    }
  });

  it('a damaged store: the recovery screen', async () => {
    corruptMiddle(storePath());
    const app = await start(project, home);
    try {
      const { page } = await open(app.url);
      const recovery = page.getByTestId('recovery');
      await recovery.waitFor({ state: 'visible', timeout: 30_000 });
      await expect.poll(() => recovery.textContent(), WAIT).toContain('已损坏');
      // The daily backup of the first start is offered.
      await expect.poll(() => recovery.textContent(), WAIT).toContain('39 项目标');
      await page.close();
    } finally {
      await app.stop();
    }
  });
});
