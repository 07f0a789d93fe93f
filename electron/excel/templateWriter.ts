/**
 * Writes a collection template (季度调度 报送模板): the workbook the office sends one unit (or one leader)
 * listing its assignment lines, to be filled in and returned. The layout follows the overview (fonts,
 * borders, row heights, merged serial/content/deadline) and adds the previous quarter's progress for
 * reference and hidden 目标ID / 分工ID columns, so that the returned file is matched line by line by the
 * importer. The sheet is protected without a password; only the two input columns are unlocked.
 * Knows cells, not the database.
 */
import ExcelJS from 'exceljs';
import type { Target } from '../../shared/contract';
import { ON_SCHEDULE_LABELS, quarterLabel, type Quarter } from '../../shared/domain';
import { displayWidth, heightFor, linesNeeded, BODY_FONT, BORDER, CHARSET_GB2312, HEADER_FONT, PARAGRAPH_FONT } from './overviewWriter';
import { writeTemplateMeta, type TemplateMetaLine, type TemplateRole } from './templateMeta';
import { deflateZip } from './deflateZip';
import { shareEmptyStyles } from './styles';

export interface TemplateInput {
  city: string;
  year: number;
  quarter: Quarter;
  /** Who the template is for: a unit's name (or a leader's, for templates by leader). */
  unit: string;
  /** In serial order, only this unit's lines kept; every quarter's progress (the previous one is shown). */
  targets: Target[];
  /** Templates by unit list the lines the unit only cooperates on too, marked 配合; by leader, every line is the leader's. */
  by?: 'unit' | 'leader';
  /** A cooperating unit's own earlier return of this quarter, by line: what its input cell starts with. */
  cooperatingReturns?: ReadonlyMap<number, { text: string; onScheduleText: string }>;
  /** Recorded in the template (hidden), so that a returned file is compared with what it was sent with. */
  generatedAt?: string;
}

export const TEMPLATE_SHEET = '报送表';
export const TEMPLATE_HEADER_ROW = 3;
/** Widths in Excel character units (never exactly 9: exceljs drops it as its default). */
export const TEMPLATE_COLUMN_WIDTHS = [6, 12, 30, 9.5, 36, 40, 10, 16, 8, 8, 8] as const;
/** 1-based columns. */
export const TEMPLATE_COLUMNS = { serial: 1, leaders: 2, content: 3, deadline: 4, previous: 5, progress: 6, onSchedule: 7, units: 8, role: 9, targetId: 10, assignmentId: 11 } as const;
/** How the role column reads: a cooperating unit sees at a glance which lines it only cooperates on. */
export const TEMPLATE_ROLE_LABELS: Record<TemplateRole, string> = { lead: '牵头', cooperating: '配合', leader: '' };
/** The columns a unit fills in: unlocked, everything else protected. */
export const TEMPLATE_INPUT_COLUMNS = [TEMPLATE_COLUMNS.progress, TEMPLATE_COLUMNS.onSchedule] as const;
/** Printed and shown columns (the id columns after them are hidden). */
const VISIBLE = TEMPLATE_COLUMNS.role;
/** Merged over a target's lines, as in the overview. */
const MERGED = [TEMPLATE_COLUMNS.serial, TEMPLATE_COLUMNS.content, TEMPLATE_COLUMNS.deadline];
const CELL_MARGIN = 1;
/** A4 (the OOXML paper code); exceljs's PaperSize is a const enum. */
const PAPER_A4 = 9 as unknown as ExcelJS.PaperSize;
// The overview's fonts and borders; the title is a size smaller on A4.
const TITLE_FONT: Partial<ExcelJS.Font> = { name: '方正小标宋简体', size: 18, charset: CHARSET_GB2312 };
const NOTE_FONT = PARAGRAPH_FONT;
/** A light fill marks the cells to fill in. */
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } };
/**
 * Body styles, one object shared by all cells alike: exceljs recognises a style object it has written before
 * and skips rendering it again (40 % of writing 60 units' templates). Shared, so a body cell's style is
 * replaced, never changed in place: frozen, so that cell.font = … throws instead of restyling every cell.
 * The input cells are unlocked under the sheet's protection and filled.
 */
const bodyStyle = (horizontal: 'left' | 'center', input: boolean): Partial<ExcelJS.Style> =>
  Object.freeze({
    font: BODY_FONT,
    border: BORDER,
    alignment: Object.freeze({ vertical: 'middle', wrapText: true, horizontal }),
    ...(input ? { protection: Object.freeze({ locked: false }), fill: INPUT_FILL } : {}),
  });
const BODY_LEFT = bodyStyle('left', false);
const BODY_CENTER = bodyStyle('center', false);
const INPUT_LEFT = bodyStyle('left', true);
const INPUT_CENTER = bodyStyle('center', true);

export function templateTitle(unit: string, year: number, quarter: Quarter): string {
  return `${unit}${year}年责任目标${quarterLabel(quarter)}工作推进情况报送表`;
}

/** The owner named by a template's title (templateTitle read back), or null when the title is not a template's. */
export function templateOwnerOfTitle(title: string): { owner: string; year: number; quarter: Quarter } | null {
  const m = /^(.+?)((?:19|20)\d{2})年责任目标([一二三四])季度工作推进情况报送表$/.exec(title.replace(/\s/g, ''));
  if (!m) return null;
  return { owner: m[1]!, year: Number(m[2]), quarter: ('一二三四'.indexOf(m[3]!) + 1) as Quarter };
}

export function templateInstructions(quarter: Quarter, cooperates = false): string {
  const base = `请在“${quarterLabel(quarter)}完成情况”和“是否按计划完成进度”两列填写，其余各列请勿修改；是否按计划请从下拉列表选择“是”或“否”。`;
  return cooperates ? `${base}“本单位职责”为“配合”的目标由牵头单位报送完成情况，本单位所填内容作为配合单位报送，供牵头单位和督查科汇总参考。` : base;
}

export function templateHeader(quarter: Quarter, by: 'unit' | 'leader' = 'unit'): string[] {
  return ['序号', '市政府领导', '责任目标内容', '完成时限', '上季度完成情况', `${quarterLabel(quarter)}完成情况`, '是否按计划完成进度', '责任单位', by === 'unit' ? '本单位职责' : '备注', '目标ID', '分工ID'];
}

/** The owner's role on a line: a unit template's unit leads it or only cooperates; a leader's template carries the lead unit's return. */
export function templateRoleOf(line: Pick<Target['assignments'][number], 'leadUnits' | 'cooperatingUnits'>, owner: string, by: 'unit' | 'leader'): TemplateRole {
  if (by === 'leader') return 'leader';
  return line.cooperatingUnits.includes(owner) && !line.leadUnits.includes(owner) ? 'cooperating' : 'lead';
}

function bodyLines(text: string, column: number): number {
  return linesNeeded(text, TEMPLATE_COLUMN_WIDTHS[column - 1]! - CELL_MARGIN);
}

export function writeTemplate(input: TemplateInput): ExcelJS.Workbook {
  const { city, year, quarter, unit, targets } = input;
  const by = input.by ?? 'unit';
  const metaLines: TemplateMetaLine[] = [];
  const cooperates = targets.some((t) => t.assignments.some((a) => templateRoleOf(a, unit, by) === 'cooperating'));
  const wb = new ExcelJS.Workbook();
  wb.creator = `${city}人民政府办公室`;
  const ws = wb.addWorksheet(TEMPLATE_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: TEMPLATE_HEADER_ROW, topLeftCell: `A${TEMPLATE_HEADER_ROW + 1}`, activeCell: `F${TEMPLATE_HEADER_ROW + 1}` }],
  });
  ws.columns = TEMPLATE_COLUMN_WIDTHS.map((width) => ({ width }));
  ws.getColumn(TEMPLATE_COLUMNS.targetId).hidden = true;
  ws.getColumn(TEMPLATE_COLUMNS.assignmentId).hidden = true;
  if (by === 'leader') ws.getColumn(TEMPLATE_COLUMNS.role).width = 6;
  const visibleWidth = TEMPLATE_COLUMN_WIDTHS.slice(0, VISIBLE).reduce((a, b) => a + b, 0);

  // Row 1: title.
  const titleText = templateTitle(unit, year, quarter);
  const title = ws.getRow(1);
  title.getCell(1).value = titleText;
  ws.mergeCells(1, 1, 1, VISIBLE);
  title.getCell(1).font = TITLE_FONT;
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = Math.max(1, Math.ceil((displayWidth(titleText) * 1.6) / visibleWidth)) * 28 + 8;

  // Row 2: what to fill in.
  const note = templateInstructions(quarter, cooperates);
  const noteRow = ws.getRow(2);
  noteRow.getCell(1).value = note;
  ws.mergeCells(2, 1, 2, VISIBLE);
  noteRow.getCell(1).font = NOTE_FONT;
  noteRow.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  noteRow.height = linesNeeded(note, Math.floor(visibleWidth / 1.1)) * 18 + 8;

  // Row 3: header.
  const headerTexts = templateHeader(quarter, by);
  const header = ws.getRow(TEMPLATE_HEADER_ROW);
  headerTexts.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = HEADER_FONT;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  header.height = Math.max(...headerTexts.map((t, i) => linesNeeded(t, TEMPLATE_COLUMN_WIDTHS[i]!))) * 16 + 6;

  // Body: one row per assignment line.
  let row = TEMPLATE_HEADER_ROW + 1;
  for (const t of targets) {
    if (t.assignments.length === 0) continue;
    const first = row;
    const heights: number[] = [];
    for (const a of t.assignments) {
      const previous = quarter > 1 ? a.progress.find((p) => p.quarter === quarter - 1) : undefined;
      const role = templateRoleOf(a, unit, by);
      // A cooperating unit fills in its own part: its input starts from its own earlier return, never the lead unit's text.
      const official = a.progress.find((p) => p.quarter === quarter);
      const own = input.cooperatingReturns?.get(a.id);
      const current = role === 'cooperating' ? (own ? { text: own.text, onSchedule: null, onScheduleText: own.onScheduleText } : undefined) : official;
      const values: (string | number)[] = [
        t.serial,
        a.leaders.join(' '),
        t.content,
        t.deadline,
        previous?.text ?? '',
        current?.text ?? '',
        current?.onSchedule ? ON_SCHEDULE_LABELS[current.onSchedule] : (current?.onScheduleText ?? ''),
        [...a.leadUnits, ...a.cooperatingUnits].join(' '),
        TEMPLATE_ROLE_LABELS[role],
        t.id,
        a.id,
      ];
      metaLines.push({
        targetId: t.id,
        assignmentId: a.id,
        serial: t.serial,
        content: t.content,
        deadline: t.deadline,
        leaders: String(values[TEMPLATE_COLUMNS.leaders - 1]),
        units: String(values[TEMPLATE_COLUMNS.units - 1]),
        role,
        progress: String(values[TEMPLATE_COLUMNS.progress - 1]),
        onSchedule: String(values[TEMPLATE_COLUMNS.onSchedule - 1]),
      });
      const r = ws.getRow(row);
      values.forEach((v, i) => {
        const c = i + 1;
        const cell = r.getCell(c);
        // Merged cells: only the first line holds the value. Texts go in as plain strings, never formulas.
        if (row === first || !MERGED.includes(c as (typeof MERGED)[number])) cell.value = v === '' ? null : v;
        const centered = c === TEMPLATE_COLUMNS.serial || c === TEMPLATE_COLUMNS.deadline || c === TEMPLATE_COLUMNS.onSchedule || c === TEMPLATE_COLUMNS.role;
        const input = (TEMPLATE_INPUT_COLUMNS as readonly number[]).includes(c);
        cell.style = input ? (centered ? INPUT_CENTER : INPUT_LEFT) : centered ? BODY_CENTER : BODY_LEFT;
      });
      const needed = [TEMPLATE_COLUMNS.leaders, TEMPLATE_COLUMNS.previous, TEMPLATE_COLUMNS.progress, TEMPLATE_COLUMNS.onSchedule, TEMPLATE_COLUMNS.units].map((c) => bodyLines(String(values[c - 1]), c));
      // The input column gets room for a few lines of text even when empty.
      needed.push(3);
      const single = t.assignments.length === 1 ? MERGED.map((c) => bodyLines(String(values[c - 1]), c)) : [];
      heights.push(heightFor(Math.max(...needed, ...single)));
      row++;
    }
    if (t.assignments.length > 1) {
      for (const c of MERGED) ws.mergeCells(first, c, row - 1, c);
      const merged = Math.max(...MERGED.map((c) => heightFor(bodyLines(String(c === 1 ? t.serial : c === 3 ? t.content : t.deadline), c))));
      const have = heights.reduce((a, b) => a + b, 0);
      if (merged > have) {
        const extra = Math.ceil((merged - have) / heights.length);
        for (let i = 0; i < heights.length; i++) heights[i]! += extra;
      }
    }
    heights.forEach((h, i) => (ws.getRow(first + i).height = h));
  }
  const last = Math.max(row - 1, TEMPLATE_HEADER_ROW);
  if (last > TEMPLATE_HEADER_ROW) {
    // One range for the whole column: exceljs merges per-cell lists by sorting addresses as strings, which
    // writes overlapping ranges (G10:G21 and G4:G21) that Excel offers to "repair".
    const column = ws.getColumn(TEMPLATE_COLUMNS.onSchedule).letter;
    // exceljs keeps this collection untyped.
    (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${column}${TEMPLATE_HEADER_ROW + 1}:${column}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: ['"是,否"'],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '输入有误',
      error: '请从下拉列表选择“是”或“否”。',
    });
  }

  ws.pageSetup = {
    paperSize: PAPER_A4,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${TEMPLATE_HEADER_ROW}:${TEMPLATE_HEADER_ROW}`,
    printArea: `A1:I${last}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页 共 &N 页' };
  shareEmptyStyles(ws);
  // No password: it keeps the layout from being changed by accident, not a lock. The executor of the
  // returned promise runs synchronously, so the protection is set when this returns.
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatRows: true });
  writeTemplateMeta(wb, { generatedAt: input.generatedAt ?? new Date().toISOString(), owner: unit, by, year, quarter, lines: metaLines });
  return wb;
}

/**
 * A round's templates' bytes, in order. exceljs writes the parts uncompressed and Node's zlib compresses them
 * (deflateZip; JSZip's JavaScript deflate was a third of a round) at level 1, the fastest (about 18% larger).
 * Each one's parts are compressed on libuv's threads while the next one's XML is written on the main thread.
 */
export async function templatesBytes(inputs: Iterable<TemplateInput>): Promise<Buffer[]> {
  const compressed: Promise<Buffer>[] = [];
  for (const input of inputs) {
    const stored = Buffer.from(await writeTemplate(input).xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
    compressed.push(deflateZip(stored, 1));
  }
  return Promise.all(compressed);
}
