import { toErrorInfo, type Result } from '../../shared/errors';
import type { MethodName, ParsedInput, Output } from '../../shared/contract';
import { parseRequest, requireMethod } from '../../shared/validate';
import { storeError } from '../db/storeErrors';

/** The service as every host sees it: one handler per contract method (reading workbooks is asynchronous). */
export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

/**
 * The one path from an untrusted (method, payload) pair to a Result: name check, payload validation
 * with the contract, the handler, and errors turned into data. Used by IPC, HTTP and the CLI alike.
 */
export async function dispatch(handlers: Handlers, method: unknown, payload: unknown): Promise<Result<unknown>> {
  try {
    const name = requireMethod(method);
    const input = parseRequest(name, payload);
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(input) };
  } catch (err) {
    // SQLite's own failures (disk full, locked, damaged) reach the user in Chinese, not as an internal error.
    const known = storeError(err);
    if (!known) console.error(`[service] ${String(method)} failed:`, err);
    return { ok: false, error: toErrorInfo(known ?? err) };
  }
}
