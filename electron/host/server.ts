/**
 * Browser mode: the same renderer and service, served on 127.0.0.1 by Node for machines without the
 * Electron binary. Only loopback is bound; every API request must carry this launch's token and come with
 * our own Host/Origin, so neither another site in the browser nor a DNS-rebinding page can call it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CSP } from '../../shared/csp';
import { toErrorInfo } from '../../shared/errors';
import { defaultStorePath, startCore, type AppCore } from './app';
import { keepAddress, newToken, readAddress } from './browserAddress';

// Imports send whole workbooks (base64) in one request.
const MAX_BODY = 96 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface ServerOptions {
  storePath: string;
  port?: number;
  seedIfEmpty?: boolean;
  /** One backup a day on the day's first start (default on). */
  dailyBackup?: boolean;
  staticDir?: string;
  /**
   * Serve the address kept beside the store (same token, and the same port unless `port` says otherwise or
   * it is taken), and keep the one served: how the command line starts it, so a restart keeps open pages working.
   */
  rememberAddress?: boolean;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  core: AppCore;
  close(): Promise<void>;
}

export function rendererDir(): string {
  return path.resolve(__dirname, '../../dist/renderer');
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('too-large'));
        // Drain the rest instead of destroying the socket, so that the 413 reaches the page.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function serveStatic(staticDir: string, urlPath: string, res: http.ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    // A malformed escape from any page must not take the server down.
    send(res, 400, '请求地址无效');
    return;
  }
  const file = path.resolve(staticDir, `.${rel}`);
  if (!file.startsWith(staticDir + path.sep)) return send(res, 404, '未找到');
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch (err) {
    // A throw here would end the whole server (and the user's session) over one file: a rebuild replacing
    // the renderer's files while it runs, a folder, a file it cannot read.
    const code = (err as NodeJS.ErrnoException).code;
    return send(res, code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 404 : 500, code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? '未找到' : '界面文件无法读取，请重新启动督查工作台。');
  }
  send(res, 200, body, TYPES[path.extname(file)] ?? 'application/octet-stream');
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const staticDir = path.resolve(options.staticDir ?? rendererDir());
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`界面文件尚未构建（缺少 ${staticDir}/index.html），请先运行 npm run build:renderer。`);
  }
  const core = await startCore({ storePath: options.storePath, seedIfEmpty: options.seedIfEmpty ?? true, dailyBackup: options.dailyBackup ?? true, warmReviews: true });
  const kept = options.rememberAddress ? readAddress(options.storePath) : null;
  const token = kept?.token ?? newToken();
  let origin = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (req.headers.host !== origin.slice('http://'.length) && req.headers.host !== origin.replace('127.0.0.1', 'localhost').slice('http://'.length)) {
      send(res, 421, '拒绝：主机名不符');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '不支持的请求');
      return serveStatic(staticDir, url.pathname, res);
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin && requestOrigin !== origin.replace('127.0.0.1', 'localhost')) {
      return send(res, 403, '拒绝：来源不符');
    }
    const given = Buffer.from(String(req.headers['x-api-token'] ?? ''));
    const expected = Buffer.from(token);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return send(res, 401, '拒绝：缺少或错误的访问令牌');
    if (req.method !== 'POST') return send(res, 405, '不支持的请求');
    readBody(req).then(
      async (body) => {
        let payload: unknown;
        try {
          payload = body === '' ? {} : JSON.parse(body);
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid-request', message: '请求内容不是有效的 JSON。' } }), TYPES['.json']);
        }
        // core.call answers failures as a Result; a rejection would be a bug, and must not end the server.
        const result = await core.call(url.pathname.slice('/api/'.length), payload).catch((err: unknown) => ({ ok: false as const, error: toErrorInfo(err) }));
        send(res, 200, JSON.stringify(result), TYPES['.json']);
      },
      (err: Error) => {
        if (err.message === 'too-large') {
          res.setHeader('Connection', 'close');
          send(res, 413, '请求内容过大（单次导入请少于 64 MB）');
        } else send(res, 400, '请求未能完整接收');
      },
    );
  });

  const listen = (wanted: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wanted, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const wanted = options.port ?? kept?.port ?? 0;
  let port: number;
  try {
    port = await listen(wanted);
  } catch (err) {
    // The kept port taken by something else: another address this time (the page then needs it pasted).
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !options.rememberAddress || wanted === 0) {
      core.close();
      throw err;
    }
    port = await listen(0);
  }
  if (options.rememberAddress) keepAddress(options.storePath, { token, port });
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    token,
    port,
    core,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          core.close();
          resolve();
        });
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, 'no-seed': { type: 'boolean' }, browser: { type: 'boolean' } },
    strict: false,
  });
  const storePath = typeof values.db === 'string' ? values.db : defaultStorePath();
  // The port asked for, else the one this data folder was last served on, else 5190 (any free one if taken).
  const port = typeof values.port === 'string' ? Number(values.port) : (readAddress(storePath)?.port || 5190);
  const running = await startServer({ storePath, port, seedIfEmpty: values['no-seed'] !== true, rememberAddress: true });
  console.log(`责任目标督查工作台（浏览器模式）已启动`);
  console.log(`数据文件：${storePath}`);
  console.log(`请在浏览器中打开：${running.url}`);
  console.log('按 Ctrl+C 退出。');
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`启动失败：${toErrorInfo(err).message}`);
    process.exit(1);
  });
}
