/**
 * The cost of the write checks at bench size: a progress save made on an older version of its target (the
 * two-windows check reads the target as it was from the change log) next to one made on the current
 * version, and comparing a published quarter with its publication (what every export of it does) next to
 * loading that quarter's targets, which the export does anyway.
 */
import type { AppCore } from '../electron/host/app';
import { loadTargets } from '../electron/db/repos/targets';
import { publicationState, publishQuarter } from '../electron/services/publication';
import { saveProgress } from '../electron/services/progress';
import type { ServiceContext } from '../electron/services/context';
import { measure, percentile, time, type Stat } from './stats';

function stat(samples: number[]): Stat {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export function measureWrites(core: AppCore, year: number, planId: number): { saveCurrent: Stat; saveOlder: Stat; publicationCheck: Stat; legacyCheck: Stat; loadQuarter: Stat } {
  const ctx: ServiceContext = { db: core.db, storePath: core.storePath };
  const lines = core.db
    .prepare('SELECT a.id AS line, t.id AS target FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.plan_id = ? AND a.ord = 1 ORDER BY t.id LIMIT 80')
    .all(planId) as { line: number; target: number }[];
  const version = (target: number) => core.db.prepare('SELECT version FROM targets WHERE id = ?').pluck().get(target) as number;
  const current: number[] = [];
  const older: number[] = [];
  lines.slice(0, 40).forEach(({ line, target }, i) => {
    current.push(time(() => saveProgress(ctx, { assignmentId: line, quarter: 3, text: `基准测试进展${i}`, baseVersion: version(target) })));
  });
  lines.slice(40).forEach(({ line, target }, i) => {
    const seen = version(target);
    // Another window changes another cell of the target first (not timed).
    saveProgress(ctx, { assignmentId: line, quarter: 4, text: `另一窗口的四季度进展${i}` });
    older.push(time(() => saveProgress(ctx, { assignmentId: line, quarter: 3, text: `基准测试进展${i}`, baseVersion: seen })));
  });
  publishQuarter(ctx, year, 3, '2025-10-20');
  const publicationCheck = measure(15, () => publicationState(ctx, year, 3));
  // A lock made by an older version has no fingerprint: the table as published is worked out from the change log.
  core.db.prepare('UPDATE quarter_locks SET table_key = NULL').run();
  const legacyCheck = measure(15, () => publicationState(ctx, year, 3));
  const loadQuarter = measure(15, () => loadTargets(core.db, { planId }, 3));
  return { saveCurrent: stat(current), saveOlder: stat(older), publicationCheck, legacyCheck, loadQuarter };
}
