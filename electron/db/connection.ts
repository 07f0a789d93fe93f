import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { assertNotNewer, migrate } from './migrate';
import { failureReason } from './storeErrors';
import { databaseOptions } from './storeFiles';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to better-sqlite3's native module built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
}

/** Opens (creating if needed) the store at `file`, sets the pragmas the app relies on, and migrates it. */
export function openStore(file: string, options: OpenOptions = {}): Db {
  const folder = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw new AppError('io', `无法创建数据文件夹 ${folder}：${failureReason(err)}。`);
  }
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : databaseOptions());
  } catch (err) {
    throw new AppError('io', `无法打开数据文件 ${file}：${failureReason(err)}。`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Switching to WAL rewrites the header, so a store from a newer release is refused first.
    assertNotNewer(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    immediateTransactions(db);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new AppError('store-damaged', `文件 ${file} 不是督查工作台的数据文件，或已损坏。`);
    }
    throw err;
  }
}

/**
 * Every `db.transaction(fn)` of the store begins IMMEDIATE. A deferred one reads first and takes the write
 * lock at its first write; when another process (a second window, the browser mode, the CLI) is writing then,
 * SQLite answers SQLITE_BUSY at once, without the busy timeout, so a CLI import failed as 正被其他程序占用
 * while the app saved one cell. Taken at BEGIN, the lock waits its turn. Nested calls stay savepoints.
 */
function immediateTransactions(db: Db): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => transaction(fn).immediate) as Db['transaction'];
}

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepared statements are compiled once per connection and reused. */
export function stmt(db: Db, sql: string): Database.Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let s = perDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    perDb.set(sql, s);
  }
  return s;
}
