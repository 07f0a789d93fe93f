/**
 * Everything that keeps the renderer a page of our own and nothing more: the window's webPreferences,
 * the CSP, navigation and new-window denial, permissions, and which frames may call the API.
 * Follows Electron's security checklist; the values are plain exports so a test can read them.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { CSP } from '../shared/csp';

/** The one origin the app's pages are served from (see protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

// One string for every host; the renderer's meta tag mirrors it and a test keeps them equal.
export { CSP };

export function webPreferences(preloadPath: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools ?? true,
  };
}

/** True only for a page of the app itself: app://bundle/… (no other host, no credentials, no port). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (typeof url !== 'string' || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Whether an IPC message may reach the service: its sender frame must show one of our own pages.
 * A frame that navigated elsewhere (or an injected iframe, were one possible) is refused.
 */
export function isTrustedSenderUrl(url: string | undefined | null): boolean {
  return isAppUrl(url);
}

/** Navigation, redirects, popups and <webview> are all refused unless they stay on the app's own pages. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // will-navigate only covers the main frame; will-frame-navigate sees subframes too.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Schemes that would reach the network or the disk directly; the app needs none of them. */
const BLOCKED_REQUEST_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

export function isBlockedRequestUrl(url: string): boolean {
  try {
    return BLOCKED_REQUEST_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return true;
  }
}

/**
 * No permission is ever granted (camera, notifications, geolocation, clipboard-read, …), no device is
 * handed out, and no request leaves for the network: the app is local, so any such request is a bug or
 * an attack. The CSP says the same inside the page; this holds even if a page lacked it.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: isBlockedRequestUrl(details.url) }));
}
