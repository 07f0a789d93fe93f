/**
 * Exports: the official overview (一览表) of a year and quarter as an .xlsx, optionally narrowed to one
 * leader's or one unit's lines, or to the targets behind schedule.
 */
import type { OverviewPrint, Target } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { normalizeName, quarterLabel, type Quarter } from '../../shared/domain';
import { findUnitId, unitName } from '../db/repos/directory';
import { readSettings } from '../db/repos/settings';
import { isSamplePlan, planByYear } from '../db/repos/plans';
import { loadTargets } from '../db/repos/targets';
import { lineCells, overviewTexts, splitForTwoBlocks, writeOverview, type OverviewInput } from '../excel/overviewWriter';
import type { ServiceContext } from './context';
import { requirePlan } from './plans';
import { chineseDate, publicationState } from './publication';

export interface OverviewExportOptions {
  year: number;
  quarter: Quarter;
  leader?: string | undefined;
  unit?: string | undefined;
  /** Only targets with a line reported behind schedule (否) in the quarter. */
  behindOnly?: boolean | undefined;
  /** The settings' layout and paper when absent. */
  layout?: 'single' | 'two-block' | undefined;
  paperSize?: 'A3' | 'A4' | undefined;
  /** The summary sheet (汇总); on unless turned off. */
  summary?: boolean | undefined;
}

/** What the writer gets: the plan's targets for the quarter, lines filtered, in serial order. */
export function overviewExportInput(ctx: ServiceContext, options: OverviewExportOptions): OverviewInput {
  const plan = requirePlan(ctx, options.year);
  const all = loadTargets(ctx.db, { planId: plan.id }, options.quarter);
  const leader = options.leader?.trim() ? normalizeName(options.leader) : undefined;
  let unit: string | undefined;
  if (options.unit?.trim()) {
    // An alias (市发改委) finds the lines of the unit it stands for.
    const id = findUnitId(ctx.db, options.unit);
    unit = id === undefined ? normalizeName(options.unit) : unitName(ctx.db, id);
  }
  let targets: Target[] = all;
  if (leader !== undefined || unit !== undefined) {
    targets = targets
      .map((t) => ({
        ...t,
        assignments: t.assignments.filter(
          (a) => (leader === undefined || a.leaders.includes(leader)) && (unit === undefined || a.leadUnits.includes(unit) || a.cooperatingUnits.includes(unit)),
        ),
      }))
      .filter((t) => t.assignments.length > 0);
  }
  if (options.behindOnly) {
    targets = targets.filter((t) => t.assignments.some((a) => a.progress.some((p) => p.quarter === options.quarter && p.onSchedule === 'no')));
  }
  const settings = readSettings(ctx.db);
  const publication = publicationState(ctx, options.year, options.quarter, all);
  // The stamp says "this is the published table": only while the whole quarter's table still matches it.
  const stamp = publication && publication.changedSerials.length === 0 ? { publishedOn: chineseDate(publication.publishedOn) } : {};
  const note = publication && publication.changedSerials.length > 0 ? { publicationNote: changedNote(publication) } : {};
  const city = plan.city.trim() || settings.city.trim();
  return {
    city,
    year: options.year,
    quarter: options.quarter,
    targets,
    wording: { title: settings.exportTitle, paragraph: settings.exportParagraph, headers: settings.exportHeaders },
    // The paragraph speaks of the plan's targets, however many a filtered export shows.
    planTargets: all.length,
    layout: options.layout ?? settings.exportLayout,
    paper: options.paperSize ?? settings.paperSize,
    summary: options.summary ?? true,
    ...stamp,
    ...note,
  };
}

/** Footer and message for a quarter whose table changed since it was published (never the date stamp itself). */
function changedNote(p: { publishedOn: string; changedSerials: number[] }): string {
  const serials = p.changedSerials.slice(0, 10).join('、') + (p.changedSerials.length > 10 ? `等${p.changedSerials.length}项` : '');
  return `发布后已修改（原发布日期：${chineseDate(p.publishedOn)}；有变化的序号：${serials}）`;
}

export async function renderOverview(input: OverviewInput): Promise<Buffer> {
  const wb = writeOverview(input);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportOverview(ctx: ServiceContext, options: OverviewExportOptions): Promise<Buffer> {
  const input = overviewExportInput(ctx, options);
  if (input.targets.length === 0) throw new AppError('validation', '没有符合条件的责任目标，未导出。');
  return renderOverview(input);
}

/** The name an export (or its PDF) is offered under: the table, its scope, and 示例数据 for the sample. */
function exportBaseName(ctx: ServiceContext, input: OverviewInput, options: OverviewExportOptions): string {
  const scope = [options.leader, options.unit, options.behindOnly ? '滞后' : ''].filter(Boolean).join('_');
  // A table of the sample data must not pass for a real one once it has left the app.
  const plan = planByYear(ctx.db, options.year);
  const sample = plan !== undefined && isSamplePlan(ctx.db, plan.id) ? '（示例数据）' : '';
  return `${input.city}${options.year}年${quarterLabel(options.quarter)}责任目标工作推进情况一览表${scope ? `（${scope}）` : ''}${sample}`;
}

/** The export as the renderer receives it: a file name to offer and the bytes. */
export async function exportOverviewFile(ctx: ServiceContext, options: OverviewExportOptions): Promise<{ fileName: string; data: string; targets: number; notice?: string }> {
  const input = overviewExportInput(ctx, options);
  if (input.targets.length === 0) throw new AppError('validation', '没有符合条件的责任目标，未导出。');
  const bytes = await renderOverview(input);
  const fileName = `${exportBaseName(ctx, input, options)}.xlsx`;
  const notice = input.publicationNote ? `本季度一览表${input.publicationNote}，导出的表格未加发布日期。` : undefined;
  return { fileName, data: bytes.toString('base64'), targets: input.targets.length, ...(notice ? { notice } : {}) };
}

/**
 * The 一览表 as the print view shows it: the export's own input (targets, wording, layout, paper, the
 * publication's note), its blocks split as the .xlsx splits them, each line's cells as the .xlsx writes them.
 */
export function overviewPrint(ctx: ServiceContext, options: Omit<OverviewExportOptions, 'summary'>): OverviewPrint {
  const input = overviewExportInput(ctx, options);
  if (input.targets.length === 0) throw new AppError('validation', '没有符合条件的责任目标，无法打印。');
  const { title, paragraph, header } = overviewTexts(input);
  const layout = input.layout ?? 'single';
  const blocks = layout === 'two-block' ? splitForTwoBlocks(input.targets) : [input.targets];
  const footNote = input.publishedOn ? `${input.publishedOn}发布` : input.publicationNote;
  return {
    title,
    paragraph,
    headers: header,
    layout,
    paperSize: input.paper ?? 'A3',
    ...(footNote ? { footNote } : {}),
    fileName: `${exportBaseName(ctx, input, options)}.pdf`,
    targets: input.targets.length,
    blocks: blocks.map((block) =>
      block.map((t) => ({
        serial: t.serial,
        content: t.content,
        deadline: t.deadline,
        // An empty target still gets its one line, as in the .xlsx.
        lines: (t.assignments.length > 0 ? t.assignments : [null]).map((a) => lineCells(a, input.quarter)),
      })),
    ),
  };
}
