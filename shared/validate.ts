import { z } from 'zod';
import { AppError } from './errors';
import { isMethodName, methods, type MethodName, type ParsedInput } from './contract';

// Zod's own Chinese messages for the generic cases; the contract gives domain wording where it matters.
z.config(z.locales.zhCN());

/** Validates one request for a method, or throws an AppError naming the field in Chinese. */
export function parseRequest<M extends MethodName>(method: M, payload: unknown): ParsedInput<M> {
  const result = methods[method].input.safeParse(payload ?? {});
  if (result.success) return result.data as ParsedInput<M>;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  throw new AppError('invalid-request', field ? `请求参数有误（${field}）：${issue.message}` : `请求参数有误：${issue.message}`, field ? { field } : undefined);
}

export function requireMethod(name: unknown): MethodName {
  if (typeof name !== 'string' || !isMethodName(name)) {
    throw new AppError('unknown-method', `未知的操作：${String(name).slice(0, 60)}`);
  }
  return name;
}
