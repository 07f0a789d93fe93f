/**
 * Every failure as the CLI's user reads it: Chinese, naming the file or option, never Node's or SQLite's
 * own English (ENOENT, EACCES…). The service's errors arrive already in Chinese; what is left here are the
 * file-system errors of the host itself and of parseArgs, and the rare raw message an internal error carries.
 */
import { AppError, formatWhere } from '../../shared/errors';

const ERRNO_REASONS: Record<string, string> = {
  ENOENT: '文件或文件夹不存在',
  ENOTDIR: '路径中有一部分是文件，不是文件夹',
  EISDIR: '这是一个文件夹，不是文件',
  EACCES: '没有访问权限',
  EPERM: '没有访问权限，或文件被设为只读',
  EBUSY: '文件正被其他程序占用',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '磁盘配额已满',
  EROFS: '所在磁盘是只读的',
  EEXIST: '已有同名的文件或文件夹',
  ENAMETOOLONG: '路径过长',
  EMFILE: '同时打开的文件过多',
  ENOTEMPTY: '文件夹不是空的',
  EXDEV: '不能跨磁盘移动',
  EIO: '磁盘读写出错',
};

/** A file-system error code and path in Chinese. */
export function errnoText(code: string, file?: string): string {
  const reason = ERRNO_REASONS[code] ?? '文件操作失败';
  return file ? `无法访问 ${file}：${reason}` : reason;
}

/** Node's "ENOENT: no such file or directory, open '/x'" inside a message, put in Chinese. */
export function scrubErrno(message: string): string {
  return message.replace(/\b(E[A-Z]{2,}): [^,']*(?:, \w+)?(?: '([^']*)')?(?: -> '[^']*')?/g, (_, code: string, file?: string) => errnoText(code, file));
}

export function parseArgsText(err: { code: string; message: string }): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1]?.replace(/ <value>$/, '');
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `参数有误：未知的选项 ${quoted ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/.test(err.message) ? `参数有误：选项 ${quoted} 不需要取值` : `参数有误：选项 ${quoted} 缺少取值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `参数有误：多余的参数 ${quoted ?? ''}`.trim();
    default:
      return '参数有误';
  }
}

/** What is printed on stderr for a failed command. */
export async function describeError(err: unknown): Promise<string> {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  if (code.startsWith('SQLITE_')) {
    // SQLite's own failures (disk full, locked, damaged) met while opening the store, as the service words them.
    const { storeError } = await import('../db/storeErrors');
    const known = storeError(err);
    if (known) return known.message;
  }
  if (err instanceof AppError) {
    const where = formatWhere(err.where);
    // Not when the message names the place already (文件“三季度.xlsx”不是 Excel 工作簿…).
    return scrubErrno(where && !err.message.includes(where) ? `${err.message}（${where}）` : err.message);
  }
  if (code.startsWith('ERR_PARSE_ARGS')) return parseArgsText(err as { code: string; message: string });
  if (/^E[A-Z]{2,}$/.test(code)) return `出错了：${errnoText(code, (err as { path?: string }).path)}`;
  return `出错了：${scrubErrno(err instanceof Error ? err.message : String(err))}`;
}
