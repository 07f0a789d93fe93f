/**
 * Returns from units at scale: 60 units' returned templates over 5,000 targets imported at once (preview +
 * apply, as the app does it), against exceljs loading the same 60 files and doing nothing else; the same
 * files in the reverse order into a copy of the store must land the same lines. And the backup list of a
 * 200 MB store: listed (counts read, no integrity check; cached once read) against the old way, a full
 * integrity check of every backup on every listing.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listBackups, takeBackup, verifyBackup } from '../electron/db/backup';
import { loadTargets } from '../electron/db/repos/targets';
import { startCore, type AppCore } from '../electron/host/app';
import { applyImport, previewImport } from '../electron/services/import';
import { toListed } from '../electron/services/listJson';
import { returnedTemplates } from './returnedTemplates';
import { fillSynthetic } from './synthetic';
import { percentile, type Stat } from './stats';

const once = (ms: number): Stat => ({ p50: ms, p95: ms });

function listJson(core: AppCore): string {
  const plans = core.db.prepare('SELECT id FROM plans ORDER BY year').all() as { id: number }[];
  return JSON.stringify(plans.flatMap((p) => loadTargets(core.db, { planId: p.id }).map(toListed)));
}

export interface ReturnsFigures {
  templates: number;
  lines: number;
  import: Stat;
  exceljs: Stat;
  sameWhateverOrder: boolean;
  conflicts: number;
  cooperatingReturns: number;
  storeMb: number;
  backups: number;
  listCold: Stat;
  listWarm: Stat;
  verifyAll: Stat;
}

export async function measureReturns(targets = 5000, units = 60): Promise<ReturnsFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-bench-returns-'));
  const storePath = path.join(dir, 'store.sqlite');
  const core = await startCore({ storePath });
  try {
    const { year } = fillSynthetic(core.db, { targets, units });
    const files = await returnedTemplates(core, year, 4);
    const lines = core.db.prepare('SELECT count(*) AS n FROM assignments').get() as { n: number };
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const copyPath = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(storePath, copyPath);

    const e = performance.now();
    for (const f of files) await new ExcelJS.Workbook().xlsx.load(f.bytes as unknown as ArrayBuffer);
    const exceljs = performance.now() - e;

    const start = performance.now();
    await previewImport(core, files, {});
    const batch = await applyImport(core, files, {});
    const importMs = performance.now() - start;

    const copy = await startCore({ storePath: copyPath });
    let same: boolean;
    try {
      await applyImport(copy, [...files].reverse(), {});
      same = listJson(copy) === listJson(core);
    } finally {
      copy.close();
    }
    const cooperating = (core.db.prepare('SELECT count(*) AS n FROM cooperating_returns').get() as { n: number }).n;

    // A store grown to 200 MB the way real ones grow: the change log's snapshots.
    const goal = 200 * 1024 * 1024;
    for (let i = 0; i < 12 && fs.statSync(storePath).size < goal; i++) {
      core.db.exec('INSERT INTO change_log(at, actor, kind, entity, entity_id, target_id, before_json, after_json, batch_id) SELECT at, actor, kind, entity, entity_id, target_id, before_json, after_json, NULL FROM change_log');
      core.db.pragma('wal_checkpoint(TRUNCATE)');
    }
    const storeMb = fs.statSync(storePath).size / 1024 / 1024;
    const backupDir = path.join(dir, 'backups');
    const count = 3;
    for (let i = 0; i < count; i++) await takeBackup(core.db, backupDir, 'manual', new Date(Date.UTC(2025, 0, 1, 0, 0, i)));
    const c = performance.now();
    listBackups(backupDir);
    const listCold = performance.now() - c;
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      const w = performance.now();
      listBackups(backupDir);
      warm.push(performance.now() - w);
    }
    const v = performance.now();
    for (const name of fs.readdirSync(backupDir)) verifyBackup(path.join(backupDir, name));
    const verifyAll = performance.now() - v;
    return {
      templates: files.length,
      lines: lines.n,
      import: once(importMs),
      exceljs: once(exceljs),
      sameWhateverOrder: same,
      conflicts: batch.summary.conflicts,
      cooperatingReturns: cooperating,
      storeMb,
      backups: count,
      listCold: once(listCold),
      listWarm: { p50: percentile(warm, 50), p95: percentile(warm, 95) },
      verifyAll: once(verifyAll),
    };
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/returnsBench.ts`: these figures alone.
if (process.argv[1]?.endsWith('returnsBench.ts')) {
  measureReturns(Number(process.env.BENCH_TARGETS ?? 5000)).then(
    (f) => console.log(JSON.stringify(f, null, 2)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
