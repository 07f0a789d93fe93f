/**
 * The importer as the service offers it: preview (writes nothing), apply (one transaction, one batch),
 * the history of batches, and undo. Files arrive as bytes: the renderer reads what the user dropped or
 * picked, the CLI reads paths; either way no path crosses the API.
 */
import crypto from 'node:crypto';
import type { ColumnMappings, ImportBatch, ImportFile, ImportPreview } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Quarter } from '../../../shared/domain';
import { listBatches } from '../../db/repos/importBatches';
import { readOverviewBytes, type ParsedOverview } from '../../excel/overviewReader';
import type { ServiceContext } from '../context';
import { applyPlan, undoBatch } from './apply';
import { checkpoint, NO_JOB, type JobHandle } from '../../jobs/progress';
import { quarterLabel } from '../../../shared/domain';
import { chineseDate, quarterLocks } from '../publication';
import { buildPlan, type ImportPlan, type PlanOptions } from './plan';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/connection';
import { markRemembered, readingAids } from './mappings';
import { holdsNothing } from '../../db/emptiness';
import { distinctNames } from '../../../shared/dropped';

export interface WorkbookBytes {
  name: string;
  bytes: Buffer;
}

export interface ImportOptions {
  year?: number | undefined;
  quarter?: Quarter | undefined;
  defaultYear?: number | undefined;
  defaultQuarter?: Quarter | undefined;
  /** Column corrections per file name. */
  mapping?: ColumnMappings | undefined;
}

export function decodeFiles(files: ImportFile[]): WorkbookBytes[] {
  const names = distinctNames(files);
  return files.map((f, i) => ({ name: names[i]!, bytes: Buffer.from(f.data, 'base64') }));
}

/**
 * The files of the last preview, as read: the apply that follows sends the same bytes, and reading a large
 * workbook again would double the time and the memory at its peak. Keyed by content and column mapping,
 * so a changed file is always read afresh; only the latest preview's files are kept.
 */
let lastRead = new Map<string, ParsedOverview>();

function readKey(f: WorkbookBytes, mapping: ColumnMappings[string] | undefined, aids: ReadingAids, quarter: Quarter | undefined): string {
  const remembered = JSON.stringify([...aids.remembered]);
  const known = `${aids.known.leaders.size}/${aids.known.units.size}`;
  return `${f.name}\u0000${crypto.createHash('sha256').update(f.bytes).digest('hex')}\u0000${JSON.stringify(mapping ?? {})}\u0000${remembered}\u0000${known}\u0000${quarter ?? ''}`;
}

/** What the store lends the reader: remembered column mappings and the names it knows (none outside a store). */
export type ReadingAids = ReturnType<typeof readingAids>;
const NO_AIDS: ReadingAids = { remembered: new Map(), known: { leaders: new Set(), units: new Set() } };

/**
 * The plan of the last preview, and what it was planned against. The apply that follows (the app's 确认导入,
 * the CLI's import) plans the same files against the same store; planning 5,000 targets again cost as much as
 * reading them. The key holds the connection, its change counter and SQLite's data_version (another
 * connection's commit bumps it), so any write in between, by any path, plans afresh. Used once.
 */
let lastPlan: { key: string; parsed: ParsedOverview[]; plan: ImportPlan } | null = null;

const connections = new WeakMap<Db, number>();
let connectionCount = 0;

function planKey(db: Db, options: PlanOptions): string {
  const { year, quarter, defaultYear, defaultQuarter } = options;
  const period = [year ?? null, quarter ?? null, defaultYear ?? null, defaultQuarter ?? null];
  // Planned against an empty store, a plan holds for every empty store: the CLI tries a new store's files in
  // memory before it creates the store, then plans them against it.
  if (holdsNothing(db)) return JSON.stringify(['empty', ...period]);
  if (!connections.has(db)) connections.set(db, ++connectionCount);
  const changes = (stmt(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  return JSON.stringify([connections.get(db), changes, dataVersion, ...period]);
}

/** The plan of `parsed` (the reader's own objects, kept by parseWorkbooks) against the store as it is now. */
function planOf(db: Db, parsed: ParsedOverview[], options: PlanOptions): { key: string; plan: ImportPlan } {
  const key = planKey(db, options);
  const last = lastPlan;
  lastPlan = null;
  if (last && last.key === key && last.parsed.length === parsed.length && last.parsed.every((p, i) => p === parsed[i])) return { key, plan: last.plan };
  return { key, plan: buildPlan(db, parsed, options) };
}

/**
 * Reads every file first: one unreadable file stops the whole import before anything is written. `quarter`:
 * the one the user chose, which tells this quarter's progress column from an earlier quarter's.
 */
export async function parseWorkbooks(files: WorkbookBytes[], job: JobHandle = NO_JOB, mapping?: ColumnMappings, aids: ReadingAids = NO_AIDS, quarter?: Quarter): Promise<ParsedOverview[]> {
  const parsed: ParsedOverview[] = [];
  const read = new Map<string, ParsedOverview>();
  for (const [i, f] of files.entries()) {
    job.report({ done: i, total: files.length, label: `正在读取 ${f.name}` });
    await checkpoint(job.signal);
    const key = readKey(f, mapping?.[f.name], aids, quarter);
    const overview = lastRead.get(key) ?? (await readOverviewBytes(f.name, f.bytes, { mapping: mapping?.[f.name], ...aids, quarter }));
    read.set(key, overview);
    parsed.push(overview);
  }
  lastRead = read;
  const empty = parsed.filter((p) => p.targets.length === 0);
  if (empty.length > 0) {
    throw new AppError('validation', `文件“${empty[0]!.file}”中没有读到任何责任目标（表头下方没有数据行）。`, { file: empty[0]!.file });
  }
  return parsed;
}

export async function previewImport(ctx: ServiceContext, files: WorkbookBytes[], options: ImportOptions, job: JobHandle = NO_JOB): Promise<ImportPreview> {
  const aids = readingAids(ctx);
  const parsed = await parseWorkbooks(files, job, options.mapping, aids, options.quarter);
  job.report({ done: files.length, total: files.length, label: '正在与已有数据比对' });
  await checkpoint(job.signal);
  const { key, plan } = planOf(ctx.db, parsed, options);
  lastPlan = { key, parsed, plan };
  // A copy: the notes and column sources added below are the preview's, not the plan the apply writes.
  const preview: ImportPreview = { ...plan.preview, notes: [...plan.preview.notes], files: plan.preview.files.map((f) => ({ ...f, sheets: f.sheets.map((s) => ({ ...s, columns: s.columns.map((c) => ({ ...c })) })) })) };
  markRemembered(preview.files, options.mapping, aids.remembered);
  // Content, deadline and names are in every quarter's table: they touch a locked quarter whichever quarter
  // the file reports; progress only touches the quarter it is for.
  const shared = new Set(['progress', 'onSchedule']);
  for (const lock of quarterLocks(ctx, preview.year).reverse()) {
    const touches = preview.items.some((i) => i.status === 'new' || i.changes.some((c) => lock.quarter === preview.quarter || !shared.has(c.field)));
    if (!touches) continue;
    preview.notes.unshift({
      severity: 'warning',
      code: 'quarter-locked',
      message: `${preview.year}年${quarterLabel(lock.quarter)}已于${chineseDate(lock.publishedOn)}发布并锁定，改动该季度一览表（目标、内容、完成时限、领导、单位${lock.quarter === preview.quarter ? '、完成情况' : ''}）的导入将被拒绝；如确需修改，请先解除锁定。`,
      where: {},
    });
  }
  return preview;
}

export async function applyImport(ctx: ServiceContext, files: WorkbookBytes[], options: ImportOptions & { skip?: string[]; take?: string[] }, job: JobHandle = NO_JOB): Promise<ImportBatch> {
  const parsed = await parseWorkbooks(files, job, options.mapping, readingAids(ctx), options.quarter);
  job.report({ done: files.length, total: files.length, label: '正在写入' });
  // The last moment a cancel is honoured: the write below is one transaction, all or nothing.
  await checkpoint(job.signal);
  // Planned and written in one synchronous transaction: nothing can change the store in between.
  return ctx.db.transaction(() => {
    const { plan } = planOf(ctx.db, parsed, options);
    return applyPlan(ctx, plan, { skip: new Set(options.skip ?? []), take: new Set(options.take ?? []), files: files.map((f) => f.name), city: parsed.find((p) => p.city)?.city ?? null });
  })();
}

export function importBatches(ctx: ServiceContext): ImportBatch[] {
  return listBatches(ctx.db);
}

export { undoBatch };
