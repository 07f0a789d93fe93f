/**
 * SQLite's and the file system's failures while reading or writing the store, as the user should read them.
 * better-sqlite3 throws a SqliteError whose message is SQLite's English ("database or disk is full");
 * without this mapping it reaches the user as "内部错误：database or disk is full".
 */
import { AppError, systemErrorMessage, systemErrorReason } from '../../shared/errors';
import { errorCode } from './storeFiles';

/** The AppError for a store failure, or null when `err` is not one (it is then left to the caller). */
export function storeError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const code = errorCode(err);
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('io', '磁盘空间不足，写入数据文件失败，本次操作的内容没有保存（已保存的数据不受影响）。请清理磁盘空间后重试。');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('store-damaged', '数据文件已损坏，本次操作没有保存。请关闭程序后重新打开，程序会检查数据文件并提示从备份恢复。');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('io', '数据文件正被其他程序占用（是否还有另一个督查工作台窗口或命令行在运行？），本次操作没有保存，请稍后重试。');
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError('io', '数据文件是只读的，或所在文件夹没有写入权限，本次操作没有保存。');
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
    return new AppError('io', '读写数据文件时出错（磁盘或网络盘故障？），本次操作没有保存。请检查磁盘后重试。');
  }
  // A file the service reads or writes beside the store (a backup, an export, the data folder itself).
  const system = systemErrorMessage(err);
  if (system) return new AppError('io', system);
  return null;
}

/** SQLite's result codes, in the user's words (the prefix covers the extended codes, SQLITE_IOERR_WRITE…). */
const SQLITE_REASONS: readonly (readonly [string, string])[] = [
  ['SQLITE_CANTOPEN', '无法打开文件（文件夹不存在，或没有访问权限）'],
  ['SQLITE_READONLY', '文件是只读的，或所在文件夹没有写入权限'],
  ['SQLITE_BUSY', '文件正被其他程序占用'],
  ['SQLITE_LOCKED', '文件正被其他程序占用'],
  ['SQLITE_FULL', '磁盘空间不足'],
  ['SQLITE_IOERR', '读写出错（磁盘、U 盘或网络盘故障？）'],
  ['SQLITE_NOTADB', '不是督查工作台的数据文件，或文件头已损坏'],
  ['SQLITE_CORRUPT', '文件已损坏'],
  ['SQLITE_PERM', '没有访问权限'],
  ['SQLITE_AUTH', '没有访问权限'],
];

/**
 * Why a file operation failed, as a clause to put after a Chinese sentence naming the file: the system's
 * or SQLite's reason in Chinese, else the thrown message (already Chinese for the app's own errors).
 */
export function failureReason(err: unknown): string {
  const system = systemErrorReason(err);
  if (system) return system;
  const code = errorCode(err);
  const sqlite = SQLITE_REASONS.find(([prefix]) => code.startsWith(prefix));
  if (sqlite) return sqlite[1];
  return err instanceof Error ? err.message : String(err);
}
