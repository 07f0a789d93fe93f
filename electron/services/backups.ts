/**
 * Backups as the service offers them: where they go (the settings' folder, else 备份 beside the store),
 * taking one (then rotating by the settings' policy), listing them with what each holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../../shared/contract';
import type { Db } from '../db/connection';
import { listBackups, rotateBackups, takeBackup, type BackupListing, type BackupReason, type BackupSummary } from '../db/backup';
import { readSettings } from '../db/repos/settings';

/**
 * The chosen backup folder is also written beside the store (`store.sqlite.backup-dir`): when the store
 * itself is damaged, its settings cannot be read, and recovery must still find the backups on the USB stick.
 */
export function backupDirMarker(storePath: string): string {
  return `${path.resolve(storePath)}.backup-dir`;
}

export function rememberBackupDir(storePath: string, dir: string): void {
  const marker = backupDirMarker(storePath);
  if (dir.trim() === '') fs.rmSync(marker, { force: true });
  else fs.writeFileSync(marker, dir.trim(), 'utf8');
}

/**
 * Beside the store unless the user pointed the backups at a USB stick or a network share; without the
 * settings (a damaged store), the folder remembered beside the store.
 */
export function backupDirFor(storePath: string, settings?: Pick<Settings, 'backupDir'>): string {
  let chosen = settings?.backupDir.trim() ?? '';
  if (!settings) {
    try {
      chosen = fs.readFileSync(backupDirMarker(storePath), 'utf8').trim();
    } catch {
      chosen = '';
    }
  }
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
