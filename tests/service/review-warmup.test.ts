/**
 * The review warmed in the background after an overview (the app's hosts, not the CLI): it fills the same
 * per-target cache a review keeps, so the dashboard opened next computes nothing; edits and deletes made
 * while it runs are not lost to it; it stops when the store closes; and it writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type AppCore } from '../../electron/host/app';
import { getReview, keptReviews, warmReview } from '../../electron/services/review';
import { tempStorePath } from '../helpers/store';

const opened: AppCore[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) if (c.db.open) c.close();
});

async function sample(warmReviews: boolean): Promise<AppCore> {
  const core = await startCore({ storePath: tempStorePath(), seedIfEmpty: true, warmReviews });
  opened.push(core);
  return core;
}

const overview = (core: AppCore, quarter: 3 | 4 = 3) => core.call('overview.get', { year: 2023, quarter });
const lineOf = (core: AppCore, serial: number) =>
  (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = ? ORDER BY a.ord').get(serial) as { id: number }).id;
const hop = () => new Promise((resolve) => setImmediate(resolve));

describe('review warm-up', () => {
  it('after an overview in the app, the quarter\'s review is kept for every target and equals a fresh one', async () => {
    const core = await sample(true);
    const changes = core.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number };
    expect((await overview(core)).ok).toBe(true);
    expect(keptReviews(core.db)).toBe(0);
    // Nothing else asks for a review: the overview's own warm-up fills it.
    for (let waited = 0; keptReviews(core.db) < 39 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(keptReviews(core.db)).toBe(39);
    expect(getReview(core, 2023, 3)).toEqual(getReview(core, 2023, 3, { useCache: false }));
    expect(core.db.prepare('SELECT count(*) AS n FROM change_log').get()).toEqual(changes);
  });

  it('the CLI\'s core does not warm: an overview leaves no review computed', async () => {
    const core = await sample(false);
    await overview(core);
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(keptReviews(core.db)).toBe(0);
  });

  it('an edit and a delete made while it runs are in the review that follows', async () => {
    const core = await sample(false);
    const warming = warmReview(core, 2023, 3, { delayMs: 0, slice: 4 });
    while (keptReviews(core.db) === 0) await hop();
    expect(keptReviews(core.db)).toBeLessThan(39);
    // Target 1 is already assessed from the version before this edit; target 39 not yet.
    const saved = await core.call('progress.save', { assignmentId: lineOf(core, 1), quarter: 3, text: '已全面完成年度任务', onSchedule: 'no' });
    expect(saved.ok).toBe(true);
    const t38 = core.db.prepare('SELECT id FROM targets WHERE serial = 38').get() as { id: number };
    expect((await core.call('targets.delete', { id: t38.id })).ok).toBe(true);
    await warming;
    const review = getReview(core, 2023, 3);
    expect(review).toEqual(getReview(core, 2023, 3, { useCache: false }));
    expect(review.items.find((i) => i.serial === 1)).toMatchObject({ status: 'behind', lines: [expect.objectContaining({ text: '已全面完成年度任务' })] });
    expect(review.items.some((i) => i.serial === 38)).toBe(false);
  });

  it('a threshold changed while it runs: the review that follows uses the new one', async () => {
    const core = await sample(false);
    const warming = warmReview(core, 2023, 3, { delayMs: 0, slice: 4 });
    while (keptReviews(core.db) === 0) await hop();
    expect((await core.call('settings.update', { reviewThresholds: { green: 0.95, yellow: 0.9, overdueYellowDays: 1, overdueRedDays: 7 } })).ok).toBe(true);
    await warming;
    // 7: 8.5% against 10%左右 = 85%: red once yellow starts at 90%.
    const review = getReview(core, 2023, 3);
    expect(review.items.find((i) => i.serial === 7)!.light).toBe('red');
    expect(review).toEqual(getReview(core, 2023, 3, { useCache: false }));
  });

  it('the store closed while it runs: it stops, and settles without an error', async () => {
    const core = await sample(false);
    const warming = warmReview(core, 2023, 3, { delayMs: 0, slice: 4 });
    while (keptReviews(core.db) === 0) await hop();
    const db = core.db;
    core.close();
    await expect(warming).resolves.toBeUndefined();
    expect(keptReviews(db)).toBeLessThan(39);
  });
});
