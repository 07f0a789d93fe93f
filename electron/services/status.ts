/**
 * The status bar's facts: where the store is, how big, and when the last backup was taken. Cheap enough
 * to ask after every write: the backup folder is listed by name only (no backup is opened).
 */
import fs from 'node:fs';
import { parseBackupName } from '../db/backup';
import { COMPANIONS } from '../db/storeFiles';
import type { ServiceContext } from './context';
import { backupDirOf } from './backups';

export interface StoreStatus {
  storePath: string;
  storeBytes: number;
  backupDir: string;
  lastBackupAt: string | null;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The newest backup's time by its name, or null when the folder holds none (or is not reachable: a stick left at home). */
export function lastBackupAt(dir: string): string | null {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  const times = names.map((n) => parseBackupName(n)?.at.getTime()).filter((t): t is number => t !== undefined);
  return times.length === 0 ? null : new Date(Math.max(...times)).toISOString();
}

export function storeStatus(ctx: ServiceContext): StoreStatus {
  const backupDir = backupDirOf(ctx.db, ctx.storePath);
  // The WAL holds the latest writes until a checkpoint: counted, as it is part of what the store weighs on disk.
  const storeBytes = sizeOf(ctx.storePath) + COMPANIONS.reduce((sum, c) => sum + sizeOf(`${ctx.storePath}${c}`), 0);
  return { storePath: ctx.storePath, storeBytes, backupDir, lastBackupAt: lastBackupAt(backupDir) };
}
