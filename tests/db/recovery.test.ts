/**
 * Backups and recovery as the app uses them: a verified backup before every import, a daily one, one
 * before a migration, restore from the backup list (the current store backed up first), and a store found
 * damaged at start: kept aside byte for byte, the app in recovery offering the newest good backup. Also
 * the CLI's backup, check and restore.
 */
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../electron/host/app';
import { SCHEMA_VERSION } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations';
import { exportOverview } from '../../electron/services/export';
import { openCore, tempDir, tempStorePath } from '../helpers/store';
import { corruptMiddle } from '../helpers/damage';
import { cli } from '../helpers/cli';

const backupDir = (storePath: string) => path.join(path.dirname(storePath), '备份');


async function q4Workbook(core: Awaited<ReturnType<typeof openCore>>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportOverview(core, { year: 2023, quarter: 3, summary: false })) as unknown as ArrayBuffer);
  wb.getWorksheet('一览表')!.getCell(4, 5).value = '三季度又新增一批办理事项，全部办结';
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const targets = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM targets').get() as { n: number }).n;

describe('backups and recovery', () => {
  it('an import is preceded by a verified backup; the list shows what each holds', async () => {
    const core = await openCore(tempStorePath(), true);
    const data = await q4Workbook(core);
    await core.invoke('import.apply', { files: [{ name: 'q3.xlsx', data }] });
    const { dir, backups } = await core.invoke('backups.list', {});
    expect(dir).toBe(backupDir(core.storePath));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ damaged: false, reason: 'import', counts: { targets: 39, assignments: 40 }, years: [2023] });
    core.close();
  });

  it('restore: the current store is backed up first, the data comes back, the app goes on', async () => {
    const core = await openCore(tempStorePath(), true);
    const manual = await core.invoke('backups.create', {});
    const t = core.db.prepare('SELECT id FROM targets WHERE serial = 5').get() as { id: number };
    await core.invoke('targets.delete', { id: t.id });
    expect(targets(core.db)).toBe(38);
    const { restored, safety } = await core.invoke('backups.restore', { name: manual.name });
    expect(restored.counts.targets).toBe(39);
    expect(safety!.counts.targets).toBe(38);
    expect(safety!.reason).toBe('restore');
    expect(targets(core.db)).toBe(39);
    expect((await core.invoke('overview.get', { year: 2023, quarter: 3 })).totalTargets).toBe(39);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    await expect(core.invoke('backups.restore', { name: 'store-20000101-000000-000-manual.sqlite' })).rejects.toThrow(/没有备份/);
    await expect(core.invoke('backups.restore', { name: '../store.sqlite' })).rejects.toThrow(/备份文件名无效/);
    core.close();
  });

  it('a damaged store at start is kept aside intact; the app offers the newest good backup and restores it', async () => {
    const storePath = tempStorePath();
    const first = await openCore(storePath, true);
    const backup = await first.invoke('backups.create', {});
    first.close();
    const damaged = corruptMiddle(storePath);

    const core = await startCore({ storePath });
    expect(core.recovery).not.toBeNull();
    const info = (await core.call('app.info', {})) as { ok: true; value: { recovery: { keptAs: string; newest: { name: string } | null; reason: string } } };
    expect(info.value.recovery.reason).toMatch(/已损坏/);
    expect(info.value.recovery.newest!.name).toBe(backup.name);
    expect(fs.readFileSync(info.value.recovery.keptAs).equals(damaged)).toBe(true);
    expect(fs.existsSync(storePath)).toBe(false);
    const refused = await core.call('overview.get', { year: 2023, quarter: 3 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'store-damaged', message: expect.stringContaining('原文件已原样保存为') } });

    const restoredResult = await core.call('backups.restore', { name: backup.name });
    expect(restoredResult).toMatchObject({ ok: true, value: { safety: null, restored: { counts: { targets: 39 } } } });
    expect(core.recovery).toBeNull();
    expect(await core.call('overview.get', { year: 2023, quarter: 3 })).toMatchObject({ ok: true, value: { totalTargets: 39 } });
    core.close();
  });

  it('a daily backup on the first start of a day, one only; a migration backup before upgrading a store', async () => {
    const storePath = tempStorePath();
    (await openCore(storePath, true)).close();
    (await startCore({ storePath, dailyBackup: true })).close();
    (await startCore({ storePath, dailyBackup: true })).close();
    expect(fs.readdirSync(backupDir(storePath)).filter((n) => n.endsWith('-daily.sqlite'))).toHaveLength(1);

    // A store of the previous schema version (as the last release left it): the newest migration undone.
    const old = new Database(storePath);
    // Whichever migration is the newest: its tables dropped, the version before it (numbers may have gaps).
    const newest = MIGRATIONS.at(-1)!;
    for (const [, table] of newest.sql.matchAll(/CREATE TABLE (\w+)/g)) old.exec(`DROP TABLE ${table}`);
    const previous = MIGRATIONS.at(-2)!.version;
    old.pragma(`user_version = ${previous}`);
    old.close();
    const upgraded = await startCore({ storePath });
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    upgraded.close();
    const migration = fs.readdirSync(backupDir(storePath)).filter((n) => n.endsWith('-migration.sqlite'));
    expect(migration).toHaveLength(1);
    const copy = new Database(path.join(backupDir(storePath), migration[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(previous);
    expect(targets(copy)).toBe(39);
    copy.close();
  });

  it('CLI: backup, check (good and damaged) and restore (shows first, replaces with --yes)', async () => {
    const storePath = tempStorePath();
    (await openCore(storePath, true)).close();
    const out = path.join(path.dirname(storePath), '手动备份.sqlite');
    const b = cli('backup', '--db', storePath, '--out', out);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toContain('39 项目标');
    expect(cli('check', '--db', storePath)).toMatchObject({ status: 0 });

    corruptMiddle(storePath);
    const bad = cli('check', '--db', storePath);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/已损坏/);

    const show = cli('restore', '--db', storePath, out);
    expect(show.status).toBe(2);
    expect(show.stdout).toContain('请加 --yes');
    expect(fs.existsSync(storePath)).toBe(true);
    const done = cli('restore', '--db', storePath, out, '--yes');
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/已原样保存为/);
    expect(cli('check', '--db', storePath)).toMatchObject({ status: 0 });
    const listed = cli('list', '--db', storePath, '--json');
    expect(JSON.parse(listed.stdout)).toHaveLength(39);
  });
});

describe('recovery edge cases', () => {
  it('a backup folder that cannot be written does not keep the app from starting', async () => {
    const storePath = tempStorePath();
    const core = await openCore(storePath, true);
    // A folder below a file: no system lets it be created.
    const blocker = path.join(path.dirname(storePath), 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    await core.invoke('settings.update', { backupDir: path.join(blocker, '备份') });
    core.close();
    const started = await startCore({ storePath, dailyBackup: true });
    expect(targets(started.db)).toBe(39);
    started.close();
  });

  it('closing the app in recovery and starting it again keeps it in recovery, with no new store made', async () => {
    const storePath = tempStorePath();
    const first = await openCore(storePath, true);
    await first.invoke('backups.create', {});
    first.close();
    corruptMiddle(storePath);
    const once = await startCore({ storePath, seedIfEmpty: true });
    const keptAs = once.recovery!.keptAs;
    once.close();
    const again = await startCore({ storePath, seedIfEmpty: true, dailyBackup: true });
    expect(again.recovery).toMatchObject({ keptAs, reason: expect.stringContaining('尚未从备份恢复') });
    expect(fs.existsSync(storePath)).toBe(false);
    const name = again.recovery!.newest!.name;
    expect(await again.call('backups.restore', { name })).toMatchObject({ ok: true });
    expect(targets(again.db)).toBe(39);
    again.close();
  });

  it('while a restore runs, other calls are refused rather than written into the store being replaced', async () => {
    const core = await openCore(tempStorePath(), true);
    const backup = await core.invoke('backups.create', {});
    const line = (core.db.prepare('SELECT id FROM assignments LIMIT 1').get() as { id: number }).id;
    const restoring = core.call('backups.restore', { name: backup.name });
    const save = await core.call('progress.save', { assignmentId: line, quarter: 4, text: '恢复过程中的保存' });
    expect(save).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('正在从备份恢复') } });
    expect(await restoring).toMatchObject({ ok: true });
    expect(await core.call('progress.save', { assignmentId: line, quarter: 4, text: '恢复之后的保存' })).toMatchObject({ ok: true });
    core.close();
  });

  it('recovery finds the backups in the folder the user chose (a USB stick), though the store is unreadable', async () => {
    const storePath = tempStorePath();
    const usb = path.join(tempDir('usb-'), '督查备份');
    const core = await openCore(storePath, true);
    await core.invoke('settings.update', { backupDir: usb });
    const backup = await core.invoke('backups.create', {});
    expect(path.dirname(backup.file)).toBe(usb);
    core.close();
    corruptMiddle(storePath);
    const started = await startCore({ storePath });
    expect(started.recovery).toMatchObject({ backupDir: usb, newest: { name: backup.name } });
    expect(await started.call('backups.restore', { name: backup.name })).toMatchObject({ ok: true });
    expect(targets(started.db)).toBe(39);
    started.close();
  });
});
