/**
 * The host operations the CLI uses for paths the contract never takes: a backup to a named file and a restore
 * from one. The restore takes the same path as backups.restore: it refuses while a job runs and backs the
 * current store up first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../electron/jobs/progress';
import { closingStores, tempDir } from '../helpers/store';

const store = closingStores();

describe('AppCore.backupTo and restoreFile', () => {
  it('backs up to a named file (never over one), and restores from it after the running job ends', async () => {
    const core = await store(true);
    const file = path.join(tempDir(), '手动备份.sqlite');
    const taken = await core.backupTo(file);
    expect(taken).toMatchObject({ file, name: '手动备份.sqlite', counts: { targets: 39 } });
    // Only the named file: nothing is left beside it or in the backup folder.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['手动备份.sqlite']);
    await expect(core.backupTo(file)).rejects.toThrow(/文件已存在，未覆盖/);

    const [target] = (await core.invoke('overview.get', { year: 2023, quarter: 3 })).rows;
    await core.invoke('targets.delete', { id: target!.id });
    expect((await core.invoke('overview.get', { year: 2023, quarter: 3 })).totalTargets).toBe(38);

    let release!: () => void;
    const job = runJob('restore-wait-job', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(core.restoreFile(file)).rejects.toThrow(/有导入等任务正在进行，请等它完成后再恢复/);
    release();
    await job;

    const { restored, safety } = await core.restoreFile(file);
    expect(restored.counts.targets).toBe(39);
    expect(safety?.counts.targets).toBe(38);
    expect(fs.existsSync(safety!.file)).toBe(true);
    expect((await core.invoke('overview.get', { year: 2023, quarter: 3 })).totalTargets).toBe(39);
  });
});
