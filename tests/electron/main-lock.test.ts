/** A second copy of the app: it must not open a window or the store, only hand over to the first. */
import { describe, expect, it, vi } from 'vitest';
import { electron, fake, FakeBrowserWindow } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

describe('main.ts without the single instance lock', () => {
  it('quits at once and sets nothing up', async () => {
    fake.app.lockGranted = false;
    await import('../../electron/main');
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    fake.app.fireReady();
    await new Promise((r) => setTimeout(r, 50));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
