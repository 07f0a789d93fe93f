/**
 * The review dashboard on the synthetic plan (every target with four quarters of progress): the dashboard
 * after one edit (the common case: a report entered, the dashboard refreshed), the first computation of a
 * session, and the baseline of recomputing every status row by row from the raw tables (one load per
 * target, as a spreadsheet-style loop would), all measured in the same run.
 */
import type { Quarter } from '../shared/domain';
import { assessTarget } from '../shared/review/status';
import type { Db } from '../electron/db/connection';
import { loadTarget } from '../electron/db/repos/targets';
import { getReview, warmReview } from '../electron/services/review';
import { startCore } from '../electron/host/app';
import { saveProgress } from '../electron/services/progress';
import { measure, percentile, stallMeter, time, type Stat } from './stats';

export interface WarmFigures {
  /** The dashboard's first review of a session, opened once the overview's warm-up has run. */
  first: Stat;
  /** The longest the event loop stood still while the warm-up ran (p50 and p95 over the runs). */
  stall: Stat;
  /** From the overview answered to the review warmed. */
  warmUp: Stat;
}

export interface ReviewFigures {
  afterEdit: Stat;
  cold: Stat;
  rowByRow: Stat;
}

/** Times `read` only, each time right after an untimed `edit`. */
function afterEdits(runs: number, edit: (i: number) => unknown, read: () => unknown): Stat {
  const samples: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    edit(i);
    const t = time(read);
    if (i >= 3) samples.push(t);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export function measureReview(db: Db, year: number, quarter: Quarter = 4): ReviewFigures {
  const ctx = { db, storePath: db.name };
  const ids = (db.prepare('SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE p.year = ? ORDER BY t.serial').all(year) as { id: number }[]).map((r) => r.id);
  const lines = (db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id JOIN plans p ON p.id = t.plan_id WHERE p.year = ?').all(year) as { id: number }[]).map((r) => r.id);
  const rowByRow = () =>
    ids.map((id) => {
      const t = loadTarget(db, id)!;
      return [assessTarget(t, quarter), quarter > 1 ? assessTarget(t, (quarter - 1) as Quarter) : null];
    });
  getReview(ctx, year, quarter);
  return {
    afterEdit: afterEdits(40, (i) => saveProgress(ctx, { assignmentId: lines[(i * 37) % lines.length]!, quarter, text: `第${i}次调度：已完成年度任务的${60 + (i % 40)}%` }), () => getReview(ctx, year, quarter)),
    cold: measure(5, () => getReview(ctx, year, quarter, { useCache: false }), 1),
    rowByRow: measure(5, rowByRow, 1),
  };
}

/**
 * As the app opens: a new connection (so no review is kept), the overview of the quarter answered, its
 * warm-up left to run, then the dashboard's review. A ticker measures how long requests would wait meanwhile.
 */
export async function measureWarmReview(storePath: string, year: number, quarter: Quarter, runs = 5): Promise<WarmFigures> {
  const firsts: number[] = [];
  const stalls: number[] = [];
  const warmUps: number[] = [];
  for (let i = 0; i < runs; i++) {
    const core = await startCore({ storePath, warmReviews: true });
    try {
      const answered = await core.call('overview.get', { year, quarter });
      if (!answered.ok) throw new Error(answered.error.message);
      const meter = stallMeter();
      const start = performance.now();
      // Joins the warm-up the overview started.
      await warmReview(core, year, quarter);
      warmUps.push(performance.now() - start);
      stalls.push(await meter.stop());
      firsts.push(time(() => getReview(core, year, quarter)));
    } finally {
      core.close();
    }
  }
  const stat = (xs: number[]): Stat => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
  return { first: stat(firsts), stall: stat(stalls), warmUp: stat(warmUps) };
}
