import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeBackup } from '../../electron/db/backup';
import { openStore } from '../../electron/db/connection';
import { checkStore, newestGoodBackup, quarantineDamaged } from '../../electron/db/integrity';
import { AppError } from '../../shared/errors';
import { openCore, tempDir, tempStorePath } from '../helpers/store';
import { corruptMiddle } from '../helpers/damage';


/** A seeded store, closed (so that everything is in the one file), at `file`. */
async function seededStore(file = tempStorePath()): Promise<string> {
  const core = await openCore(file, true);
  core.close();
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  return file;
}


const at = (y: number, mo: number, d: number, h: number, mi: number, s: number): Date => new Date(y, mo - 1, d, h, mi, s);

describe('checkStore', () => {
  it('passes a healthy store and does not write to it', async () => {
    const file = await seededStore();
    const bytes = fs.readFileSync(file);
    expect(checkStore(file)).toEqual({ ok: true });
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reads a store whose latest changes are still in its -wal (as a crash leaves it)', async () => {
    const core = await openCore(undefined, true);
    core.db.pragma('wal_autocheckpoint = 0');
    core.db.exec("UPDATE targets SET content = content || '（改）'");
    // A copy of the files while the connection is open: the state a killed process leaves on disk.
    const dir = tempDir();
    const copy = path.join(dir, 'store.sqlite');
    fs.copyFileSync(core.storePath, copy);
    fs.copyFileSync(`${core.storePath}-wal`, `${copy}-wal`);
    core.close();
    const main = fs.readFileSync(copy);
    expect(checkStore(copy)).toEqual({ ok: true });
    expect(fs.readFileSync(copy).equals(main)).toBe(true);
    const db = openStore(copy);
    expect((db.prepare("SELECT count(*) AS n FROM targets WHERE content NOT LIKE '%（改）'").get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('detects corrupted pages in the middle of the file', async () => {
    const file = await seededStore();
    corruptMiddle(file);
    const result = checkStore(file);
    expect(result).toMatchObject({ ok: false, kind: 'damaged' });
    // quick_check lists the problems, or throws when the damage lies on a page it must read first
    // (which depends on the store's layout): both name the file and say what was found.
    expect(!result.ok && result.reason).toMatch(new RegExp(`^数据文件 .*store\\.sqlite 已损坏（(检查发现的问题：.+|检查时部分数据页无法读取)）。$`));
  });

  it('detects a file that is not a database (overwritten header, or some other file)', async () => {
    const file = await seededStore();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x20, 0, 100);
    fs.writeFileSync(file, bytes);
    expect(checkStore(file)).toEqual({ ok: false, kind: 'not-a-database', reason: `文件 ${file} 不是督查工作台的数据文件，或文件头已损坏。` });
    const text = path.join(tempDir(), 'store.sqlite');
    fs.writeFileSync(text, '序号,市政府领导,责任目标内容\n'.repeat(500));
    expect(checkStore(text)).toMatchObject({ ok: false, kind: 'not-a-database' });
  });

  it('reports a missing or empty store without calling it damaged', () => {
    const file = path.join(tempDir(), 'store.sqlite');
    expect(checkStore(file)).toEqual({ ok: false, kind: 'missing', reason: `数据文件 ${file} 不存在。` });
    fs.writeFileSync(file, '');
    expect(checkStore(file)).toEqual({ ok: false, kind: 'empty', reason: `数据文件 ${file} 是空文件（0 字节），其中没有任何数据。` });
  });
});

describe('quarantineDamaged', () => {
  it('moves the damaged store and its companions aside, byte for byte, and a new store can start in its place', async () => {
    const file = await seededStore();
    const damaged = corruptMiddle(file);
    expect(checkStore(file).ok).toBe(false);
    fs.writeFileSync(`${file}-wal`, 'wal bytes');
    fs.writeFileSync(`${file}-shm`, 'shm bytes');
    const moved = quarantineDamaged(file, at(2026, 11, 23, 10, 15, 0));
    expect(moved).toBe(`${file}.damaged-20261123-101500`);
    expect(fs.readFileSync(moved).equals(damaged)).toBe(true);
    expect(fs.readFileSync(`${moved}-wal`, 'utf8')).toBe('wal bytes');
    expect(fs.readFileSync(`${moved}-shm`, 'utf8')).toBe('shm bytes');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(fs.existsSync(f)).toBe(false);
    const fresh = openStore(file);
    expect(fresh.pragma('integrity_check', { simple: true })).toBe('ok');
    fresh.close();
    expect(fs.readFileSync(moved).equals(damaged)).toBe(true);
  });

  it('never overwrites an earlier quarantined file', async () => {
    const file = await seededStore();
    const now = at(2026, 11, 23, 10, 15, 0);
    fs.writeFileSync(`${file}.damaged-20261123-101500`, 'first');
    fs.writeFileSync(`${file}.damaged-20261123-101500-2-wal`, 'a companion of the second');
    const bytes = corruptMiddle(file);
    const moved = quarantineDamaged(file, now);
    expect(moved).toBe(`${file}.damaged-20261123-101500-3`);
    expect(fs.readFileSync(moved).equals(bytes)).toBe(true);
    expect(fs.readFileSync(`${file}.damaged-20261123-101500`, 'utf8')).toBe('first');
    expect(fs.readFileSync(`${file}.damaged-20261123-101500-2-wal`, 'utf8')).toBe('a companion of the second');
  });

  it('refuses a store that does not exist', () => {
    const file = path.join(tempDir(), 'store.sqlite');
    expect(() => quarantineDamaged(file)).toThrow(AppError);
  });
});

describe('newestGoodBackup', () => {
  it('skips a damaged newer backup and returns the newest good one', async () => {
    const dir = tempDir();
    expect(newestGoodBackup(dir)).toBeNull();
    expect(newestGoodBackup(path.join(dir, 'missing'))).toBeNull();
    const core = await openCore(undefined, true);
    const good = await takeBackup(core.db, dir, 'daily', at(2026, 11, 20, 9, 0, 0));
    core.db.exec('DELETE FROM targets WHERE serial > 5');
    const newer = await takeBackup(core.db, dir, 'import', at(2026, 11, 22, 9, 0, 0));
    core.close();
    expect(newestGoodBackup(dir)?.name).toBe(newer.name);
    corruptMiddle(newer.file);
    const found = newestGoodBackup(dir);
    expect(found?.name).toBe(good.name);
    expect(found?.counts.targets).toBeGreaterThan(5);
  });

  it('does not offer a file that is not a store, even with a backup name', () => {
    const dir = tempDir();
    const other = new Database(path.join(dir, 'store-20261122-090000-000-manual.sqlite'));
    other.exec('CREATE TABLE x (y)');
    other.close();
    expect(newestGoodBackup(dir)).toBeNull();
  });
});
