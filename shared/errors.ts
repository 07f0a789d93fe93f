/**
 * Typed errors shared by every host. A message is always Chinese and meant for the user;
 * `code` is for programs and tests. `where` points at the field, or at the file cell an error came from.
 */
export type ErrorCode =
  | 'invalid-request'
  | 'unknown-method'
  | 'not-found'
  | 'validation'
  | 'conflict'
  | 'store-too-new'
  | 'store-damaged'
  | 'forbidden'
  | 'locked'
  /** An update based on a version of the target that another window (or the CLI) has changed since. */
  | 'stale'
  | 'io'
  | 'cancelled'
  | 'internal';

export interface ErrorWhere {
  field?: string;
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
}

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  where?: ErrorWhere;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly where?: ErrorWhere;

  constructor(code: ErrorCode, message: string, where?: ErrorWhere) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.where = where;
  }

  toInfo(): ErrorInfo {
    return this.where ? { code: this.code, message: this.message, where: this.where } : { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The one place where a thrown value becomes a Result error, at the IPC/HTTP/CLI edge. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof AppError) return err.toInfo();
  const system = systemErrorMessage(err);
  if (system) return { code: 'io', message: system };
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `内部错误：${detail}` };
}

/**
 * The operating system's error codes as Node reports them (`err.code`), in the user's words. Node's own
 * text ("ENOENT: no such file or directory, scandir …") must never reach the user.
 */
const SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOENT: '文件或文件夹不存在',
  EACCES: '没有访问权限',
  EPERM: '操作不被允许（没有权限，或文件被设为只读、正被其他程序使用）',
  EBUSY: '文件正被其他程序占用',
  EROFS: '所在的磁盘或文件夹是只读的',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '磁盘配额已用完',
  EEXIST: '已有同名的文件或文件夹',
  ENOTDIR: '路径中有一部分不是文件夹',
  EISDIR: '这是一个文件夹，不是文件',
  ENOTEMPTY: '文件夹不是空的',
  EMFILE: '同时打开的文件过多',
  ENFILE: '同时打开的文件过多',
  ENAMETOOLONG: '路径过长',
  EINVAL: '路径或文件名无效',
  EIO: '磁盘读写出错（磁盘、U 盘或网络盘故障？）',
  ENODEV: '设备不存在（U 盘或网络盘是否已拔出或断开？）',
  ENXIO: '设备不存在（U 盘或网络盘是否已拔出或断开？）',
  EXDEV: '不能在不同的磁盘之间直接移动',
  ELOOP: '路径中的链接形成了循环',
  EAGAIN: '资源暂时不可用，请稍后再试',
  ETIMEDOUT: '网络盘连接超时',
  EHOSTDOWN: '网络盘所在的计算机无法访问',
  EHOSTUNREACH: '网络盘所在的计算机无法访问',
  ENETUNREACH: '网络不可用',
  ECONNRESET: '网络连接中断',
  ECONNREFUSED: '连接被拒绝',
  UNKNOWN: '未知的系统错误',
};

/** What the system call was doing, from Node's `err.syscall`. */
const SYSTEM_ACTIONS: Readonly<Record<string, string>> = {
  open: '打开',
  read: '读取',
  scandir: '读取文件夹',
  opendir: '读取文件夹',
  readdir: '读取文件夹',
  stat: '访问',
  lstat: '访问',
  access: '访问',
  mkdir: '创建文件夹',
  write: '写入',
  copyfile: '复制',
  cp: '复制',
  rename: '移动或重命名',
  unlink: '删除',
  rmdir: '删除文件夹',
  rm: '删除',
  fsync: '写入',
  chmod: '修改',
  utime: '修改',
};

function systemCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(SYSTEM_REASONS, code) ? code : null;
}

/** The Chinese reason for an operating-system error (`没有访问权限`), or null when `err` is not one. */
export function systemErrorReason(err: unknown): string | null {
  const code = systemCode(err);
  return code === null ? null : SYSTEM_REASONS[code]!;
}

/**
 * A whole sentence for an operating-system error, naming the path it concerns (`无法创建文件夹 D:\数据：没有访问权限。`),
 * or null when `err` is not one. `path` names the file when the error itself carries none.
 */
export function systemErrorMessage(err: unknown, path?: string): string | null {
  const reason = systemErrorReason(err);
  if (reason === null) return null;
  const e = err as { path?: unknown; dest?: unknown; syscall?: unknown };
  const where = typeof e.path === 'string' ? e.path : path;
  const action = (typeof e.syscall === 'string' && SYSTEM_ACTIONS[e.syscall]) || '访问';
  const target = typeof e.dest === 'string' && e.syscall === 'rename' ? `${where} → ${e.dest}` : where;
  return target ? `无法${action} ${target}：${reason}。` : `${reason}。`;
}

/** "三季度.xlsx › Sheet1 › 第12行 › E列": how a location is shown to the user. */
export function formatWhere(where: ErrorWhere | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) parts.push(where.file);
  if (where.sheet) parts.push(where.sheet);
  if (where.row !== undefined) parts.push(`第${where.row}行`);
  if (where.column) parts.push(`${where.column}列`);
  return parts.join(' › ');
}
