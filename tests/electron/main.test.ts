/**
 * electron/main.ts against the fake electron module: the order of the start, the window it opens, the
 * services it wires, and what it leaves behind on quit. The store is real (a temp file, the sample data).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/store';
import { electron, fake, fakeEvent, FakeBrowserWindow, FakeWebContents, ipcEvent, until } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const userData = tempDir('ducha-userdata-');
const storePath = path.join(tempDir('ducha-store-'), 'chosen.sqlite');
const savedArgv = process.argv;
let window: FakeBrowserWindow;

const api = (method: string, payload: unknown, url = 'app://bundle/index.html') =>
  fake.ipcHandlers.get('api')!(ipcEvent(url), method, payload) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

beforeAll(async () => {
  fake.app.userData = userData;
  process.argv = ['/usr/lib/electron/electron', fake.app.appPath, '--db', storePath];
  await import('../../electron/main');
});

afterAll(() => {
  process.argv = savedArgv;
});

describe('before the app is ready', () => {
  it('takes the single instance lock, registers the app scheme, turns on the sandbox everywhere and speaks Chinese in Chromium\'s own controls', () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'zh-CN');
    // Nothing that needs a ready app has run yet.
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('hardens every webContents that will ever be created', () => {
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    const event = fakeEvent();
    contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('once ready', () => {
  beforeAll(async () => {
    fake.app.fireReady();
    // The first start on an empty store loads the sample data (exceljs), which takes a moment.
    await until(() => FakeBrowserWindow.instances.length > 0, 60_000);
    window = FakeBrowserWindow.instances[0]!;
  }, 90_000);

  it('serves the renderer on app:// and denies every permission', () => {
    expect(fake.protocolHandlers.has('app')).toBe(true);
    const callback = vi.fn();
    fake.session.permissionRequestHandler!({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('opens one window, titled in Chinese, sandboxed, with the bundled preload, on the app page', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.options.title).toBe('责任目标督查工作台');
    expect(window.options.show).toBe(false);
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(path.basename(prefs.preload as string)).toBe('preload.js');
    expect(window.loadedUrl).toBe('app://bundle/index.html');
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('opens the store given with --db, loaded with the sample data on first start', async () => {
    const info = await api('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { storePath } });
    expect((info.value as { years: number[] }).years).toContain(2023);
    expect(fs.existsSync(storePath)).toBe(true);
  });

  it('refuses API calls from any other page', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await api('plans.list', {}, 'https://evil.example/')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('sets a Chinese menu 文件/编辑/视图/帮助 with standard roles', () => {
    const template = fake.menuTemplate as MenuItemConstructorOptions[];
    expect(template.map((m) => m.label!.replace(/\(&\w\)$/, ''))).toEqual(['文件', '编辑', '视图', '帮助']);
    const roles = template.flatMap((m) => (m.submenu as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean));
    expect(roles).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut']));
    // Not packaged here, so the developer tools are offered.
    expect(roles).toContain('toggleDevTools');
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('wires the menu to the page, the dialogs to the shell channel and exports to the save dialog', async () => {
    const template = fake.menuTemplate as MenuItemConstructorOptions[];
    const file = template[0]!.submenu as MenuItemConstructorOptions[];
    const importItem = file.find((i) => i.label === '导入…')!;
    expect(importItem.accelerator).toBe('CmdOrCtrl+O');
    (importItem.click as () => void)();
    expect(window.webContents.sent).toEqual([['command', 'import-files', undefined]]);
    expect(fake.ipcHandlers.has('shell')).toBe(true);
    expect(fake.session.listenerCount('will-download')).toBe(1);
    // A cancelled dialog: the page hears so, nothing else happens.
    const shellAnswer = await fake.ipcHandlers.get('shell')!(ipcEvent('app://bundle/index.html'), { action: 'import.files' });
    expect(shellAnswer).toEqual({ ok: true, value: { cancelled: true } });
  });

  it('gives the status bar its data through the contract', async () => {
    const status = await api('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { storePath, backupDir: path.join(path.dirname(storePath), '备份') } });
    expect((status.value as { storeBytes: number }).storeBytes).toBe(fs.statSync(storePath).size + (fs.existsSync(`${storePath}-wal`) ? fs.statSync(`${storePath}-wal`).size : 0) + (fs.existsSync(`${storePath}-shm`) ? fs.statSync(`${storePath}-shm`).size : 0));
    // The first start of the day took the daily backup.
    expect((status.value as { lastBackupAt: string | null }).lastBackupAt).not.toBeNull();
  });

  it('brings the window back when a second copy is started', () => {
    window.minimized = true;
    window.focused = false;
    fake.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('remembers the window bounds and maximized state when it closes', () => {
    window.bounds = { x: 40, y: 30, width: 1300, height: 820 };
    window.maximized = true;
    window.emit('close', fakeEvent());
    const saved = JSON.parse(fs.readFileSync(path.join(userData, 'window-state.json'), 'utf8'));
    expect(saved).toEqual({ bounds: { x: 40, y: 30, width: 1300, height: 820 }, maximized: true });
  });

  it('quits when the window is gone and closes the store on quit', async () => {
    window.emit('closed');
    fake.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalled();
    fake.app.emit('will-quit', fakeEvent());
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // The connection is closed: the service can no longer answer.
    expect(await api('app.info', {})).toMatchObject({ ok: false });
  });
});
