/**
 * The data folder as the app finds it at start: created when missing, checked for writing, and where it
 * cannot be written (a locked-down profile, a read-only share, a full disk), the store opened read-only from
 * a copy in memory, so the user still sees the data and can export it. Also where a backup goes when the
 * chosen backup folder (a USB stick left at home) cannot be reached.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, systemErrorMessage, systemErrorReason } from '../../shared/errors';
import type { Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { failureReason } from '../db/storeErrors';
import { asRollbackJournal, databaseOptions, errorCode, storeImage, summarize, withReadonly } from '../db/storeFiles';

export type FolderAccess = { writable: true } | { writable: false; folder: string; reason: string };

/** Errors that say "you may read here but not write", as opposed to "there is nothing here". */
const READ_ONLY_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

/**
 * Creates the store's folder when missing and finds out whether the store can be written: by really
 * writing (a probe file in the folder, the store opened for writing), because permission bits say nothing
 * for an administrator, a read-only mount or a Windows read-only attribute. Anything else than "not
 * writable" (a drive that is not there, a file where the folder should be) is an error naming the path.
 */
export function prepareDataFolder(storePath: string): FolderAccess {
  const file = path.resolve(storePath);
  const folder = path.dirname(file);
  const refused = (err: unknown, what: string): FolderAccess => {
    if (!READ_ONLY_CODES.has(errorCode(err))) throw new AppError('io', systemErrorMessage(err, folder) ?? `无法使用数据文件夹 ${folder}：${failureReason(err)}。`);
    return { writable: false, folder, reason: `${what}（${systemErrorReason(err)}）` };
  };
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (err) {
    return refused(err, `无法创建数据文件夹 ${folder}`);
  }
  const probe = path.join(folder, `.write-check-${process.pid}-${Date.now()}`);
  try {
    fs.closeSync(fs.openSync(probe, 'wx'));
  } catch (err) {
    return refused(err, `数据文件夹 ${folder} 不能写入`);
  }
  fs.rmSync(probe, { force: true });
  if (fs.existsSync(file)) {
    try {
      fs.closeSync(fs.openSync(file, 'r+'));
    } catch (err) {
      // A store held open elsewhere (EBUSY on Windows) is not read-only: opening it says so later.
      if (errorCode(err) === 'EBUSY') return { writable: true };
      return refused(err, `数据文件 ${file} 不能写入`);
    }
  }
  return { writable: true };
}

/** What the user reads while the store is open read-only, and again with every refused change. */
export function readOnlyMessage(access: Extract<FolderAccess, { writable: false }>): string {
  return `${access.reason}，数据以只读方式打开：可以查看、筛选和导出，但修改不会保存。请让管理员开放该文件夹的写入权限，或将数据文件放到可写入的文件夹（启动时用 --db 指定），然后重新启动。`;
}

/**
 * The store as a read-only copy in memory, migrated there when it is from an older release (the file
 * itself is never touched). A missing store gives an empty one, which the caller may fill with the sample.
 * SQLite then refuses every write (`query_only`, set by the caller once the copy is ready).
 */
export function openReadOnlyCopy(storePath: string): Db {
  let image: Buffer | null = null;
  if (fs.existsSync(storePath) && fs.statSync(storePath).size > 0) {
    try {
      // Through SQLite, so that a -wal left beside the store is part of the copy.
      image = asRollbackJournal(withReadonly(storePath, (db) => db.serialize()));
    } catch {
      // A WAL store in a folder where SQLite cannot create its -shm: the file's bytes are the store.
      try {
        image = storeImage(storePath);
      } catch (err) {
        throw new AppError('io', `无法读取数据文件 ${storePath}：${failureReason(err)}。`);
      }
    }
  }
  let db: Db;
  try {
    db = image ? new Database(image, databaseOptions()) : new Database(':memory:', databaseOptions());
  } catch (err) {
    throw new AppError('store-damaged', `数据文件 ${storePath} 无法读取（${failureReason(err)}），而且所在文件夹不能写入，无法隔离后从备份恢复。`);
  }
  try {
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) {
      throw new AppError('store-damaged', `数据文件 ${storePath} 已损坏（${summarize(problems)}），而且所在文件夹不能写入，无法隔离后从备份恢复。`);
    }
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw new AppError('store-damaged', `数据文件 ${storePath} 无法读取（${failureReason(err)}），而且所在文件夹不能写入，无法隔离后从备份恢复。`);
  }
}
