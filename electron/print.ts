/**
 * PRINT (issue 19): the desktop window prints itself. The page shows its print view (the 一览表, 调度评估,
 * 督查通报) and asks on the shell channel; this prints the window's own page through the system dialog, or
 * saves it as a PDF where the user chooses in the save dialog. The page's print styles decide what is on the
 * paper, exactly as in the browser mode; this file only passes the paper on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Dialog, Shell } from 'electron';
import { AppError } from '../shared/errors';
import type { PrintSetup } from '../shared/print';
import { APP_TITLE } from './menu';

export interface PrintDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showMessageBox'>;
  shell: Pick<Shell, 'showItemInFolder'>;
  window: () => BrowserWindow | null;
  downloadsDir: () => string;
}

function windowOf(deps: PrintDeps): BrowserWindow {
  const win = deps.window();
  if (!win) throw new AppError('io', '窗口已关闭，无法打印。');
  return win;
}

/** The system's print dialog for the window's page; false when the user cancelled it. */
export function printWindow(deps: PrintDeps, setup: PrintSetup): Promise<boolean> {
  const win = windowOf(deps);
  return new Promise((resolve, reject) => {
    win.webContents.print({ silent: false, printBackground: true, pageSize: setup.paper, landscape: setup.landscape }, (success, failureReason) => {
      if (success || failureReason === 'cancelled') resolve(success);
      else reject(new AppError('io', `打印失败：${failureReason || '打印机没有响应'}。请检查打印机后重试，或先保存为PDF。`));
    });
  });
}

/** Saves the window's page as a PDF where the user chooses; the file's name, or null when cancelled. */
export async function saveWindowPdf(deps: PrintDeps, setup: PrintSetup, fileName: string): Promise<string | null> {
  const win = windowOf(deps);
  const chosen = await deps.dialog.showSaveDialog(win, {
    title: '保存为PDF',
    defaultPath: path.join(deps.downloadsDir(), fileName),
    buttonLabel: '保存',
    filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
  });
  if (chosen.canceled || !chosen.filePath) return null;
  // The page's @page rules give the paper; pageSize is Chromium's fallback where a rule names none.
  const data = await win.webContents.printToPDF({ pageSize: setup.paper, landscape: setup.landscape, printBackground: true, preferCSSPageSize: true });
  try {
    await fs.promises.writeFile(chosen.filePath, data);
  } catch {
    throw new AppError('io', `无法写入 ${chosen.filePath}（磁盘已满、没有写入权限，或U盘已拔出？）。请换一个位置再保存。`);
  }
  const saved = chosen.filePath;
  void deps.dialog
    .showMessageBox(win, { type: 'info', title: APP_TITLE, message: `已保存为PDF：${path.basename(saved)}`, detail: `保存位置：${saved}`, buttons: ['在文件夹中显示', '关闭'], defaultId: 0, cancelId: 1 })
    .then((r) => {
      if (r.response === 0) deps.shell.showItemInFolder(saved);
    });
  return path.basename(saved);
}
