import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../electron/db/connection';
import { migrate, SCHEMA_VERSION } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations';
import { AppError } from '../../shared/errors';
import { undoNewestMigration } from '../helpers/damage';
import { tempStorePath } from '../helpers/store';

describe('store migrations', () => {
  it('are listed in strictly increasing order (migrate skips every version at or below the store\'s)', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('an old store opened by two processes at once is migrated once: the second, having waited, finds it done', async () => {
    const file = tempStorePath();
    const db = openStore(file);
    const previous = undoNewestMigration(db, MIGRATIONS);
    db.close();
    const newest = MIGRATIONS[MIGRATIONS.length - 1]!;
    // The other process: holds the write lock, migrates under it a moment later, and commits.
    const script = `
      const Database = require(${JSON.stringify(path.resolve(__dirname, '../../node_modules/better-sqlite3'))});
      const db = new Database(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked\\n');
      setTimeout(() => {
        db.exec(process.argv[2]);
        db.pragma('user_version = ' + process.argv[3]);
        db.exec('COMMIT');
        db.close();
      }, 800);`;
    const other = spawn(process.execPath, ['-e', script, file, newest.sql, String(newest.version)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => other.stdout!.once('data', resolve));
    const exited = new Promise((resolve) => other.once('exit', resolve));
    // This one reads the old version, then waits for the lock while the other migrates.
    const mine = openStore(file);
    expect(mine.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    mine.close();
    await exited;
    expect(previous).toBeLessThan(SCHEMA_VERSION);
  }, 30_000);

  it('creates a new store at the latest version with WAL and foreign keys', () => {
    const file = tempStorePath();
    const db = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['plans', 'sections', 'targets', 'leaders', 'units', 'unit_aliases', 'assignments', 'progress_reports', 'change_log', 'target_search', 'progress_search', 'import_batches']));
    db.close();
    // Reopening migrates nothing and keeps the version.
    const again = openStore(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it.each(MIGRATIONS.map((m) => [m.version, m.name] as const))('migration %i (%s) applies on a store at the version before it', (version) => {
    const file = tempStorePath();
    const db = new Database(file);
    migrate(db, MIGRATIONS.filter((m) => m.version < version));
    // Numbers may have gaps (each branch of the team owns one), so "before" is the previous migration's.
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.filter((m) => m.version < version).at(-1)?.version ?? 0);
    migrate(db, MIGRATIONS.filter((m) => m.version <= version));
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses a store written by a newer version and leaves it untouched', () => {
    const file = tempStorePath();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.exec('CREATE TABLE future_thing (x)');
    raw.close();
    const bytes = fs.readFileSync(file);
    let error: unknown;
    try {
      openStore(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('store-too-new');
    expect((error as AppError).message).toMatch(/更新版本/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('rolls a failing migration back together with its version bump', () => {
    const file = tempStorePath();
    const db = new Database(file);
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a file that is not a store', () => {
    const file = tempStorePath();
    fs.writeFileSync(file, 'this is a text file, not SQLite'.repeat(200));
    expect(() => openStore(file)).toThrow(/不是督查工作台的数据文件/);
  });

  it('keeps the change log append-only', () => {
    const db = openStore(tempStorePath());
    db.prepare("INSERT INTO change_log(at, actor, kind, entity) VALUES ('t', 'a', 'k', 'e')").run();
    expect(() => db.prepare('UPDATE change_log SET actor = ?').run('x')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM change_log').run()).toThrow(/append-only/);
    db.close();
  });
});
