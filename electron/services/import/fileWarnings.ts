/**
 * Warnings about a file as a whole, shown at the top of the preview (before the rows) and written to the
 * CLI's stderr: a field the store needs that came out empty while a column with values was ignored (the
 * ledger that imported 39 targets without leaders, exit code 0), and a file going into another quarter
 * than its own (a Q3 table previewed as Q4).
 */
import type { Note } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { quarterIn } from '../../excel/headers';
import type { ParsedLine, ParsedOverview } from '../../excel/overviewReader';
import { note } from './notes';

/** The fields every line should carry, and when a line has none. */
const NEEDED: { label: string; empty: (l: ParsedLine) => boolean }[] = [
  { label: '市政府领导', empty: (l) => l.leaders.length === 0 },
  { label: '责任单位', empty: (l) => l.units.length === 0 && (l.cooperatingUnits ?? []).length === 0 },
  { label: '是否按计划完成进度', empty: (l) => l.onScheduleText === '' },
];

/**
 * Per sheet: each needed field empty on more than half its lines, while a column holding values was left
 * out (neither read nor set aside by the user). A table that simply has no such column (a unit's own return
 * naming the unit only in its title) has nothing ignored and gets no warning.
 */
export function emptyFieldWarnings(file: ParsedOverview): Note[] {
  const notes: Note[] = [];
  for (const sheet of file.sheets) {
    const ignored = sheet.columns.filter((c) => c.role === null && c.source === null && c.hasValues === true);
    if (ignored.length === 0) continue;
    const lines = file.targets.filter((t) => t.ref.sheet === sheet.sheet).flatMap((t) => t.lines);
    if (lines.length === 0) continue;
    const columns = ignored.map((c) => `${c.column}列${c.header === '' ? '（无列名）' : `“${c.header}”`}`).join('、');
    for (const field of NEEDED) {
      const empty = lines.filter(field.empty).length;
      if (empty * 2 <= lines.length) continue;
      notes.push(
        note(
          'warning',
          'field-empty',
          `文件“${file.file}”工作表“${sheet.sheet}”：${lines.length} 条分工中有 ${empty} 条没有读到“${field.label}”，而${columns}有内容但未识别、已忽略。如其中有“${field.label}”，请在“列的对应关系”中指明后再导入。`,
          { file: file.file, sheet: sheet.sheet, row: sheet.headerRow, column: ignored[0]!.column },
        ),
      );
    }
  }
  return notes;
}

/** What says the file's quarter: its progress column's header when that names a quarter, else its title. */
function quarterWitness(file: ParsedOverview): { where: Partial<Note['where']>; text: string } {
  for (const sheet of file.sheets) {
    const progress = sheet.columns.find((c) => c.role === 'progress');
    if (progress && quarterIn(progress.header) !== null) {
      return { where: { sheet: sheet.sheet, row: sheet.headerRow, column: progress.column }, text: `完成情况列是“${progress.header}”` };
    }
  }
  return { where: {}, text: `标题是“${file.title}”` };
}

/**
 * A file whose title or progress header names another quarter than the one it goes into. `same` counts the
 * lines whose text equals what the store holds for the file's own quarter: the one figure that replaces
 * one identical "unchanged from last quarter" warning per row.
 */
export function quarterMismatchNote(file: ParsedOverview, quarter: Quarter, same: number): Note | null {
  if (file.quarter === null || file.quarter === quarter) return null;
  const witness = quarterWitness(file);
  const own = quarterLabel(file.quarter);
  const sameText = same > 0 ? `其中 ${same} 条完成情况与库中${own}的完全相同。` : '';
  return note(
    'warning',
    'quarter-mismatch',
    `文件“${file.file}”的${witness.text}，是${own}的表，本次却要导入${quarterLabel(quarter)}：导入后其中的完成情况将记为${quarterLabel(quarter)}的完成情况。${sameText}如这是${own}的表，请把季度改回${own}；确认要导入${quarterLabel(quarter)}时，导入前会再次询问。`,
    { file: file.file, ...witness.where },
  );
}
