/**
 * Turns parsed workbooks into an import plan against the store, writing nothing: per target new / updated
 * (with before → after) / unchanged / conflict / error, data-quality warnings with their cells, and the
 * leader and unit names the store does not know yet. apply.ts writes exactly this plan.
 *
 * One direction, in named steps, each in a module of its own with its table test:
 * rows (rows.ts) → match (match.ts) → compare (compare.ts) → warn (warn.ts). The readers (electron/excel)
 * hand over ParsedOverview; nothing here goes back to them.
 */
import type { ImportItem, ImportPreview, Note } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Quarter } from '../../../shared/domain';
import type { Db } from '../../db/connection';
import type { ParsedOverview } from '../../excel/overviewReader';
import type { SheetColumns } from '../../excel/overviewTypes';
import type { FileKind } from '../../../shared/dropped';
import { returnOwnerOf } from '../rounds';
import { compareRow, type TargetAction } from './compare';
import { emptyMatchTally, matchRow } from './match';
import { planContext } from './planContext';
import { rowsOf } from './rows';
import { duplicateProgress, fileNotes, returnConflicts, unchangedProgress } from './warn';

export { contentIsProgress } from './rows';
export { CONFLICT_SIMILARITY } from './match';
export type { Claim, LineAction, TargetAction } from './compare';

export interface ImportPlan {
  preview: ImportPreview;
  actions: TargetAction[];
}

export interface PlanOptions {
  year?: number | undefined;
  quarter?: Quarter | undefined;
  /** Used only when no file says (a sheet with no title): the year and quarter on the user's screen. */
  defaultYear?: number | undefined;
  defaultQuarter?: Quarter | undefined;
}

/** 文件“a.xlsx”“b.xlsx”等5个文件: which files an error is about, so the user knows which to open. */
function namesOf(parsed: ParsedOverview[]): string {
  const names = parsed.slice(0, 3).map((p) => `“${p.file}”`).join('');
  return parsed.length > 3 ? `文件${names}等${parsed.length}个文件` : `文件${names}`;
}

/** Year and quarter of the import: as asked, else as every file's title or header says; files must agree. */
export function resolvePeriod(parsed: ParsedOverview[], options: PlanOptions): { year: number; quarter: Quarter } {
  const pick = <T>(what: string, asked: T | undefined, found: (T | null)[], fallback: T | undefined): T => {
    if (asked !== undefined) return asked;
    const values = [...new Set(found.filter((v): v is T => v !== null))];
    if (values.length === 1) return values[0]!;
    if (values.length === 0 && fallback !== undefined) return fallback;
    if (values.length === 0) throw new AppError('validation', `无法从${namesOf(parsed)}的标题或表头判断${what}，请指定${what}。`, { field: what === '年度' ? 'year' : 'quarter' });
    throw new AppError('validation', `所选文件的${what}不一致（${values.join('、')}），请分开导入或指定${what}。`, { field: what === '年度' ? 'year' : 'quarter' });
  };
  return {
    year: pick('年度', options.year, parsed.map((p) => p.year), options.defaultYear),
    quarter: pick('季度', options.quarter, parsed.map((p) => p.quarter), options.defaultQuarter),
  };
}

/** A sheet's columns as the preview carries them: what the reader knows beyond that stays on this side. */
function sheetOfPreview(s: SheetColumns): ImportPreview['files'][number]['sheets'][number] {
  return { sheet: s.sheet, headerRow: s.headerRow, signature: s.signature, columns: s.columns.map(({ column, header, role, source }) => ({ column, header, role, source })) };
}

export function buildPlan(db: Db, parsed: ParsedOverview[], options: PlanOptions): ImportPlan {
  const { year, quarter } = resolvePeriod(parsed, options);
  const ctx = planContext(db, year, quarter);
  const { rows, readNotes, tally } = rowsOf(parsed, ctx);
  const matchTally = emptyMatchTally();
  const compared = rows.filter((r) => r.readable).map((r) => compareRow(matchRow(r, ctx, matchTally), ctx));
  returnConflicts(compared);
  const sameAsOwnQuarter = unchangedProgress(compared, parsed, ctx);
  duplicateProgress(tally);
  const actions = compared.flatMap((c) => (c.action ? [c.action] : []));
  // The notes about a file as a whole come first: the preview shows them above its rows.
  const notes = [...fileNotes(parsed, ctx, sameAsOwnQuarter), ...readNotes];
  return { actions, preview: previewOf(parsed, rows.map((r) => r.item), notes, tally, actions, year, quarter) };
}

/** Whom a file speaks for and what it is to the clerk: a Word return, a sheet returned by a unit (报送模板), else a 一览表. */
function returnOf(p: ParsedOverview): { returnedBy: string | null; kind: FileKind } {
  const returnedBy = returnOwnerOf({ name: p.file, title: p.title, owner: p.owner });
  return { returnedBy, kind: p.fromWord ? 'word' : returnedBy !== null || p.template ? 'template' : 'overview' };
}

function previewOf(parsed: ParsedOverview[], items: ImportItem[], notes: Note[], tally: { newLeaders: Set<string>; newUnits: Set<string> }, actions: TargetAction[], year: number, quarter: Quarter): ImportPreview {
  const count = (status: ImportItem['status']) => items.filter((i) => i.status === status).length;
  const allNotes = [...items.flatMap((i) => i.notes), ...notes];
  return {
    year,
    quarter,
    files: parsed.map((p) => ({ name: p.file, title: p.title, ...returnOf(p), targets: p.targets.length, lines: p.targets.reduce((n, t) => n + t.lines.length, 0), sheets: p.sheets.map(sheetOfPreview) })),
    summary: {
      targetsNew: count('new'),
      targetsUpdated: count('updated'),
      targetsUnchanged: count('unchanged'),
      conflicts: count('conflict'),
      errors: count('error') + notes.filter((n) => n.severity === 'error').length,
      warnings: allNotes.filter((n) => n.severity === 'warning').length,
      linesNew: actions.reduce((n, a) => n + a.lines.filter((l) => l.assignmentId === null).length, 0),
      linesUpdated: actions.reduce((n, a) => n + a.lines.filter((l) => l.assignmentId !== null && (l.leaders || l.leadUnits || l.progress)).length, 0),
      skipped: 0,
    },
    // Side-by-side blocks are read left block first; people read the preview in serial order.
    items: [...items].sort((a, b) => a.serial - b.serial),
    notes,
    newNames: { leaders: [...tally.newLeaders], units: [...tally.newUnits] },
  };
}
