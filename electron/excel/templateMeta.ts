/**
 * What a collection template records about itself, in a very hidden sheet: when it was generated, whom
 * for, and what each of its lines held then (the fixed columns and the quarter's progress). A returned
 * template is compared with this, not only with the store: a fixed column the unit changed is told apart
 * from one the office changed since, and a progress cell the unit left as it was does not undo a later
 * edit. Knows cells, not the database.
 */
import type ExcelJS from 'exceljs';
import type { Quarter } from '../../shared/domain';
import type { Grid } from './grid';
import { shareEmptyStyles } from './styles';

export const TEMPLATE_META_SHEET = '模板信息';

/** How the template's owner stands on a line: the unit leads it, only cooperates, or (by leader) the leader's line. */
export type TemplateRole = 'lead' | 'cooperating' | 'leader';

export interface TemplateMetaLine {
  targetId: number;
  assignmentId: number;
  serial: number;
  content: string;
  deadline: string;
  leaders: string;
  units: string;
  role: TemplateRole;
  /** The quarter's progress as the template carried it (the base of a three-way comparison). */
  progress: string;
  onSchedule: string;
}

export interface TemplateMeta {
  generatedAt: string;
  owner: string;
  by: 'unit' | 'leader';
  year: number;
  quarter: Quarter;
  lines: TemplateMetaLine[];
}

const KEYS = ['generatedAt', 'owner', 'by', 'year', 'quarter'] as const;
const LINE_COLUMNS: (keyof TemplateMetaLine)[] = ['targetId', 'assignmentId', 'serial', 'content', 'deadline', 'leaders', 'units', 'role', 'progress', 'onSchedule'];
const FIRST_LINE_ROW = KEYS.length + 2;

export function writeTemplateMeta(wb: ExcelJS.Workbook, meta: TemplateMeta): void {
  // veryHidden: not listed in Excel's or WPS's 取消隐藏, so a unit does not edit it by accident.
  const ws = wb.addWorksheet(TEMPLATE_META_SHEET, { state: 'veryHidden' });
  // Row by row with addRow (rows 1–5 the keys, 6 the line columns, 7 on the lines): a cell at a time through
  // getCell made this sheet, which holds every line of the template again, cost as much as the template.
  for (const k of KEYS) ws.addRow([k, String(meta[k])]);
  ws.addRow(LINE_COLUMNS);
  // Texts as strings (never formulas): a progress text starting with = stays text.
  ws.addRows(meta.lines.map((l) => LINE_COLUMNS.map((k) => (typeof l[k] === 'number' ? l[k] : String(l[k])))));
  shareEmptyStyles(ws);
  void ws.protect('', {});
}

/** The template's record, or null for any other workbook (or a record that does not read whole). */
export function readTemplateMeta(grid: Grid): TemplateMeta | null {
  // Read from the sheet's grid (exceljs's or the lean reader's): cells as their texts, 1-based here.
  const cell = (r: number, c: number) => grid.cells[r - 1]?.[c - 1]?.text ?? '';
  const value = (k: (typeof KEYS)[number]) => cell(KEYS.indexOf(k) + 1, 2);
  const year = Number(value('year'));
  const quarter = Number(value('quarter'));
  const by = value('by');
  if (!Number.isInteger(year) || ![1, 2, 3, 4].includes(quarter) || (by !== 'unit' && by !== 'leader')) return null;
  const lines: TemplateMetaLine[] = [];
  for (let r = FIRST_LINE_ROW; r <= grid.rowCount; r++) {
    const cells = LINE_COLUMNS.map((_, c) => cell(r, c + 1));
    const targetId = Number(cells[0]);
    const assignmentId = Number(cells[1]);
    if (!Number.isInteger(targetId) || !Number.isInteger(assignmentId) || targetId <= 0 || assignmentId <= 0) continue;
    const role = cells[7] as TemplateRole;
    lines.push({
      targetId,
      assignmentId,
      serial: Number(cells[2]),
      content: cells[3]!,
      deadline: cells[4]!,
      leaders: cells[5]!,
      units: cells[6]!,
      role: role === 'cooperating' || role === 'leader' ? role : 'lead',
      progress: cells[8]!,
      onSchedule: cells[9]!,
    });
  }
  return { generatedAt: value('generatedAt'), owner: value('owner'), by, year, quarter: quarter as Quarter, lines };
}
