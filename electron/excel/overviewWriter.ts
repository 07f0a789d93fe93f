/**
 * Writes the official overview (一览表) of one quarter: title, publication paragraph, the 7-column header
 * and one row per assignment line, a target's serial, content and deadline merged over its lines. Knows
 * cells, not the database. What it writes is what the importer reads back identically.
 */
import ExcelJS from 'exceljs';
import type { Assignment, Target } from '../../shared/contract';
import { ON_SCHEDULE_LABELS, type Quarter } from '../../shared/domain';
import { DEFAULT_WORDING, fillWording, type ExportWording } from '../../shared/wording';
import { writeSummarySheet } from './summarySheet';
import { BODY_FONT, BORDER, HEADER_FONT, PARAGRAPH_FONT, TITLE_FONT, shareEmptyStyles } from './styles';

export interface OverviewInput {
  city: string;
  year: number;
  quarter: Quarter;
  /** Already filtered, in serial order; each line's progress of `quarter` (others are ignored). */
  targets: Target[];
  /** Title, paragraph and column names from the settings; the standard wording when absent. */
  wording?: ExportWording;
  /** The plan's number of targets, for the paragraph; the number written when absent. */
  planTargets?: number;
  /** One table, or two blocks side by side as the seed city published it. */
  layout?: 'single' | 'two-block';
  /** A3 landscape as the office prints it, or A4 landscape. */
  paper?: 'A3' | 'A4';
  /** Adds the summary sheet (汇总): counts by status, leader and unit. */
  summary?: boolean;
  /** For a published quarter: the date as written on the page (2023年10月20日), printed in the footer. */
  publishedOn?: string;
  /** Printed in the footer's place of the date when the table no longer matches its publication. */
  publicationNote?: string;
}

export const OVERVIEW_SHEET = '一览表';
/** Widths in Excel character units, for Chinese text (a CJK character takes two units). Not 9: exceljs drops
 * a width of exactly 9 as its "default", and Excel then uses 8.43. */
export const OVERVIEW_COLUMN_WIDTHS = [6, 13, 32, 9.5, 50, 10, 18] as const;
const COLUMNS = OVERVIEW_COLUMN_WIDTHS.length;
export const HEADER_ROW = 3;
export const LINE_HEIGHT = 15;
const ROW_PADDING = 6;
/** Units of a column lost to the cell's inner margins: wrapped text fits in a little less than the width. */
const CELL_MARGIN = 1;
/** A3 (the OOXML paper code); exceljs's PaperSize enum has no member for it. */
const PAPER_A3 = 8 as unknown as ExcelJS.PaperSize;
const PAPER_A4 = 9 as unknown as ExcelJS.PaperSize;
export { BODY_FONT, BORDER, CHARSET_GB2312, HEADER_FONT, PARAGRAPH_FONT } from './styles';
/**
 * The body cells' styles, one object shared by all cells alike: exceljs recognises a style object it has
 * written before and skips rendering it again (a third of writeBuffer for 5,000 targets). Shared, so a body
 * cell's style is replaced, never changed in place: frozen, so that cell.font = … throws instead of
 * restyling every cell.
 */
const BODY_CENTER: Partial<ExcelJS.Style> = Object.freeze({ font: BODY_FONT, border: BORDER, alignment: Object.freeze({ vertical: 'middle', wrapText: true, horizontal: 'center' }) });
const BODY_LEFT: Partial<ExcelJS.Style> = Object.freeze({ font: BODY_FONT, border: BORDER, alignment: Object.freeze({ vertical: 'middle', wrapText: true, horizontal: 'left' }) });

/** Title, paragraph and header of one export, the placeholders filled. */
export function overviewTexts(input: OverviewInput): { title: string; paragraph: string; header: string[] } {
  const wording = input.wording ?? DEFAULT_WORDING;
  const values = { city: input.city, year: input.year, quarter: input.quarter, count: input.planTargets ?? input.targets.length };
  return {
    title: fillWording(wording.title, values),
    paragraph: fillWording(wording.paragraph, values),
    header: wording.headers.map((h) => fillWording(h, values)),
  };
}

/** 「…一览表」 becomes 「…汇总表」; a title the user worded otherwise gets 「（汇总）」. */
export function summaryTitle(title: string): string {
  return title.endsWith('一览表') ? `${title.slice(0, -3)}汇总表` : `${title}（汇总）`;
}

/** Display width in character units: CJK and other wide characters count 2, the rest 1. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000) ? 2 : 1;
  }
  return w;
}

/** Printed lines a text needs in a column of `width` units: wrapped lines per explicit line, at least 1. */
export function linesNeeded(text: string, width: number): number {
  return text.split(/\r\n?|\n/).reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / width)), 0);
}

export function heightFor(lines: number): number {
  return lines * LINE_HEIGHT + ROW_PADDING;
}

/** Lines a body cell needs in column `index` (0-based), its inner margins taken off the width. */
function bodyLines(text: string, index: number): number {
  return linesNeeded(text, OVERVIEW_COLUMN_WIDTHS[index]! - CELL_MARGIN);
}

/** A line's own cells as the table shows them (the print view too): names space-separated, the quarter's progress and 是/否. */
export function lineCells(a: Assignment | null, quarter: Quarter): { leaders: string; progress: string; onSchedule: string; units: string } {
  const p = a?.progress.find((x) => x.quarter === quarter);
  return {
    leaders: a ? a.leaders.join(' ') : '',
    progress: p?.text ?? '',
    onSchedule: p?.onSchedule ? ON_SCHEDULE_LABELS[p.onSchedule] : '',
    units: a ? [...a.leadUnits, ...a.cooperatingUnits].join(' ') : '',
  };
}

type Cells = [number | string, string, string, string, string, string, string];

/**
 * Splits targets for the two-block layout the city published: the left block takes targets until it holds
 * half of the lines (a target is never split), the right block the rest.
 */
export function splitForTwoBlocks(targets: Target[]): [Target[], Target[]] {
  const lines = (t: Target) => Math.max(1, t.assignments.length);
  const total = targets.reduce((n, t) => n + lines(t), 0);
  let left = 0;
  let i = 0;
  while (i < targets.length && left + lines(targets[i]!) <= Math.ceil(total / 2)) left += lines(targets[i++]!);
  return [targets.slice(0, i), targets.slice(i)];
}

export function writeOverview(input: OverviewInput): ExcelJS.Workbook {
  const { city, quarter, targets } = input;
  const texts = overviewTexts(input);
  const blocks = input.layout === 'two-block' ? splitForTwoBlocks(targets) : [targets];
  const columns = COLUMNS * blocks.length;
  const wb = new ExcelJS.Workbook();
  wb.creator = `${city}人民政府办公室`;
  const ws = wb.addWorksheet(OVERVIEW_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
  });
  const widths = blocks.flatMap(() => [...OVERVIEW_COLUMN_WIDTHS]);
  ws.columns = widths.map((width) => ({ width }));
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  // Row 1: title.
  const title = ws.getRow(1);
  setText(title.getCell(1), texts.title);
  ws.mergeCells(1, 1, 1, columns);
  title.getCell(1).font = TITLE_FONT;
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  // 20pt: about 1.8 body characters' width per character.
  title.height = Math.max(1, Math.ceil((displayWidth(texts.title) * 1.8) / totalWidth)) * 30 + 8;

  // Row 2: publication paragraph.
  const paragraph = texts.paragraph;
  const para = ws.getRow(2);
  setText(para.getCell(1), paragraph);
  ws.mergeCells(2, 1, 2, columns);
  para.getCell(1).font = PARAGRAPH_FONT;
  para.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  // 12pt text is a little wider than the 11pt the widths are measured in.
  para.height = linesNeeded(paragraph, Math.floor(totalWidth / 1.1)) * 18 + 8;

  // Row 3: the header, once per block.
  const header = ws.getRow(HEADER_ROW);
  blocks.forEach((_, b) =>
    texts.header.forEach((text, i) => {
      const cell = header.getCell(b * COLUMNS + i + 1);
      setText(cell, text);
      cell.font = HEADER_FONT;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    }),
  );
  header.height = Math.max(...texts.header.map((t, i) => linesNeeded(t, OVERVIEW_COLUMN_WIDTHS[i]!))) * 16 + ROW_PADDING;

  // Body: each block's rows side by side; a row is as tall as the taller of its two blocks needs.
  const heights: number[] = [];
  blocks.forEach((block, b) => {
    writeBlock(ws, block, quarter, b * COLUMNS).forEach((h, i) => (heights[i] = Math.max(heights[i] ?? 0, h)));
  });
  heights.forEach((h, i) => (ws.getRow(HEADER_ROW + 1 + i).height = h));
  const last = HEADER_ROW + heights.length;

  ws.pageSetup = {
    paperSize: input.paper === 'A4' ? PAPER_A4 : PAPER_A3,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    printArea: `A1:${ws.getColumn(columns).letter}${last}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  shareEmptyStyles(ws);
  ws.headerFooter = { oddFooter: `${input.publishedOn ? `&L${input.publishedOn}发布` : input.publicationNote ? `&L${input.publicationNote}` : ''}&C第 &P 页 共 &N 页` };
  if (input.summary) writeSummarySheet(wb, summaryTitle(texts.title), targets, quarter, input.paper === 'A4' ? PAPER_A4 : PAPER_A3);
  return wb;
}

/**
 * One block of body rows from the row under the header, `offset` columns to the right: one row per line
 * (an empty target still gets one), serial, content and deadline merged over a target's lines. Returns the
 * height each row needs.
 */
function writeBlock(ws: ExcelJS.Worksheet, targets: Target[], quarter: Quarter, offset: number): number[] {
  const heights: number[] = [];
  let row = HEADER_ROW + 1;
  for (const t of targets) {
    const lines = t.assignments.length > 0 ? t.assignments : [null];
    const first = row;
    const own: number[] = [];
    for (const a of lines) {
      const line = lineCells(a, quarter);
      const values: Cells = [t.serial, line.leaders, t.content, t.deadline, line.progress, line.onSchedule, line.units];
      const r = ws.getRow(row);
      values.forEach((v, i) => {
        const cell = r.getCell(offset + i + 1);
        // Merged cells: only the first line holds the value.
        if (row === first || ![0, 2, 3].includes(i)) {
          if (typeof v === 'number') cell.value = v;
          else setText(cell, v);
        }
        cell.style = [0, 3, 5].includes(i) ? BODY_CENTER : BODY_LEFT;
      });
      // Cells of this line only (the merged ones are spread below).
      const cells = [1, 4, 5, 6].map((i) => bodyLines(String(values[i]), i));
      const single = lines.length === 1 ? [0, 2, 3].map((i) => bodyLines(String(values[i]), i)) : [];
      own.push(heightFor(Math.max(...cells, ...single)));
      row++;
    }
    if (lines.length > 1) {
      for (const c of [1, 3, 4]) mergeDisjoint(ws, first, offset + c, row - 1, offset + c);
      // The merged cells need their height over all the target's rows together.
      const merged = Math.max(...[0, 2, 3].map((i) => heightFor(bodyLines(String(i === 0 ? t.serial : i === 2 ? t.content : t.deadline), i))));
      const have = own.reduce((a, b) => a + b, 0);
      if (merged > have) {
        const extra = Math.ceil((merged - have) / own.length);
        for (let i = 0; i < own.length; i++) own[i]! += extra;
      }
    }
    heights.push(...own);
  }
  return heights;
}

/**
 * Every text goes in as a plain string: exceljs writes it as a shared string, never as a formula, so a
 * cell beginning with = + - @ stays the literal text. Nothing here ever assigns `{ formula }`.
 */
function setText(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
}

/**
 * ws.mergeCells without exceljs's check of the new range against every earlier one, which makes merging
 * quadratic (1.5 s of a 5,000-target export). The body's ranges never overlap, so the check runs against an
 * empty index and the range then joins the others. Should exceljs rename its private index, this is plain
 * mergeCells again.
 */
function mergeDisjoint(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  const sheet = ws as unknown as { _merges?: Record<string, unknown> };
  const earlier = sheet._merges;
  if (!earlier) {
    ws.mergeCells(top, left, bottom, right);
    return;
  }
  sheet._merges = {};
  try {
    ws.mergeCells(top, left, bottom, right);
  } finally {
    sheet._merges = Object.assign(earlier, sheet._merges);
  }
}
