/**
 * The application menu in Chinese with the shortcuts office users know from Excel/WPS. Items that open a
 * screen send a command to the page (it owns the screens); the page then asks for a dialog through the
 * shell channel (dialogs.ts), so a file or folder is only ever picked in a dialog of the main process.
 */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

export const APP_TITLE = '责任目标督查工作台';

/** What a menu item asks the page to do; the page maps each to its screen (renderer/app/shell.ts). */
export const SHELL_COMMANDS = ['import-files', 'import-folder', 'import-recent', 'export', 'print', 'settings', 'backups', 'data-folder', 'help'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

export interface MenuOptions {
  /** Development build: 重新加载 and the developer tools. */
  dev: boolean;
  recent: readonly string[];
  send: (command: ShellCommand, index?: number) => void;
  onShowStore: () => void;
  onClearRecent: () => void;
  onAbout: () => void;
}

function recentMenu(options: MenuOptions): MenuItemConstructorOptions[] {
  if (options.recent.length === 0) return [{ label: '（无）', enabled: false }];
  return [
    // The folder shown too: 三季度.xlsx exists in every quarter's folder.
    ...options.recent.map((file, index): MenuItemConstructorOptions => ({
      label: `&${index + 1} ${path.basename(file)}    ${path.dirname(file)}`,
      click: () => options.send('import-recent', index),
    })),
    { type: 'separator' },
    { label: '清除最近打开记录', click: options.onClearRecent },
  ];
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [];
  if (options.dev) view.push({ role: 'reload', label: '重新加载', accelerator: 'CmdOrCtrl+R' }, { type: 'separator' });
  view.push(
    { role: 'resetZoom', label: '实际大小', accelerator: 'CmdOrCtrl+0' },
    { role: 'zoomIn', label: '放大', accelerator: 'CmdOrCtrl+=' },
    { role: 'zoomOut', label: '缩小', accelerator: 'CmdOrCtrl+-' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏', accelerator: 'F11' },
  );
  if (options.dev) view.push({ type: 'separator' }, { role: 'toggleDevTools', label: '开发者工具', accelerator: 'CmdOrCtrl+Shift+I' });
  return [
    {
      label: '文件(&F)',
      submenu: [
        { label: '导入…', accelerator: 'CmdOrCtrl+O', click: () => options.send('import-files') },
        { label: '导入文件夹…', accelerator: 'CmdOrCtrl+Shift+O', click: () => options.send('import-folder') },
        { label: '最近打开', submenu: recentMenu(options) },
        { type: 'separator' },
        { label: '导出…', accelerator: 'CmdOrCtrl+E', click: () => options.send('export') },
        // The page opens its print view (the screen on top, or the 一览表); printing happens from there.
        { label: '打印…', accelerator: 'CmdOrCtrl+P', click: () => options.send('print') },
        { type: 'separator' },
        { label: '数据备份与恢复…', click: () => options.send('backups') },
        { label: '数据文件夹…', click: () => options.send('data-folder') },
        { label: '打开数据文件所在位置', click: options.onShowStore },
        { type: 'separator' },
        { label: '设置…', accelerator: 'CmdOrCtrl+,', click: () => options.send('settings') },
        { type: 'separator' },
        { role: 'quit', label: '退出', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销', accelerator: 'CmdOrCtrl+Z' },
        { role: 'redo', label: '重做', accelerator: 'CmdOrCtrl+Y' },
        { type: 'separator' },
        { role: 'cut', label: '剪切', accelerator: 'CmdOrCtrl+X' },
        { role: 'copy', label: '复制', accelerator: 'CmdOrCtrl+C' },
        { role: 'paste', label: '粘贴', accelerator: 'CmdOrCtrl+V' },
        { role: 'selectAll', label: '全选', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    {
      label: '帮助(&H)',
      submenu: [
        { label: '使用指南', accelerator: 'F1', click: () => options.send('help') },
        { type: 'separator' },
        { label: `关于${APP_TITLE}`, click: options.onAbout },
      ],
    },
  ];
}
