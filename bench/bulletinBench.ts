/**
 * The quarter's 督查通报 on the synthetic plan (issue 19: < 2 s for 5,000 targets), beside a baseline in the
 * same run: one overview export (一览表) of the same quarter through the service. Measured twice: with the
 * review computed afresh (the thresholds changed, so every target is assessed again: the first bulletin of
 * a session) and with the review as the dashboard left it. Both write the whole .docx.
 */
import type { Db } from '../electron/db/connection';
import { exportBulletin } from '../electron/services/bulletin';
import { exportOverviewFile } from '../electron/services/export';
import { updateSettings } from '../electron/services/settings';
import { readSettings } from '../electron/db/repos/settings';
import type { Quarter } from '../shared/domain';
import { percentile, type Stat } from './stats';

export interface BulletinFigures {
  fresh: Stat;
  cached: Stat;
  overview: Stat;
  lagging: number;
}

async function measureAsync(runs: number, fn: (i: number) => Promise<unknown>, before: (i: number) => void = () => undefined): Promise<Stat> {
  const samples: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    before(i);
    const start = process.hrtime.bigint();
    await fn(i);
    // The first run warms up the modules and the caches of the writers.
    if (i > 0) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export async function measureBulletin(db: Db, year: number, quarter: Quarter = 3): Promise<BulletinFigures> {
  const ctx = { db, storePath: db.name };
  const green = readSettings(db).reviewThresholds;
  // A change of the thresholds is a new review key: every target is assessed again.
  const freshReview = (i: number) => updateSettings(ctx, { reviewThresholds: { ...green, green: i % 2 === 0 ? 0.94 : 0.95 } });
  let lagging = 0;
  const bulletin = async () => {
    lagging = (await exportBulletin(ctx, { year, quarter })).lagging.length;
  };
  const fresh = await measureAsync(5, bulletin, freshReview);
  const cached = await measureAsync(5, bulletin);
  const overview = await measureAsync(5, () => exportOverviewFile(ctx, { year, quarter }));
  updateSettings(ctx, { reviewThresholds: green });
  return { fresh, cached, overview, lagging };
}
