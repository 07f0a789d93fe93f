/**
 * A backup of the synthetic store (5,000 targets with four quarters of progress): the whole verified
 * backup (online copy, integrity check, fsync, rename) and the longest the event loop stood still during it,
 * which is how long the app could not answer; the baseline is a plain file copy of the same store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../electron/db/connection';
import { takeBackup } from '../electron/db/backup';
import { percentile, stallMeter, type Stat } from './stats';

export interface BackupFigures {
  backup: Stat;
  /** Per backup, the longest the event loop stood still (p50 and p95 over the runs). */
  stall: Stat;
  fileCopy: Stat;
  sizeMb: number;
}

export async function measureBackup(db: Db, runs = 7): Promise<BackupFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-bench-backup-'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  const times: number[] = [];
  const copies: number[] = [];
  const stalls: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const meter = stallMeter();
      const start = performance.now();
      await takeBackup(db, dir, 'manual', new Date(Date.UTC(2025, 0, 1, 0, 0, i)));
      times.push(performance.now() - start);
      stalls.push(await meter.stop());
      const c = performance.now();
      fs.copyFileSync(db.name, path.join(dir, `copy-${i}.sqlite`));
      copies.push(performance.now() - c);
    }
    return {
      backup: { p50: percentile(times, 50), p95: percentile(times, 95) },
      stall: { p50: percentile(stalls, 50), p95: percentile(stalls, 95) },
      fileCopy: { p50: percentile(copies, 50), p95: percentile(copies, 95) },
      sizeMb: fs.statSync(db.name).size / 1024 / 1024,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
