/** Reading the CLI's option values: each failure is a Chinese message naming the option. */
import { AppError } from '../../shared/errors';
import type { Quarter } from '../../shared/domain';
import type { Values } from './command';

export function fail(message: string): never {
  throw new AppError('invalid-request', message);
}

export function noExtra(args: string[]): void {
  if (args.length > 0) fail(`多余的参数：${args.join(' ')}`);
}

export function optionalInt(value: unknown, what: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  // Digits only: Number() would also take 0x7E7, 2e3, 3.0 or " 3".
  const n = /^[0-9]+$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) fail(`${what}无效：${String(value)}`);
  return n;
}

export const yearOf = (values: Values): number | undefined => optionalInt(values.year, '年份', 2000, 2100);
export const quarterOf = (values: Values): Quarter | undefined => optionalInt(values.quarter, '季度', 1, 4) as Quarter | undefined;

export function periodOf(values: Values): { year: number; quarter: Quarter } {
  if (values.year === undefined) fail('缺少 --year 参数：请指定年份。');
  if (values.quarter === undefined) fail('缺少 --quarter 参数：请指定季度（1至4）。');
  return { year: yearOf(values)!, quarter: quarterOf(values)! };
}

export function stringOf(values: Values, name: string, missing: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') fail(missing);
  return v;
}

export function choiceOf<T extends string>(value: unknown, choices: readonly T[], message: string): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(String(value))) return value as T;
  fail(message);
}

/** Today as YYYY-MM-DD on the user's clock (a publication date is a local date). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
