/**
 * Moving the store to another folder (设置 › 数据文件夹): copied with SQLite's online backup, verified
 * (integrity_check and the row count of every table against the open store), flushed, and only then given
 * its name. Any failure leaves no file in the target folder and the store where it was. The old file stays
 * until the user confirms; a marker beside it (`store.sqlite.moved-to`) sends the next start to the new one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError, systemErrorReason } from '../../shared/errors';
import { backupNames } from './backup';
import { COMPANIONS, errorCode, fsyncDir, fsyncFile, isDiskFull, removeQuiet, withReadonly } from './storeFiles';

const PARTIAL = '.moving';

export function movedMarker(storePath: string): string {
  return `${path.resolve(storePath)}.moved-to`;
}

/** The store a start should open: where `storePath` was moved to, following later moves too. */
export function followMoved(storePath: string): string {
  let current = storePath;
  // A handful of hops at most: a marker pointing back in a loop must not hang the start.
  for (let hop = 0; hop < 10; hop++) {
    let target: string;
    try {
      target = fs.readFileSync(movedMarker(current), 'utf8').trim();
    } catch {
      break;
    }
    if (target === '' || path.resolve(target) === path.resolve(current)) break;
    current = target;
  }
  if (current !== storePath && !fs.existsSync(current)) {
    throw new AppError('io', `数据文件已移到 ${current}，但现在找不到它（U盘或网络盘未连接？）。请连接后重新打开程序。`);
  }
  return current;
}

/** Row counts of every table: what the copy must hold, table by table. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number]));
}

function sizeOnDisk(file: string): number {
  return [file, ...COMPANIONS.map((c) => file + c)].reduce((sum, f) => {
    try {
      return sum + fs.statSync(f).size;
    } catch {
      return sum;
    }
  }, 0);
}

/** Free bytes for an unprivileged user in `dir`; null where the system cannot say. */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a folder cannot take the store, in the user's words (never ENOENT / EACCES). */
function folderFailure(err: unknown, dir: string): AppError {
  const code = errorCode(err);
  if (isDiskFull(err)) return new AppError('io', `目标文件夹 ${dir} 所在的磁盘空间不足，数据文件没有移动。`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new AppError('io', `没有权限写入文件夹 ${dir}（只读的U盘或网络盘？），数据文件没有移动。`);
  if (code === 'ENOTDIR' || code === 'EEXIST') return new AppError('io', `${dir} 不是文件夹，数据文件没有移动。`);
  if (code === 'ENOENT') return new AppError('io', `找不到文件夹 ${dir}（U盘或网络盘未连接？），数据文件没有移动。`);
  if (err instanceof AppError) return err;
  return new AppError('io', `无法把数据文件移到 ${dir}（${code || '未知原因'}），数据文件没有移动。`);
}

export interface MoveOptions {
  /** How much room the target has; the system's answer unless a test says otherwise. */
  freeBytes?: (dir: string) => number | null;
}

/**
 * Copies the open store `db` (at `from`) into `dir` under the same name, verified; returns the new path.
 * Throws an AppError with nothing left in `dir` when the copy cannot be made or does not match.
 */
export async function copyStoreTo(db: Database.Database, from: string, dir: string, options: MoveOptions = {}): Promise<string> {
  if (!path.isAbsolute(dir)) throw new AppError('validation', '请填写目标文件夹的完整路径（例如 D:\\督查数据）。', { field: 'targetDir' });
  // Linux's virtual file systems never hold data, and a mkdir under /proc does not return at all.
  if (process.platform !== 'win32' && /^\/(proc|sys|dev)(\/|$)/.test(path.resolve(dir))) {
    throw new AppError('validation', `${dir} 是系统文件夹，不能存放数据文件，请换一个文件夹。`, { field: 'targetDir' });
  }
  const to = path.join(dir, path.basename(from));
  if (path.resolve(to) === path.resolve(from)) throw new AppError('validation', '数据文件已经在这个文件夹中。', { field: 'targetDir' });
  if (fs.existsSync(to)) throw new AppError('conflict', `目标文件夹中已有数据文件 ${to}，为免覆盖，请换一个文件夹或先把它移走。`, { field: 'targetDir' });
  if (db.inTransaction) throw new AppError('conflict', '有修改正在保存，请稍后再移动。');
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw folderFailure(err, dir);
  }
  const need = sizeOnDisk(from);
  const free = (options.freeBytes ?? freeBytes)(dir);
  // Room for the copy and its journal while it is written.
  if (free !== null && free < need * 1.2) {
    throw new AppError('io', `目标文件夹 ${dir} 所在的磁盘空间不足（需要约 ${mb(need * 1.2)}，可用 ${mb(free)}），数据文件没有移动。`);
  }
  const partial = to + PARTIAL;
  const cleanup = () => {
    removeQuiet(partial);
    for (const c of COMPANIONS) removeQuiet(partial + c);
  };
  try {
    fs.closeSync(fs.openSync(partial, 'wx'));
  } catch (err) {
    throw folderFailure(err, dir);
  }
  try {
    const expected = tableCounts(db);
    await db.backup(partial);
    const problem = withReadonly(partial, (copy) => {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') return `完整性检查未通过（${String(check)}）`;
      const got = tableCounts(copy);
      const differing = Object.keys({ ...expected, ...got }).filter((t) => expected[t] !== got[t]);
      return differing.length > 0 ? `以下数据表的行数与原文件不同：${differing.join('、')}` : null;
    }, { tidy: true });
    if (problem) throw new AppError('io', `复制到 ${dir} 的数据文件校验未通过：${problem}。数据文件没有移动。`);
    fsyncFile(partial);
    fs.renameSync(partial, to);
    fsyncDir(dir);
    return to;
  } catch (err) {
    cleanup();
    throw folderFailure(err, dir);
  }
}

/** The old copy and its companions, once the user confirmed the new one works. */
export function removeOldStore(oldPath: string): void {
  for (const f of [oldPath, ...COMPANIONS.map((c) => oldPath + c)]) {
    try {
      fs.rmSync(f, { force: true });
    } catch (err) {
      throw new AppError('io', `无法删除原数据文件 ${f}（正被其他程序占用？），可以稍后手动删除。（${errorCode(err) || '未知原因'}）`);
    }
  }
}

export interface BackupsCopied {
  copied: string[];
  /** Why the rest stayed where they were (the first failure stops the copy); null when all came along. */
  problem: string | null;
}

/**
 * The backups of the old 备份 folder copied into the new one, each flushed and checked by size before it
 * takes its name, so that 数据备份 still lists them after a move. Best effort: the store has moved already,
 * and a backup that does not come along stays in the old folder, which the user is told.
 */
export async function copyBackups(fromDir: string, toDir: string): Promise<BackupsCopied> {
  const copied: string[] = [];
  if (path.resolve(fromDir) === path.resolve(toDir)) return { copied, problem: null };
  let names: string[];
  try {
    names = backupNames(fromDir);
  } catch (err) {
    return { copied, problem: err instanceof AppError ? err.message : String(err) };
  }
  // Newest first: when the room runs out, the backups most likely to be wanted have come along.
  for (const name of names) {
    const source = path.join(fromDir, name);
    const target = path.join(toDir, name);
    const partial = target + PARTIAL;
    try {
      fs.mkdirSync(toDir, { recursive: true });
      if (fs.existsSync(target)) {
        if (fs.statSync(target).size === fs.statSync(source).size) copied.push(name);
        continue;
      }
      // Asynchronous: tens of backups onto a USB stick must not freeze the window (the main process) meanwhile.
      await fs.promises.copyFile(source, partial, fs.constants.COPYFILE_EXCL);
      if (fs.statSync(partial).size !== fs.statSync(source).size) throw new AppError('io', `备份 ${name} 复制后大小不符`);
      const handle = await fs.promises.open(partial, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      fs.renameSync(partial, target);
      copied.push(name);
    } catch (err) {
      removeQuiet(partial);
      const why = isDiskFull(err) ? '磁盘空间不足' : err instanceof AppError ? err.message : (systemErrorReason(err) ?? '未知原因');
      return { copied, problem: `${names.length - copied.length} 个旧备份未能复制到 ${toDir}（${why}），仍保留在 ${fromDir}。` };
    }
  }
  if (copied.length > 0) fsyncDir(toDir);
  return { copied, problem: null };
}

/**
 * The old 备份 folder's backups that the new folder holds whole (same name, same size), removed with the old
 * store; the folder itself too once empty. One the new folder lacks is never removed.
 */
export function removeCopiedBackups(oldDir: string, newDir: string): number {
  if (path.resolve(oldDir) === path.resolve(newDir)) return 0;
  let removed = 0;
  let names: string[];
  try {
    names = backupNames(oldDir);
  } catch {
    // The old folder cannot be read (a share gone, no permission): its backups stay, which is safe.
    return 0;
  }
  for (const name of names) {
    const old = path.join(oldDir, name);
    const kept = path.join(newDir, name);
    try {
      if (!fs.existsSync(kept) || fs.statSync(kept).size !== fs.statSync(old).size) continue;
      fs.rmSync(old);
      removed++;
    } catch {
      // Left in place: it is a copy, and the user can remove it by hand.
    }
  }
  try {
    fs.rmdirSync(oldDir);
  } catch {
    // Not empty (other files, or a backup not copied), or gone already.
  }
  return removed;
}

