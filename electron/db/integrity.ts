/**
 * Checking the store before it is opened, and setting a damaged one aside. Nothing here deletes or
 * rewrites a damaged file: it is renamed, byte for byte intact, so that it can still be sent for recovery.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { newestVerifiedBackup, type BackupSummary } from './backup';
import { failureReason } from './storeErrors';
import { COMPANIONS, databaseOptions, errorCode, fsyncDir, isBusy, localStamp, storeImage, summarize, withReadonly } from './storeFiles';

/**
 * `damaged` and `not-a-database` mean the file is bad and may be quarantined; `missing` and `unreadable`
 * (locked, no permission) say nothing about the data and must not lead to a quarantine. `empty` is a
 * 0-byte file: SQLite would silently make a new, empty store of it, whereas a store that once held data
 * and is now empty (a sync tool or a full disk truncated it) is a case for offering the newest backup.
 */
export type StoreCheck = { ok: true } | { ok: false; kind: 'missing' | 'empty' | 'not-a-database' | 'damaged' | 'unreadable'; reason: string };

/**
 * Opens the store read-only and runs `PRAGMA quick_check` (every page's structure, without the index
 * cross-checks of integrity_check: seconds rather than minutes on a large store, fit for every start).
 * The store's own `-wal`, if any, is read as part of it. Never writes to the store file.
 */
export function checkStore(file: string): StoreCheck {
  if (!fs.existsSync(file)) return { ok: false, kind: 'missing', reason: `数据文件 ${file} 不存在。` };
  if (fs.statSync(file).size === 0) return { ok: false, kind: 'empty', reason: `数据文件 ${file} 是空文件（0 字节），其中没有任何数据。` };
  try {
    const problems = quickCheck(file);
    if (problems.length === 0) return { ok: true };
    return { ok: false, kind: 'damaged', reason: `数据文件 ${file} 已损坏（检查发现的问题：${summarize(problems)}）。` };
  } catch (err) {
    const code = errorCode(err);
    if (code === 'SQLITE_NOTADB') return { ok: false, kind: 'not-a-database', reason: `文件 ${file} 不是督查工作台的数据文件，或文件头已损坏。` };
    // Where the damage hits the schema or a page quick_check must walk first, it throws instead of listing.
    if (code.startsWith('SQLITE_CORRUPT')) return { ok: false, kind: 'damaged', reason: `数据文件 ${file} 已损坏（检查时部分数据页无法读取）。` };
    return { ok: false, kind: 'unreadable', reason: `无法读取数据文件 ${file}：${isBusy(err) || code.startsWith('SQLITE_BUSY') ? '文件正被其他程序占用，或没有读取权限' : failureReason(err)}。` };
  }
}

function quickCheck(file: string): string[] {
  const run = (db: Database.Database) => (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
  try {
    // Tidy: a check of a closed WAL store leaves no empty -wal/-shm of its own beside it.
    return withReadonly(file, run, { tidy: true });
  } catch (err) {
    if (errorCode(err) !== 'SQLITE_CANTOPEN') throw err;
    // A WAL store in a folder where SQLite cannot create its -shm (a read-only share): checked in memory.
    const db = new Database(storeImage(file), databaseOptions());
    try {
      return run(db);
    } finally {
      db.close();
    }
  }
}

/**
 * Moves a damaged store and its `-wal`/`-shm`/`-journal` aside to `<file>.damaged-YYYYMMDD-HHMMSS` (with
 * `-2`, `-3`… when that name is taken), keeping SQLite's companion naming so the set still opens together.
 * The companions go first: a fresh store created where a store file is missing would have SQLite delete
 * (or replay) a `-wal` still lying there, whereas a store file left without its companions by an
 * interruption is simply quarantined again by the next attempt. Returns the new path of the store file.
 */
export function quarantineDamaged(file: string, now: Date = new Date()): string {
  if (!fs.existsSync(file)) throw new AppError('not-found', `数据文件 ${file} 不存在，无需隔离。`);
  const base = `${file}.damaged-${localStamp(now)}`;
  let target = base;
  for (let n = 2; [target, ...COMPANIONS.map((c) => `${target}${c}`)].some((f) => fs.existsSync(f)); n++) target = `${base}-${n}`;
  const moves = [...COMPANIONS.map((c) => [`${file}${c}`, `${target}${c}`] as const).filter(([from]) => fs.existsSync(from)), [file, target] as const];
  for (const [from, to] of moves) {
    try {
      fs.renameSync(from, to);
    } catch (err) {
      throw new AppError(
        'io',
        `无法隔离已损坏的数据文件 ${from}：${isBusy(err) ? '文件正被其他程序占用，或没有写入权限' : failureReason(err)}。请关闭其他督查工作台窗口后重试。`,
      );
    }
  }
  fsyncDir(path.dirname(path.resolve(file)));
  return target;
}

/** The newest backup in `dir` that passes verification (a damaged newer one is skipped), or null. */
export function newestGoodBackup(dir: string): BackupSummary | null {
  return newestVerifiedBackup(dir);
}
