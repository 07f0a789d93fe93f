/**
 * SQLite's and the file system's failures while reading or writing the store, as the user should read them.
 * better-sqlite3 throws a SqliteError whose message is SQLite's English ("database or disk is full");
 * without this mapping it reaches the user as "内部错误：database or disk is full".
 */
import { AppError } from '../../shared/errors';
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
  return null;
}
