/**
 * The one IPC channel, `api`: check the sender frame, then hand (method, payload) to the core, which
 * validates the payload with the contract, runs the handler and returns a Result. Nothing else crosses.
 */
import { ipcMain as electronIpcMain, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import type { AppCore } from '../host/app';
import type { Result } from '../../shared/errors';
import { isTrustedSenderUrl } from '../security';

export const API_CHANNEL = 'api';

export const FORBIDDEN_RESULT: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: '拒绝来自未知页面的请求' },
};

export type ApiHandler = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, method: unknown, payload: unknown) => Promise<Result<unknown>>;

/** The handler on its own, so a test can call it with a forged event. */
export function createApiHandler(core: Pick<AppCore, 'call'>): ApiHandler {
  return async (event, method, payload) => {
    // senderFrame is null once the frame has navigated away or been destroyed: refuse that too.
    if (!isTrustedSenderUrl(event.senderFrame?.url)) {
      console.warn(`[ipc] refused ${String(method)} from ${event.senderFrame?.url ?? '(no frame)'}`);
      return FORBIDDEN_RESULT;
    }
    if (method === 'settings.update' && (await setsBackupDir(core, payload))) return PICK_IN_DIALOG_RESULT;
    // The store's new folder is picked in the folder dialog, which calls the service itself (dialogs.ts).
    if (method === 'store.move') return PICK_STORE_DIR_IN_DIALOG_RESULT;
    return core.call(method, payload);
  };
}

export const PICK_STORE_DIR_IN_DIALOG_RESULT: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: '请用“选择文件夹…”选择新的数据文件夹。', where: { field: 'targetDir' } },
};

export const PICK_IN_DIALOG_RESULT: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: '请用“选择文件夹…”选择备份文件夹。', where: { field: 'backupDir' } },
};

/**
 * In the desktop the backup folder is picked in the folder dialog (dialogs.ts hands it to the service);
 * a page may send the settings back with the folder unchanged, or cleared, but not name another one.
 */
async function setsBackupDir(core: Pick<AppCore, 'call'>, payload: unknown): Promise<boolean> {
  const dir = (payload as { backupDir?: unknown } | null)?.backupDir;
  if (typeof dir !== 'string' || dir.trim() === '') return false;
  const current = await core.call('settings.get', {});
  return !current.ok || (current.value as { backupDir: string }).backupDir !== dir;
}

/** Registers the channel; returns a function that removes it (the core is closed by its owner). */
export function registerApi(core: Pick<AppCore, 'call'>, ipc: IpcMain = electronIpcMain): () => void {
  const handler = createApiHandler(core);
  ipc.handle(API_CHANNEL, (event, method: unknown, payload: unknown) => handler(event, method, payload));
  return () => ipc.removeHandler(API_CHANNEL);
}
