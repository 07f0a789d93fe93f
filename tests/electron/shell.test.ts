/**
 * The desktop's native shell against the stubbed electron module: the menu and its shortcuts, each dialog
 * routed to the service with only what the user picked, the save dialog of an export, 最近打开. The service
 * is real (a store in a temp folder); the dialogs answer what a test queued in fake.dialogAnswers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createShellHandler, handleDownload, type ShellAnswer, type ShellDeps } from '../../electron/dialogs';
import { menuTemplate, type ShellCommand } from '../../electron/menu';
import type { ShellCommand as PageCommand } from '../../renderer/app/shell';
import { readRecent, withRecent, writeRecent, MAX_RECENT } from '../../electron/recent';
import { createApiHandler } from '../../electron/ipc/dispatch';
import { openCore, tempDir } from '../helpers/store';
import type { AppCore } from '../../electron/host/app';
import { electron, fake, ipcEvent } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const APP_PAGE = ipcEvent('app://bundle/index.html');
const firstDialog = () => (electron.dialog.showOpenDialog.mock.calls[0] as unknown[] | undefined)?.[0];

type Item = MenuItemConstructorOptions;
function items(template: Item[], top: string): Item[] {
  return template.find((m) => m.label!.startsWith(top))!.submenu as Item[];
}
function byLabel(list: Item[], label: string): Item {
  const found = list.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label} in ${list.map((i) => i.label).join(', ')}`);
  return found;
}

// The page declares the commands itself (it may import nothing from electron/); tsc keeps the two equal.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandsMatch: Same<ShellCommand, PageCommand> = true;

describe('the menu', () => {
  it('sends only commands the page knows', () => expect(commandsMatch).toBe(true));

  const sent: [ShellCommand, number | undefined][] = [];
  const build = (dev: boolean, recent: string[] = []) =>
    menuTemplate({ dev, recent, send: (c, i) => sent.push([c, i]), onShowStore: () => {}, onClearRecent: () => {}, onAbout: () => {} });

  it('is 文件 / 编辑 / 视图 / 帮助 with the usual shortcuts', () => {
    const t = build(false);
    expect(t.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const file = items(t, '文件');
    expect(byLabel(file, '导入…').accelerator).toBe('CmdOrCtrl+O');
    expect(byLabel(file, '导出…').accelerator).toBe('CmdOrCtrl+E');
    const edit = items(t, '编辑');
    expect(edit.filter((i) => i.role).map((i) => [i.label, i.role, i.accelerator])).toEqual([
      ['撤销', 'undo', 'CmdOrCtrl+Z'],
      ['重做', 'redo', 'CmdOrCtrl+Y'],
      ['剪切', 'cut', 'CmdOrCtrl+X'],
      ['复制', 'copy', 'CmdOrCtrl+C'],
      ['粘贴', 'paste', 'CmdOrCtrl+V'],
      ['全选', 'selectAll', 'CmdOrCtrl+A'],
    ]);
    const view = items(t, '视图');
    expect(byLabel(view, '全屏')).toMatchObject({ role: 'togglefullscreen', accelerator: 'F11' });
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(byLabel(items(t, '帮助'), '使用指南').accelerator).toBe('F1');
    expect(byLabel(items(t, '帮助'), '关于责任目标督查工作台').click).toBeTypeOf('function');
  });

  it('offers 重新加载 and the developer tools only in development', () => {
    const roles = (dev: boolean) => items(build(dev), '视图').map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(byLabel(items(build(true), '视图'), '重新加载').accelerator).toBe('CmdOrCtrl+R');
  });

  it('sends the page a command for the screens it owns, and the index of a recent file', () => {
    sent.length = 0;
    const t = build(false, ['/u/报送/三季度.xlsx', '/u/二季度']);
    const file = items(t, '文件');
    (byLabel(file, '导入…').click as () => void)();
    (byLabel(file, '导出…').click as () => void)();
    (byLabel(items(t, '帮助'), '使用指南').click as () => void)();
    const recent = byLabel(file, '最近打开').submenu as Item[];
    expect(recent.map((i) => i.label)).toEqual(['&1 三季度.xlsx    /u/报送', '&2 二季度    /u', undefined, '清除最近打开记录']);
    (recent[1]!.click as () => void)();
    expect(sent).toEqual([
      ['import-files', undefined],
      ['export', undefined],
      ['help', undefined],
      ['import-recent', 1],
    ]);
    expect((byLabel(items(build(false), '文件'), '最近打开').submenu as Item[])[0]).toMatchObject({ label: '（无）', enabled: false });
  });
});

describe('最近打开', () => {
  it('keeps the newest first, without repeats, at most ten, and survives a restart', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i++) list = withRecent(list, [`/d/${i}.xlsx`]);
    list = withRecent(list, ['/d/5.xlsx']);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.slice(0, 3)).toEqual(['/d/5.xlsx', '/d/11.xlsx', '/d/10.xlsx']);
    const file = path.join(tempDir('ducha-recent-'), 'recent.json');
    writeRecent(file, list);
    expect(readRecent(file)).toEqual(list);
    fs.writeFileSync(file, '{"not":"a list"}');
    expect(readRecent(file)).toEqual([]);
  });
});

describe('dialogs routed to the service', () => {
  let core: AppCore & { invoke: (m: never, i: never) => Promise<unknown> };
  let recent: string[];
  let deps: ShellDeps;
  let handler: ReturnType<typeof createShellHandler>;
  const ask = async (request: unknown) => {
    const result = await handler(APP_PAGE, request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  beforeEach(async () => {
    core = (await openCore(undefined, true)) as typeof core;
    recent = [];
    fake.dialogAnswers.length = 0;
    electron.dialog.showOpenDialog.mockClear();
    deps = {
      dialog: electron.dialog as unknown as ShellDeps['dialog'],
      shell: electron.shell as unknown as ShellDeps['shell'],
      window: () => null,
      core: () => core,
      recent: { list: () => recent, add: (paths) => (recent = withRecent(recent, paths)) },
      downloadsDir: () => '/home/u/下载',
    };
    handler = createShellHandler(deps);
  }, 60_000);
  afterEach(() => core.close());

  it('imports the files picked in the open dialog: their bytes and names, not their paths, and remembers them', async () => {
    const dir = tempDir('ducha-pick-');
    fs.writeFileSync(path.join(dir, '东明县.xlsx'), 'PK-a');
    fs.writeFileSync(path.join(dir, '说明.pdf'), '%PDF');
    fs.writeFileSync(path.join(dir, '不选.xlsx'), 'PK-b');
    fake.dialogAnswers.push([path.join(dir, '东明县.xlsx'), path.join(dir, '说明.pdf')]);
    const answer = (await ask({ action: 'import.files' })) as Extract<ShellAnswer, { kind: 'import' }>;
    expect(firstDialog()).toMatchObject({ properties: ['openFile', 'multiSelections'] });
    expect(answer.files).toEqual([{ name: '东明县.xlsx', path: '东明县.xlsx', readAs: 'sheet', data: Buffer.from('PK-a').toString('base64') }]);
    expect(answer.skipped).toEqual([{ path: '说明.pdf', reason: 'PDF 无法导入，请让单位报送 Excel 或 Word' }]);
    expect(recent).toEqual([path.join(dir, '东明县.xlsx'), path.join(dir, '说明.pdf')]);
    // 最近打开 reads the same file again by its index in the list.
    fs.writeFileSync(path.join(dir, '东明县.xlsx'), 'PK-new');
    const again = (await ask({ action: 'import.recent', index: 0 })) as Extract<ShellAnswer, { kind: 'import' }>;
    expect(again.files.map((f) => f.data)).toEqual([Buffer.from('PK-new').toString('base64')]);
  });

  it('imports a whole folder picked in the folder dialog', async () => {
    const dir = tempDir('ducha-pick-');
    fs.mkdirSync(path.join(dir, '县区'));
    fs.writeFileSync(path.join(dir, '县区', 'a.xlsx'), 'a');
    fs.writeFileSync(path.join(dir, 'b.xlsx'), 'b');
    fake.dialogAnswers.push([dir]);
    const answer = (await ask({ action: 'import.folder' })) as Extract<ShellAnswer, { kind: 'import' }>;
    expect(firstDialog()).toMatchObject({ properties: ['openDirectory'] });
    expect(answer.files.map((f) => f.path).sort()).toEqual([`${path.basename(dir)}/b.xlsx`, `${path.basename(dir)}/县区/a.xlsx`]);
  });

  it('a cancelled dialog changes nothing', async () => {
    expect(await ask({ action: 'import.files' })).toEqual({ cancelled: true });
    expect(await ask({ action: 'backups.chooseDir' })).toEqual({ cancelled: true });
    expect(recent).toEqual([]);
  });

  it('sets the backup folder to the folder picked in the dialog, and the page cannot name one itself', async () => {
    const stick = tempDir('ducha-stick-');
    fake.dialogAnswers.push([stick]);
    const answer = (await ask({ action: 'backups.chooseDir' })) as { value: { backupDir: string } };
    expect(answer.value.backupDir).toBe(stick);
    expect(((await core.call('settings.get', {})) as { value: { backupDir: string } }).value.backupDir).toBe(stick);

    const api = createApiHandler(core);
    const settings = ((await core.call('settings.get', {})) as { value: Record<string, unknown> }).value;
    // The settings form sends the folder back unchanged with its other fields: allowed.
    expect(await api(APP_PAGE as never, 'settings.update', { ...settings, city: '某市' })).toMatchObject({ ok: true });
    // Another folder typed or forged in the page: refused, nothing changed.
    expect(await api(APP_PAGE as never, 'settings.update', { backupDir: '/etc' })).toMatchObject({ ok: false, error: { code: 'forbidden', where: { field: 'backupDir' } } });
    expect(((await core.call('settings.get', {})) as { value: { backupDir: string } }).value.backupDir).toBe(stick);
    // Back to the default folder beside the store: allowed.
    expect(await api(APP_PAGE as never, 'settings.update', { backupDir: '' })).toMatchObject({ ok: true, value: { backupDir: '' } });
  });

  it('restores from a backup file picked anywhere, backing up the current data first', async () => {
    const backup = await core.invoke('backups.create' as never, {} as never) as { file: string };
    const elsewhere = path.join(tempDir('ducha-usb-'), 'store-20260101-080000-000-manual.sqlite');
    fs.copyFileSync(backup.file, elsewhere);
    await core.invoke('targets.delete' as never, { id: 1 } as never);
    fake.dialogAnswers.push([elsewhere]);
    const answer = (await ask({ action: 'backups.restoreFile' })) as { value: { restored: { file: string }; safety: { reason: string } } };
    expect(firstDialog()).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['sqlite'] }] });
    expect(answer.value.restored.file).toBe(elsewhere);
    expect(answer.value.safety.reason).toBe('restore');
    const target = await core.call('targets.get', { id: 1 });
    expect(target.ok).toBe(true);
  });

  it('a file that is not a backup is refused in Chinese and the store is untouched', async () => {
    const bogus = path.join(tempDir('ducha-usb-'), '不是备份.sqlite');
    fs.writeFileSync(bogus, 'hello');
    fake.dialogAnswers.push([bogus]);
    const result = await handler(APP_PAGE, { action: 'backups.restoreFile' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(!result.ok && result.error.message).not.toMatch(/SQLITE_|ENOENT|file is not a database/);
    expect((await core.call('plans.list', {})).ok).toBe(true);
  });

  it('takes requests only from the app page and only by action name: no path is accepted', async () => {
    expect(await handler(ipcEvent('https://evil.example/'), { action: 'import.files' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler(APP_PAGE, { action: 'import.files', path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await handler(APP_PAGE, { action: 'backups.restoreFile', file: '/tmp/x.sqlite' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await handler(APP_PAGE, { action: 'import.recent', index: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('moves the store into the folder picked in the dialog; the page cannot name one itself', async () => {
    const from = core.storePath;
    const api = createApiHandler(core);
    expect(await api(APP_PAGE as never, 'store.move', { targetDir: tempDir('ducha-forged-') })).toMatchObject({ ok: false, error: { code: 'forbidden', where: { field: 'targetDir' } } });
    expect(core.storePath).toBe(from);
    const dir = tempDir('ducha-newhome-');
    fake.dialogAnswers.push([dir]);
    const answer = (await ask({ action: 'store.move' })) as { value: { from: string; to: string; oldKept: string } };
    expect(firstDialog()).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
    expect(answer.value).toMatchObject({ from, to: path.join(dir, path.basename(from)), oldKept: from });
    expect(core.storePath).toBe(path.join(dir, path.basename(from)));
  });

  it('shows the store in its folder', async () => {
    electron.shell.showItemInFolder.mockClear();
    await ask({ action: 'store.showInFolder' });
    expect(electron.shell.showItemInFolder).toHaveBeenCalledWith(core.storePath);
  });
});

describe('an export saved through the save dialog', () => {
  class FakeDownload extends EventEmitter {
    saveOptions: Record<string, unknown> | null = null;
    savePath = '';
    getFilename = () => '菏泽市2023年三季度一览表.xlsx';
    setSaveDialogOptions = (o: Record<string, unknown>) => void (this.saveOptions = o);
    getSavePath = () => this.savePath;
  }
  const deps = () => ({
    dialog: electron.dialog as never,
    shell: electron.shell as never,
    window: () => null,
    downloadsDir: () => '/home/u/下载',
  });

  it('asks where to save, then offers 在文件夹中显示 for the path chosen', async () => {
    electron.shell.showItemInFolder.mockClear();
    electron.dialog.showMessageBox.mockClear();
    const item = new FakeDownload();
    handleDownload(deps(), item as never);
    expect(item.saveOptions).toMatchObject({ defaultPath: '/home/u/下载/菏泽市2023年三季度一览表.xlsx', filters: [{ extensions: ['xlsx'] }] });
    item.savePath = '/media/U盘/一览表.xlsx';
    item.emit('done', {}, 'completed');
    await vi.waitFor(() => expect(electron.shell.showItemInFolder).toHaveBeenCalledWith('/media/U盘/一览表.xlsx'));
    expect((electron.dialog.showMessageBox.mock.calls[0] as unknown[] | undefined)?.[0]).toMatchObject({ message: '已导出：一览表.xlsx', buttons: ['在文件夹中显示', '关闭'] });
  });

  it('says in Chinese when the file could not be written, and nothing when the dialog was cancelled', () => {
    electron.dialog.showErrorBox.mockClear();
    const item = new FakeDownload();
    handleDownload(deps(), item as never);
    item.emit('done', {}, 'cancelled');
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    const failed = new FakeDownload();
    handleDownload(deps(), failed as never);
    failed.savePath = '/media/U盘/一览表.xlsx';
    failed.emit('done', {}, 'interrupted');
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('导出失败', expect.stringContaining('/media/U盘/一览表.xlsx'));
  });
});
