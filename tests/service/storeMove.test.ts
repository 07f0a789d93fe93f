/**
 * 数据文件夹: the store moved to another folder on real files: copied, verified, switched, the old file
 * kept until confirmed, followed on the next start; and refused with nothing half-moved when the target
 * cannot take it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore } from '../../electron/host/app';
import { backupNames } from '../../electron/db/backup';
import { copyStoreTo, movedMarker, tableCounts } from '../../electron/db/moveStore';
import { holdStore, releaseHolders } from '../helpers/otherProcess';
import { openCore, tempDir } from '../helpers/store';

afterEach(releaseHolders);

const listing = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('store.move', () => {
  it('copies the store into the chosen folder, verified, and goes on there; the old file stays until confirmed', async () => {
    const core = await openCore(undefined, true);
    const from = core.storePath;
    const before = tableCounts(core.db);
    const dir = path.join(tempDir('ducha-move-'), '督查 数据');
    const moved = await core.invoke('store.move', { targetDir: dir });
    const to = path.join(dir, path.basename(from));
    expect(moved).toMatchObject({ from, to, oldKept: from });
    expect(moved).not.toHaveProperty('backupsWarning');
    expect(core.storePath).toBe(to);
    expect(fs.existsSync(from)).toBe(true);
    expect(fs.readFileSync(movedMarker(from), 'utf8')).toBe(to);

    // Everything came along, and the move is in the change log of the store now in use.
    const after = tableCounts(core.db);
    expect(after.targets).toBe(before.targets);
    expect(after.change_log).toBe(before.change_log! + 1);
    const entry = core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'store-move'").get() as { before_json: string; after_json: string };
    expect(JSON.parse(entry.before_json)).toEqual({ path: from });
    expect(JSON.parse(entry.after_json)).toEqual({ path: to, backupsCopied: moved.backupsCopied });

    // Writes go to the new file; the old one stays as it was.
    await core.invoke('targets.update', { id: 1, patch: { content: '移动后的修改' } });
    const old = new Database(from, { readonly: true });
    expect((old.prepare('SELECT content FROM targets WHERE id = 1').get() as { content: string }).content).not.toBe('移动后的修改');
    old.close();
    expect(await core.invoke('app.status', {})).toMatchObject({ storePath: to, oldStore: from, backupDir: path.join(dir, '备份') });
    core.close();

    // The next start, given the old path (the default location, or --db), opens the new one.
    const again = await startCore({ storePath: from });
    expect(again.storePath).toBe(to);
    const status = await again.call('app.status', {});
    expect(status).toMatchObject({ ok: true, value: { storePath: to, oldStore: from } });

    // Confirmed: the old copy goes, logged; later starts still find the store.
    expect(await again.call('store.removeOld', {})).toEqual({ ok: true, value: { removed: from, backupsRemoved: moved.backupsCopied } });
    expect(fs.existsSync(from)).toBe(false);
    expect(await again.call('app.status', {})).toMatchObject({ ok: true, value: { oldStore: null } });
    expect(again.db.prepare("SELECT count(*) FROM change_log WHERE kind = 'store-remove-old'").pluck().get()).toBe(1);
    again.close();
    const third = await startCore({ storePath: from });
    expect(third.storePath).toBe(to);
    third.close();
  }, 60_000);

  it('backups beside the store come along and are listed there; the old ones go with the old file, other files stay', async () => {
    const core = await openCore(undefined, true);
    const from = core.storePath;
    await core.invoke('backups.create', {});
    await core.invoke('targets.update', { id: 1, patch: { content: '第二个备份之前的修改' } });
    await core.invoke('backups.create', {});
    const oldDir = path.join(path.dirname(from), '备份');
    const names = backupNames(oldDir);
    expect(names.length).toBeGreaterThanOrEqual(2);
    fs.writeFileSync(path.join(oldDir, '说明.txt'), '用户自己的文件');

    const dir = path.join(tempDir('ducha-move-'), '新 位置');
    const moved = await core.invoke('store.move', { targetDir: dir });
    expect(moved.backupsCopied).toBe(names.length);
    expect(backupNames(path.join(dir, '备份'))).toEqual(names);
    const listed = await core.invoke('backups.list', {});
    expect(listed.dir).toBe(path.join(dir, '备份'));
    expect(listed.backups.map((b) => b.name)).toEqual(names);
    for (const name of names) expect(fs.statSync(path.join(dir, '备份', name)).size).toBe(fs.statSync(path.join(oldDir, name)).size);

    const removed = await core.invoke('store.removeOld', {});
    expect(removed).toEqual({ removed: from, backupsRemoved: names.length });
    expect(listing(oldDir)).toEqual(['说明.txt']);
    expect(backupNames(path.join(dir, '备份'))).toEqual(names);
    core.close();
  }, 60_000);

  it('an old 备份 folder that cannot be read does not stop the old file’s removal, nor its log entry', async () => {
    const core = await openCore(undefined, true);
    const from = core.storePath;
    await core.invoke('backups.create', {});
    await core.invoke('store.move', { targetDir: tempDir('ducha-move-') });
    // The old folder's 备份 gone from reach (here: a file in its place, so it cannot be listed).
    const oldDir = path.join(path.dirname(from), '备份');
    fs.rmSync(oldDir, { recursive: true });
    fs.writeFileSync(oldDir, 'x');
    expect(await core.invoke('store.removeOld', {})).toEqual({ removed: from, backupsRemoved: 0 });
    expect(fs.existsSync(from)).toBe(false);
    expect(core.db.prepare("SELECT count(*) FROM change_log WHERE kind = 'store-remove-old'").pluck().get()).toBe(1);
    core.close();
  }, 60_000);

  it('a backup that cannot come along stays in the old folder, is named in a warning, and is not removed with the old file', async () => {
    const core = await openCore(undefined, true);
    await core.invoke('backups.create', {});
    const oldDir = path.join(path.dirname(core.storePath), '备份');
    const names = backupNames(oldDir);
    const dir = tempDir('ducha-move-');
    // A file where the new 备份 folder would go: no backup can be copied there.
    fs.writeFileSync(path.join(dir, '备份'), 'x');
    const moved = await core.invoke('store.move', { targetDir: dir });
    expect(moved.backupsCopied).toBe(0);
    expect(moved.backupsWarning).toBe(`${names.length} 个旧备份未能复制到 ${path.join(dir, '备份')}（已有同名的文件或文件夹），仍保留在 ${oldDir}。`);
    expect(await core.invoke('store.removeOld', {})).toMatchObject({ backupsRemoved: 0 });
    expect(backupNames(oldDir)).toEqual(names);
    core.close();
  }, 60_000);

  it('is refused while another window or command has the store open (its later edits would be lost); goes through once it closes', async () => {
    const core = await openCore(undefined, true);
    const from = core.storePath;
    const holder = await holdStore(from);
    const dir = tempDir('ducha-move-');
    await expect(core.invoke('store.move', { targetDir: dir })).rejects.toThrow(
      `不能移动：数据文件 ${from} 正被其他程序打开（另一个督查工作台窗口、浏览器模式或命令行）。请先关闭它们再移动，数据文件没有移动。`,
    );
    expect(listing(dir)).toEqual([]);
    expect(fs.existsSync(movedMarker(from))).toBe(false);
    expect(core.storePath).toBe(from);
    // Still at work on the old place.
    await core.invoke('targets.update', { id: 1, patch: { content: '移动被拒后的修改' } });
    holder.kill();
    await new Promise((r) => holder.once('exit', r));
    expect((await core.invoke('store.move', { targetDir: dir })).to).toBe(path.join(dir, path.basename(from)));
    expect((await core.invoke('targets.get', { id: 1 })).content).toBe('移动被拒后的修改');
    core.close();
  }, 60_000);

  it('refuses a folder that already holds a store, a file instead of a folder, and a relative path: nothing moves', async () => {
    const core = await openCore(undefined, true);
    const from = core.storePath;
    const taken = tempDir('ducha-move-');
    fs.writeFileSync(path.join(taken, path.basename(from)), 'someone else’s data');
    await expect(core.invoke('store.move', { targetDir: taken })).rejects.toThrow(/已有数据文件.*为免覆盖/);

    const file = path.join(tempDir('ducha-move-'), '一个文件');
    fs.writeFileSync(file, 'x');
    const err = await core.invoke('store.move', { targetDir: path.join(file, '子文件夹') }).catch((e: Error) => e);
    expect((err as Error).message).toContain('不是文件夹，数据文件没有移动');
    expect((err as Error).message).not.toMatch(/ENOTDIR|EEXIST|ENOENT/);

    await expect(core.invoke('store.move', { targetDir: '相对/路径' })).rejects.toThrow(/完整路径/);
    // Under /proc a mkdir would never return: refused by its place, at once.
    await expect(core.invoke('store.move', { targetDir: '/proc/督查数据' })).rejects.toThrow('/proc/督查数据 是系统文件夹，不能存放数据文件，请换一个文件夹。');
    expect(core.storePath).toBe(from);
    expect(fs.existsSync(movedMarker(from))).toBe(false);
    expect((await core.invoke('plans.list', {})).length).toBe(1);
    core.close();
  }, 60_000);

  it('a target disk without room for the copy: a Chinese message, the target folder left empty', async () => {
    const core = await openCore(undefined, true);
    const dir = tempDir('ducha-full-');
    const err = await copyStoreTo(core.db, core.storePath, dir, { freeBytes: () => 4096 }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/磁盘空间不足（需要约 [\d.]+ MB，可用 0\.0 MB），数据文件没有移动/);
    expect(listing(dir)).toEqual([]);
    core.close();
  }, 60_000);

  it('a copy that fails half-way leaves no file behind', async () => {
    const core = await openCore(undefined, true);
    const dir = tempDir('ducha-gone-');
    // The copy is written, then the disk reports full on its last step: what was written must go again.
    const backup = core.db.backup.bind(core.db);
    let written: string[] = [];
    (core.db as unknown as { backup: (f: string) => Promise<unknown> }).backup = async (file: string) => {
      await backup(file);
      written = listing(dir);
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const err = await copyStoreTo(core.db, core.storePath, dir).catch((e: Error) => e);
    expect(written.length).toBeGreaterThan(0);
    expect((err as Error).message).toBe(`目标文件夹 ${dir} 所在的磁盘空间不足，数据文件没有移动。`);
    expect(listing(dir)).toEqual([]);
    core.close();
  }, 60_000);
});
