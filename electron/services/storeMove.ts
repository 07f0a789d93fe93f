/**
 * 数据文件夹: the store moved to another folder while the app runs, and the old copy removed once the user
 * has seen the new one work. The file work is in db/moveStore.ts; this is the order of the steps and the
 * change log. Host-level, as a restore is: it replaces the connection under the service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { copyStoreTo, movedMarker, removeOldStore } from '../db/moveStore';
import { COMPANIONS, removeQuiet } from '../db/storeFiles';
import { appendChange } from '../db/repos/changeLog';
import { readSettings } from '../db/repos/settings';
import { actorOf, type ServiceContext } from './context';
import { rememberBackupDir } from './backups';

export interface StoreMoved {
  from: string;
  to: string;
  /** The old file, kept until the user confirms (store.removeOld). */
  oldKept: string;
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
  await switchTo(to);
  // A chosen backup folder stays chosen, remembered beside the new store for recovery too.
  if (backupDir.trim() !== '') rememberBackupDir(to, backupDir);
  appendChange(ctx.db, actorOf(ctx), { kind: 'store-move', entity: 'store', entityId: null, targetId: null, before: { path: from }, after: { path: to } });
  return { from, to, oldKept: from };
}

/** The old copy the last move kept, if it is still there. */
export function oldStoreOf(ctx: ServiceContext): string | null {
  const row = ctx.db.prepare("SELECT before_json FROM change_log WHERE kind = 'store-move' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined;
  if (!row) return null;
  const old = (JSON.parse(row) as { path?: string }).path;
  return old && fs.existsSync(old) && path.resolve(old) !== path.resolve(ctx.storePath) ? old : null;
}

export function removeOldStoreOf(ctx: ServiceContext): { removed: string | null } {
  const old = oldStoreOf(ctx);
  if (!old) return { removed: null };
  removeOldStore(old);
  appendChange(ctx.db, actorOf(ctx), { kind: 'store-remove-old', entity: 'store', entityId: null, targetId: null, before: { path: old }, after: null });
  return { removed: old };
}
