/**
 * The desktop's file dialogs. The page asks for one by action name on the `shell` channel; the main
 * process shows the dialog and hands what the user chose straight to the service (or reads the chosen
 * workbooks and returns their bytes). No path ever comes from the page: the request carries an action
 * and at most an index into the 最近打开 list the main process keeps.
 */
import path from 'node:path';
import type { BrowserWindow, Dialog, DownloadItem, Session, Shell } from 'electron';
import { z } from 'zod';
import { toErrorInfo, type ErrorInfo, type Result } from '../shared/errors';
import type { AppCore } from './host/app';
import { readDroppedPaths, type ReadDropped } from './droppedFiles';
import { isTrustedSenderUrl } from './security';
import { APP_TITLE } from './menu';
import { WORKBOOK_EXTENSIONS, type ReadAs } from '../shared/dropped';
import { printRequestSchemas } from '../shared/print';
import { printWindow, saveWindowPdf } from './print';

export const SHELL_CHANNEL = 'shell';

export const shellRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('import.files') }).strict(),
  z.object({ action: z.literal('import.folder') }).strict(),
  z.object({ action: z.literal('import.recent'), index: z.number().int().min(0).max(50) }).strict(),
  z.object({ action: z.literal('backups.chooseDir') }).strict(),
  z.object({ action: z.literal('backups.restoreFile') }).strict(),
  z.object({ action: z.literal('store.showInFolder') }).strict(),
  z.object({ action: z.literal('store.move') }).strict(),
  ...printRequestSchemas,
]);
export type ShellRequest = z.infer<typeof shellRequestSchema>;

/** What an action gives back; `cancelled` when the user closed the dialog. */
export type ShellAnswer =
  | { cancelled: true }
  | ({ cancelled: false; kind: 'import' } & Omit<ReadDropped, 'files'> & { files: { name: string; path: string; data: string; readAs: ReadAs }[] })
  | { cancelled: false; kind: 'value'; value: unknown };

export interface ShellDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showMessageBox' | 'showSaveDialog'>;
  shell: Pick<Shell, 'showItemInFolder'>;
  window: () => BrowserWindow | null;
  core: () => Pick<AppCore, 'call' | 'restoreFile' | 'storePath'> | null;
  recent: { list(): readonly string[]; add(paths: readonly string[]): void };
  /** Where the save dialog of a PDF starts. */
  downloadsDir: () => string;
}

const WORKBOOK_FILTERS = [
  { name: '表格和 Word 报送', extensions: WORKBOOK_EXTENSIONS },
  { name: '所有文件', extensions: ['*'] },
];

type OpenOptions = import('electron').OpenDialogOptions;

async function pick(deps: ShellDeps, options: OpenOptions): Promise<string[] | null> {
  const win = deps.window();
  const result = win ? await deps.dialog.showOpenDialog(win, options) : await deps.dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
}

async function importPaths(deps: ShellDeps, paths: string[]): Promise<ShellAnswer> {
  deps.recent.add(paths);
  return { cancelled: false, kind: 'import', ...(await readDroppedPaths(paths)) };
}

function unwrap(result: Result<unknown>): unknown {
  if (!result.ok) throw Object.assign(new Error(result.error.message), { info: result.error });
  return result.value;
}

async function run(deps: ShellDeps, request: ShellRequest): Promise<ShellAnswer> {
  const core = deps.core();
  switch (request.action) {
    case 'import.files': {
      const paths = await pick(deps, { title: '导入一览表或报送模板', properties: ['openFile', 'multiSelections'], filters: WORKBOOK_FILTERS });
      return paths ? importPaths(deps, paths) : { cancelled: true };
    }
    case 'import.folder': {
      const paths = await pick(deps, { title: '导入文件夹中的全部工作簿', properties: ['openDirectory'] });
      return paths ? importPaths(deps, paths) : { cancelled: true };
    }
    case 'import.recent': {
      const file = deps.recent.list()[request.index];
      return file ? importPaths(deps, [file]) : { cancelled: true };
    }
    case 'backups.chooseDir': {
      const paths = await pick(deps, { title: '选择备份文件夹（可以是U盘或共享文件夹）', properties: ['openDirectory', 'createDirectory'] });
      if (!paths || !core) return { cancelled: true };
      return { cancelled: false, kind: 'value', value: unwrap(await core.call('settings.update', { backupDir: paths[0] })) };
    }
    case 'backups.restoreFile': {
      const paths = await pick(deps, { title: '选择要恢复的备份文件', properties: ['openFile'], filters: [{ name: '督查工作台数据备份', extensions: ['sqlite'] }] });
      if (!paths || !core) return { cancelled: true };
      return { cancelled: false, kind: 'value', value: await core.restoreFile(paths[0]!) };
    }
    case 'store.move': {
      const paths = await pick(deps, { title: '选择新的数据文件夹', properties: ['openDirectory', 'createDirectory'] });
      if (!paths || !core) return { cancelled: true };
      return { cancelled: false, kind: 'value', value: unwrap(await core.call('store.move', { targetDir: paths[0] })) };
    }
    case 'store.showInFolder':
      if (core) deps.shell.showItemInFolder(core.storePath);
      return { cancelled: false, kind: 'value', value: null };
    case 'print':
      return (await printWindow(deps, request)) ? { cancelled: false, kind: 'value', value: null } : { cancelled: true };
    case 'print.pdf': {
      const saved = await saveWindowPdf(deps, request, request.fileName);
      return saved === null ? { cancelled: true } : { cancelled: false, kind: 'value', value: { fileName: saved } };
    }
  }
}

export type ShellHandler = (event: { senderFrame: { url: string } | null }, request: unknown) => Promise<Result<ShellAnswer>>;

/** The `shell` channel's handler: sender check, request validation, the dialog, errors as a Result. */
export function createShellHandler(deps: ShellDeps): ShellHandler {
  return async (event, request) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url)) return { ok: false, error: { code: 'forbidden', message: '拒绝来自未知页面的请求' } };
    const parsed = shellRequestSchema.safeParse(request);
    if (!parsed.success) return { ok: false, error: { code: 'invalid-request', message: '无效的请求' } };
    try {
      return { ok: true, value: await run(deps, parsed.data) };
    } catch (err) {
      const info = (err as { info?: ErrorInfo }).info;
      return { ok: false, error: info ?? toErrorInfo(err) };
    }
  };
}

const SAVE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Excel 工作簿', extensions: ['xlsx'] },
  '.zip': { name: 'ZIP 压缩包', extensions: ['zip'] },
};

export interface DownloadDeps {
  dialog: Pick<Dialog, 'showMessageBox' | 'showErrorBox'>;
  shell: Pick<Shell, 'showItemInFolder'>;
  window: () => BrowserWindow | null;
  downloadsDir: () => string;
}

/**
 * An export reaches the user as a download of the bytes the service made: Electron asks where to save it
 * (the dialog below), and once written offers 在文件夹中显示 for the path the user chose there.
 */
export function handleDownload(deps: DownloadDeps, item: Pick<DownloadItem, 'getFilename' | 'setSaveDialogOptions' | 'getSavePath' | 'once'>): void {
  const name = item.getFilename();
  const filter = SAVE_FILTERS[path.extname(name).toLowerCase()];
  item.setSaveDialogOptions({
    title: '导出到',
    defaultPath: path.join(deps.downloadsDir(), name),
    buttonLabel: '保存',
    filters: filter ? [filter] : [],
  });
  item.once('done', (_event, state) => {
    const saved = item.getSavePath();
    if (state === 'completed' && saved) {
      const win = deps.window();
      const options = { type: 'info' as const, title: APP_TITLE, message: `已导出：${path.basename(saved)}`, detail: `保存位置：${saved}`, buttons: ['在文件夹中显示', '关闭'], defaultId: 0, cancelId: 1 };
      void (win ? deps.dialog.showMessageBox(win, options) : deps.dialog.showMessageBox(options)).then((r) => {
        if (r.response === 0) deps.shell.showItemInFolder(saved);
      });
    } else if (state === 'interrupted') {
      deps.dialog.showErrorBox('导出失败', `无法写入 ${saved || name}（磁盘已满、没有写入权限，或U盘已拔出？）。请换一个位置再导出。`);
    }
    // 'cancelled': the user closed the save dialog; nothing to say.
  });
}

export function attachDownloads(session: Pick<Session, 'on'>, deps: DownloadDeps): void {
  session.on('will-download', (_event, item) => handleDownload(deps, item));
}
