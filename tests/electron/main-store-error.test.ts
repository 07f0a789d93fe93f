/** A store that cannot be opened: a Chinese error box with the reason and the file, then exit; no window. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/store';
import { electron, fake, FakeBrowserWindow, until } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const savedArgv = process.argv;
afterAll(() => {
  process.argv = savedArgv;
});

describe('main.ts with a damaged store', () => {
  it('shows the reason in Chinese and exits', async () => {
    const storePath = path.join(tempDir('ducha-bad-'), 'store.sqlite');
    fs.writeFileSync(storePath, 'this is not an SQLite database, just some text that is long enough to have a header'.repeat(20));
    fake.app.userData = tempDir('ducha-userdata-');
    process.argv = ['/usr/lib/electron/electron', fake.app.appPath, `--db=${storePath}`];
    await import('../../electron/main');
    fake.app.fireReady();
    await until(() => electron.dialog.showErrorBox.mock.calls.length > 0);
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0] as unknown as [string, string];
    expect(title).toBe('无法打开数据文件');
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).toContain(storePath);
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
