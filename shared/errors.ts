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
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `内部错误：${detail}` };
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
