/**
 * Backups of the store: taken with SQLite's online backup API, so the app keeps running, and written under
 * a temporary name that is renamed only once the copy has passed an integrity check. A backup killed half
 * way therefore never carries a name that `listBackups` would offer for a restore.
 *
 * Names are `store-20261123-101500-123-import.sqlite`: local time (the user's calendar, as the folder shows
 * it), fixed width so that name order is time order, and no character Windows forbids.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { SCHEMA_VERSION } from './migrate';
import { integrityProblems } from './integrityWorker';
import { failureReason } from './storeErrors';
import { COMPANIONS, errorCode, fsyncDir, fsyncFile, isBusy, isDiskFull, localDay, localStampMs, openReadonly, removeQuiet, summarize, databaseOptions } from './storeFiles';

export const BACKUP_REASONS = ['import', 'migration', 'restore', 'daily', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupCounts {
  plans: number;
  targets: number;
  assignments: number;
  progressReports: number;
  changeLog: number;
  importBatches: number;
}

/** What a backup holds, as shown before a restore. */
export interface BackupSummary {
  file: string;
  name: string;
  /** ISO time; from the name, or the file's modification time for a file not named by this module. */
  takenAt: string;
  /** Null for a file not named by this module (one the user picked). */
  reason: BackupReason | null;
  sizeBytes: number;
  schemaVersion: number;
  counts: BackupCounts;
  /** The latest change-log entry: the last edit the backup knows of. */
  lastChangeAt: string | null;
  years: number[];
}

export type BackupListing =
  /** `diff`: the backup's row counts minus the live store's, when listed beside a store. */
  | (BackupSummary & { damaged: false; diff?: BackupCounts })
  | { damaged: true; file: string; name: string; takenAt: string; reason: BackupReason | null; sizeBytes: number; problem: string };

export interface RotationPolicy {
  keepLast: number;
  keepMonthly: number;
  /**
   * The first backup of each day for this many days: sixty returned templates imported one at a time in a
   * day make sixty backups, which must not push out the days before. Bounded, so that the folder is too.
   */
  keepDaily?: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { keepLast: 10, keepMonthly: 12, keepDaily: 14 };
const DAY_MS = 86_400_000;

const NAME = /^store-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})-(import|migration|restore|daily|manual)\.sqlite$/;
/** Appended to a backup's name while it is written; SQLite's own companions of it end in -journal etc. */
export const PARTIAL_SUFFIX = '.partial';
const PARTIAL = /^store-.*\.sqlite\.partial(-wal|-shm|-journal)?$/;
/** Copy every page in one step: one read transaction, so a writer on another connection cannot make the
 * copy restart page by page, and the copy is one consistent snapshot. */
const ALL_PAGES = 0x7fffffff;
/**
 * A backup of the live store is copied 8 MB at a time, the event loop free in between, so the app keeps
 * answering during it. The app writes through the same connection, which SQLite folds into the copy; a
 * write by another process between steps makes SQLite restart the copy, which stays one consistent snapshot.
 */
const COPY_STEP_PAGES = 2048;

export function backupFileName(at: Date, reason: BackupReason): string {
  return `store-${localStampMs(at)}-${reason}.sqlite`;
}

/** The time and reason a backup's name records, or null for any other name (temporary files included). */
export function parseBackupName(name: string): { at: Date; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, reason] = m;
  const at = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms));
  return Number.isNaN(at.getTime()) ? null : { at, reason: reason as BackupReason };
}

/** The reason in Chinese: these messages go to the user as they are. */
function messageOf(err: unknown): string {
  return failureReason(err);
}

const COUNTED: readonly [keyof BackupCounts, string][] = [
  ['plans', 'plans'],
  ['targets', 'targets'],
  ['assignments', 'assignments'],
  ['progressReports', 'progress_reports'],
  ['changeLog', 'change_log'],
  ['importBatches', 'import_batches'],
];

/** Integrity and contents of an open store; throws an AppError naming `file` when it is not a good store. */
function inspect(db: Database.Database, file: string, integrityChecked = false): Omit<BackupSummary, 'file' | 'name' | 'takenAt' | 'reason' | 'sizeBytes'> {
  const problems = integrityChecked ? [] : (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new AppError('store-damaged', `备份文件 ${file} 已损坏，不能用于恢复（完整性检查未通过：${summarize(problems)}）。`);
  }
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  if (!tables.has('plans') || !tables.has('targets') || !tables.has('change_log')) {
    throw new AppError('store-damaged', `文件 ${file} 不是督查工作台的数据文件或备份。`);
  }
  const count = (table: string): number => (tables.has(table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0);
  const counts = Object.fromEntries(COUNTED.map(([key, table]) => [key, count(table)])) as unknown as BackupCounts;
  const last = db.prepare('SELECT max(at) AS at FROM change_log').get() as { at: string | null };
  const years = (db.prepare('SELECT year FROM plans ORDER BY year').all() as { year: number }[]).map((r) => r.year);
  return { schemaVersion: db.pragma('user_version', { simple: true }) as number, counts, lastChangeAt: last.at, years };
}

function readFailure(err: unknown, file: string): AppError {
  if (err instanceof AppError) return err;
  const code = errorCode(err);
  if (code === 'SQLITE_NOTADB') return new AppError('store-damaged', `文件 ${file} 不是督查工作台的数据文件或备份，或文件头已损坏。`);
  if (code.startsWith('SQLITE_CORRUPT')) return new AppError('store-damaged', `备份文件 ${file} 已损坏，不能用于恢复（${messageOf(err)}）。`);
  // A copy cut short while SQLite was writing it leaves a hot journal, which a read-only open cannot roll back.
  if (code.startsWith('SQLITE_READONLY') && fs.existsSync(`${file}-journal`)) {
    return new AppError('store-damaged', `备份文件 ${file} 没有写完整（旁边留有未完成的 ${path.basename(file)}-journal 文件），不能用于恢复。`);
  }
  return new AppError('io', `无法读取备份文件 ${file}：${messageOf(err)}`);
}

/**
 * Opens a backup read-only and checks it (`PRAGMA integrity_check`), then reads what it holds. Used right
 * after a backup is written, and to show the user what a restore would bring back. Throws an AppError
 * (`store-damaged`, `not-found` or `io`) with a Chinese message naming the file.
 */
export function verifyBackup(file: string, options: { integrityChecked?: boolean } = {}): BackupSummary {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('not-found', `找不到备份文件 ${file}。`);
  }
  if (!stat.isFile()) throw new AppError('invalid-request', `${file} 不是文件。`);
  let inspected: ReturnType<typeof inspect>;
  try {
    const { db, close } = openReadonly(file, { tidy: true });
    try {
      inspected = inspect(db, file, options.integrityChecked);
    } finally {
      close();
    }
  } catch (err) {
    throw readFailure(err, file);
  }
  const name = path.basename(file);
  const parsed = parseBackupName(name);
  return {
    file,
    name,
    takenAt: (parsed?.at ?? stat.mtime).toISOString(),
    reason: parsed?.reason ?? null,
    sizeBytes: stat.size,
    ...inspected,
  };
}

function writeFailure(err: unknown, target: string): AppError {
  if (isDiskFull(err)) return new AppError('io', `磁盘空间不足，未能写入备份文件 ${target}。请清理磁盘空间后重试，数据文件本身未受影响。`);
  if (err instanceof AppError) return err;
  if (isBusy(err)) return new AppError('io', `无法写入备份文件 ${target}：没有写入权限，或文件正被其他程序占用。`);
  return new AppError('io', `备份失败，未能写入备份文件 ${target}：${messageOf(err)}`);
}

function removeWithCompanions(file: string): void {
  removeQuiet(file);
  for (const c of COMPANIONS) removeQuiet(`${file}${c}`);
}

/** verifyBackup with its integrity_check run on a worker thread (the longest part, on a large store). */
export async function verifyBackupOffThread(file: string): Promise<BackupSummary> {
  let problems: string[];
  try {
    problems = await integrityProblems(file);
  } catch (err) {
    throw readFailure(err, file);
  }
  if (problems.length > 0) throw new AppError('store-damaged', `备份文件 ${file} 已损坏，不能用于恢复（完整性检查未通过：${summarize(problems)}）。`);
  return verifyBackup(file, { integrityChecked: true });
}

/**
 * Takes a backup of the open store `db` into `dir`. The copy is written as `<name>.partial`, switched to a
 * rollback journal (so that it is one self-contained file, which a read-only check leaves untouched),
 * checked, flushed to disk, and only then renamed to its final name.
 */
export async function takeBackup(db: Database.Database, dir: string, reason: BackupReason, now: Date = new Date()): Promise<BackupSummary> {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new AppError('io', `无法创建备份文件夹 ${dir}：${isBusy(err) ? '没有写入权限' : messageOf(err)}。`);
  }
  if (db.inTransaction) {
    // Read through this connection, the copy would include the open transaction's uncommitted changes.
    throw new AppError('internal', '不能在未完成的修改过程中备份，请在修改保存后再备份。');
  }
  // Two backups within the same millisecond get consecutive milliseconds, so no name is ever reused. The
  // temporary file is created exclusively before the first await: a second backup started meanwhile (a
  // daily one and an import's) then picks the next name instead of writing into the same file.
  let at = now.getTime();
  let name = '';
  for (;;) {
    name = backupFileName(new Date(at), reason);
    if (!fs.existsSync(path.join(dir, name))) {
      try {
        fs.closeSync(fs.openSync(path.join(dir, name + PARTIAL_SUFFIX), 'wx'));
        break;
      } catch (err) {
        if (errorCode(err) !== 'EEXIST') throw writeFailure(err, path.join(dir, name));
      }
    }
    at++;
  }
  const final = path.join(dir, name);
  const partial = final + PARTIAL_SUFFIX;
  try {
    await db.backup(partial, { progress: () => COPY_STEP_PAGES });
    const copy = new Database(partial, databaseOptions());
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    let summary: BackupSummary;
    try {
      summary = await verifyBackupOffThread(partial);
    } catch (err) {
      // The copy is page for page the store: a copy that fails the check means the store itself is bad.
      throw new AppError('store-damaged', `备份未完成：复制出的数据未通过完整性检查，当前数据文件可能已损坏，已有的备份未受影响。（${err instanceof Error ? err.message : String(err)}）`);
    }
    fsyncFile(partial);
    fs.renameSync(partial, final);
    fsyncDir(dir);
    return { ...summary, file: final, name, takenAt: new Date(at).toISOString(), reason };
  } catch (err) {
    removeWithCompanions(partial);
    throw writeFailure(err, final);
  }
}

/** The backups' file names in `dir`, newest first; other files are not backups and are left out. */
export function backupNames(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return [];
    throw new AppError('io', `无法读取备份文件夹 ${dir}：${messageOf(err)}`);
  }
  return names.filter((n) => parseBackupName(n) !== null).sort().reverse();
}

/**
 * What each listed backup holds, by file, size and modification time: a backup never changes once named,
 * so a second listing reads nothing again.
 */
const listed = new Map<string, { key: string; summary: BackupSummary }>();

/** A backup's contents for the list: opened and counted, but not integrity-checked (a restore checks). */
function quickSummary(file: string): BackupSummary {
  const stat = fs.statSync(file);
  const key = `${stat.size}:${stat.mtimeMs}`;
  const cached = listed.get(file);
  if (cached?.key === key) return cached.summary;
  // integrity_check reads every page: seconds per backup on a 200 MB store, ten or more backups a list.
  const summary = verifyBackup(file, { integrityChecked: true });
  listed.set(file, { key, summary });
  return summary;
}

/**
 * Every backup in `dir`, newest first, with what each holds. Temporary files of a backup in progress (or
 * killed) are not listed; a file that cannot be read as a store is listed as damaged rather than thrown, so
 * that one bad file does not hide the good ones. The full integrity check runs when a backup is taken and
 * again before it is restored, not on every listing.
 */
export function listBackups(dir: string): BackupListing[] {
  return backupNames(dir).map((name): BackupListing => {
    const file = path.join(dir, name);
    try {
      return { ...quickSummary(file), damaged: false };
    } catch (err) {
      const parsed = parseBackupName(name)!;
      let sizeBytes = 0;
      try {
        sizeBytes = fs.statSync(file).size;
      } catch {
        // Gone between the listing and the stat: still reported, with no size.
      }
      return { damaged: true, file, name, takenAt: parsed.at.toISOString(), reason: parsed.reason, sizeBytes, problem: messageOf(err) };
    }
  });
}

/** The newest backup that passes verification, checking from the newest down and stopping at the first. */
export function newestVerifiedBackup(dir: string): BackupSummary | null {
  for (const name of backupNames(dir)) {
    try {
      return verifyBackup(path.join(dir, name));
    } catch {
      // A damaged backup is skipped; the next older one may be good.
    }
  }
  return null;
}

const monthIndex = (d: Date): number => d.getFullYear() * 12 + d.getMonth();

/**
 * Which backups rotation deletes: all but the newest `keepLast`, but the newest of each calendar month
 * among the `keepMonthly` months up to `now`'s, but the first of each day among the `keepDaily` days up to
 * `now`'s, and but the newest taken before each time in `protect` (the first import of each
 * collection round: the store as it was before the round's returns came in). Names that are not backups'
 * are never selected. Returned oldest first.
 */
export function selectForDeletion(names: readonly string[], policy: RotationPolicy = DEFAULT_ROTATION, now: Date = new Date(), protect: readonly Date[] = []): string[] {
  const backups = names
    .map((name) => ({ name, parsed: parseBackupName(name) }))
    .filter((b): b is { name: string; parsed: { at: Date; reason: BackupReason } } => b.parsed !== null)
    .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  const keep = new Set(backups.slice(0, Math.max(0, policy.keepLast)).map((b) => b.name));
  const monthsKept = new Set<number>();
  const current = monthIndex(now);
  for (const b of backups) {
    const month = monthIndex(b.parsed.at);
    // A month later than now's (a clock set back) counts as recent: rotation must not be what loses data.
    if (current - month < policy.keepMonthly && !monthsKept.has(month)) {
      monthsKept.add(month);
      keep.add(b.name);
    }
  }
  // Oldest first, so the first of each day is the first met.
  const daysKept = new Set<string>();
  const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  for (const b of [...backups].reverse()) {
    const day = localDay(b.parsed.at);
    // Rounded: a day across a daylight-saving change is 23 or 25 hours long.
    const age = Math.round((dayStart(now) - dayStart(b.parsed.at)) / DAY_MS);
    if (age < (policy.keepDaily ?? 0) && !daysKept.has(day)) {
      daysKept.add(day);
      keep.add(b.name);
    }
  }
  for (const t of protect) {
    // Strictly before: an import's own backup starts before its batch is stamped, while the next import's
    // backup can be stamped in the same millisecond as a quick batch (a returned template of a few targets).
    const before = backups.find((b) => b.parsed.at.getTime() < t.getTime());
    if (before) keep.add(before.name);
  }
  return backups.filter((b) => !keep.has(b.name)).map((b) => b.name).reverse();
}

/**
 * Removes temporary files left by backups that were killed (their `.partial` copy and its companions).
 * Only files older than `maxAgeMs`, so that a backup being written right now by another process survives.
 */
export function removeStalePartials(dir: string, now: Date = new Date(), maxAgeMs = 60 * 60 * 1000): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((n) => PARTIAL.test(n))) {
    const file = path.join(dir, name);
    try {
      if (now.getTime() - fs.statSync(file).mtimeMs >= maxAgeMs) {
        fs.rmSync(file, { force: true });
        removed.push(name);
      }
    } catch {
      // Left for the next rotation.
    }
  }
  return removed;
}

/** Applies `selectForDeletion` to `dir`, and clears stale temporary files. Returns the deleted names. */
export function rotateBackups(dir: string, policy: RotationPolicy = DEFAULT_ROTATION, now: Date = new Date(), protect: readonly Date[] = []): { deleted: string[]; failed: string[] } {
  const deleted: string[] = [];
  const failed: string[] = [];
  for (const name of selectForDeletion(backupNames(dir), policy, now, protect)) {
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      deleted.push(name);
    } catch {
      // A backup held open (a user looking at it) is deleted by a later rotation.
      failed.push(name);
    }
  }
  // Age is measured on the real clock, as the files' modification times are, whatever `now` the policy used.
  removeStalePartials(dir);
  return { deleted, failed };
}

/** True when `dir` holds no backup (of any reason) taken on `now`'s local calendar day. */
export function needsDailyBackup(dir: string, now: Date = new Date()): boolean {
  const today = localDay(now);
  return !backupNames(dir).some((n) => localDay(parseBackupName(n)!.at) === today);
}

/**
 * Refuses while another connection has the store open: another window, the browser mode or a CLI command in
 * another process. The file is replaced by a rename, so such a process would go on writing to the replaced
 * file and every later edit of it would be lost. In WAL mode every open connection holds a shared lock on
 * the file, so an exclusive lock is granted only when nobody else has it open; taking it waits for nothing.
 */
export function assertNotOpenElsewhere(storePath: string, action: 'restore' | 'move' = 'restore'): void {
  if (!fs.existsSync(storePath)) return;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(storePath, databaseOptions({ fileMustExist: true, timeout: 0 }));
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
  } catch (err) {
    // Anything but "busy" (a damaged file, say) is for the restore's own steps to meet.
    if (errorCode(err).startsWith('SQLITE_BUSY') || errorCode(err).startsWith('SQLITE_LOCKED')) {
      const verb = action === 'restore' ? '恢复' : '移动';
      throw new AppError(
        'conflict',
        `不能${verb}：数据文件 ${storePath} 正被其他程序打开（另一个督查工作台窗口、浏览器模式或命令行）。请先关闭它们再${verb}，数据文件${action === 'restore' ? '未做任何改动' : '没有移动'}。`,
      );
    }
  } finally {
    probe?.close();
  }
}

/**
 * Replaces the store at `storePath` with the contents of `backupFile`. The caller has closed every
 * connection to the store, and has taken a `restore` backup of it first (that backup is how a restore is
 * undone). Steps, each safe to be interrupted: verify the backup; copy it beside the store as
 * `<store>.restoring` (through SQLite, so a backup with its own `-wal` is copied whole) and check the copy;
 * flush it; remove the store's `-wal`/`-shm` (frames of the old store that SQLite would otherwise replay
 * onto the restored file); rename the copy over the store.
 */
export async function restoreBackup(storePath: string, backupFile: string): Promise<BackupSummary> {
  if (path.resolve(storePath) === path.resolve(backupFile)) {
    throw new AppError('invalid-request', `备份文件 ${backupFile} 就是当前的数据文件，不能用它恢复。`);
  }
  const summary = verifyBackup(backupFile);
  if (summary.schemaVersion > SCHEMA_VERSION) {
    throw new AppError(
      'store-too-new',
      `备份文件 ${backupFile} 来自更新版本的督查工作台（数据版本 ${summary.schemaVersion}，本程序支持到 ${SCHEMA_VERSION}），请升级程序后再恢复。数据文件未做任何改动。`,
    );
  }
  assertNotOpenElsewhere(storePath);
  const restoring = `${storePath}.restoring`;
  removeWithCompanions(restoring);
  try {
    const { db, close } = openReadonly(backupFile, { tidy: true });
    try {
      await db.backup(restoring, { progress: () => ALL_PAGES });
    } finally {
      close();
    }
    const { db: check, close: closeCheck } = openReadonly(restoring, { tidy: true });
    let copied: ReturnType<typeof inspect>;
    try {
      copied = inspect(check, restoring);
    } finally {
      closeCheck();
    }
    if (JSON.stringify(copied.counts) !== JSON.stringify(summary.counts)) {
      throw new AppError('io', `恢复失败：从备份文件 ${backupFile} 复制出的数据与备份不一致，数据文件未做任何改动。`);
    }
    fsyncFile(restoring);
  } catch (err) {
    removeWithCompanions(restoring);
    if (err instanceof AppError) throw err;
    if (isDiskFull(err)) throw new AppError('io', `磁盘空间不足，未能从备份文件 ${backupFile} 恢复。数据文件 ${storePath} 未做任何改动。`);
    throw new AppError('io', `恢复失败：未能复制备份文件 ${backupFile}（${messageOf(err)}），数据文件 ${storePath} 未做任何改动。`);
  }
  try {
    // Again just before the switch: the copy may have taken a while.
    assertNotOpenElsewhere(storePath);
  } catch (err) {
    removeWithCompanions(restoring);
    throw err;
  }
  try {
    for (const c of COMPANIONS) fs.rmSync(`${storePath}${c}`, { force: true });
    fs.renameSync(restoring, storePath);
    fsyncDir(path.dirname(path.resolve(storePath)));
  } catch (err) {
    throw new AppError(
      'io',
      isBusy(err)
        ? `无法替换数据文件 ${storePath}：文件正被其他程序占用（是否还有另一个督查工作台窗口或命令行在运行？）。恢复用的副本保留在 ${restoring}。`
        : `无法替换数据文件 ${storePath}：${messageOf(err)}。恢复用的副本保留在 ${restoring}。`,
    );
  }
  return summary;
}
