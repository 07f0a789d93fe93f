/**
 * The Electron host: app lifecycle and the one window, nothing else. The store and the service live in
 * the host-independent core (host/app.ts); this file opens it, serves the renderer on app://bundle/,
 * wires the single IPC channel and closes the store on quit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session, shell, type MenuItemConstructorOptions } from 'electron';
import { toErrorInfo } from '../shared/errors';
import { startCore, type AppCore } from './host/app';
import { registerApi } from './ipc/dispatch';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { APP_ENTRY_URL, hardenSession, hardenWebContents, webPreferences } from './security';
import { defaultSize, MIN_HEIGHT, MIN_WIDTH, readWindowState, restorableBounds, writeWindowState } from './windowState';

export const APP_TITLE = '责任目标督查工作台';

/** `--db PATH` or `--db=PATH` chooses the store; otherwise store.sqlite in the user's data folder. */
export function storePathFromArgv(argv: readonly string[], userData: string, cwd = process.cwd()): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--db' ? argv[i + 1] : arg.startsWith('--db=') ? arg.slice('--db='.length) : undefined;
    if (value) return path.resolve(cwd, value);
  }
  return path.join(userData, 'store.sqlite');
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

export function menuTemplate(options: { devTools: boolean; onShowStore: () => void; onAbout: () => void }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新加载' },
    { type: 'separator' },
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  if (options.devTools) {
    view.push({ type: 'separator' }, { role: 'forceReload', label: '强制重新加载' }, { role: 'toggleDevTools', label: '开发者工具' });
  }
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '打开数据文件所在位置', click: options.onShowStore },
        { type: 'separator' },
        { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    { label: '帮助(&H)', submenu: [{ label: `关于${APP_TITLE}`, click: options.onAbout }] },
  ];
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
    core = await startCore({ storePath, seedIfEmpty: true, dailyBackup: true, nativeBinding: nativeBindingPath(app.getAppPath(), app.isPackaged) });
  } catch (err) {
    dialog.showErrorBox('无法打开数据文件', `${toErrorInfo(err).message}\n\n数据文件：${storePath}`);
    app.exit(1);
    return;
  }
  registerApi(core);

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        devTools: !app.isPackaged,
        onShowStore: () => shell.showItemInFolder(storePath),
        onAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: '关于',
            message: APP_TITLE,
            detail: `版本 ${app.getVersion()}\n数据文件：${storePath}`,
            buttons: ['确定'],
          }),
      }),
    ),
  );
  mainWindow = createWindow();
}

function main(): void {
  // A second copy would open the same store; it hands over to the first window instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusMainWindow);

  registerAppScheme();
  app.enableSandbox();
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
