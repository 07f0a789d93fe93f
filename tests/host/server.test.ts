import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/host/server';
import { CSP } from '../../shared/csp';
import { tempDir, tempStorePath } from '../helpers/store';

let server: RunningServer;

/** Raw requests, so that Host and Origin can be forged as a hostile page or a rebinding attack would. */
function request(
  pathName: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathName, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${method}`, { method: 'POST', headers: { 'X-Api-Token': server.token, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

beforeAll(async () => {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  // A file fs cannot read into memory (over 2 GiB, sparse so it costs no disk): a read error as root has.
  const huge = path.join(staticDir, 'huge.js');
  fs.writeFileSync(huge, '');
  fs.truncateSync(huge, 3 * 1024 ** 3);
  fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'secret');
  server = await startServer({ storePath: tempStorePath(), port: 0, seedIfEmpty: false, staticDir });
});
afterAll(() => server.close());

describe('browser-mode server', () => {
  it('listens on loopback only and prints a URL carrying the launch token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[\\w-]{20,}$`));
  });

  it('serves the renderer with the CSP and no-sniff headers', async () => {
    const res = await request('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers API calls with a Result and validates payloads', async () => {
    const created = await api('plans.create', { year: 2024, city: '菏泽市' });
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { year: 2024, city: '菏泽市' } });
    const bad = await api('targets.create', { year: 2024, serial: -3 });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', where: { field: 'serial' } } });
    const notJson = await request('/api/plans.list', { method: 'POST', headers: { 'X-Api-Token': server.token }, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/JSON/);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await request('/api/plans.list', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await api('plans.list', {}, { 'X-Api-Token': 'x'.repeat(server.token.length) })).status).toBe(401);
  });

  it('refuses another Host (DNS rebinding) and another Origin', async () => {
    expect((await api('plans.list', {}, { Host: 'evil.example:80' })).status).toBe(421);
    expect((await request('/', { headers: { Host: `attacker.test:${server.port}` } })).status).toBe(421);
    expect((await api('plans.list', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('plans.list', {}, { Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await request('/../secret.txt')).status).toBe(404);
    expect((await request('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('answers a malformed address with 400 and keeps running', async () => {
    expect((await request('/%E0%A4%A')).status).toBe(400);
    expect((await request('/')).status).toBe(200);
  });

  it('answers a folder with 404 and a file it cannot read with 500, and keeps running', async () => {
    expect((await request('/assets')).status).toBe(404);
    const unreadable = await request('/huge.js');
    expect(unreadable.status).toBe(500);
    expect(unreadable.body).toContain('界面文件无法读取');
    expect((await request('/')).status).toBe(200);
  });

  it('only accepts POST for the API', async () => {
    expect((await request('/api/plans.list', { headers: { 'X-Api-Token': server.token } })).status).toBe(405);
  });
});
