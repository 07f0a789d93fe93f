/**
 * The renderer's files are served from dist/renderer through a privileged custom scheme, app://bundle/,
 * rather than file://: the page gets a real, fixed origin (so the CSP's 'self' and the IPC sender check
 * mean something) and can reach no file outside that folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CSP } from './security';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Must run before the app is ready: standard (real origin, relative URLs) and secure (like https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Maps a request URL to a file under `root`, or null when it is not ours or would leave `root`.
 * The URL parser already folds `..` and `%2e%2e`; what it leaves (`..%2F`, `%5C`, NUL) is caught here.
 */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  const relative = path.relative(base, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null;
  return file;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' },
  });
}

/** The app:// handler over `root`; a plain function of a Request so tests need no Electron. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, '不支持的请求');
    const file = resolveAppFile(root, request.url);
    if (!file) return textResponse(403, '拒绝访问');
    let body: Buffer;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return textResponse(404, '未找到');
      body = await fs.readFile(file);
    } catch {
      return textResponse(404, '未找到');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Installs the handler on the default session's protocol; call after the app is ready. */
export function handleAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}
