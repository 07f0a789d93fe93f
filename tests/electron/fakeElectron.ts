/**
 * A stand-in for the `electron` module (the binary is not installed on the test machines): the parts the
 * main process and preload use, each recording how it was called. Tests install it with
 *   vi.mock('electron', async () => (await import('./fakeElectron')).electron);
 * and read the records through `fake`. Each test file gets a fresh copy (vitest isolates files).
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { vi } from 'vitest';

export interface FakeEvent {
  url?: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(extra: { url?: string } = {}): FakeEvent {
  const event: FakeEvent = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type WindowOpenHandler = (details: { url: string }) => { action: string };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  /** What the main process sent the page (webContents.send), in order. */
  sent: unknown[][] = [];
  reloads = 0;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  reload(): void {
    this.reloads++;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** The options of each print(), in order; the system dialog answers with `printAnswer`. */
  printed: unknown[] = [];
  printAnswer: { success: boolean; failureReason: string } = { success: true, failureReason: '' };
  print(options: unknown, callback: (success: boolean, failureReason: string) => void): void {
    this.printed.push(options);
    const { success, failureReason } = this.printAnswer;
    setTimeout(() => callback(success, failureReason), 0);
  }
  /** The options of each printToPDF(); the bytes are a minimal PDF header naming the call. */
  pdfs: unknown[] = [];
  printToPDF(options: unknown): Promise<Buffer> {
    this.pdfs.push(options);
    return Promise.resolve(Buffer.from(`%PDF-1.4 fake ${this.pdfs.length}`));
  }
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  focused = false;
  maximized = false;
  minimized = false;
  bounds: Rect;

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.bounds = {
      x: (options.x as number | undefined) ?? 0,
      y: (options.y as number | undefined) ?? 0,
      width: options.width as number,
      height: options.height as number,
    };
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  maximize(): void {
    this.maximized = true;
    this.shown = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds(): Rect {
    return this.bounds;
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type BeforeRequestHandler = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

export class FakeSession extends EventEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: BeforeRequestHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermissionHandler = handler;
  }
  readonly webRequest = {
    onBeforeRequest: (handler: BeforeRequestHandler) => {
      this.beforeRequest = handler;
    },
  };
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeApp extends EventEmitter {
  lockGranted = true;
  isPackaged = false;
  /** The project root, as app.getAppPath() is when Electron runs the project folder. */
  appPath = path.resolve(__dirname, '../..');
  userData = '';
  private resolveReady!: () => void;
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));

  requestSingleInstanceLock = vi.fn(() => this.lockGranted);
  quit = vi.fn();
  exit = vi.fn();
  enableSandbox = vi.fn();
  commandLine = { appendSwitch: vi.fn() };
  setAppUserModelId = vi.fn();
  whenReady = vi.fn(() => this.ready);
  downloads = '';
  getPath = vi.fn((name: string) => {
    if (name === 'downloads') return this.downloads;
    if (name !== 'userData') throw new Error(`fake app.getPath(${name}) is not supported`);
    return this.userData;
  });
  addRecentDocument = vi.fn();
  getAppPath = vi.fn(() => this.appPath);
  getVersion = vi.fn(() => '0.1.0');

  /** Test control: what app.whenReady() waits for. */
  fireReady(): void {
    this.resolveReady();
  }
}

export const fake = {
  app: new FakeApp(),
  session: new FakeSession(),
  ipcHandlers: new Map<string, IpcHandler>(),
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  privilegedSchemes: [] as unknown[],
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  /** Listeners the preload put on ipcRenderer, by channel: a test calls one as the main process's send would. */
  rendererListeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  menuTemplate: null as unknown,
  /** What the next open dialogs return, one array of chosen paths each. */
  dialogAnswers: [] as string[][],
  /** What the next save dialogs return: the chosen path, or null for a cancel. */
  saveAnswers: [] as (string | null)[],
};

export const electron = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  session: { defaultSession: fake.session },
  ipcMain: {
    handle: vi.fn((channel: string, handler: IpcHandler) => {
      if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => void fake.ipcHandlers.delete(channel)),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => {
      fake.privilegedSchemes.push(...schemes);
    }),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
      fake.protocolHandlers.set(scheme, handler);
    }),
  },
  contextBridge: {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      fake.exposed.set(key, api);
    }),
  },
  ipcRenderer: {
    invoke: vi.fn(async (...args: unknown[]) => {
      fake.invoked.push(args);
      return { ok: true, value: 'from-main' };
    }),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      fake.rendererListeners.set(channel, listener);
    }),
  },
  dialog: {
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
    /** Answers with the next of `fake.dialogAnswers` (the user's pick), or a cancel when none is queued. */
    /** Answers with the next of `fake.saveAnswers`, or a cancel when none is queued. */
    showSaveDialog: vi.fn(async () => {
      const next = fake.saveAnswers.shift();
      return next ? { canceled: false, filePath: next } : { canceled: true, filePath: '' };
    }),
    showOpenDialog: vi.fn(async () => {
      const next = fake.dialogAnswers.shift();
      return next ? { canceled: false, filePaths: next } : { canceled: true, filePaths: [] };
    }),
  },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => {
      fake.menuTemplate = template;
      return { template };
    }),
    setApplicationMenu: vi.fn(),
  },
  screen: {
    getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]),
    getPrimaryDisplay: vi.fn(() => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } })),
  },
  shell: { showItemInFolder: vi.fn() },
};

/** An IPC event as Electron would pass it, with the sender frame at `url` (null: the frame is gone). */
export function ipcEvent(url: string | null): { senderFrame: { url: string } | null } {
  return { senderFrame: url === null ? null : { url } };
}

/** Waits until `check` holds (for work behind app.whenReady and the async store start). */
export async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
