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
    return core.call(method, payload);
  };
}

/** Registers the channel; returns a function that removes it (the core is closed by its owner). */
export function registerApi(core: Pick<AppCore, 'call'>, ipc: IpcMain = electronIpcMain): () => void {
  const handler = createApiHandler(core);
  ipc.handle(API_CHANNEL, (event, method: unknown, payload: unknown) => handler(event, method, payload));
  return () => ipc.removeHandler(API_CHANNEL);
}
