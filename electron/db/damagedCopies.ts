/**
 * Damaged stores set aside beside a store (`store.sqlite.damaged-20240101-120000`, by integrity.ts): the
 * recovery screen offers them, and the CLI names the newest when the store it was given is gone. Only fs
 * here, so that the CLI's check of --db loads no SQLite.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Damaged stores set aside beside `storePath`, newest first (none in a folder not yet created or unreadable). */
export function damagedCopies(storePath: string): string[] {
  const dir = path.dirname(path.resolve(storePath));
  const prefix = `${path.basename(storePath)}.damaged-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith(prefix) && !/-(wal|shm|journal)$/.test(n))
    .sort()
    .reverse()
    .map((n) => path.join(dir, n));
}
