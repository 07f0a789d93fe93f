import type { IpcMain } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppCore } from '../../electron/host/app';
import { API_CHANNEL, createApiHandler, FORBIDDEN_RESULT, registerApi } from '../../electron/ipc/dispatch';
import { openCore, tempStorePath } from '../helpers/store';
import { electron, fake, ipcEvent } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const UNTRUSTED = ['https://evil.example/', 'file:///work/main/dist/renderer/index.html', 'app://evil/index.html', 'about:blank', null];

describe('the api handler', () => {
  const recorded: unknown[][] = [];
  const core = { call: async (method: unknown, payload: unknown) => (recorded.push([method, payload]), { ok: true as const, value: 'done' }) };
  const handler = createApiHandler(core);

  it.each(UNTRUSTED)('refuses a sender at %s without calling the service', async (url) => {
    recorded.length = 0;
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const result = await handler(ipcEvent(url) as never, 'targets.delete', { id: 1 });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: '拒绝来自未知页面的请求' } });
    expect(recorded).toEqual([]);
  });

  it('passes a call from the app page through unchanged', async () => {
    recorded.length = 0;
    expect(await handler(ipcEvent('app://bundle/index.html') as never, 'plans.list', {})).toEqual({ ok: true, value: 'done' });
    expect(recorded).toEqual([['plans.list', {}]]);
  });
});

describe('registerApi on a real core', () => {
  let core: AppCore;
  let unregister: () => void;
  const invoke = (url: string | null, method: unknown, payload: unknown) => fake.ipcHandlers.get(API_CHANNEL)!(ipcEvent(url), method, payload) as Promise<unknown>;

  beforeAll(async () => {
    core = await openCore(tempStorePath());
    unregister = registerApi(core, electron.ipcMain as unknown as IpcMain);
  });
  afterAll(() => {
    unregister();
    core.close();
  });

  it('registers exactly one channel, named api', () => {
    expect([...fake.ipcHandlers.keys()]).toEqual(['api']);
  });

  it('runs a trusted call through the contract and the service', async () => {
    const created = (await invoke('app://bundle/index.html', 'plans.create', { year: 2024, city: '菏泽市' })) as { ok: boolean; value: { year: number } };
    expect(created.ok).toBe(true);
    expect(created.value.year).toBe(2024);
    const info = await invoke('app://bundle/index.html', 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { storePath: core.storePath, years: [2024] } });
  });

  it('returns the contract errors of the core as data', async () => {
    expect(await invoke('app://bundle/index.html', 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await invoke('app://bundle/index.html', 'plans.create', { year: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('changes nothing for an untrusted sender', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await invoke('https://evil.example/', 'plans.create', { year: 2025 })).toEqual(FORBIDDEN_RESULT);
    expect(await invoke('file:///tmp/x.html', 'plans.create', { year: 2026 })).toEqual(FORBIDDEN_RESULT);
    const plans = (await invoke('app://bundle/index.html', 'plans.list', {})) as { ok: true; value: { year: number }[] };
    expect(plans.value.map((p) => p.year)).toEqual([2024]);
  });

  it('removes the channel when unregistered', () => {
    unregister();
    expect(fake.ipcHandlers.has('api')).toBe(false);
    unregister = registerApi(core, electron.ipcMain as unknown as IpcMain);
  });
});
