import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertNotNewer } from '../db/migrate';
import { openReadonly } from '../db/storeFiles';

export interface ScratchStore {
  /** Where to start a core: a copy of the store, or ':memory:' when there is no store yet. */
  path: string;
  remove(): void;
}

/**
 * A throwaway copy of a store for a dry run, taken with SQLite's backup API from a read-only connection:
 * the preview then runs the service's real steps (migrations included) without touching the user's file,
 * not even the switch to WAL. `whileCopying` is told how to remove the copy until it is handed over (the
 * CLI's atInterrupt).
 */
export async function scratchCopy(storePath: string, whileCopying: (remove: () => void) => () => void = () => () => undefined): Promise<ScratchStore> {
  if (!fs.existsSync(storePath)) return { path: ':memory:', remove: () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-dry-run-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  // A Ctrl+C while the copy is taken (a large store takes a moment) comes before the caller holds `remove`.
  const forget = whileCopying(remove);
  try {
    // Not tidied: the app may have the store open at the same time.
    const source = openReadonly(storePath);
    try {
      assertNotNewer(source.db);
      await source.db.backup(path.join(dir, 'store.sqlite'));
    } finally {
      source.close();
    }
  } catch (err) {
    remove();
    throw err;
  } finally {
    forget();
  }
  return { path: path.join(dir, 'store.sqlite'), remove };
}
