/** app.status, as the status bar asks it: the store's path and size, the last backup's time. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closingStores, tempDir } from '../helpers/store';

const open = closingStores();

describe('app.status', () => {
  it('gives the store path, its size on disk with the WAL, and no backup yet', async () => {
    const core = await open();
    const status = await core.invoke('app.status', {});
    expect(status.storePath).toBe(core.storePath);
    const onDisk = ['', '-wal', '-shm'].reduce((sum, c) => sum + (fs.existsSync(core.storePath + c) ? fs.statSync(core.storePath + c).size : 0), 0);
    expect(status.storeBytes).toBe(onDisk);
    expect(status.storeBytes).toBeGreaterThan(0);
    expect(status.backupDir).toBe(path.join(path.dirname(core.storePath), '备份'));
    expect(status.lastBackupAt).toBeNull();
  });

  it('follows a backup taken now and the backup folder chosen in the settings', async () => {
    const core = await open();
    const taken = await core.invoke('backups.create', {});
    expect((await core.invoke('app.status', {})).lastBackupAt).toBe(taken.takenAt);

    const stick = tempDir('ducha-stick-');
    await core.invoke('settings.update', { backupDir: stick });
    expect(await core.invoke('app.status', {})).toMatchObject({ backupDir: stick, lastBackupAt: null });
    fs.rmSync(stick, { recursive: true });
    // The stick unplugged: no time, and no error in the status bar.
    expect((await core.invoke('app.status', {})).lastBackupAt).toBeNull();
  });
});
