import fs from 'node:fs';
import path from 'node:path';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CSP as SHARED_CSP, CSP_META } from '../../shared/csp';
import { CSP, hardenSession, hardenWebContents, isBlockedRequestUrl, isTrustedSenderUrl, webPreferences } from '../../electron/security';
import { fakeEvent, FakeSession, FakeWebContents } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

describe('webPreferences', () => {
  const prefs = webPreferences('/app/dist/electron/preload.js');

  it('isolates and sandboxes the renderer and gives it no Node', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    });
  });

  it('can turn the developer tools off (packaged builds)', () => {
    expect(webPreferences('/p.js', { devTools: false }).devTools).toBe(false);
  });
});

describe('CSP', () => {
  it('allows only the app itself: no inline or eval, no remote origin', () => {
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    expect(CSP).not.toMatch(/https?:|\*/);
    const directives = Object.fromEntries(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['base-uri']).toBe("'none'");
  });

  it('is the string the browser mode sends, and the renderer page declares the same (less the header-only frame-ancestors)', () => {
    expect(CSP).toBe(SHARED_CSP);
    const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CSP_META);
    expect(CSP).toBe(`${CSP_META}; frame-ancestors 'none'`);
  });
});

describe('isTrustedSenderUrl', () => {
  it.each([
    ['app://bundle/index.html', true],
    ['app://bundle/', true],
    ['app://bundle/assets/x.html?q=1#hash', true],
    ['https://evil.example/', false],
    ['https://evil.example/app://bundle/index.html', false],
    ['file:///work/main/dist/renderer/index.html', false],
    ['http://127.0.0.1:5190/', false],
    ['app://evil/index.html', false],
    ['app://bundle.evil.example/index.html', false],
    ['app://bundle@evil.example/index.html', false],
    ['app://bundle:8080/index.html', false],
    ['about:blank', false],
    ['data:text/html,<script>1</script>', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['', false],
    ['not a url', false],
    [null, false],
    [undefined, false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedSenderUrl(url)).toBe(trusted);
  });
});

describe('hardenWebContents', () => {
  function hardened(): FakeWebContents {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents);
    return contents;
  }

  it('prevents navigation away from the app and allows it within', () => {
    const contents = hardened();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://localhost:3000/']) {
      const event = fakeEvent();
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
    }
    const inApp = fakeEvent();
    contents.emit('will-navigate', inApp, 'app://bundle/index.html');
    expect(inApp.defaultPrevented).toBe(false);
  });

  it('prevents redirects and subframe navigation to other origins', () => {
    const contents = hardened();
    const redirect = fakeEvent();
    contents.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.defaultPrevented).toBe(true);
    const frame = fakeEvent({ url: 'https://evil.example/frame' });
    contents.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
    const ownFrame = fakeEvent({ url: 'app://bundle/index.html' });
    contents.emit('will-frame-navigate', ownFrame);
    expect(ownFrame.defaultPrevented).toBe(false);
  });

  it('denies every new window, even one of our own pages', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://bundle/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('hardenSession', () => {
  const session = new FakeSession();
  hardenSession(session as unknown as Session);

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])('denies the %s permission', (permission) => {
    const callback = vi.fn();
    session.permissionRequestHandler!({}, permission, callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(session.permissionCheckHandler!({}, permission, 'app://bundle', {})).toBe(false);
  });

  it('hands out no device', () => {
    expect(session.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels requests to the network or the disk, lets the app scheme through', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      session.beforeRequest!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(decide('https://evil.example/x.js')).toBe(true);
    expect(decide('http://127.0.0.1/')).toBe(true);
    expect(decide('wss://evil.example/socket')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('app://bundle/assets/index.js')).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    expect(isBlockedRequestUrl('not a url')).toBe(true);
  });
});
