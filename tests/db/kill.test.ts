/**
 * Crash safety: a short run of the kill loop (`npm run stress:kill` runs hundreds of kills), and an import
 * that runs out of space.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOverviewFile } from '../../bench/overviewFile';
import type { Db } from '../../electron/db/connection';
import { storeError } from '../../electron/db/storeErrors';
import { readWorkbookFile } from '../../electron/excel/sniff';
import { applyImport } from '../../electron/services/import';
import { runKillLoop } from '../../scripts/killLoop';
import { AppError } from '../../shared/errors';
import { openCore, tempDir } from '../helpers/store';

describe('killed in the middle of an import or a backup', () => {
  it('leaves a sound store holding all or none of the batch, and no half-written backup listed', { timeout: 120_000 }, async () => {
    const figures = await runKillLoop({ kills: 8, targets: 800, seed: 7 });
    expect(figures.problems).toEqual([]);
    expect(figures).toMatchObject({ kills: 8, damagedStores: 0, partialBatches: 0, partialBackups: 0, childFailures: 0 });
    expect(figures.importKills + figures.backupKills).toBe(8);
    // Every kill was checked: each killed import left exactly one of the two states.
    expect(figures.importNone + figures.importAll).toBe(figures.importKills);
  });
});

function counts(db: Db): Record<string, number> {
  const tables = ['plans', 'targets', 'assignments', 'progress_reports', 'change_log', 'import_batches', 'target_search', 'progress_search'];
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

describe('a full disk during an import', () => {
  it('fails the import as a whole, leaves the store sound, and maps to a Chinese message', async () => {
    const core = await openCore(undefined, true);
    try {
      const file = path.join(tempDir(), '一览表.xlsx');
      await writeOverviewFile(file, 600);
      const workbook = readWorkbookFile(file);
      const ctx = { db: core.db, storePath: core.storePath };
      const before = counts(core.db);
      const walBefore = fs.statSync(`${core.storePath}-wal`).size;
      // The store may grow by 10 pages (40 KB), far less than the import needs: SQLite fails the write
      // exactly as on a full disk (SQLITE_FULL).
      const pages = core.db.pragma('page_count', { simple: true }) as number;
      core.db.pragma(`max_page_count = ${pages + 10}`);
      let error: unknown;
      try {
        await applyImport(ctx, [workbook], {});
      } catch (err) {
        error = err;
      }
      expect((error as { code?: string } | undefined)?.code).toBe('SQLITE_FULL');
      const mapped = storeError(error);
      expect(mapped).toBeInstanceOf(AppError);
      expect(mapped?.code).toBe('io');
      expect(mapped?.message).toMatch(/^磁盘空间不足，写入数据文件失败，本次操作的内容没有保存/);

      expect(counts(core.db)).toEqual(before);
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(core.db.inTransaction).toBe(false);
      expect(fs.statSync(`${core.storePath}-wal`).size).toBeGreaterThanOrEqual(walBefore);

      // Space again: the same import goes through in full on the same connection.
      core.db.pragma('max_page_count = 1073741823');
      const batch = await applyImport(ctx, [workbook], {});
      expect(batch.summary.targetsNew).toBe(600);
      expect(counts(core.db).targets).toBe(before.targets! + 600);
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      core.close();
    }
  });

  it('maps the other store failures, and leaves anything else alone', () => {
    const sqlite = (code: string) => Object.assign(new Error('sqlite says'), { code });
    expect(storeError(sqlite('SQLITE_FULL'))?.message).toMatch(/^磁盘空间不足/);
    expect(storeError(Object.assign(new Error('no space'), { code: 'ENOSPC' }))?.message).toMatch(/^磁盘空间不足/);
    expect(storeError(sqlite('SQLITE_CORRUPT'))?.code).toBe('store-damaged');
    expect(storeError(sqlite('SQLITE_BUSY'))?.message).toContain('正被其他程序占用');
    expect(storeError(sqlite('SQLITE_READONLY_DBMOVED'))?.message).toContain('只读');
    expect(storeError(sqlite('SQLITE_IOERR_WRITE'))?.message).toContain('读写数据文件时出错');
    expect(storeError(sqlite('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storeError(new TypeError('x'))).toBeNull();
    const own = new AppError('conflict', '冲突');
    expect(storeError(own)).toBe(own);
  });
});
