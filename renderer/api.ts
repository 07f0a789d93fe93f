/**
 * The renderer's only door to the service. In Electron the preload exposes `window.api.call`; in the
 * browser mode the same calls go to the local server with this launch's token. Either way a call resolves
 * to its value or throws an ApiError carrying the service's code, Chinese message and field.
 */
import { METHOD_NAMES, type Api, type MethodName } from '../shared/contract';
import type { ErrorCode, ErrorInfo, ErrorWhere, Result } from '../shared/errors';
import { recordChange } from './app/undo';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly where: ErrorWhere | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
    this.where = info.where;
  }
}

interface Bridge {
  call(method: string, payload: unknown): Promise<Result<unknown>>;
}

/** The desktop's extras (renderer/app/shell.ts); absent in the browser mode. */
interface DesktopBridge extends Bridge {
  shell(request: { action: string; index?: number; paper?: string; landscape?: boolean; fileName?: string }): Promise<Result<unknown>>;
  onCommand(listener: (command: string, index?: number) => void): void;
}

declare global {
  interface Window {
    api?: DesktopBridge;
  }
}

const TOKEN_KEY = 'ducha.token';

/**
 * The browser mode's token arrives once in the address (#token=…). It is kept in sessionStorage so a reload
 * keeps working, and taken out of the visible address so it is not copied into a screenshot or a bookmark.
 */
function browserToken(): string {
  const match = /(?:^#|&)token=([\w-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isResult(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

const RECONNECTED = 'ducha:reconnected';
let watching = false;

/**
 * After the service went away: asks again every two seconds, and says when it answers. A restarted server
 * on the same data folder has the same address and token, so the page carries on by itself.
 */
function watchForService(token: string): void {
  if (watching) return;
  watching = true;
  const again = () =>
    fetch('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Token': token }, body: '{}', cache: 'no-store' }).then(
      (res) => {
        watching = false;
        // Answered but refused: another address (its token changed); the calls themselves say so.
        if (res.ok) window.dispatchEvent(new Event(RECONNECTED));
      },
      () => void setTimeout(again, 2000),
    );
  setTimeout(again, 2000);
}

/** Runs `listener` when the browser mode's service answers again after being gone; returns the unsubscribe. */
export function onReconnected(listener: () => void): () => void {
  window.addEventListener(RECONNECTED, listener);
  return () => window.removeEventListener(RECONNECTED, listener);
}

function httpBridge(): Bridge {
  const token = browserToken();
  return {
    async call(method, payload) {
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Api-Token': token },
          body: JSON.stringify(payload ?? {}),
          cache: 'no-store',
        });
      } catch {
        watchForService(token);
        return failure('io', '无法连接到督查工作台服务，请确认它仍在运行。');
      }
      // The server answers errors with a Result body too; anything else is a proxy or a crash.
      const body: unknown = await res.json().catch(() => null);
      if (isResult(body)) return body;
      if (res.status === 401 || res.status === 403) return failure('forbidden', '访问令牌无效，请使用启动时显示的完整地址重新打开。');
      if (res.status === 413) return failure('invalid-request', '请求内容过大（文件太大或一次选择的文件太多）。');
      return failure('io', `服务返回了无法识别的应答（HTTP ${res.status}）。`);
    },
  };
}

const bridge: Bridge = window.api ?? httpBridge();

async function call(method: MethodName, payload: unknown): Promise<unknown> {
  let result: Result<unknown>;
  try {
    result = await bridge.call(method, payload);
  } catch (err) {
    // Electron rejects invoke() only when the channel itself broke (window closing, main process gone).
    return Promise.reject(new ApiError({ code: 'io', message: `与服务的连接中断：${err instanceof Error ? err.message : String(err)}` }));
  }
  if (!result.ok) throw new ApiError(result.error);
  // Every write that made a change-log entry is offered to Ctrl+Z, whatever screen made it.
  const changeId = (result.value as { changeId?: unknown } | null)?.changeId;
  if (typeof changeId === 'number') recordChange(method, changeId, result.value as { id: number; serial?: number });
  return result.value;
}

export const api = Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => call(m, input)])) as unknown as Api;

/** The Chinese message of whatever a call threw, for showing to the user. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The whole path of the field an error is about (`reviewThresholds.green`), when the service named one. */
export function errorPath(err: unknown): string | undefined {
  return err instanceof ApiError ? err.where?.field : undefined;
}

/** The field an error is about (`serial`, `patch.serial` → `serial`), when the service named one. */
export function errorField(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || !err.where?.field) return undefined;
  return err.where.field.split('.').at(-1);
}
