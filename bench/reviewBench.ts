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
import { getReview } from '../electron/services/review';
import { saveProgress } from '../electron/services/progress';
import { measure, percentile, time, type Stat } from './stats';

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
