/**
 * File-level helpers shared by the backup and integrity modules: read-only opening of a store file that
 * leaves no trace, durable writes (fsync of a file and of its folder), and the timestamps used in names.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';

/** SQLite's companion files of a database, in the order they are moved or removed. */
export const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

let nativeBinding: string | undefined;

/**
 * Inside Electron, better-sqlite3 must load the copy built for Electron's ABI; every connection the app
 * opens (the store, read-only checks, backups, the integrity worker) takes it from here.
 */
export function setNativeBinding(file: string | undefined): void {
  nativeBinding = file;
}

export function nativeBindingPath(): string | undefined {
  return nativeBinding;
}

/** Options for `new Database` with the native binding in use, if any. */
export function databaseOptions(options: Database.Options = {}): Database.Options {
  return nativeBinding ? { ...options, nativeBinding } : options;
}

/**
 * Opens `file` read-only. A WAL-mode file opened read-only makes SQLite create an empty `-wal` and a `-shm`
 * beside it, which would then stay next to a backup the user picked. With `tidy`, `close()` removes the
 * ones this open created when the `-wal` is still empty; never use it on a live store, where another
 * connection may have mapped the `-shm` in the meantime.
 */
export function openReadonly(file: string, options: { tidy?: boolean } = {}): { db: Database.Database; close: () => void } {
  const had = { wal: fs.existsSync(`${file}-wal`), shm: fs.existsSync(`${file}-shm`) };
  const db = new Database(file, databaseOptions({ readonly: true, fileMustExist: true }));
  const close = (): void => {
    if (db.open) db.close();
    if (options.tidy && !had.wal && sizeOf(`${file}-wal`) === 0) {
      removeQuiet(`${file}-wal`);
      if (!had.shm) removeQuiet(`${file}-shm`);
    }
  };
  return { db, close };
}

/** An in-memory database has no write-ahead log: a store's image must say "rollback journal" (1), not WAL (2). */
export function asRollbackJournal(image: Buffer): Buffer {
  if (image.length > 19) {
    if (image[18] === 2) image[18] = 1;
    if (image[19] === 2) image[19] = 1;
  }
  return image;
}

/**
 * A store file's bytes, ready to open in memory (`new Database(image)`): for a WAL store in a folder where
 * SQLite cannot create its `-shm` (a read-only share), the only way to read it. A `-wal` beside the file
 * is not part of the image.
 */
export function storeImage(file: string): Buffer {
  return asRollbackJournal(fs.readFileSync(file));
}

export function withReadonly<T>(file: string, fn: (db: Database.Database) => T, options: { tidy?: boolean } = {}): T {
  const { db, close } = openReadonly(file, options);
  try {
    return fn(db);
  } finally {
    close();
  }
}

function sizeOf(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

export function removeQuiet(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Best effort: a leftover is reported by whoever lists the folder, never fatal here.
  }
}

/** Flushes a file's data to the disk, so that a rename that follows never exposes a file still in cache. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename in `dir` durable. Windows cannot open a folder for this and journals renames itself. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some file systems (and Windows) refuse fsync on a folder; the rename itself has still happened.
  } finally {
    fs.closeSync(fd);
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `20261123` in local time: the user's calendar day, which is what "today's backup" means to them. */
export function localDay(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
}

/** `20261123-101500`: sortable, and free of characters Windows forbids in file names (no colons). */
export function localStamp(d: Date): string {
  return `${localDay(d)}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** `20261123-101500-123`. */
export function localStampMs(d: Date): string {
  return `${localStamp(d)}-${pad(d.getMilliseconds(), 3)}`;
}

/** The SQLite error code of a thrown value (`SQLITE_FULL`, …), or the Node one (`ENOSPC`, …). */
export function errorCode(err: unknown): string {
  return typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
}

export function isDiskFull(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOSPC' || code.startsWith('SQLITE_FULL') || code === 'EDQUOT';
}

export function isBusy(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
}

/** SQLite's check output, one line per problem, shortened for a message: the first three problems. */
export function summarize(problems: readonly string[]): string {
  const lines = problems.flatMap((p) => p.split('\n')).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('***'));
  return lines.slice(0, 3).join('；') + (lines.length > 3 ? `；等共 ${lines.length} 处` : '');
}
