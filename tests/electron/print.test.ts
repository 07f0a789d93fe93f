/**
 * PRINT (issue 19): the desktop window prints itself on the page's request, against the stubbed electron
 * module: 打印 passes the paper to webContents.print (the system dialog), 保存为PDF asks where in the save dialog,
 * writes printToPDF's bytes there and offers 在文件夹中显示; a forged request (a path, another paper) is refused
 * before anything prints; 文件 › 打印… Ctrl+P asks the page for its print view.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createShellHandler, type ShellDeps } from '../../electron/dialogs';
import { menuTemplate, type ShellCommand } from '../../electron/menu';
import { tempDir } from '../helpers/store';
import { electron, fake, FakeBrowserWindow, ipcEvent } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const APP_PAGE = ipcEvent('app://bundle/index.html');

describe('printing the desktop window', () => {
  let win: FakeBrowserWindow;
  let handler: ReturnType<typeof createShellHandler>;
  beforeEach(() => {
    win = new FakeBrowserWindow({ width: 1366, height: 768 });
    fake.saveAnswers.length = 0;
    electron.dialog.showSaveDialog.mockClear();
    electron.dialog.showMessageBox.mockClear();
    electron.shell.showItemInFolder.mockClear();
    const deps: ShellDeps = {
      dialog: electron.dialog as unknown as ShellDeps['dialog'],
      shell: electron.shell as unknown as ShellDeps['shell'],
      window: () => win as unknown as BrowserWindow,
      core: () => null,
      recent: { list: () => [], add: () => {} },
      downloadsDir: () => '/home/u/下载',
    };
    handler = createShellHandler(deps);
  });

  it('打印 opens the system print dialog for the page, on the paper the print view uses', async () => {
    expect(await handler(APP_PAGE, { action: 'print', paper: 'A3', landscape: true })).toEqual({ ok: true, value: { cancelled: false, kind: 'value', value: null } });
    expect(win.webContents.printed).toEqual([{ silent: false, printBackground: true, pageSize: 'A3', landscape: true }]);
    win.webContents.printAnswer = { success: false, failureReason: 'cancelled' };
    expect(await handler(APP_PAGE, { action: 'print', paper: 'A4', landscape: false })).toEqual({ ok: true, value: { cancelled: true } });
    win.webContents.printAnswer = { success: false, failureReason: 'Print job failed' };
    const failed = await handler(APP_PAGE, { action: 'print', paper: 'A4', landscape: true });
    expect(failed).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(!failed.ok && failed.error.message).toMatch(/^打印失败/);
  });

  it('保存为PDF writes the page\'s PDF where the user chose and offers to show it', async () => {
    const file = path.join(tempDir('ducha-pdf-'), '一览表.pdf');
    fake.saveAnswers.push(file);
    const answer = await handler(APP_PAGE, { action: 'print.pdf', paper: 'A3', landscape: true, fileName: '菏泽市2023年三季度一览表.pdf' });
    expect(answer).toEqual({ ok: true, value: { cancelled: false, kind: 'value', value: { fileName: '一览表.pdf' } } });
    expect((electron.dialog.showSaveDialog.mock.calls[0] as unknown[])[1]).toMatchObject({ defaultPath: '/home/u/下载/菏泽市2023年三季度一览表.pdf', filters: [{ extensions: ['pdf'] }] });
    // The page's own @page size wins; the paper is the fallback.
    expect(win.webContents.pdfs).toEqual([{ pageSize: 'A3', landscape: true, printBackground: true, preferCSSPageSize: true }]);
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.4 fake 1');
    await vi.waitFor(() => expect(electron.shell.showItemInFolder).toHaveBeenCalledWith(file));
  });

  it('a cancelled save dialog prints nothing; an unwritable folder is said in Chinese', async () => {
    expect(await handler(APP_PAGE, { action: 'print.pdf', paper: 'A4', landscape: true, fileName: 'a.pdf' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(win.webContents.pdfs).toEqual([]);
    fake.saveAnswers.push(path.join(tempDir('ducha-pdf-'), '没有的文件夹', 'a.pdf'));
    const failed = await handler(APP_PAGE, { action: 'print.pdf', paper: 'A4', landscape: true, fileName: 'a.pdf' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(!failed.ok && failed.error.message).toMatch(/^无法写入.*请换一个位置再保存/);
  });

  it('refuses a request naming a path, another paper or an unknown page, before anything prints', async () => {
    for (const forged of [
      { action: 'print.pdf', paper: 'A3', landscape: true, fileName: '../../etc/x.pdf' },
      { action: 'print.pdf', paper: 'A3', landscape: true, fileName: 'C:\\Users\\x.pdf' },
      { action: 'print.pdf', paper: 'A3', landscape: true, fileName: 'a.exe' },
      { action: 'print.pdf', paper: 'A3', landscape: true, fileName: 'a.pdf', path: '/tmp/a.pdf' },
      { action: 'print', paper: 'Letter', landscape: true },
      { action: 'print', paper: 'A3' },
    ]) {
      expect(await handler(APP_PAGE, forged), JSON.stringify(forged)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(await handler(ipcEvent('https://evil.example/'), { action: 'print', paper: 'A3', landscape: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(win.webContents.printed).toEqual([]);
    expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('文件 › 打印… (Ctrl+P) asks the page for its print view', () => {
    const sent: ShellCommand[] = [];
    const template = menuTemplate({ dev: false, recent: [], send: (c) => sent.push(c), onShowStore: () => {}, onClearRecent: () => {}, onAbout: () => {} });
    const file = template[0]!.submenu as MenuItemConstructorOptions[];
    const item = file.find((i) => i.label === '打印…')!;
    expect(item.accelerator).toBe('CmdOrCtrl+P');
    (item.click as () => void)();
    expect(sent).toEqual(['print']);
  });
});
