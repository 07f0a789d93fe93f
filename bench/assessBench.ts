/**
 * The year-end assessment (考核) of the synthetic year (every target with four quarters of progress): events
 * collected from the store (four quarters' reviews, rounds, notices) and scored, beside the baseline of one
 * cold review of the fourth quarter (what the dashboard computes on its first open), in the same run.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Db } from '../electron/db/connection';
import { getAssessment } from '../electron/services/assessment';
import { getReview } from '../electron/services/review';
import { startCore } from '../electron/host/app';
import { fillSynthetic } from './synthetic';
import { measure, ms, type Stat } from './stats';

export interface AssessFigures {
  units: number;
  events: number;
  assessment: Stat;
  coldReview: Stat;
}

export function measureAssessment(db: Db, year: number): AssessFigures {
  const ctx = { db, storePath: db.name };
  const a = getAssessment(ctx, year, `${year + 1}-01-15`);
  return {
    units: a.units.length,
    events: a.units.reduce((n, u) => n + u.events.length, 0),
    assessment: measure(5, () => getAssessment(ctx, year, `${year + 1}-01-15`), 1),
    coldReview: measure(5, () => getReview(ctx, year, 4, { useCache: false }), 1),
  };
}

// `npx tsx bench/assessBench.ts [targets]`: these figures alone.
if (require.main === module) {
  void (async () => {
    const targets = Number(process.argv[2] ?? 5000);
    const storePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-assess-')), 'bench.sqlite');
    const core = await startCore({ storePath });
    const { year } = fillSynthetic(core.db, { targets });
    const f = measureAssessment(core.db, year);
    core.close();
    console.log(`assessment of a year of ${targets} targets (${f.units} units, ${f.events} events): p50 ${ms(f.assessment.p50)}, p95 ${ms(f.assessment.p95)} (goal < 1 s); cold Q4 review ${ms(f.coldReview.p50)}`);
  })();
}
