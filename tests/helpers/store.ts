import fs from 'node:fs';
import { afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { startCore, type AppCore } from '../../electron/host/app';
import type { Input, MethodName, Output } from '../../shared/contract';
import { methods } from '../../shared/contract';

export function tempDir(prefix = 'ducha-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempStorePath(): string {
  return path.join(tempDir(), 'store.sqlite');
}

/** A core on a real SQLite file in a temp dir; `call` goes through the same validation as every host. */
export async function openCore(storePath = tempStorePath(), seed = false): Promise<AppCore & { invoke: Invoker }> {
  const core = await startCore({ storePath, seedIfEmpty: seed });
  const invoke: Invoker = async (method, input) => {
    const result = await core.call(method, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    // Every response must satisfy the contract's output schema.
    return methods[method].output.parse(result.value) as never;
  };
  return Object.assign(core, { invoke });
}

export type Invoker = <M extends MethodName>(method: M, input: Input<M>) => Promise<Output<M>>;

/** A store opener for one test file: every store it opens is closed after each test. */
export function closingStores(): (seed?: boolean) => Promise<AppCore & { invoke: Invoker }> {
  const opened: AppCore[] = [];
  afterEach(() => {
    // A test may have closed its store already, to hand the file to the CLI.
    for (const c of opened.splice(0)) if (c.db.open) c.close();
  });
  return async (seed = false) => {
    const core = await openCore(undefined, seed);
    opened.push(core);
    return core;
  };
}
