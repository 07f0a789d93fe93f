import os from 'node:os';
import path from 'node:path';
import type { Result } from '../../shared/errors';
import { openStore, type Db } from '../db/connection';
import { dispatch, type Handlers } from '../services/dispatch';
import { createHandlers } from '../services';
import { countPlans } from '../db/repos/plans';

export interface AppCore {
  readonly db: Db;
  readonly storePath: string;
  readonly handlers: Handlers;
  /** Validates and runs one request; never throws. */
  call(method: unknown, payload: unknown): Promise<Result<unknown>>;
  close(): void;
}

export interface StartOptions {
  storePath: string;
  /** Load the sample data set when the store has no plan yet (first run of the app, not the CLI). */
  seedIfEmpty?: boolean;
  nativeBinding?: string;
}

/** Opens the store and builds the service: the same core for Electron, the browser mode and the CLI. */
export async function startCore(options: StartOptions): Promise<AppCore> {
  const db = openStore(options.storePath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  if (options.seedIfEmpty && countPlans(db) === 0) {
    // Loaded on demand: exceljs is heavy, and only a first start needs it.
    const { loadSampleData } = await import('../services/seed');
    await loadSampleData(db);
  }
  const handlers = createHandlers(db, { storePath: options.storePath });
  return {
    db,
    storePath: options.storePath,
    handlers,
    call: (method, payload) => dispatch(handlers, method, payload),
    close: () => db.close(),
  };
}

/** Where the store lives when no --db is given: the user's data folder, as Electron's userData would be. */
export function defaultStorePath(): string {
  const home = os.homedir();
  const base =
    process.platform === 'win32'
      ? process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming')
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : process.env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  return path.join(base, '责任目标督查工作台', 'store.sqlite');
}
