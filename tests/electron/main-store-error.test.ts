/**
 * A store that cannot be opened (one from a newer release): a Chinese error box with the reason and the
 * file, then exit; no window, and the file untouched. (A damaged store starts the app in recovery instead:
 * tests/db/recovery.test.ts.)
 */
import Database from 'better-sqlite3';
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

describe('main.ts with a store it cannot open', () => {
  it('shows the reason in Chinese and exits', async () => {
    const storePath = path.join(tempDir('ducha-bad-'), 'store.sqlite');
    const newer = new Database(storePath);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma('user_version = 999');
    newer.close();
    const bytes = fs.readFileSync(storePath);
    fake.app.userData = tempDir('ducha-userdata-');
    process.argv = ['/usr/lib/electron/electron', fake.app.appPath, `--db=${storePath}`];
    await import('../../electron/main');
    fake.app.fireReady();
    await until(() => electron.dialog.showErrorBox.mock.calls.length > 0);
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0] as unknown as [string, string];
    expect(title).toBe('无法打开数据文件');
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    expect(message).toContain(storePath);
    expect(message).toContain('更新版本');
    expect(fs.readFileSync(storePath).equals(bytes)).toBe(true);
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });
});
