import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { API_CHANNEL } from '../../electron/ipc/dispatch';
import type { PreloadApi } from '../../electron/preload';
import { tempDir } from '../helpers/store';
import { electron, fake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

// The renderer declares window.api itself (it may import nothing from electron/); tsc keeps the two equal.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const preloadMatchesRenderer: Same<PreloadApi, NonNullable<Window['api']>> = true;

describe('preload', () => {
  it('exposes exactly one object, api: call, shell (dialogs by action name) and onCommand', async () => {
    expect(preloadMatchesRenderer).toBe(true);
    await import('../../electron/preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fake.exposed.keys()]).toEqual(['api']);
    const api = fake.exposed.get('api') as PreloadApi;
    expect(Object.keys(api)).toEqual(['call', 'shell', 'onCommand']);
    expect(typeof api.call).toBe('function');
    // Nothing of ipcRenderer leaks through: not the object, not its methods.
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('forwards call(method, payload) to the api channel and returns its answer', async () => {
    await import('../../electron/preload');
    const api = fake.exposed.get('api') as PreloadApi;
    fake.invoked.length = 0;
    await expect(api.call('plans.list', { a: 1 })).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(fake.invoked).toEqual([[API_CHANNEL, 'plans.list', { a: 1 }]]);
  });

  it('forwards a dialog request to the shell channel, and menu commands without the IPC event', async () => {
    await import('../../electron/preload');
    const api = fake.exposed.get('api') as PreloadApi;
    fake.invoked.length = 0;
    await api.shell({ action: 'import.files' });
    expect(fake.invoked).toEqual([['shell', { action: 'import.files' }]]);
    const heard: unknown[][] = [];
    api.onCommand((...args) => heard.push(args));
    const sender = { sender: 'the IPC event, with ipcRenderer on it' };
    fake.rendererListeners.get('command')!(sender, 'import-recent', 2);
    fake.rendererListeners.get('command')!(sender, { not: 'a command' });
    expect(heard).toEqual([['import-recent', 2]]);
  });

  it('bundles into one CommonJS file that needs nothing but electron, as a sandboxed preload must', async () => {
    const { buildElectron } = await import('../../scripts/build-electron.mjs');
    const { preload } = await buildElectron({ outDir: tempDir('ducha-bundle-') });
    const code = fs.readFileSync(preload, 'utf8');
    // Run it as Electron's sandboxed preload would: a require that knows only `electron`.
    const exposed = new Map<string, unknown>();
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`module not found: ${name}`);
      return { contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) }, ipcRenderer: { invoke: async () => 'ok' } };
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
    expect([...exposed.keys()]).toEqual(['api']);
    expect(Object.keys(exposed.get('api') as object)).toEqual(['call', 'shell', 'onCommand']);
    expect(path.basename(preload)).toBe('preload.js');
  });
});
