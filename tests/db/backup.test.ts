import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  listBackups,
  needsDailyBackup,
  PARTIAL_SUFFIX,
  restoreBackup,
  rotateBackups,
  selectForDeletion,
  takeBackup,
  verifyBackup,
  type BackupCounts,
  type BackupReason,
} from '../../electron/db/backup';
import { openStore, type Db } from '../../electron/db/connection';
import { migrate, SCHEMA_VERSION } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations';
import { AppError } from '../../shared/errors';
import { closingStores, tempDir } from '../helpers/store';

const ROOT = path.resolve(__dirname, '../..');
const openSeeded = closingStores();

function countsOf(db: Db): BackupCounts {
  const n = (t: string): number => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { plans: n('plans'), targets: n('targets'), assignments: n('assignments'), progressReports: n('progress_reports'), changeLog: n('change_log'), importBatches: n('import_batches') };
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

async function caughtAsync(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

/** A local time, so that names and calendar days do not depend on the machine's time zone. */
const at = (y: number, mo: number, d: number, h = 10, mi = 0, s = 0, ms = 0): Date => new Date(y, mo - 1, d, h, mi, s, ms);

describe('takeBackup / verifyBackup', () => {
  it('backs up a seeded store into one self-contained file that verifies with the same contents', async () => {
    const core = await openSeeded(true);
    const dir = path.join(tempDir(), 'backups');
    const summary = await takeBackup(core.db, dir, 'import', at(2026, 11, 23, 10, 15, 0, 123));
    expect(summary.name).toBe('store-20261123-101500-123-import.sqlite');
    expect(summary.file).toBe(path.join(dir, summary.name));
    expect(summary.reason).toBe('import');
    expect(summary.takenAt).toBe(at(2026, 11, 23, 10, 15, 0, 123).toISOString());
    expect(summary.counts).toEqual(countsOf(core.db));
    expect(summary.counts.targets).toBeGreaterThan(30);
    expect(summary.years).toEqual([2023]);
    expect(summary.lastChangeAt).toBe((core.db.prepare('SELECT max(at) AS at FROM change_log').get() as { at: string }).at);
    expect(summary.sizeBytes).toBe(fs.statSync(summary.file).size);
    // Nothing else in the folder: no temporary file, no -wal/-shm beside the backup, even after verifying.
    expect(verifyBackup(summary.file)).toEqual(summary);
    expect(fs.readdirSync(dir)).toEqual([summary.name]);
    // Rollback-journal mode (header bytes 18/19 = 1): the file holds everything without a -wal.
    const header = fs.readFileSync(summary.file).subarray(18, 20);
    expect([...header]).toEqual([1, 1]);
  });

  it('never reuses a name: two backups in the same millisecond get consecutive ones', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    const now = at(2026, 1, 2, 3, 4, 5, 6);
    const a = await takeBackup(core.db, dir, 'manual', now);
    const b = await takeBackup(core.db, dir, 'manual', now);
    expect([a.name, b.name]).toEqual(['store-20260102-030405-006-manual.sqlite', 'store-20260102-030405-007-manual.sqlite']);
  });

  it('gives concurrent backups of the same moment their own files', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    const now = at(2026, 1, 2, 3, 4, 5, 6);
    const taken = await Promise.all([takeBackup(core.db, dir, 'daily', now), takeBackup(core.db, dir, 'daily', now), takeBackup(core.db, dir, 'daily', now)]);
    expect(new Set(taken.map((t) => t.name)).size).toBe(3);
    expect(listBackups(dir).map((b) => b.damaged)).toEqual([false, false, false]);
    expect(fs.readdirSync(dir)).toHaveLength(3);
  });

  it('refuses to back up from inside an open transaction, whose changes are not committed', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    core.db.exec('BEGIN');
    try {
      core.db.exec('DELETE FROM targets');
      const err = await caughtAsync(takeBackup(core.db, dir, 'manual'));
      expect(err.message).toBe('不能在未完成的修改过程中备份，请在修改保存后再备份。');
    } finally {
      core.db.exec('ROLLBACK');
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('takes a consistent backup while another connection keeps writing', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    const stop = new SharedArrayBuffer(4);
    // Every transaction of the writer adds one target and its change-log entry: a backup that caught half
    // a transaction, or pages from two moments, would break the one-to-one count.
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const Database = require(workerData.sqlite);
       const db = new Database(workerData.file);
       db.pragma('busy_timeout = 5000');
       const plan = db.prepare('SELECT id FROM plans LIMIT 1').get().id;
       const insertTarget = db.prepare("INSERT INTO targets(plan_id, serial, content, created_at, updated_at) VALUES (?, ?, 'stress', 'x', 'x')");
       const insertChange = db.prepare("INSERT INTO change_log(at, actor, kind, entity, entity_id, target_id) VALUES ('x', 'stress', 'stress', 'target', ?, ?)");
       const write = db.transaction((serial) => { const id = insertTarget.run(plan, serial).lastInsertRowid; insertChange.run(id, id); });
       const flag = new Int32Array(workerData.stop);
       let serial = 100000;
       parentPort.postMessage('started');
       while (Atomics.load(flag, 0) === 0) write(serial++);
       db.close();
       parentPort.postMessage(serial - 100000);`,
      { eval: true, workerData: { sqlite: path.join(ROOT, 'node_modules/better-sqlite3'), file: core.storePath, stop } },
    );
    const messages: unknown[] = [];
    const finished = new Promise<number>((resolve, reject) => {
      worker.on('message', (m: unknown) => {
        messages.push(m);
        if (typeof m === 'number') resolve(m);
      });
      worker.on('error', reject);
    });
    const stressRows = (): number => (core.db.prepare("SELECT count(*) AS n FROM targets WHERE content = 'stress'").get() as { n: number }).n;
    while (stressRows() < 200) await new Promise((r) => setTimeout(r, 5));
    const seen: number[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const summary = await takeBackup(core.db, dir, 'manual');
        const db = new Database(summary.file, { readonly: true });
        const targets = (db.prepare("SELECT count(*) AS n FROM targets WHERE content = 'stress'").get() as { n: number }).n;
        const changes = (db.prepare("SELECT count(*) AS n FROM change_log WHERE kind = 'stress' AND target_id IN (SELECT id FROM targets)").get() as { n: number }).n;
        const allChanges = (db.prepare("SELECT count(*) AS n FROM change_log WHERE kind = 'stress'").get() as { n: number }).n;
        db.close();
        expect(changes).toBe(targets);
        expect(allChanges).toBe(targets);
        seen.push(targets);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      Atomics.store(new Int32Array(stop), 0, 1);
    }
    const written = await finished;
    await worker.terminate();
    // The writer really was writing during the backups: each backup saw more of its rows than the last.
    expect(seen[0]).toBeGreaterThanOrEqual(200);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    expect(written).toBeGreaterThan(seen[seen.length - 1]!);
    expect(listBackups(dir).every((b) => !b.damaged)).toBe(true);
  });

  it('refuses missing, foreign and damaged files with Chinese messages naming the file', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'nothing.sqlite');
    expect(caught(() => verifyBackup(missing))).toMatchObject({ code: 'not-found', message: `找不到备份文件 ${missing}。` });

    const foreign = path.join(dir, 'other.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE things (x)');
    other.close();
    const e1 = caught(() => verifyBackup(foreign));
    expect(e1.code).toBe('store-damaged');
    expect(e1.message).toBe(`文件 ${foreign} 不是督查工作台的数据文件或备份。`);

    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, '这不是数据库文件'.repeat(600));
    const e2 = caught(() => verifyBackup(text));
    expect(e2.code).toBe('store-damaged');
    expect(e2.message).toContain(text);
    expect(e2.message).toContain('不是督查工作台的数据文件');

    const core = await openSeeded(true);
    const good = await takeBackup(core.db, dir, 'manual');
    const truncated = path.join(dir, 'truncated.sqlite');
    fs.writeFileSync(truncated, fs.readFileSync(good.file).subarray(0, Math.floor(good.sizeBytes / 2)));
    const e3 = caught(() => verifyBackup(truncated));
    expect(e3.code).toBe('store-damaged');
    expect(e3.message).toMatch(new RegExp(`^备份文件 ${truncated.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 已损坏`));
  });

  it('refuses to pass off a copy of a damaged store as a backup', async () => {
    const core = await openSeeded(true);
    const storePath = core.storePath;
    core.close();
    const bytes = fs.readFileSync(storePath);
    const middle = Math.floor(bytes.length / 4096 / 2);
    bytes.fill(0x5a, middle * 4096, (middle + 3) * 4096);
    fs.writeFileSync(storePath, bytes);
    const db = new Database(storePath, { readonly: true });
    const dir = tempDir();
    try {
      const err = await caughtAsync(takeBackup(db, dir, 'daily'));
      expect(err.code).toBe('store-damaged');
      expect(err.message).toMatch(/^备份未完成：复制出的数据未通过完整性检查，当前数据文件可能已损坏/);
    } finally {
      db.close();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reports a folder it cannot write to as an AppError, leaving nothing behind', async () => {
    const core = await openSeeded(true);
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    const err = await caughtAsync(takeBackup(core.db, path.join(file, 'backups'), 'manual'));
    expect(err.code).toBe('io');
    expect(err.message).toContain('无法创建备份文件夹');
  });
});

describe('listBackups', () => {
  it('lists newest first, skips temporary files, and reports a damaged backup instead of throwing', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    const older = await takeBackup(core.db, dir, 'daily', at(2026, 3, 1));
    const newer = await takeBackup(core.db, dir, 'import', at(2026, 3, 2));
    // A backup killed while being written: its temporary copy, cut short.
    fs.writeFileSync(path.join(dir, backupFileName(at(2026, 3, 3), 'manual') + PARTIAL_SUFFIX), fs.readFileSync(newer.file).subarray(0, 8192));
    // A file carrying a backup's name but not a backup's contents.
    const junk = path.join(dir, backupFileName(at(2026, 3, 4), 'manual'));
    fs.writeFileSync(junk, Buffer.alloc(10_000, 0x41));
    fs.writeFileSync(path.join(dir, 'readme.txt'), 'not a backup');
    const listed = listBackups(dir);
    expect(listed.map((b) => [b.name, b.damaged])).toEqual([
      [path.basename(junk), true],
      [newer.name, false],
      [older.name, false],
    ]);
    const bad = listed[0]!;
    expect(bad.damaged && bad.problem).toContain(junk);
    expect(bad.reason).toBe('manual');
    expect(listed[1]).toEqual({ ...newer, damaged: false });
    expect(listBackups(path.join(dir, 'no-such-folder'))).toEqual([]);
  });
});

describe('rotation', () => {
  const name = (d: Date, reason: BackupReason = 'daily'): string => backupFileName(d, reason);
  const now = at(2026, 11, 23, 12);

  it.each([
    {
      case: 'fewer backups than keepLast: nothing deleted',
      names: [name(at(2026, 11, 20)), name(at(2026, 11, 21))],
      policy: { keepLast: 10, keepMonthly: 12 },
      deleted: [],
    },
    {
      case: 'keepLast only: the oldest go, whatever their reason',
      names: [name(at(2026, 11, 1), 'import'), name(at(2026, 11, 2), 'manual'), name(at(2026, 11, 3)), name(at(2026, 11, 4), 'restore')],
      policy: { keepLast: 2, keepMonthly: 0 },
      deleted: [name(at(2026, 11, 1), 'import'), name(at(2026, 11, 2), 'manual')],
    },
    {
      case: 'the newest of each month is kept beyond keepLast',
      names: [name(at(2026, 9, 5)), name(at(2026, 9, 28)), name(at(2026, 10, 2)), name(at(2026, 10, 30, 9)), name(at(2026, 10, 30, 18)), name(at(2026, 11, 22)), name(at(2026, 11, 23))],
      policy: { keepLast: 2, keepMonthly: 12 },
      deleted: [name(at(2026, 9, 5)), name(at(2026, 10, 2)), name(at(2026, 10, 30, 9))],
    },
    {
      case: 'months older than keepMonthly are not kept for their month',
      names: [name(at(2025, 10, 31)), name(at(2025, 12, 31)), name(at(2026, 1, 1)), name(at(2026, 11, 23))],
      policy: { keepLast: 1, keepMonthly: 12 },
      // 2025-12 is 11 months before 2026-11, inside the 12-month window; 2025-10 is 13 months before.
      deleted: [name(at(2025, 10, 31))],
    },
    {
      case: 'names that are not backups are never selected',
      names: ['readme.txt', `${name(at(2026, 1, 1))}${PARTIAL_SUFFIX}`, 'store.sqlite', name(at(2026, 11, 1)), name(at(2026, 11, 2))],
      policy: { keepLast: 1, keepMonthly: 0 },
      deleted: [name(at(2026, 11, 1))],
    },
    {
      case: 'keepLast 0 and keepMonthly 1: only the newest of the current month',
      names: [name(at(2026, 10, 31)), name(at(2026, 11, 1)), name(at(2026, 11, 23, 8))],
      policy: { keepLast: 0, keepMonthly: 1 },
      deleted: [name(at(2026, 10, 31)), name(at(2026, 11, 1))],
    },
    {
      case: 'a backup dated after now (clock set back) is kept',
      names: [name(at(2027, 2, 1)), name(at(2026, 11, 23, 8)), name(at(2026, 11, 22))],
      policy: { keepLast: 1, keepMonthly: 1 },
      deleted: [name(at(2026, 11, 22))],
    },
  ])('$case', ({ names, policy, deleted }) => {
    expect(selectForDeletion(names, policy, now)).toEqual(deleted);
  });

  it("keeps the backup taken before a round's first import, not the next import's stamped in the same millisecond", () => {
    // A returned template of a few targets is written in under a millisecond: the next import's backup can
    // carry its batch's very time. The one to keep is the backup before the batch.
    const first = at(2026, 11, 23, 9, 0, 0);
    const own = backupFileName(new Date(first.getTime() - 40), 'import');
    const next = backupFileName(first, 'import');
    const newest = backupFileName(new Date(first.getTime() + 60), 'import');
    expect(selectForDeletion([own, next, newest], { keepLast: 1, keepMonthly: 0 }, first, [first])).toEqual([next]);
  });

  it('default policy: 10 newest plus one a month for 12 months plus the first of each day for 14 days', () => {
    // One backup a day for 400 days up to now.
    const names = Array.from({ length: 400 }, (_, i) => name(new Date(now.getTime() - i * 86_400_000)));
    const kept = names.filter((n) => !selectForDeletion(names, undefined, now).includes(n));
    // 10 newest (Nov 14–23) + Nov 10–13 (the first of each of the last 14 days) + newest of Oct 2026 … Dec 2025
    // (11 months; Nov already among the 10).
    expect(kept).toHaveLength(25);
    expect(kept.filter((n) => n.startsWith('store-202512'))).toEqual([expect.stringMatching(/^store-20251231-/)]);
    expect(kept.filter((n) => n.startsWith('store-202511'))).toEqual([]);
    expect(kept.filter((n) => n.startsWith('store-202611'))).toHaveLength(14);
  });

  it('deletes the selected files and stale temporary files, and leaves everything else', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    const made: string[] = [];
    for (let day = 1; day <= 5; day++) made.push((await takeBackup(core.db, dir, 'daily', at(2026, 11, day))).name);
    const stale = path.join(dir, `${name(at(2026, 11, 6))}${PARTIAL_SUFFIX}`);
    fs.writeFileSync(stale, 'half a backup');
    fs.writeFileSync(`${stale}-journal`, 'its journal');
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(stale, old, old);
    fs.utimesSync(`${stale}-journal`, old, old);
    const fresh = path.join(dir, `${name(at(2026, 11, 7))}${PARTIAL_SUFFIX}`);
    fs.writeFileSync(fresh, 'a backup being written right now');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    const result = rotateBackups(dir, { keepLast: 2, keepMonthly: 0 }, at(2026, 11, 23));
    expect(result).toEqual({ deleted: made.slice(0, 3), failed: [] });
    expect(fs.readdirSync(dir).sort()).toEqual([...made.slice(3), path.basename(fresh), 'notes.txt'].sort());
  });

  it('needsDailyBackup: true until a backup is taken on the local calendar day', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    expect(needsDailyBackup(path.join(dir, 'not-yet'), at(2026, 11, 23))).toBe(true);
    expect(needsDailyBackup(dir, at(2026, 11, 23))).toBe(true);
    await takeBackup(core.db, dir, 'import', at(2026, 11, 23, 0, 0, 1));
    expect(needsDailyBackup(dir, at(2026, 11, 23, 23, 59, 59))).toBe(false);
    expect(needsDailyBackup(dir, at(2026, 11, 24, 0, 0, 1))).toBe(true);
    expect(needsDailyBackup(dir, at(2026, 11, 22, 23, 59))).toBe(true);
    // A temporary file is not a backup taken.
    fs.writeFileSync(path.join(dir, `${backupFileName(at(2026, 11, 25), 'daily')}${PARTIAL_SUFFIX}`), 'x');
    expect(needsDailyBackup(dir, at(2026, 11, 25, 12))).toBe(true);
  });
});

describe('restoreBackup', () => {
  it('replaces the store with the backup, ignoring a stale -wal of another store, and the result passes integrity_check', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    const backup = await takeBackup(core.db, dir, 'manual');
    // Changed after the backup: the restore must bring these rows back.
    core.db.exec("DELETE FROM targets WHERE serial > 10; INSERT INTO change_log(at, actor, kind, entity) VALUES ('2099-01-01T00:00:00.000Z', 'x', 'edit', 'target')");
    const changed = countsOf(core.db);
    expect(changed.targets).toBe(10);
    const safety = await takeBackup(core.db, dir, 'restore');
    const storePath = core.storePath;
    core.close();

    // A valid -wal from a different database next to the store: SQLite would replay its frames onto the
    // restored file if the restore left it there.
    const other = path.join(tempDir(), 'other.sqlite');
    const otherDb = new Database(other);
    otherDb.pragma('journal_mode = WAL');
    otherDb.pragma('wal_autocheckpoint = 0');
    otherDb.exec('CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO filler SELECT randomblob(3000) FROM n');
    fs.copyFileSync(`${other}-wal`, `${storePath}-wal`);
    otherDb.close();
    expect(fs.statSync(`${storePath}-wal`).size).toBeGreaterThan(100_000);

    const restored = await restoreBackup(storePath, backup.file);
    expect(restored).toEqual(backup);
    expect(fs.existsSync(`${storePath}.restoring`)).toBe(false);
    expect(fs.existsSync(`${storePath}-wal`)).toBe(false);

    const db = openStore(storePath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(countsOf(db)).toEqual(backup.counts);
      expect((db.prepare("SELECT count(*) AS n FROM change_log WHERE at = '2099-01-01T00:00:00.000Z'").get() as { n: number }).n).toBe(0);
      // The search index came back with the rows.
      expect((db.prepare('SELECT count(*) AS n FROM target_search').get() as { n: number }).n).toBe(backup.counts.targets);
    } finally {
      db.close();
    }
    // The safety backup still holds the state before the restore, for undoing it.
    expect(verifyBackup(safety.file).counts).toEqual(changed);
  });

  it('refuses a damaged backup and leaves the store untouched', async () => {
    const core = await openSeeded(true);
    const dir = tempDir();
    const backup = await takeBackup(core.db, dir, 'manual');
    const storePath = core.storePath;
    core.close();
    const bytes = fs.readFileSync(backup.file);
    bytes.fill(0x00, 4096, 3 * 4096);
    fs.writeFileSync(backup.file, bytes);
    const before = fs.readFileSync(storePath);
    const err = await caughtAsync(restoreBackup(storePath, backup.file));
    expect(err.code).toBe('store-damaged');
    expect(err.message).toContain(backup.file);
    expect(fs.readFileSync(storePath).equals(before)).toBe(true);
    expect(fs.existsSync(`${storePath}.restoring`)).toBe(false);
  });

  it('refuses to restore the store onto itself', async () => {
    const core = await openSeeded(false);
    const storePath = core.storePath;
    core.close();
    const err = await caughtAsync(restoreBackup(storePath, storePath));
    expect(err.code).toBe('invalid-request');
    expect(err.message).toContain('就是当前的数据文件');
  });

  it('restores an older-schema backup, which openStore then migrates', async () => {
    const dir = tempDir();
    const old = path.join(dir, 'old.sqlite');
    const db = new Database(old);
    migrate(db, MIGRATIONS.filter((m) => m.version === 1));
    db.exec("INSERT INTO plans(year, created_at) VALUES (2022, 'x')");
    db.close();
    expect(verifyBackup(old)).toMatchObject({ schemaVersion: 1, years: [2022], reason: null, counts: { plans: 1, importBatches: 0 } });
    const storePath = path.join(dir, 'store.sqlite');
    openStore(storePath).close();
    await restoreBackup(storePath, old);
    const reopened = openStore(storePath);
    try {
      expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(reopened.prepare('SELECT year FROM plans').all()).toEqual([{ year: 2022 }]);
    } finally {
      reopened.close();
    }
  });
});
