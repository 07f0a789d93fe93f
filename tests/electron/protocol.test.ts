import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler, registerAppScheme, resolveAppFile } from '../../electron/protocol';
import { CSP } from '../../electron/security';
import { tempDir } from '../helpers/store';
import { fake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

let root: string;
let handler: (request: Request) => Promise<Response>;

// Electron hands the handler a Request whose URL Chromium has already normalized; a plain object lets the
// tests also send the raw, unnormalized strings an attacker would write.
const get = (url: string, method = 'GET') => handler({ url, method } as Request);

beforeAll(() => {
  const base = tempDir('ducha-protocol-');
  root = path.join(base, 'dist', 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'wOF2');
  fs.writeFileSync(path.join(base, 'dist', 'secret.txt'), 'SECRET');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'SECRET');
  handler = createAppProtocolHandler(root);
});

describe('registerAppScheme', () => {
  it('registers app as a standard, secure scheme', () => {
    registerAppScheme();
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const privileges = (fake.privilegedSchemes[0] as { privileges: Record<string, boolean> }).privileges;
    // Bypassing the CSP would undo the point of serving the page ourselves.
    expect(privileges.bypassCSP).toBeFalsy();
  });
});

describe('the app:// handler', () => {
  it('serves index.html with the CSP header', async () => {
    for (const url of ['app://bundle/index.html', 'app://bundle/']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>t</title>');
    }
  });

  it.each([
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/logo.png', 'image/png'],
    ['assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (file, type) => {
    const res = await get(`app://bundle/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it.each([
    'app://bundle/../../etc/passwd',
    'app://bundle/../secret.txt',
    'app://bundle/../../secret.txt',
    'app://bundle/%2e%2e/%2e%2e/secret.txt',
    'app://bundle/..%2F..%2Fsecret.txt',
    'app://bundle/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://bundle/assets/..%2F..%2F..%2Fsecret.txt',
    'app://bundle/..%5C..%5Csecret.txt',
    'app://bundle/%2Fetc%2Fpasswd',
    'app://bundle/index.html%00.png',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect(res.status).not.toBe(200);
    const body = await res.text();
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('root:');
  });

  it('refuses the same through a real Request object', async () => {
    const res = await handler(new Request('app://bundle/../../etc/passwd'));
    expect(res.status).not.toBe(200);
    expect(await res.text()).not.toContain('root:');
  });

  it('answers another host, a missing file, a folder and a POST with an error', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://bundle/missing.js')).status).toBe(404);
    expect((await get('app://bundle/assets')).status).toBe(404);
    expect((await get('app://bundle/index.html', 'POST')).status).toBe(405);
  });

  it('maps only URLs inside the root to files', () => {
    expect(resolveAppFile(root, 'app://bundle/assets/index.js')).toBe(path.join(root, 'assets', 'index.js'));
    expect(resolveAppFile(root, 'app://bundle/..%2Fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'https://bundle/index.html')).toBeNull();
    expect(resolveAppFile(root, 'app://bundle/%E0%A4%A')).toBeNull();
  });
});
