/**
 * The Electron host: app lifecycle and the one window, nothing else. The store and the service live in
 * the host-independent core (host/app.ts); this file opens it, serves the renderer on app://bundle/,
 * wires the single IPC channel and closes the store on quit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell } from 'electron';
import { toErrorInfo } from '../shared/errors';
import { startCore, type AppCore } from './host/app';
import { registerApi } from './ipc/dispatch';
import { APP_TITLE, menuTemplate, type ShellCommand } from './menu';
import { attachDownloads, createShellHandler, SHELL_CHANNEL } from './dialogs';
import { readRecent, withRecent, writeRecent } from './recent';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { APP_ENTRY_URL, hardenSession, hardenWebContents, webPreferences } from './security';
import { defaultSize, MIN_HEIGHT, MIN_WIDTH, readWindowState, restorableBounds, writeWindowState } from './windowState';

export { APP_TITLE };

/** `--db PATH` or `--db=PATH` chooses the store; otherwise store.sqlite in the user's data folder. */
export function storePathFromArgv(argv: readonly string[], userData: string, cwd = process.cwd()): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--db' ? argv[i + 1] : arg.startsWith('--db=') ? arg.slice('--db='.length) : undefined;
    if (value) return path.resolve(cwd, value);
  }
  return path.join(userData, 'store.sqlite');
}

/**
 * A backup file the app was opened with (double-click on a .sqlite: electron-builder.yml's file
 * association), or null. Options and the app's own folder are not files to restore.
 */
export function backupFileFromArgv(argv: readonly string[], cwd = process.cwd()): string | null {
  const file = argv.slice(1).find((a, i, rest) => !a.startsWith('-') && rest[i - 1] !== '--db' && /\.sqlite$/i.test(a));
  return file ? path.resolve(cwd, file) : null;
}

/** Offers to restore from `file` and reloads the page when it was restored. */
async function offerRestore(file: string): Promise<void> {
  if (!core || !mainWindow) return;
  const { response } = await dialog.showMessageBox(mainWindow, {
    type: 'question',
    title: APP_TITLE,
    message: `用备份 ${path.basename(file)} 恢复数据？`,
    detail: `备份文件：${file}\n恢复前会先备份现在的数据，恢复后可以用那份备份撤回。`,
    buttons: ['恢复', '取消'],
    defaultId: 1,
    cancelId: 1,
  });
  if (response !== 0) return;
  try {
    await core.restoreFile(file);
    mainWindow.webContents.reload();
  } catch (err) {
    dialog.showErrorBox('恢复失败', err instanceof Error ? err.message : String(err));
  }
}

/** Where scripts/start.mjs builds better-sqlite3 for Electron's ABI, apart from the Node build the tests use. */
export const DEV_NATIVE_BINDING = path.join('.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/**
 * The Electron-ABI build of better-sqlite3 in development. A packaged app needs none: electron-builder
 * rebuilds the module for Electron when it packages, so the copy in node_modules is already the right one.
 */
export function nativeBindingPath(appPath: string, isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (isPackaged) return undefined;
  const candidates = [env.DUCHA_NATIVE_BINDING, path.join(appPath, DEV_NATIVE_BINDING)];
  return candidates.find((file): file is string => !!file && fs.existsSync(file));
}

let mainWindow: BrowserWindow | null = null;
let core: AppCore | null = null;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const saved = readWindowState(stateFile);
  const bounds = restorableBounds(saved, screen.getAllDisplays().map((d) => d.workArea)) ?? defaultSize(screen.getPrimaryDisplay().workArea);
  const icon = path.join(app.getAppPath(), 'build', 'icon.png');
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: APP_TITLE,
    show: false,
    backgroundColor: '#ffffff',
    // Packaged builds take the icon from the executable; in development the PNG beside the sources.
    ...(!app.isPackaged && fs.existsSync(icon) ? { icon } : {}),
    webPreferences: webPreferences(path.join(__dirname, 'preload.js'), { devTools: !app.isPackaged }),
  });
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => writeWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => console.error('[window] renderer gone:', details.reason));
  // The page holds the close while a save is on its way (beforeunload); Electron shows nothing by itself,
  // so ask here. Closing anyway is the user's call.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      buttons: ['等待保存完成', '仍然关闭'],
      defaultId: 0,
      cancelId: 0,
      title: APP_TITLE,
      message: '还有修改正在保存。',
      detail: '现在关闭，正在保存的修改可能丢失。',
    });
    if (choice === 1) event.preventDefault();
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  handleAppProtocol(path.join(app.getAppPath(), 'dist', 'renderer'));
  // The sample data sits in the app (inside app.asar when packaged), not beside the bundled main.js.
  process.env.DUCHA_SEEDS_DIR ??= path.join(app.getAppPath(), 'seeds');

  const storePath = storePathFromArgv(process.argv, app.getPath('userData'));
  try {
    core = await startCore({ storePath, seedIfEmpty: true, dailyBackup: true, warmReviews: true, nativeBinding: nativeBindingPath(app.getAppPath(), app.isPackaged) });
  } catch (err) {
    dialog.showErrorBox('无法打开数据文件', `${toErrorInfo(err).message}\n\n数据文件：${storePath}`);
    app.exit(1);
    return;
  }
  registerApi(core);

  const recentFile = path.join(app.getPath('userData'), 'recent.json');
  let recent = readRecent(recentFile);
  const send = (command: ShellCommand, index?: number) => mainWindow?.webContents.send('command', command, index);
  const setMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          dev: !app.isPackaged,
          recent,
          send,
          onShowStore: () => shell.showItemInFolder(core?.storePath ?? storePath),
          onClearRecent: () => updateRecent([]),
          onAbout: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于',
              message: APP_TITLE,
              detail: `版本 ${app.getVersion()}\n数据文件：${core?.storePath ?? storePath}`,
              buttons: ['确定'],
            }),
        }),
      ),
    );
  const updateRecent = (list: string[]) => {
    recent = list;
    writeRecent(recentFile, list);
    setMenu();
  };
  const window = () => mainWindow;
  const shellHandler = createShellHandler({
    dialog,
    shell,
    window,
    core: () => core,
    downloadsDir: () => app.getPath('downloads'),
    recent: {
      list: () => recent,
      add: (paths) => {
        updateRecent(withRecent(recent, paths));
        for (const p of paths) app.addRecentDocument(p);
      },
    },
  });
  ipcMain.handle(SHELL_CHANNEL, (event, request: unknown) => shellHandler(event, request));
  attachDownloads(session.defaultSession, { dialog, shell, window, downloadsDir: () => app.getPath('downloads') });
  setMenu();
  mainWindow = createWindow();
  const opened = backupFileFromArgv(process.argv);
  if (opened && opened !== path.resolve(storePath)) mainWindow.once('ready-to-show', () => void offerRestore(opened));
}

function main(): void {
  // A second copy would open the same store; it hands over to the first window instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', (_event, argv: string[], cwd: string) => {
    focusMainWindow();
    const opened = backupFileFromArgv(argv, cwd);
    if (opened) void offerRestore(opened);
  });

  registerAppScheme();
  app.enableSandbox();
  // Chromium's own controls (date fields, file pickers, context menus) in Chinese, whatever the system's
  // language: an English Windows would otherwise show mm/dd/yyyy and "Choose File" inside Chinese screens.
  app.commandLine.appendSwitch('lang', 'zh-CN');
  if (process.platform === 'win32') app.setAppUserModelId('cn.gov.duchagongzuotai');
  // Every webContents, present or future, gets the navigation, popup and webview denial.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });

  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('启动失败', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}

main();
