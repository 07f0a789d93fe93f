/**
 * `npm run cli -- import …` as a user (or a script) runs it: the JSON summary, --dry-run, a bad file among
 * several, and --undo.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import Database from 'better-sqlite3';
import { migrate } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations';
import { BASE_LISTED, cli, fileHash, fixturePath, ROOT } from './helpers';

interface Summary {
  dryRun: boolean;
  batchId: string | null;
  year: number;
  quarter: number;
  summary: Record<string, number>;
  notes: { severity: string; code: string; message: string; where: Record<string, unknown> }[];
  items: { key: string; serial: number; status: string; changes: unknown[] }[];
}

function importJson(...args: string[]): Summary {
  const r = cli('import', ...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

const list = (db: string) => {
  const r = cli('list', '--db', db, '--json');
  expect(r.status).toBe(0);
  return r.stdout;
};

describe('cli import', () => {
  it('imports two fixtures one after the other and prints the summary as JSON', () => {
    const db = tempStorePath();
    const first = importJson(fixturePath('published-merged.xlsx'), '--db', db);
    expect(Object.keys(first)).toEqual(['dryRun', 'batchId', 'year', 'quarter', 'summary', 'notes', 'columns', 'items', 'files', 'skipped']);
    expect(first).toMatchObject({ dryRun: false, batchId: expect.stringMatching(/^\d{14}-[0-9a-f]{6}$/), year: 2024, quarter: 2, notes: [], skipped: [] });
    expect(first.summary).toEqual({ targetsNew: 7, targetsUpdated: 0, targetsUnchanged: 0, conflicts: 0, errors: 0, warnings: 0, linesNew: 8, linesUpdated: 0, skipped: 0 });
    expect(first.items.map((i) => [i.serial, i.status])).toEqual([1, 2, 3, 4, 5, 6, 7].map((s) => [s, 'new']));
    expect(Object.keys(first.items[0]!)).toEqual(['key', 'serial', 'status', 'changes']);
    expect(JSON.parse(list(db))).toEqual(BASE_LISTED);

    const second = importJson(fixturePath('conflict-serial5.xlsx'), '--db', db);
    expect(second).toMatchObject({ dryRun: false, year: 2024, quarter: 2 });
    expect(second.summary).toMatchObject({ targetsNew: 1, targetsUpdated: 1, conflicts: 1 });
    expect(second.notes).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'content-conflict', where: { file: 'conflict-serial5.xlsx', sheet: '一览表', row: 5, column: 'C' } }),
    );
    expect(second.items.map((i) => [i.serial, i.status])).toEqual([
      [1, 'updated'],
      [5, 'conflict'],
      [8, 'new'],
    ]);
  });

  it('runs the same through npm run cli', () => {
    const db = tempStorePath();
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'import', fixturePath('grouped-by-leader.xlsx'), '--db', db, '--json', '--dry-run'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ dryRun: true, batchId: null, year: 2024, quarter: 3, summary: { targetsNew: 5, linesNew: 5 } });
  });

  it('prints the summary in Chinese without --json', () => {
    const db = tempStorePath();
    const r = cli('import', fixturePath('messy-cells.xlsx'), '--db', db);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2024年三季度：新增目标 10 项/);
    expect(r.stdout).toMatch(/警告：第5项：无法判断“65%”是否按计划.*（messy-cells\.xlsx › Sheet1 › 第7行 › F列）/);
    expect(r.stdout).toMatch(/已导入，批次号 \S+（可用 import --undo/);
  });

  it('--dry-run previews and writes nothing', () => {
    const db = tempStorePath();
    importJson(fixturePath('published-merged.xlsx'), '--db', db);
    const before = { list: list(db), bytes: fileHash(db) };
    const dry = importJson(fixturePath('conflict-serial5.xlsx'), '--db', db, '--dry-run');
    expect(dry).toMatchObject({ dryRun: true, batchId: null });
    expect(dry.summary).toMatchObject({ targetsNew: 1, targetsUpdated: 1, conflicts: 1 });
    expect(list(db)).toBe(before.list);
    expect(fileHash(db)).toBe(before.bytes);
  });

  it('--dry-run does not even migrate an older store: the file stays byte for byte', () => {
    const db = tempStorePath();
    const old = new Database(db);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.close();
    const before = fileHash(db);
    const dry = importJson(fixturePath('published-merged.xlsx'), '--db', db, '--dry-run');
    expect(dry).toMatchObject({ dryRun: true, batchId: null });
    expect(fileHash(db)).toBe(before);
  });

  it('--dry-run against a store that does not exist creates no file', () => {
    const db = tempStorePath();
    importJson(fixturePath('published-merged.xlsx'), '--db', db, '--dry-run');
    expect(fs.existsSync(db)).toBe(false);
  });

  it('an unreadable file among several: non-zero exit, Chinese on stderr naming the file, store untouched', () => {
    const db = tempStorePath();
    importJson(fixturePath('published-merged.xlsx'), '--db', db);
    const before = { list: list(db), bytes: fileHash(db) };
    const r = cli('import', fixturePath('conflict-serial5.xlsx'), fixturePath('password-protected.xlsx'), fixturePath('grouped-by-leader.xlsx'), '--db', db, '--json');
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/文件“password-protected\.xlsx”设置了打开密码/);
    expect(r.stderr).toMatch(/[\u4e00-\u9fa5]/);
    expect(list(db)).toBe(before.list);
    expect(fileHash(db)).toBe(before.bytes);
  });

  it('a bad file does not create a store that did not exist', () => {
    const db = tempStorePath();
    const r = cli('import', fixturePath('truncated.xlsx'), '--db', db);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/文件“truncated\.xlsx”已损坏或不完整/);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('import --undo BATCH puts the store back', () => {
    const db = tempStorePath();
    importJson(fixturePath('published-merged.xlsx'), '--db', db);
    const before = list(db);
    const { batchId } = importJson(fixturePath('conflict-serial5.xlsx'), '--db', db);
    expect(list(db)).not.toBe(before);
    const r = cli('import', '--undo', batchId!, '--db', db, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ batch: { id: batchId, undoneAt: expect.any(String) }, restored: 2 });
    expect(list(db)).toBe(before);
    const again = cli('import', '--undo', batchId!, '--db', db);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/已于.*撤销/);
  });
});
