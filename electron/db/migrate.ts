import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { MIGRATIONS } from './migrations';

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Brings a store up to SCHEMA_VERSION. Each migration and its version bump commit together, so a crash
 * between two migrations leaves a store at a consistent version. A store from a newer release is refused
 * rather than guessed at.
 */
export function migrate(db: Database.Database, migrations = MIGRATIONS): { from: number; to: number } {
  const from = assertNotNewer(db, migrations);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      // Read again under the write lock: another process opening the same old store may have migrated it
      // while this one waited for the lock.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}

/** Reads the store's version, refusing one written by a newer release before anything touches the file. */
export function assertNotNewer(db: Database.Database, migrations = MIGRATIONS): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (from > latest) {
    throw new AppError(
      'store-too-new',
      `数据文件来自更新版本的督查工作台（数据版本 ${from}，本程序支持到 ${latest}），请升级程序后再打开，数据文件未做任何改动。`,
    );
  }
  return from;
}
