/**
 * Backups that keep their promises: an unavailable backup folder (a USB stick not plugged in) never blocks
 * an import, and says where the backup went instead; rotation keeps the first backup of each day and the
 * backup before each round's first import, however many imports follow that day; the list compares each
 * backup's row counts with the store; listing does not check integrity, a restore does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, listBackups, restoreBackup, selectForDeletion, takeBackup } from '../../electron/db/backup';
import { resolveBackupDir } from '../../electron/services/backups';
import { exportTemplates } from '../../electron/services/templates';
import { closingStores, tempDir } from '../helpers/store';
import { corruptMiddle } from '../helpers/damage';

const store = closingStores();
const at = (y: number, mo: number, d: number, h = 10, mi = 0): Date => new Date(y, mo - 1, d, h, mi);
const seedFile = () => ({ name: '2023-三季度-一览表.xlsx', data: fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx')).toString('base64') });

describe('an unavailable backup folder', () => {
  it('falls back to the local 备份 folder with a warning: imports, backups and the list go on', async () => {
    const core = await store(true);
    const absent = path.join(tempDir('usb-'), '未插入的U盘', '督查备份');
    await core.invoke('settings.update', { backupDir: absent });
    const local = path.join(path.dirname(core.storePath), '备份');
    expect(resolveBackupDir(core.storePath, { backupDir: absent })).toMatchObject({ dir: local, chosen: absent, warning: expect.stringContaining(absent) });

    const result = await core.invoke('import.apply', { files: [seedFile()], year: 2023, quarter: 3 });
    expect(result.backupWarning).toContain('备份已改存到数据文件旁');
    expect(fs.existsSync(absent)).toBe(false);
    expect(fs.readdirSync(local).some((n) => /^store-.*-import\.sqlite$/.test(n))).toBe(true);

    const made = await core.invoke('backups.create', {});
    expect(made.warning).toContain(absent);
    expect(path.dirname(made.file)).toBe(local);
    const list = await core.invoke('backups.list', {});
    expect(list.dir).toBe(local);
    expect(list.warning).toContain(absent);

    // The stick plugged in again (its parent folder exists): backups go back to it, with no warning.
    fs.mkdirSync(path.dirname(absent), { recursive: true });
    const back = await core.invoke('backups.create', {});
    expect(back.warning).toBeUndefined();
    expect(path.dirname(back.file)).toBe(absent);
  });

  it('a folder that cannot be written to falls back too', async () => {
    const core = await store(true);
    const file = path.join(tempDir(), '不是文件夹');
    fs.writeFileSync(file, 'x');
    expect(resolveBackupDir(core.storePath, { backupDir: file }).warning).toContain('不是文件夹');
  });
});

describe('rotation keeps what a round needs', () => {
  it('keeps the first of each day and the newest backup before each protected time', () => {
    const now = at(2026, 11, 23, 18);
    // The day a round's templates come back: a manual backup in the morning, then 60 imports one at a time.
    const morning = backupFileName(at(2026, 11, 23, 8), 'manual');
    const imports = Array.from({ length: 60 }, (_, i) => backupFileName(at(2026, 11, 23, 9, i), 'import'));
    const names = [morning, ...imports];
    // The round's first batch is stamped after its own backup (taken at 9:00).
    const deleted = selectForDeletion(names, { keepLast: 10, keepMonthly: 12, keepDaily: 14 }, now, [new Date(at(2026, 11, 23, 9, 0).getTime() + 30)]);
    expect(deleted).not.toContain(morning);
    expect(deleted).not.toContain(imports[0]);
    expect(deleted).toHaveLength(60 - 10 - 1);
    // Without the round's time the pre-round backup goes.
    expect(selectForDeletion(names, { keepLast: 10, keepMonthly: 12, keepDaily: 14 }, now)).toContain(imports[0]);
  });

  it('importing returned templates one at a time does not rotate away the backup taken before the round\'s first import', async () => {
    const core = await store(true);
    await core.invoke('settings.update', { backupKeepLast: 1, backupKeepMonthly: 0 });
    // The day's first backup, then the round.
    await core.invoke('backups.create', {});
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    for (const f of files.slice(0, 5)) await core.invoke('import.apply', { files: [{ name: f.fileName, data: f.bytes.toString('base64') }] });
    const kept = listBackups(path.join(path.dirname(core.storePath), '备份')).flatMap((b) => (b.damaged ? [] : [b]));
    // The manual one (the day's first), the newest, and the one before the round's first import (only the seed's batch in it).
    expect(kept.filter((b) => b.reason === 'import').map((b) => b.counts.importBatches).sort()).toEqual([1, 5]);
    expect(kept.some((b) => b.reason === 'manual')).toBe(true);
  });
});

describe('the backup list', () => {
  it('shows each backup\'s difference from the store; listing does not check integrity, a restore does', async () => {
    const core = await store(true);
    const made = await core.invoke('backups.create', {});
    const t = await core.invoke('targets.create', { year: 2023, serial: 901, content: '新增的目标', assignments: [] });
    const list = await core.invoke('backups.list', {});
    const listed = list.backups.find((b) => b.name === made.name)!;
    expect(listed.damaged).toBe(false);
    // The new target, its line and its log entry are what a restore of that backup would take away.
    expect(!listed.damaged && listed.diff).toEqual({ plans: 0, targets: -1, assignments: -1, progressReports: 0, changeLog: -1, importBatches: 0 });
    await core.invoke('targets.delete', { id: t.id });

    // A bad sector in the middle of a backup: listing still reads it, the restore refuses it.
    const dir = tempDir();
    const copy = await takeBackup(core.db, dir, 'manual', at(2026, 1, 5));
    corruptMiddle(copy.file);
    const start = listBackups(dir);
    expect(start.map((b) => [b.name, b.damaged])).toEqual([[copy.name, false]]);
    await expect(restoreBackup(path.join(tempDir(), 'x.sqlite'), copy.file)).rejects.toThrow(/损坏|不能用于恢复/);
  });
});
