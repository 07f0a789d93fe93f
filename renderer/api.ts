/**
 * The renderer's only door to the service. In Electron the preload exposes `window.api.call`; in the
 * browser mode the same calls go to the local server with this launch's token.
 */
import { METHOD_NAMES, type Api, type MethodName } from '../shared/contract';
import type { ErrorInfo, ErrorWhere, Result } from '../shared/errors';

export class ApiError extends Error {
  readonly code: string;
  readonly where: ErrorWhere | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.where = info.where;
  }
}

interface Bridge {
  call(method: string, payload: unknown): Promise<Result<unknown>>;
}

declare global {
  interface Window {
    api?: Bridge;
  }
}

const TOKEN_KEY = 'ducha.token';

/** The browser mode's token arrives once in the address (#token=…); it is kept for reloads and hidden. */
function browserToken(): string {
  const match = /[#&]token=([\w-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpBridge(): Bridge {
  const token = browserToken();
  return {
    async call(method, payload) {
      let res: Response;
      try {
        res = await fetch(`./api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Token': token }, body: JSON.stringify(payload) });
      } catch {
        return { ok: false, error: { code: 'io', message: '无法连接到督查工作台服务，请确认它仍在运行。' } };
      }
      if (res.status === 401) return { ok: false, error: { code: 'forbidden', message: '访问令牌无效，请使用启动时显示的完整地址重新打开。' } };
      if (!res.ok) return { ok: false, error: { code: 'io', message: `服务返回错误（${res.status}）：${await res.text()}` } };
      return (await res.json()) as Result<unknown>;
    },
  };
}

const bridge: Bridge = window.api ?? httpBridge();

async function call(method: MethodName, payload: unknown): Promise<unknown> {
  const result = await bridge.call(method, payload);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export const api = Object.fromEntries(METHOD_NAMES.map((m) => [m, (input: unknown) => call(m, input)])) as unknown as Api;

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
