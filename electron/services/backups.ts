/**
 * Backups as the service offers them: where they go (the settings' folder, else 备份 beside the store),
 * taking one (then rotating by the settings' policy), listing them with what each holds.
 */
import path from 'node:path';
import type { Settings } from '../../shared/contract';
import type { Db } from '../db/connection';
import { listBackups, rotateBackups, takeBackup, type BackupListing, type BackupReason, type BackupSummary } from '../db/backup';
import { readSettings } from '../db/repos/settings';

/** Beside the store unless the user pointed the backups at a USB stick or a network share. */
export function backupDirFor(storePath: string, settings?: Pick<Settings, 'backupDir'>): string {
  const chosen = settings?.backupDir.trim() ?? '';
  return chosen !== '' ? chosen : path.join(path.dirname(path.resolve(storePath)), '备份');
}

export function backupDirOf(db: Db, storePath: string): string {
  return backupDirFor(storePath, readSettings(db));
}

/** Takes a verified backup and then applies the rotation; a rotation that cannot delete a file is not an error. */
export async function backupNow(db: Db, storePath: string, reason: BackupReason): Promise<BackupSummary> {
  const settings = readSettings(db);
  const dir = backupDirFor(storePath, settings);
  const summary = await takeBackup(db, dir, reason);
  rotateBackups(dir, { keepLast: settings.backupKeepLast, keepMonthly: settings.backupKeepMonthly });
  return summary;
}

export function listStoreBackups(dir: string): { dir: string; backups: BackupListing[] } {
  return { dir, backups: listBackups(dir) };
}
