/**
 * Published quarters (发布): once the office publishes a quarter's overview, that quarter's table is locked,
 * so the table on the government website and the store cannot drift apart by accident. The lock covers what
 * the table shows: every target of the year (adding or deleting one changes the table), its serial, content
 * and deadline, and each line's leaders, units, progress, on-schedule reading and status wording. Content,
 * deadline and names are shared by the four quarters of a year, so they are frozen while any quarter of the
 * year is locked; another quarter's progress is not. Section and report sentence are not in the table.
 *
 * Every write path (edits, imports, undo, history reverts) ends in `assertPublishedUnchanged` inside its own
 * transaction, which compares each locked quarter's rows of the target before and after and throws on any
 * difference: one check, whatever path a change takes. Unlocking needs a reason, recorded in the change log.
 * A publication also keeps a fingerprint of the table it published, so that an export can say whether the
 * table still matches it (after an unlock and an edit, a restore, or edits by an older version).
 */
import crypto from 'node:crypto';
import type { QuarterLockInfo, Target } from '../../shared/contract';
import { chineseDate, quarterLabel, type Quarter } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { appendChange } from '../db/repos/changeLog';
import { stmt } from '../db/connection';
import { planByYear } from '../db/repos/plans';
import * as repo from '../db/repos/quarterLocks';
import { loadTargets } from '../db/repos/targets';
import { actorOf, type ServiceContext } from './context';
import { requirePlan } from './plans';

export function quarterLocks(ctx: ServiceContext, year: number): QuarterLockInfo[] {
  const plan = planByYear(ctx.db, year);
  return plan ? repo.locksOfPlan(ctx.db, plan.id) : [];
}

export function publishedOn(ctx: ServiceContext, year: number, quarter: Quarter): string | null {
  return quarterLocks(ctx, year).find((l) => l.quarter === quarter)?.publishedOn ?? null;
}

export { chineseDate } from '../../shared/domain';

export function publishQuarter(ctx: ServiceContext, year: number, quarter: Quarter, date: string): QuarterLockInfo[] {
  const plan = requirePlan(ctx, year);
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new AppError('validation', `发布日期“${date}”不是有效日期。`, { field: 'publishedOn' });
  ctx.db.transaction(() => {
    // An empty table published would lock the year against its first targets, with nothing to show for it.
    if (stmt(ctx.db, 'SELECT count(*) FROM targets WHERE plan_id = ?').pluck().get(plan.id) === 0) {
      throw new AppError('validation', `${year}年还没有责任目标，${quarterLabel(quarter)}一览表是空的，不能发布。`);
    }
    const existing = repo.locksOfPlan(ctx.db, plan.id).find((l) => l.quarter === quarter);
    if (existing) throw new AppError('conflict', `${year}年${quarterLabel(quarter)}已于${chineseDate(existing.publishedOn)}发布并锁定。`);
    const lock = { quarter, publishedOn: date, lockedAt: new Date().toISOString(), actor: actorOf(ctx) };
    const earlier = repo.publicationOf(ctx.db, plan.id, quarter);
    repo.insertLock(ctx.db, plan.id, lock, tableFingerprint(ctx, plan.id, quarter));
    appendChange(ctx.db, lock.actor, {
      kind: 'publish',
      entity: 'quarter',
      entityId: quarter,
      targetId: null,
      before: earlier ? { year, quarter, publishedOn: earlier.publishedOn, unlockedAt: earlier.unlockedAt } : null,
      after: { year, ...lock },
    });
  })();
  return quarterLocks(ctx, year);
}

export function unlockQuarter(ctx: ServiceContext, year: number, quarter: Quarter, reason: string): QuarterLockInfo[] {
  const plan = requirePlan(ctx, year);
  ctx.db.transaction(() => {
    const existing = repo.locksOfPlan(ctx.db, plan.id).find((l) => l.quarter === quarter);
    if (!existing) {
      const unlocked = repo.publicationOf(ctx.db, plan.id, quarter)?.unlockedAt;
      throw new AppError('conflict', `${year}年${quarterLabel(quarter)}${unlocked ? '已解除锁定' : '尚未发布'}，无需解除锁定。`);
    }
    repo.unlock(ctx.db, plan.id, quarter, new Date().toISOString(), reason);
    appendChange(ctx.db, actorOf(ctx), { kind: 'unlock', entity: 'quarter', entityId: quarter, targetId: null, before: { year, ...existing }, after: { year, quarter, reason } });
  })();
  return quarterLocks(ctx, year);
}

type Row = [id: number, leaders: string[], leadUnits: string[], cooperatingUnits: string[], text: string, onSchedule: string | null, wording: string];

/** The lines of a target as one quarter's table prints them; by line id, not position (reordering is allowed). */
function tableLines(t: Target, quarter: Quarter): Row[] {
  return [...t.assignments]
    .sort((a, b) => a.id - b.id)
    .map((a) => {
      const p = a.progress.find((x) => x.quarter === quarter);
      return [a.id, a.leaders, a.leadUnits, a.cooperatingUnits, p?.text ?? '', p?.onSchedule ?? null, p?.onScheduleText ?? ''];
    });
}

/** What one target shows in a quarter's table; 'null' for no target. */
export function tableRowKey(t: Target | null | undefined, quarter: Quarter): string {
  if (!t) return 'null';
  return JSON.stringify([t.serial, t.content, t.deadline, tableLines(t, quarter)]);
}

/** The first thing a change alters in a quarter's table, in the table's own words (for the refusal). */
function lockedWhat(before: Target | null | undefined, after: Target | null | undefined, quarter: Quarter): string {
  const q = quarterLabel(quarter);
  if (!before) return `新增第${after!.serial}项责任目标`;
  if (!after) return `删除第${before.serial}项责任目标`;
  const item = `第${before.serial}项的`;
  if (before.serial !== after.serial) return `${item}序号`;
  if (before.content !== after.content) return `${item}责任目标内容`;
  if (before.deadline !== after.deadline) return `${item}完成时限`;
  const b = tableLines(before, quarter);
  const a = tableLines(after, quarter);
  if (b.length !== a.length || b.some((l, i) => l[0] !== a[i]![0])) return `${item}分工`;
  for (let i = 0; i < b.length; i++) {
    const [, bl, bu, bc] = b[i]!;
    const [, al, au, ac] = a[i]!;
    if (JSON.stringify(bl) !== JSON.stringify(al)) return `${item}市政府领导`;
    if (JSON.stringify([bu, bc]) !== JSON.stringify([au, ac])) return `${item}责任单位`;
  }
  return `${item}${q}完成情况`;
}

/**
 * Throws when a change alters the table of a locked quarter of the target's year. Runs inside the writer's
 * transaction, so the throw takes the whole change back.
 */
export function assertPublishedUnchanged(ctx: ServiceContext, before: Target | null | undefined, after: Target | null | undefined): void {
  const year = (before ?? after)?.year;
  if (year === undefined) return;
  for (const lock of quarterLocks(ctx, year)) {
    if (tableRowKey(before, lock.quarter) !== tableRowKey(after, lock.quarter)) {
      throw lockedError(year, lock, lockedWhat(before, after, lock.quarter));
    }
  }
}

export function lockedError(year: number, lock: { quarter: Quarter; publishedOn: string }, what: string): AppError {
  const q = quarterLabel(lock.quarter);
  return new AppError(
    'locked',
    `${year}年${q}已于${chineseDate(lock.publishedOn)}发布并锁定，${what}不能修改（会改变已发布的${q}一览表）。如确需修改，请先在“导出”中解除${year}年${q}的锁定并说明理由。`,
  );
}

const hashOf = (key: string) => crypto.createHash('sha1').update(key).digest('hex').slice(0, 16);

/** One hash per target of the quarter's table, by target id: compact, and says which targets differ. */
type Fingerprint = Record<string, { serial: number; hash: string }>;

function fingerprintOf(targets: Iterable<Target>, quarter: Quarter): Fingerprint {
  const out: Fingerprint = {};
  for (const t of targets) out[t.id] = { serial: t.serial, hash: hashOf(tableRowKey(t, quarter)) };
  return out;
}

function tableFingerprint(ctx: ServiceContext, planId: number, quarter: Quarter): string {
  return JSON.stringify(fingerprintOf(loadTargets(ctx.db, { planId }, quarter), quarter));
}

/**
 * The table as it was at publication, for a lock made before fingerprints were kept: each target as the
 * first logged change after the publication found it (its `before`), or as it is now when nothing changed
 * it since. The change log keeps whole targets before and after every change, so this is exact.
 */
function fingerprintFromLog(ctx: ServiceContext, year: number, quarter: Quarter, since: string, now: Target[]): Fingerprint {
  const current = new Map(now.map((t) => [t.id, t]));
  const firsts = stmt(
    ctx.db,
    `SELECT c.target_id AS targetId, c.before_json AS before FROM change_log c
      WHERE c.id IN (SELECT min(id) FROM change_log WHERE entity = 'target' AND target_id IS NOT NULL AND at > ? GROUP BY target_id)`,
  ).all(since) as { targetId: number; before: string | null }[];
  const published = new Map(current);
  for (const f of firsts) {
    const before = f.before === null ? null : (JSON.parse(f.before) as Target | null);
    if (before && before.year === year) published.set(f.targetId, before);
    else published.delete(f.targetId);
  }
  return fingerprintOf(published.values(), quarter);
}

/** How a quarter's table stands against its publication: null when it was never published. */
export function publicationState(
  ctx: ServiceContext,
  year: number,
  quarter: Quarter,
  /** The plan's targets loaded for this quarter, when the caller has them already (an export). */
  loaded?: Target[],
): { publishedOn: string; locked: boolean; changedSerials: number[] } | null {
  const plan = planByYear(ctx.db, year);
  const publication = plan && repo.publicationOf(ctx.db, plan.id, quarter);
  if (!plan || !publication) return null;
  const targets = loaded ?? loadTargets(ctx.db, { planId: plan.id }, quarter);
  const then: Fingerprint = publication.tableKey ? JSON.parse(publication.tableKey) : fingerprintFromLog(ctx, year, quarter, publication.lockedAt, targets);
  const now = fingerprintOf(targets, quarter);
  const changed = new Set<number>();
  for (const [id, t] of Object.entries(now)) if (then[id]?.hash !== t.hash) changed.add(then[id]?.serial ?? t.serial);
  for (const [id, t] of Object.entries(then)) if (!now[id]) changed.add(t.serial);
  return { publishedOn: publication.publishedOn, locked: publication.unlockedAt === null, changedSerials: [...changed].sort((a, b) => a - b) };
}
