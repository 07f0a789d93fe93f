import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupSummaryInfo, MethodName, RecoveryInfo } from '../../shared/contract';
import { AppError, toErrorInfo, type Result } from '../../shared/errors';
import { assertNotOpenElsewhere, needsDailyBackup, parseBackupName, restoreBackup, takeBackup } from '../db/backup';
import { openStore, type Db } from '../db/connection';
import { checkStore, newestGoodBackup, quarantineDamaged } from '../db/integrity';
import { assertNativeModule } from '../db/nativeModule';
import { databaseOptions, errorCode, setNativeBinding } from '../db/storeFiles';
import { failureReason } from '../db/storeErrors';
import { openReadOnlyCopy, prepareDataFolder, readOnlyMessage } from './dataFolder';
import { followMoved } from '../db/moveStore';
import { damagedCopies } from '../db/damagedCopies';
import { moveStoreTo, removeOldStoreOf } from '../services/storeMove';
import { readSettings } from '../db/repos/settings';
import { SCHEMA_VERSION } from '../db/migrate';
import { countPlans } from '../db/repos/plans';
import { dispatch, type Handlers } from '../services/dispatch';
import { activeJobs } from '../jobs/progress';
import { createHandlers } from '../services';
import { backupDirFor, backupDirOf, backupNow, resolveBackupDir } from '../services/backups';
import type { ServiceContext } from '../services/context';
import { publicationsToCarry, recordRestore } from '../services/restoreLog';
import { segmentUnsegmentedReports } from '../services/report';

export interface AppCore {
  /** The open store; in recovery (damaged store set aside, no restore yet) reading it throws the reason. */
  readonly db: Db;
  readonly storePath: string;
  readonly handlers: Handlers;
  readonly recovery: RecoveryInfo | null;
  /**
   * Restores from a backup file anywhere (a USB stick, a copy mailed back), as restore does for the backup
   * folder's own, waiting for no job and backing the current store up first. Host-only: the desktop calls it
   * with the file chosen in its open dialog, the CLI with the file named on its command line; it is no
   * contract method, so no page can name a path.
   */
  restoreFile(file: string): Promise<{ restored: BackupSummaryInfo; safety: BackupSummaryInfo | null }>;
  /** Set when the data folder or the store cannot be written: the store is then a read-only copy in memory. */
  readonly readOnly: { folder: string; reason: string } | null;
  /** What the start had to work around (a backup folder out of reach…), for the user to read once. */
  readonly warnings: readonly string[];
  /** Validates and runs one request; never throws. */
  call(method: unknown, payload: unknown): Promise<Result<unknown>>;
  /** The CLI's backup to a file the user names: taken beside it, verified, then put in place; never overwrites. */
  backupTo(file: string): Promise<BackupSummaryInfo>;
  close(): void;
}

export interface StartOptions {
  storePath: string;
  /** Load the sample data set when the store has no plan yet (first run of the app, not the CLI). */
  seedIfEmpty?: boolean;
  /** One verified backup a day, on the day's first start (the app's hosts; not every CLI call). */
  dailyBackup?: boolean;
  nativeBinding?: string;
  /** The app's hosts: the review of the quarter an overview shows is computed in the background (not the CLI). */
  warmReviews?: boolean;
}

/** What a damaged store still allows: seeing why, listing the backups and restoring one. */
const RECOVERY_METHODS: ReadonlySet<MethodName> = new Set(['app.info', 'backups.list', 'backups.restore']);

/** The store's version without opening it for writing; null for a new or unreadable file. */
function storedVersion(file: string): number | null {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const db = new Database(file, databaseOptions({ readonly: true, fileMustExist: true }));
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/**
 * Whether `file` is a store this version opens without migrating it: opening it for a read then changes
 * nothing (the CLI's import previews against it directly instead of first trying the files in memory).
 */
export function isCurrentStore(file: string): boolean {
  try {
    return storedVersion(file) === SCHEMA_VERSION;
  } catch {
    return false;
  }
}

/**
 * A store that fails its start check is moved aside intact (never overwritten) and the core starts in
 * recovery: the UI shows why and offers the newest good backup. A 0-byte store with backups beside it is
 * treated the same (a sync tool or a full disk emptied it); with none it is a new store.
 */
function startCheck(storePath: string): RecoveryInfo | null {
  const check = checkStore(storePath);
  if (!check.ok && check.kind === 'missing') {
    // The app was closed in recovery: the damaged store is still set aside and nothing replaced it.
    const kept = damagedCopies(storePath);
    if (kept.length === 0) return null;
    const dir = backupDirFor(storePath);
    return { reason: `上次启动时发现数据文件 ${storePath} 已损坏，尚未从备份恢复。`, keptAs: kept[0]!, backupDir: dir, newest: newestGoodBackup(dir) };
  }
  if (check.ok) return null;
  if (check.kind === 'unreadable') throw new AppError('io', check.reason);
  const dir = backupDirFor(storePath);
  const newest = newestGoodBackup(dir);
  if (check.kind === 'empty' && newest === null) return null;
  const keptAs = quarantineDamaged(storePath);
  return { reason: check.reason, keptAs, backupDir: dir, newest };
}

/** Opens the store and builds the service: the same core for Electron, the browser mode and the CLI. */
export async function startCore(options: StartOptions): Promise<AppCore> {
  // A store moved to another folder (设置 › 数据文件夹) is opened where it went.
  // ':memory:' is a trial store (the CLI tries a file on it before opening --db): no folder to prepare or check.
  const inMemory = options.storePath === ':memory:';
  let storePath = inMemory ? options.storePath : followMoved(options.storePath);
  const nativeOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  setNativeBinding(options.nativeBinding);
  assertNativeModule();
  const warnings: string[] = [];
  const warn = (message: string): void => {
    // The same folder out of reach is said once, whichever backup of the start found it.
    if (warnings.includes(message)) return;
    warnings.push(message);
    console.error(`[start] ${message}`);
  };
  const access = inMemory ? null : prepareDataFolder(storePath);
  const readOnly = !access || access.writable ? null : { folder: access.folder, reason: readOnlyMessage(access) };
  let recovery = readOnly || inMemory ? null : startCheck(storePath);
  const ctx: ServiceContext = { db: null as unknown as Db, storePath };

  const open = async (): Promise<void> => {
    // Before a migration changes an existing store: a backup of it as it was (read-only connection).
    const version = storedVersion(storePath);
    if (version !== null && version > 0 && version < SCHEMA_VERSION) {
      const source = new Database(storePath, databaseOptions({ readonly: true, fileMustExist: true }));
      try {
        // Into the folder the user chose, read from the old store (its settings table predates every migration).
        // A USB stick that is not plugged in must not keep the upgrade from starting: 备份 beside the store.
        const { dir, warning } = resolveBackupDir(storePath, readSettings(source));
        await takeBackup(source, dir, 'migration');
        if (warning) warn(warning);
      } finally {
        source.close();
      }
    }
    ctx.db = openStore(storePath, nativeOptions);
    segmentUnsegmentedReports(ctx);
  };

  if (readOnly) {
    ctx.db = openReadOnlyCopy(storePath);
    if (options.seedIfEmpty && countPlans(ctx.db) === 0) {
      const { loadSampleData } = await import('../services/seed');
      await loadSampleData(ctx.db);
    }
    // Segmented in the copy too, or its report screen could not read a store from before migration 008.
    segmentUnsegmentedReports(ctx);
    ctx.db.pragma('query_only = ON');
    console.error(`[start] ${readOnly.reason}`);
  } else if (!recovery) {
    await open();
    if (options.seedIfEmpty && countPlans(ctx.db) === 0) {
      // Loaded on demand: exceljs is heavy, and only a first start needs it.
      const { loadSampleData } = await import('../services/seed');
      await loadSampleData(ctx.db);
    }
    if (options.dailyBackup && countPlans(ctx.db) > 0) {
      // A USB stick left at home must not keep the app from opening: the day's backup then goes to 备份
      // beside the store, once a day, and the start says so; a failure is said and tried again next start.
      try {
        const { dir, warning } = resolveBackupDir(storePath, readSettings(ctx.db));
        if (warning) warn(warning);
        if (needsDailyBackup(dir)) await backupNow(ctx.db, storePath, 'daily');
      } catch (err) {
        warn(`今天的自动备份没有完成：${err instanceof AppError ? err.message : failureReason(err)}下次启动时会再试。`);
      }
    }
  }

  /** A store that will not open after a restore (a failed migration) puts the app in recovery, not in pieces. */
  const reopen = async (): Promise<void> => {
    try {
      await open();
    } catch (err) {
      const dir = backupDirFor(storePath);
      recovery = { reason: `恢复后无法打开数据文件：${err instanceof AppError ? err.message : failureReason(err)}`, keptAs: storePath, backupDir: dir, newest: newestGoodBackup(dir) };
      throw err;
    }
  };
  let restoring = false;
  const guarded = async (file: () => string): Promise<{ restored: BackupSummaryInfo; safety: BackupSummaryInfo | null }> => {
    if (activeJobs() > 0) throw new AppError('conflict', '有导入等任务正在进行，请等它完成后再恢复。');
    // A restore replaces the store file: refused before anything is closed, or the app would lose its copy.
    if (readOnly) throw new AppError('io', `不能从备份恢复。${readOnly.reason}`);
    restoring = true;
    try {
      return await restoreNow(file());
    } finally {
      restoring = false;
    }
  };
  const restore = (name: string) =>
    guarded(() => {
      const dir = recovery ? recovery.backupDir : backupDirOf(ctx.db, storePath);
      // Only this backup is read: restoreBackup verifies it before anything is replaced.
      const file = path.join(dir, name);
      if (parseBackupName(name) === null || !fs.existsSync(file)) throw new AppError('not-found', `备份文件夹 ${dir} 中没有备份 ${name}。`);
      return file;
    });
  const restoreNow = async (file: string): Promise<{ restored: BackupSummaryInfo; safety: BackupSummaryInfo | null }> => {
    const dir = recovery ? recovery.backupDir : backupDirOf(ctx.db, storePath);
    // The store as it is now is backed up first: that backup is how this restore is undone.
    const safety = recovery ? null : await takeBackup(ctx.db, dir, 'restore');
    const recoveryReason = recovery?.reason ?? null;
    const carried = recovery ? [] : publicationsToCarry(ctx.db);
    if (!recovery) ctx.db.close();
    let restored: BackupSummaryInfo;
    try {
      restored = await restoreBackup(storePath, file);
      recovery = null;
    } finally {
      // Reopened whether the restore went through or not: the store is either the backup or as it was.
      if (!recovery) await reopen();
    }
    recordRestore(ctx, { restored, safety, recoveryReason, carried });
    return { restored, safety };
  };

  let moving = false;
  const moveStore = async (targetDir: string) => {
    if (activeJobs() > 0) throw new AppError('conflict', '有导入等任务正在进行，请等它完成后再移动数据文件。');
    moving = true;
    try {
      return await moveStoreTo(ctx, targetDir, async (to) => {
        ctx.db.close();
        try {
          // Another window or command with the old file open would go on writing there, after the copy was
          // made: its edits would be lost to the moved store.
          assertNotOpenElsewhere(storePath, 'move');
        } catch (err) {
          await open();
          throw err;
        }
        storePath = to;
        ctx.storePath = to;
        await open();
      });
    } finally {
      moving = false;
    }
  };
  const removeOld = () => removeOldStoreOf(ctx);

  const handlers = createHandlers(ctx, { restore, recovery: () => recovery, start: () => ({ readOnly, warnings }), moveStore, removeOld, warmReviews: options.warmReviews ?? false });
  const served = readOnly ? refusingWrites(handlers, readOnly.reason) : handlers;
  return {
    get db() {
      if (recovery) throw new AppError('store-damaged', recoveryMessage(recovery));
      return ctx.db;
    },
    get storePath() {
      return storePath;
    },
    handlers,
    get recovery() {
      return recovery;
    },
    readOnly,
    warnings,
    call: async (method, payload) => {
      // While a restore runs, a save would land in the store being replaced and be lost: nothing else runs.
      if (restoring && method !== 'jobs.progress') {
        return { ok: false, error: toErrorInfo(new AppError('conflict', '正在从备份恢复数据，请稍候再试。')) };
      }
      // While the store is copied to its new folder, a write would land in the old copy only.
      if (moving && method !== 'jobs.progress') {
        return { ok: false, error: toErrorInfo(new AppError('conflict', '正在移动数据文件，请稍候再试。')) };
      }
      if (recovery && !(typeof method === 'string' && RECOVERY_METHODS.has(method as MethodName))) {
        return { ok: false, error: toErrorInfo(new AppError('store-damaged', recoveryMessage(recovery))) };
      }
      return dispatch(served, method, payload);
    },
    restoreFile: (file) =>
      guarded(() => {
        if (!fs.existsSync(file)) throw new AppError('not-found', `找不到备份文件 ${file}。`);
        return file;
      }),
    backupTo: async (file) => {
      if (recovery) throw new AppError('store-damaged', recoveryMessage(recovery));
      if (fs.existsSync(file)) throw new AppError('conflict', `文件已存在，未覆盖：${file}`);
      let dir: string;
      try {
        dir = fs.mkdtempSync(path.join(path.dirname(path.resolve(file)), '.ducha-backup-'));
      } catch {
        throw new AppError('io', `无法在 ${path.dirname(path.resolve(file))} 中写入备份：文件夹不存在或没有写入权限。`);
      }
      try {
        const taken = await takeBackup(ctx.db, dir, 'manual');
        fs.renameSync(taken.file, file);
        return { ...taken, file: path.resolve(file), name: path.basename(file) };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    close: () => {
      if (ctx.db?.open) ctx.db.close();
    },
  };
}

/** In a read-only start, SQLite's refusal of a write becomes the message naming the folder. */
function refusingWrites(handlers: Handlers, message: string): Handlers {
  const wrapped = Object.entries(handlers).map(([name, handler]) => [
    name,
    async (input: unknown) => {
      try {
        return await (handler as (input: unknown) => unknown)(input);
      } catch (err) {
        if (errorCode(err).startsWith('SQLITE_READONLY')) throw new AppError('io', `本次修改没有保存。${message}`);
        throw err;
      }
    },
  ]);
  return Object.fromEntries(wrapped) as Handlers;
}

export function recoveryMessage(r: RecoveryInfo): string {
  const offer = r.newest
    ? `最新的完好备份是 ${r.newest.name}（${r.newest.counts.targets} 项目标），可在程序中恢复，或运行 npm run cli -- restore --db 数据文件 ${r.newest.file}。`
    : `备份文件夹 ${r.backupDir} 中没有可用的备份。`;
  return `${r.reason}原文件已原样保存为 ${r.keptAs}，未做任何改动。${offer}`;
}

/**
 * Where the store lives when no --db is given: the user's data folder, as Electron's userData would be.
 * An empty or relative APPDATA / XDG_CONFIG_HOME is ignored (the XDG rule): it would put the store in
 * whatever folder the app happened to be started from.
 */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const absolute = (value: string | undefined): string | undefined => (value && p.isAbsolute(value) ? value : undefined);
  const base =
    platform === 'win32'
      ? absolute(env.APPDATA) ?? p.join(home, 'AppData', 'Roaming')
      : platform === 'darwin'
        ? p.join(home, 'Library', 'Application Support')
        : absolute(env.XDG_CONFIG_HOME) ?? p.join(home, '.config');
  return p.join(base, '责任目标督查工作台', 'store.sqlite');
}
