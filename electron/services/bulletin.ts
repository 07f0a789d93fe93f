/**
 * The office's written work after a review (issue 19): the quarter's 督查通报 and the 督办通知 to each unit
 * with lagging targets. Both are drafts built from the review and the collection round of the quarter
 * (shared/bulletin/draft.ts) in the wording of 设置, written as official documents (electron/docx). Issuing
 * notices records each one (supervision_notices) and logs it; a unit's reply date is recorded the same way.
 */
import JSZip from 'jszip';
import type { Output } from '../../shared/contract';
import { addDays, bulletinDraft, laggingUnits, noticeDraft, type BulletinDraft, type DraftContext, type NoticeDraft } from '../../shared/bulletin/draft';
import { chineseDate, quarterLabel, type Quarter } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { DEFAULT_THRESHOLDS } from '../../shared/review/compare';
import { zipEntryDate } from '../excel/zipTime';
import { appendChange } from '../db/repos/changeLog';
import { findUnitId } from '../db/repos/directory';
import * as repo from '../db/repos/notices';
import { isSamplePlan } from '../db/repos/plans';
import { readSettings } from '../db/repos/settings';
import { actorOf, type ServiceContext } from './context';
import { requirePlan } from './plans';
import { getReview } from './review';
import { roundStatus } from './rounds';
import { sanitizeFileName } from './templates';

type NoticeInfo = Output<'notices.list'>[number];

/** Today on the user's clock, YYYY-MM-DD (a document is dated by the local day). */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function checkDate(date: string, what: string, field: string): void {
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new AppError('validation', `${what}“${date}”不是有效日期。`, { field });
}

function draftContext(ctx: ServiceContext, year: number, quarter: Quarter, date: string | undefined): DraftContext {
  const plan = requirePlan(ctx, year);
  const settings = readSettings(ctx.db);
  const signed = date ?? localToday();
  checkDate(signed, '成文日期', 'date');
  return {
    review: getReview(ctx, year, quarter),
    round: roundStatus(ctx, year, quarter),
    wording: settings.bulletinWording,
    city: plan.city.trim() || settings.city.trim(),
    thresholds: { green: settings.reviewThresholds.green, ahead: DEFAULT_THRESHOLDS.ahead },
    date: signed,
    sample: isSamplePlan(ctx.db, plan.id),
  };
}

export function getBulletinDraft(ctx: ServiceContext, input: { year: number; quarter: Quarter; date?: string | undefined }): BulletinDraft {
  return bulletinDraft(draftContext(ctx, input.year, input.quarter, input.date));
}

export async function exportBulletin(ctx: ServiceContext, input: { year: number; quarter: Quarter; date?: string | undefined }): Promise<Output<'bulletin.export'>> {
  const draft = getBulletinDraft(ctx, input);
  if (draft.counts.total === 0) throw new AppError('validation', `${input.year}年还没有责任目标，无法生成督查通报。`);
  // The docx library is loaded when a document is written, not at every start of the CLI.
  const { officialDocumentBytes } = await import('../docx/officialDocument');
  const bytes = await officialDocumentBytes(draft);
  return { fileName: sanitizeFileName(draft.fileName), data: bytes.toString('base64'), targets: draft.counts.total, lagging: draft.lagging.map((e) => e.serial) };
}

function noticeInfo(row: repo.NoticeRow, serialOf: Map<number, number>): NoticeInfo {
  return {
    id: row.id,
    quarter: row.quarter,
    unit: row.unit,
    targetIds: row.targetIds,
    serials: row.targetIds.flatMap((id) => (serialOf.has(id) ? [serialOf.get(id)!] : [])),
    issuedAt: row.issuedAt,
    replyDue: row.replyDue,
    repliedAt: row.repliedAt,
    late: row.repliedAt !== null ? row.repliedAt > row.replyDue : localToday() > row.replyDue,
  };
}

function serialsOfPlan(ctx: ServiceContext, year: number, quarter: Quarter): Map<number, number> {
  return new Map(getReview(ctx, year, quarter).items.map((i) => [i.targetId, i.serial]));
}

/**
 * The notices of a quarter: for one unit, or for every unit with lagging targets. Each is recorded with its
 * targets and reply date and logged, in one transaction; the file is the unit's .docx, or a zip of all.
 */
export async function issueNotices(
  ctx: ServiceContext,
  input: { year: number; quarter: Quarter; unit?: string | undefined; date?: string | undefined; replyDue?: string | undefined },
): Promise<Output<'notices.issue'>> {
  const dc = draftContext(ctx, input.year, input.quarter, input.date);
  const period = `${input.year}年${quarterLabel(input.quarter)}`;
  const byUnit = laggingUnits(dc.review);
  let units = [...byUnit.keys()];
  if (input.unit !== undefined) {
    const id = findUnitId(ctx.db, input.unit);
    const name = units.find((u) => findUnitId(ctx.db, u) === id && id !== undefined) ?? units.find((u) => u === input.unit);
    if (name === undefined) throw new AppError('validation', `“${input.unit}”${period}没有进度滞后或自报与数据不符的责任目标，无需发督办通知。`, { field: 'unit' });
    units = [name];
  }
  if (units.length === 0) throw new AppError('validation', `${period}没有进度滞后或自报与数据不符的责任目标，无需发督办通知。`);
  const replyDue = input.replyDue ?? addDays(dc.date, readSettings(ctx.db).noticeReplyDays);
  checkDate(replyDue, '回复期限', 'replyDue');
  if (replyDue < dc.date) throw new AppError('validation', `回复期限${chineseDate(replyDue)}早于发文日期${chineseDate(dc.date)}。`, { field: 'replyDue' });
  const drafts: NoticeDraft[] = units.map((u) => noticeDraft(dc, u, byUnit.get(u)!, replyDue));
  const { officialDocumentBytes } = await import('../docx/officialDocument');
  const files = await Promise.all(drafts.map(async (d) => ({ name: sanitizeFileName(d.fileName), bytes: await officialDocumentBytes(d) })));

  const plan = requirePlan(ctx, input.year);
  const issuedAt = new Date().toISOString();
  const actor = actorOf(ctx);
  const ids = ctx.db.transaction(() =>
    drafts.map((d) => {
      const unitId = findUnitId(ctx.db, d.unit);
      if (unitId === undefined) throw new AppError('not-found', `找不到责任单位“${d.unit}”。`, { field: 'unit' });
      const targetIds = d.targets.map((t) => t.targetId);
      const id = repo.insertNotice(ctx.db, { planId: plan.id, quarter: input.quarter, unitId, targetIds, issuedAt, replyDue });
      appendChange(ctx.db, actor, {
        kind: 'notice-issue',
        entity: 'notice',
        entityId: id,
        targetId: null,
        before: null,
        after: { year: input.year, quarter: input.quarter, unit: d.unit, serials: d.targets.map((t) => t.serial), issuedAt, replyDue },
      });
      return id;
    }),
  )();
  const serialOf = new Map(dc.review.items.map((i) => [i.targetId, i.serial]));
  const notices = ids.map((id) => noticeInfo(repo.noticeById(ctx.db, id)!, serialOf));
  if (files.length === 1 && input.unit !== undefined) return { fileName: files[0]!.name, data: files[0]!.bytes.toString('base64'), notices };
  const zip = new JSZip();
  const date = zipEntryDate();
  for (const f of files) zip.file(f.name, f.bytes, { date });
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { fileName: sanitizeFileName(`${dc.city}${period}督办通知${dc.sample ? '（示例数据）' : ''}.zip`), data: data.toString('base64'), notices };
}

export function listNotices(ctx: ServiceContext, year: number, quarter: Quarter): NoticeInfo[] {
  const plan = requirePlan(ctx, year);
  const serialOf = serialsOfPlan(ctx, year, quarter);
  return repo.noticesOfPlan(ctx.db, plan.id, quarter).map((r) => noticeInfo(r, serialOf));
}

/**
 * The day a unit replied to its notice (null: not yet). The published-quarter lock covers the quarter's
 * table; a reply date is not in it, so it is recorded under a lock too, and logged either way.
 */
export function recordReply(ctx: ServiceContext, id: number, repliedAt: string | null): NoticeInfo {
  if (repliedAt !== null) checkDate(repliedAt, '回复日期', 'repliedAt');
  return ctx.db.transaction(() => {
    const before = repo.noticeById(ctx.db, id);
    if (!before) throw new AppError('not-found', `找不到编号为 ${id} 的督办通知，可能已被删除。`);
    if (repliedAt !== null && repliedAt < before.issuedAt.slice(0, 10)) {
      throw new AppError('validation', `回复日期${chineseDate(repliedAt)}早于督办通知的发出日期${chineseDate(before.issuedAt.slice(0, 10))}。`, { field: 'repliedAt' });
    }
    if (before.repliedAt !== repliedAt) {
      repo.setReplied(ctx.db, id, repliedAt);
      appendChange(ctx.db, actorOf(ctx), {
        kind: 'notice-reply',
        entity: 'notice',
        entityId: id,
        targetId: null,
        before: { unit: before.unit, quarter: before.quarter, repliedAt: before.repliedAt },
        after: { unit: before.unit, quarter: before.quarter, repliedAt },
      });
    }
    return noticeInfo(repo.noticeById(ctx.db, id)!, serialsOfPlan(ctx, before.year, before.quarter));
  })();
}
