/**
 * The quarterly collection round (季度调度): who owes a returned template, who has sent it, with how many
 * warnings, and the list to chase. A returned template names its owner in its title (the file may have been
 * renamed on the way); an import of it marks the owner as returned, and undoing the import takes that back.
 */
import type { ImportBatch, ImportPreview, RoundStatus } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { normalizeName, quarterLabel, type Quarter } from '../../shared/domain';
import { findUnitId, unitName } from '../db/repos/directory';
import * as repo from '../db/repos/rounds';
import { loadTargets } from '../db/repos/targets';
import { listSheetBytes } from '../excel/listSheet';
import { templateOwnerOfTitle } from '../excel/templateWriter';
import { appendChange } from '../db/repos/changeLog';
import { actorOf, type ServiceContext } from './context';
import { requirePlan } from './plans';
import { groupTargets } from './templates';

/** The owner a returned file speaks for: its own word (a Word return's title or signature), its template title, else a file name as templates are named. */
export function returnOwnerOf(file: { name: string; title: string; owner?: string | null | undefined }): string | null {
  if (file.owner) return file.owner;
  const byTitle = templateOwnerOfTitle(file.title);
  if (byTitle) return byTitle.owner;
  const m = /^(.+?)_\d{4}年[一二三四]季度责任目标推进情况/.exec(file.name);
  return m ? m[1]! : null;
}

/** A unit's alias (市发改委) stands for the unit; other names are taken as written. */
function canonicalOwner(ctx: ServiceContext, owner: string): string {
  const id = findUnitId(ctx.db, owner);
  return id === undefined ? normalizeName(owner) : unitName(ctx.db, id);
}

/** Called inside the import's transaction: each returned template of the batch marks its owner. */
export function recordReturns(ctx: ServiceContext, planId: number, preview: ImportPreview, batch: ImportBatch): void {
  for (const f of preview.files) {
    const owner = f.returnedBy;
    if (owner === null) continue;
    const warnings = batch.notes.filter((n) => n.severity === 'warning' && n.where.file === f.name).length;
    repo.insertReturn(ctx.db, planId, preview.quarter, {
      owner: canonicalOwner(ctx, owner),
      batchId: batch.id,
      file: f.name,
      returnedAt: batch.at,
      warnings,
      actor: batch.actor,
    });
  }
}

/** Templates went out: the round is open (its first date is kept). */
export function openRound(ctx: ServiceContext, year: number, quarter: Quarter, by: repo.RoundKind): void {
  ctx.db.transaction(() => {
    const planId = requirePlan(ctx, year).id;
    const before = repo.getRound(ctx.db, planId, quarter);
    repo.openRound(ctx.db, planId, quarter, by, new Date().toISOString());
    const after = repo.getRound(ctx.db, planId, quarter)!;
    // Templates generated again for the same round change nothing: no entry.
    if (before?.byKind !== after.byKind || before?.openedAt !== after.openedAt) logRound(ctx, 'round-open', year, quarter, before ?? null, after);
  })();
}

function logRound(ctx: ServiceContext, kind: string, year: number, quarter: Quarter, before: object | null, after: object): void {
  appendChange(ctx.db, actorOf(ctx), { kind, entity: 'round', entityId: quarter, targetId: null, before: before && { year, quarter, ...before }, after: { year, quarter, ...after } });
}

export function roundStatus(ctx: ServiceContext, year: number, quarter: Quarter): RoundStatus {
  const plan = requirePlan(ctx, year);
  const round = repo.getRound(ctx.db, plan.id, quarter);
  const by = round?.byKind ?? 'unit';
  const groups = groupTargets(loadTargets(ctx.db, { planId: plan.id }), by);
  const returns = repo.activeReturns(ctx.db, plan.id, quarter);
  const owners = [...groups].map(([owner, targets]) => {
    const mine = returns.filter((r) => r.owner === owner);
    return {
      owner,
      lines: targets.reduce((n, t) => n + t.assignments.length, 0),
      returned: mine.length > 0,
      returnedAt: mine.at(-1)?.returnedAt ?? null,
      files: mine.filter((r) => r.batchId !== null).map((r) => r.file),
      warnings: mine.reduce((n, r) => n + r.warnings, 0),
      manual: mine.length > 0 && mine.every((r) => r.batchId === null),
    };
  });
  const unmatched = returns.filter((r) => !groups.has(r.owner)).map((r) => ({ owner: r.owner, file: r.file, returnedAt: r.returnedAt }));
  return {
    year,
    quarter,
    by,
    openedAt: round?.openedAt ?? null,
    dueDate: round?.dueDate ?? null,
    expected: owners.length,
    returned: owners.filter((o) => o.returned).length,
    withWarnings: owners.filter((o) => o.warnings > 0).length,
    owners,
    unmatched,
  };
}

export function setRoundDue(ctx: ServiceContext, year: number, quarter: Quarter, dueDate: string | null): RoundStatus {
  if (dueDate !== null && Number.isNaN(Date.parse(`${dueDate}T00:00:00Z`))) throw new AppError('validation', `报送截止日期“${dueDate}”不是有效日期。`, { field: 'dueDate' });
  const plan = requirePlan(ctx, year);
  ctx.db.transaction(() => {
    const before = repo.getRound(ctx.db, plan.id, quarter)?.dueDate ?? null;
    if (before === dueDate) return;
    repo.setRoundDue(ctx.db, plan.id, quarter, dueDate, new Date().toISOString());
    logRound(ctx, 'round-due', year, quarter, { dueDate: before }, { dueDate });
  })();
  return roundStatus(ctx, year, quarter);
}

/** Marks by hand (a file that came on paper or by message), or takes a manual mark back. */
export function markReturned(ctx: ServiceContext, year: number, quarter: Quarter, owner: string, returned: boolean): RoundStatus {
  const plan = requirePlan(ctx, year);
  const name = canonicalOwner(ctx, owner);
  const status = roundStatus(ctx, year, quarter);
  const entry = status.owners.find((o) => o.owner === name);
  if (!entry) throw new AppError('not-found', `${year}年${quarterLabel(quarter)}的报送名单中没有“${name}”。`, { field: 'owner' });
  ctx.db.transaction(() => {
    if (returned) {
      if (entry.returned) return;
      repo.insertReturn(ctx.db, plan.id, quarter, { owner: name, batchId: null, file: '', returnedAt: new Date().toISOString(), warnings: 0, actor: actorOf(ctx) });
    } else {
      const removed = repo.deleteManualReturns(ctx.db, plan.id, quarter, name);
      if (removed === 0 && entry.returned) throw new AppError('conflict', `“${name}”的报送来自导入，请在“导入记录”中撤销该次导入。`, { field: 'owner' });
      if (removed === 0) return;
    }
    const now = roundStatus(ctx, year, quarter).owners.find((o) => o.owner === name)!;
    logRound(ctx, 'round-mark', year, quarter, { owner: name, returned: entry.returned, manual: entry.manual }, { owner: name, returned: now.returned, manual: now.manual });
  })();
  return roundStatus(ctx, year, quarter);
}

/** The list to chase (催报名单): owners with no file, then those whose file had warnings. */
export async function exportMissing(ctx: ServiceContext, year: number, quarter: Quarter): Promise<{ fileName: string; data: string; count: number }> {
  const status = roundStatus(ctx, year, quarter);
  const missing = status.owners.filter((o) => !o.returned);
  const flagged = status.owners.filter((o) => o.returned && o.warnings > 0);
  if (missing.length + flagged.length === 0) throw new AppError('validation', `${year}年${quarterLabel(quarter)}各${status.by === 'unit' ? '单位' : '领导'}均已报送，没有需要催报的。`);
  const rows = [...missing, ...flagged].map((o, i) => [i + 1, o.owner, o.lines, o.returned ? '已报送，有提示' : '未报送', o.returned ? `${o.warnings}条提示：${o.files.join('、')}` : '']);
  const bytes = await listSheetBytes({
    sheet: '催报名单',
    title: `${year}年${quarterLabel(quarter)}责任目标推进情况催报名单${status.dueDate ? `（报送截止：${status.dueDate}）` : ''}`,
    columns: [
      { header: '序号', width: 6, center: true },
      { header: status.by === 'unit' ? '责任单位' : '市政府领导', width: 30 },
      { header: '分工数', width: 10, center: true },
      { header: '状态', width: 14, center: true },
      { header: '说明', width: 40 },
    ],
    rows,
    orientation: 'portrait',
  });
  return { fileName: `${year}年${quarterLabel(quarter)}责任目标推进情况催报名单.xlsx`, data: bytes.toString('base64'), count: missing.length + flagged.length };
}
