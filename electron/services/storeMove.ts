/**
 * 数据文件夹: the store moved to another folder while the app runs, and the old copy removed once the user
 * has seen the new one work. The file work is in db/moveStore.ts; this is the order of the steps and the
 * change log. Host-level, as a restore is: it replaces the connection under the service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { type BackupsCopied, copyBackups, copyStoreTo, movedMarker, removeCopiedBackups, removeOldStore } from '../db/moveStore';
import { COMPANIONS, removeQuiet } from '../db/storeFiles';
import { appendChange } from '../db/repos/changeLog';
import { readSettings } from '../db/repos/settings';
import { actorOf, type ServiceContext } from './context';
import { localBackupDir, rememberBackupDir } from './backups';

export interface StoreMoved {
  from: string;
  to: string;
  /** The old file, kept until the user confirms (store.removeOld). */
  oldKept: string;
  /** Backups of the old 备份 folder now also in the new one (when backups go beside the store). */
  backupsCopied: number;
  /** The backups that stayed behind, and why. */
  backupsWarning?: string;
}

/**
 * Copy (verified) → marker beside the old file → switch the connection → change log. A failure before the
 * switch leaves the new folder empty and the store where it was.
 */
export async function moveStoreTo(ctx: ServiceContext, targetDir: string, switchTo: (to: string) => Promise<void>): Promise<StoreMoved> {
  const from = ctx.storePath;
  const to = await copyStoreTo(ctx.db, from, targetDir.trim());
  try {
    fs.writeFileSync(movedMarker(from), to, 'utf8');
  } catch {
    // Without the marker the next start would open the old file: the move is not made at all.
    for (const f of [to, ...COMPANIONS.map((c) => to + c)]) removeQuiet(f);
    throw new AppError('io', `无法在原文件夹 ${path.dirname(from)} 中记下新位置（没有写入权限？），数据文件没有移动。`);
  }
  const backupDir = readSettings(ctx.db).backupDir;
  try {
    await switchTo(to);
  } catch (err) {
    // Refused before the switch (the old file open elsewhere): the store stays where it was, as if never
    // moved. After the switch the new file is the store, and stays.
    if (path.resolve(ctx.storePath) === path.resolve(from)) for (const f of [movedMarker(from), to, ...COMPANIONS.map((c) => to + c)]) removeQuiet(f);
    throw err;
  }
  // A chosen backup folder stays chosen, remembered beside the new store for recovery too. Backups beside
  // the store move with it, so that 数据备份 still lists them and the old folder can be emptied.
  let backups: BackupsCopied = { copied: [], problem: null };
  if (backupDir.trim() !== '') rememberBackupDir(to, backupDir);
  else backups = await copyBackups(localBackupDir(from), localBackupDir(to));
  appendChange(ctx.db, actorOf(ctx), {
    kind: 'store-move',
    entity: 'store',
    entityId: null,
    targetId: null,
    before: { path: from },
    after: { path: to, backupsCopied: backups.copied.length },
  });
  return { from, to, oldKept: from, backupsCopied: backups.copied.length, ...(backups.problem ? { backupsWarning: backups.problem } : {}) };
}

/** The old copy the last move kept, if it is still there. */
export function oldStoreOf(ctx: ServiceContext): string | null {
  const row = ctx.db.prepare("SELECT before_json FROM change_log WHERE kind = 'store-move' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined;
  if (!row) return null;
  const old = (JSON.parse(row) as { path?: string }).path;
  return old && fs.existsSync(old) && path.resolve(old) !== path.resolve(ctx.storePath) ? old : null;
}

export function removeOldStoreOf(ctx: ServiceContext): { removed: string | null; backupsRemoved: number } {
  const old = oldStoreOf(ctx);
  if (!old) return { removed: null, backupsRemoved: 0 };
  removeOldStore(old);
  const backupsRemoved = removeCopiedBackups(localBackupDir(old), localBackupDir(ctx.storePath));
  appendChange(ctx.db, actorOf(ctx), { kind: 'store-remove-old', entity: 'store', entityId: null, targetId: null, before: { path: old, backupsRemoved }, after: null });
  return { removed: old, backupsRemoved };
}
