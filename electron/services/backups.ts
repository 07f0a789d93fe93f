/**
 * Backups as the service offers them: where they go (the settings' folder, else 备份 beside the store),
 * taking one (then rotating by the settings' policy), listing them with what each holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '../../shared/contract';
import type { Db } from '../db/connection';
import { DEFAULT_ROTATION, listBackups, rotateBackups, takeBackup, type BackupCounts, type BackupListing, type BackupReason, type BackupSummary } from '../db/backup';
import { readSettings } from '../db/repos/settings';
import { stmt } from '../db/connection';

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

/** The 备份 folder beside the store: the fallback when the chosen folder cannot be used. */
export function localBackupDir(storePath: string): string {
  return path.join(path.dirname(path.resolve(storePath)), '备份');
}

export interface ResolvedBackupDir {
  /** Where backups go now. */
  dir: string;
  /** The folder the settings name (or remembered beside the store), whether or not it is usable. */
  chosen: string;
  /** Set when the chosen folder could not be used and `dir` is the local fallback: shown to the user. */
  warning: string | null;
}

/**
 * Why a folder cannot take a backup now, or null when it can: it exists (or its parent does, and it can be
 * made) and a file can be written in it. A USB stick that is not plugged in leaves neither the folder nor
 * its parent; a share without write permission fails the probe.
 */
function unusable(dir: string): string | null {
  try {
    if (!fs.existsSync(dir)) {
      if (!fs.existsSync(path.dirname(dir))) return '找不到该文件夹，U盘或共享文件夹可能未连接';
      fs.mkdirSync(dir);
    }
    if (!fs.statSync(dir).isDirectory()) return '该路径不是文件夹';
    const probe = path.join(dir, `.ducha-probe-${process.pid}-${Date.now()}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
    return null;
  } catch {
    return '无法在该文件夹中写入文件，可能没有写入权限或磁盘已满';
  }
}

/**
 * The backup folder to use now: the chosen one when it is usable, else the local 备份 folder beside the
 * store with a warning to show. An absent USB stick must never block an import or the app's start; call
 * this wherever a backup is taken (imports, the day's first start, migrations, restores).
 */
export function resolveBackupDir(storePath: string, settings?: Pick<Settings, 'backupDir'>): ResolvedBackupDir {
  const chosen = backupDirFor(storePath, settings);
  const local = localBackupDir(storePath);
  if (path.resolve(chosen) === path.resolve(local)) return { dir: local, chosen, warning: null };
  const why = unusable(chosen);
  if (why === null) return { dir: chosen, chosen, warning: null };
  return {
    dir: local,
    chosen,
    warning: `备份文件夹“${chosen}”当前无法使用（${why}），备份已改存到数据文件旁的“${local}”。连接U盘或共享文件夹后，以后的备份会回到原处。`,
  };
}

/**
 * When each collection round's first import was made: the backup taken right before it (the store as it
 * was before the round's returns came in) survives rotation however many imports follow that day.
 */
function roundFirstImports(db: Db): Date[] {
  const rows = stmt(
    db,
    `SELECT min(b.at) AS at FROM collection_rounds r JOIN plans p ON p.id = r.plan_id
     JOIN import_batches b ON b.year = p.year AND b.quarter = r.quarter AND b.at >= r.opened_at
     GROUP BY r.plan_id, r.quarter`,
  ).all() as { at: string | null }[];
  return rows.filter((r) => r.at !== null).map((r) => new Date(r.at!));
}

/**
 * Takes a verified backup and then applies the rotation; a rotation that cannot delete a file is not an
 * error. Into the local 备份 folder, with `warning` set, when the chosen folder is unavailable.
 */
export async function backupNow(db: Db, storePath: string, reason: BackupReason): Promise<BackupSummary & { warning?: string }> {
  const settings = readSettings(db);
  const { dir, warning } = resolveBackupDir(storePath, settings);
  const summary = await takeBackup(db, dir, reason);
  rotateBackups(dir, { keepLast: settings.backupKeepLast, keepMonthly: settings.backupKeepMonthly, keepDaily: DEFAULT_KEEP_DAILY }, new Date(), roundFirstImports(db));
  return warning === null ? summary : { ...summary, warning };
}

const DEFAULT_KEEP_DAILY = DEFAULT_ROTATION.keepDaily ?? 14;

/** The live store's row counts, as a backup's are read. */
export function liveCounts(db: Db): BackupCounts {
  const count = (table: string) => (stmt(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    plans: count('plans'),
    targets: count('targets'),
    assignments: count('assignments'),
    progressReports: count('progress_reports'),
    changeLog: count('change_log'),
    importBatches: count('import_batches'),
  };
}

/**
 * The backups of the folder in use, each with the difference of its row counts from the live store
 * (backup minus store: what a restore would bring back or take away). `warning` when the chosen folder is
 * unavailable and the local one is listed instead.
 */
export function listStoreBackups(dir: string, db?: Db | null, warning: string | null = null): { dir: string; backups: BackupListing[]; warning?: string } {
  const live = db ? liveCounts(db) : null;
  const backups = listBackups(dir).map((b): BackupListing => {
    if (b.damaged || live === null) return b;
    const diff = Object.fromEntries((Object.keys(live) as (keyof BackupCounts)[]).map((k) => [k, b.counts[k] - live[k]])) as unknown as BackupCounts;
    return { ...b, diff };
  });
  return warning === null ? { dir, backups } : { dir, backups, warning };
}
