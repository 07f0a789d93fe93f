/**
 * LibreOffice (headless) as the second reader of the workbooks we write: .xlsx → PDF (what a printout looks
 * like) and .xlsx → CSV (what another program reads back), plus what poppler says about the PDF (page count,
 * page text, word boxes) and a model of how LibreOffice paginates a sheet, to predict the page count from
 * the page setup alone.
 *
 * Each conversion starts one soffice process for all the files it is given (a start costs about a second)
 * with a fresh user profile, so that parallel test files never share one.
 */
import type ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Not store.ts's tempDir: that module needs vitest, and the helpers also run from plain scripts.
const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function run(command: string, args: string[], timeout = 120_000): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout, maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/**
 * Converts workbooks with one soffice run. Inputs are copied under plain ASCII names first: LibreOffice
 * names its outputs after the input, and CSV outputs after input and sheet, so a name of our own choosing
 * keeps the outputs easy to find whatever the original was called.
 */
function convert(inputs: (string | Buffer)[], filter: string): { dir: string; bases: string[] } {
  const dir = tempDir('lo-convert-');
  const bases = inputs.map((input, i) => {
    const base = `f${i}`;
    const file = path.join(dir, `${base}.xlsx`);
    if (typeof input === 'string') fs.copyFileSync(input, file);
    else fs.writeFileSync(file, input);
    return base;
  });
  const out = path.join(dir, 'out');
  const profile = path.join(dir, 'profile');
  run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', out, ...bases.map((b) => path.join(dir, `${b}.xlsx`))]);
  return { dir: out, bases };
}

/**
 * Workbooks saved again by LibreOffice in another format (`xls`, `ods`, `xlsx`), as a unit that opens a
 * file in LibreOffice and saves it would: one soffice run for all of them. Returns the new files' paths.
 */
export function saveAs(inputs: string[], format: 'xls' | 'ods' | 'xlsx' | 'xlsm' | 'doc'): string[] {
  const dir = tempDir('lo-save-');
  const out = path.join(dir, 'out');
  const copies = inputs.map((input, i) => {
    const file = path.join(dir, `f${i}${path.extname(input)}`);
    fs.copyFileSync(input, file);
    return file;
  });
  const filter = { xls: 'xls:MS Excel 97', ods: 'ods', xlsx: 'xlsx:Calc MS Excel 2007 XML', xlsm: 'xlsm:Calc MS Excel 2007 VBA XML', doc: 'doc:MS Word 97' }[format];
  run('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', out, ...copies]);
  return inputs.map((input, i) => {
    const saved = path.join(out, `f${i}.${format}`);
    if (!fs.existsSync(saved)) throw new Error(`LibreOffice did not save ${input} as .${format}`);
    return saved;
  });
}

/** Each workbook as a PDF, printed as LibreOffice prints it (every sheet, in order). Returns the PDF paths. */
export function toPdf(inputs: (string | Buffer)[]): string[] {
  const { dir, bases } = convert(inputs, 'pdf');
  return bases.map((b) => {
    const pdf = path.join(dir, `${b}.pdf`);
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not render workbook #${b.slice(1)}`);
    return pdf;
  });
}

/**
 * CSV export options (the filter's token list): comma, double quote, UTF-8 (76), first line 1, no column
 * formats, default language, not every text quoted, detect special numbers, cell contents as stored (not as
 * shown), no formulas, no trimming, and sheet -1: every sheet to its own file `<name>-<sheet>.csv`
 * (LibreOffice 7.2 and later; 7.4 is what Debian 12 ships).
 */
export const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** Each workbook's sheets as LibreOffice reads them, sheet name → rows of cell texts. */
export function toCsv(inputs: (string | Buffer)[]): Map<string, string[][]>[] {
  const { dir, bases } = convert(inputs, CSV_FILTER);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  return bases.map((b) => {
    const sheets = new Map<string, string[][]>();
    for (const f of files) if (f.startsWith(`${b}-`) && f.endsWith('.csv')) sheets.set(f.slice(b.length + 1, -4), parseCsv(fs.readFileSync(path.join(dir, f), 'utf8')));
    if (sheets.size === 0) throw new Error(`LibreOffice wrote no CSV for workbook #${b.slice(1)}`);
    return sheets;
  });
}

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold commas, line breaks
 * and doubled quotes. A line break inside a quoted field is kept as LF whatever the file used.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else if (ch === '\r' && text[i + 1] === '\n') {
        field += '\n';
        i += 2;
        continue;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export function pdfPageCount(pdf: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]));
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/** The text of one page (1-based), in poppler's reading order. */
export function pdfPageText(pdf: string, page: number): string {
  return run('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', pdf, '-']);
}

export interface PdfWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCodePoint(Number(e[1] === 'x' || e[1] === 'X' ? `0${e.slice(1)}` : e.slice(1))) : (ENTITIES[e] ?? m)));

/**
 * Every page's words with their boxes in points (origin top left), from `pdftotext -bbox`. Note that poppler
 * ignores clipping: text LibreOffice drew outside its cell (and that the clip hides on paper) is listed
 * all the same, at the position it was drawn. Whether text was cut is therefore a question of where
 * it is, not of whether it is there.
 */
export function pdfWords(pdf: string): PdfPage[] {
  const xml = run('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-']);
  const pages: PdfPage[] = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3]!.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map((w) => ({
      x0: Number(w[1]),
      y0: Number(w[2]),
      x1: Number(w[3]),
      y1: Number(w[4]),
      text: decode(w[5]!),
    }));
    pages.push({ width: Number(m[1]), height: Number(m[2]), words });
  }
  return pages;
}

/** Text compared between a cell and a printout: NFKC (poppler maps some full-width forms to ASCII) and no whitespace (wrapping adds and drops it). */
export function squeeze(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------------
// How LibreOffice paginates a sheet (Calc 7.4: ScPrintFunc::CalcZoom / GetDocPageSize,
// ScTable::UpdatePageBreaks, PrintPageRanges::calculate), in twips (1/20 pt) as Calc computes it.
//
// 1. Sizes. A row of h pt (customHeight) is imported as a whole number of 96-dpi pixels: 15 × ⌊h × 4/3⌋
//    twips. A column of w character units is w × the width of a digit in the workbook's default font
//    (exceljs writes Calibri 11; with no Calibri or Carlito installed fontconfig gives DejaVu Sans,
//    whose digit is 7 pt = 140 twips).
// 2. Page. Paper in twips (A3 16838 × 23811, A4 11906 × 16838; landscape swaps them). Excel's margins
//    arrive as: left, right, top as written (no header in our sheets); with a footer the bottom margin
//    becomes the footer margin and the footer takes the rest, at least (bottom − footer margin) but as
//    tall as its text needs: the spacing (bottom − footer margin − 11 pt) plus one line of the footer
//    font (the CJK fallback, Noto Sans CJK at 11 pt: 314 twips, measured).
//    At zoom z (percent) the body holds, in sheet twips (integer division, as Calc does):
//      width  = ⌊(W − 1 − right) × 100 / z⌋ − ⌊left × 100 / z⌋ + 1
//      height = ⌊(H − 1 − bottom) × 100 / z⌋ − footer − ⌊top × 100 / z⌋ + 1
// 3. Breaks. Columns and then rows of the print area are laid down in order; a column or row that would
//    overflow the running page starts a new one (an over-tall row still gets a page of its own). Once a
//    page starts below the print-title rows, those rows' height comes off every page's height.
// 4. Fit to 1 page wide, any height: zoom 100 if the columns fit, else the bisection Calc does on whole
//    percents to the largest zoom at which they do. Then tdf#103516: when that gives more than one page,
//    Calc tries ⌊zoom × 0.98⌋ and keeps it if it saves a page.
// 5. Calc counts a band of rows only if it prints something; the sheets checked here have text in every
//    row and in their last column (an empty last column would change 3: Calc drops it from the area).
// ---------------------------------------------------------------------------------------------------

/** Twips per column character unit: the 11 pt digit width of the font fontconfig gives for Calibri. */
export const COLUMN_UNIT_TWIPS = 140;
/**
 * One line of the footer (第 1 页 共 2 页) as LibreOffice lays it out: Noto Sans CJK (the fallback for the CJK
 * characters) at 11 pt, about 15.7 pt. Measured: 48 random sheets at zooms 36–100 paginate as LibreOffice
 * does for a footer of 665–672 twips, that is 309–316 here.
 */
export const FOOTER_LINE_TWIPS = 314;
/** What LibreOffice's xlsx import assumes a header/footer line needs (11 pt) when it sets the spacing. */
const FOOTER_ASSUMED_TWIPS = 220;
const ZOOM_MIN = 10;

const PAPER_TWIPS: Record<number, [number, number]> = { 8: [16838, 23811], 9: [11906, 16838] };

export const rowTwips = (points: number) => 15 * Math.floor((points * 4) / 3 + 1e-9);
export const columnTwips = (units: number) => Math.round(units * COLUMN_UNIT_TWIPS);
const inchTwips = (inches: number) => Math.round(inches * 1440);

export interface SheetPrint {
  /** Paper as printed (orientation applied), twips. */
  paper: { width: number; height: number };
  margins: { left: number; right: number; top: number; bottom: number };
  /** The footer's height (0 without one), twips. */
  footer: number;
  horizontalCentered: boolean;
  /** The print area, 1-based inclusive. */
  area: { top: number; left: number; bottom: number; right: number };
  /** Twips of every column and row of the sheet up to the print area's end, index 0 unused. */
  columns: number[];
  rows: number[];
  repeatRows: [number, number] | null;
  fitWidth: number;
  fitHeight: number;
}

const columnIndex = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(ref.replace(/^.*!/, ''));
  if (!m) throw new Error(`not a cell range: ${ref}`);
  return { left: columnIndex(m[1]!), top: Number(m[2]), right: columnIndex(m[3]!), bottom: Number(m[4]) };
}

/** The page setup of a worksheet as LibreOffice will see it (see the model above). */
export function sheetPrint(ws: ExcelJS.Worksheet): SheetPrint {
  const setup = ws.pageSetup;
  if (!setup.printArea) throw new Error('the model needs a print area');
  const area = parseRange(setup.printArea);
  const paper = PAPER_TWIPS[Number(setup.paperSize)];
  if (!paper) throw new Error(`paper ${String(setup.paperSize)} is not modelled`);
  const [w, h] = setup.orientation === 'landscape' ? [paper[1], paper[0]] : paper;
  const m = setup.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  const hasFooter = Boolean(ws.headerFooter?.oddFooter);
  const bodyToFooter = inchTwips(m.bottom) - inchTwips(m.footer);
  const columns = [0];
  for (let c = 1; c <= area.right; c++) {
    const col = ws.getColumn(c);
    // exceljs leaves out a width of exactly 9 (its default) and LibreOffice then uses its own default.
    if (col.width === undefined || col.width === 9) throw new Error(`column ${c} has no width of its own`);
    columns.push(col.hidden ? 0 : columnTwips(col.width));
  }
  const rows = [0];
  for (let r = 1; r <= area.bottom; r++) rows.push(rowTwips(ws.getRow(r).height ?? 15));
  const titles = setup.printTitlesRow ? /^\$?(\d+):\$?(\d+)$/.exec(setup.printTitlesRow) : null;
  return {
    paper: { width: w, height: h },
    margins: { left: inchTwips(m.left), right: inchTwips(m.right), top: inchTwips(m.top), bottom: hasFooter ? inchTwips(m.footer) : inchTwips(m.bottom) },
    footer: hasFooter ? Math.max(bodyToFooter, bodyToFooter - FOOTER_ASSUMED_TWIPS + FOOTER_LINE_TWIPS) : 0,
    horizontalCentered: Boolean(setup.horizontalCentered),
    area,
    columns,
    rows,
    repeatRows: titles ? [Number(titles[1]), Number(titles[2])] : null,
    fitWidth: setup.fitToPage ? (setup.fitToWidth ?? 1) : 0,
    fitHeight: setup.fitToPage ? (setup.fitToHeight ?? 1) : 0,
  };
}

/** The body of a page in sheet twips at a zoom (GetDocPageSize). */
export function bodySize(s: SheetPrint, zoom: number): { width: number; height: number } {
  const div = (n: number) => Math.floor((n * 100) / zoom);
  return {
    width: div(s.paper.width - 1 - s.margins.right) - div(s.margins.left) + 1,
    height: div(s.paper.height - 1 - s.margins.bottom) - s.footer - div(s.margins.top) + 1,
  };
}

/** First index of every page along one axis (UpdatePageBreaks), the repeated band taken off pages below it. */
function breaks(sizes: number[], first: number, last: number, page: number, repeat: [number, number] | null): number[] {
  const starts: number[] = [];
  let running = 0;
  let repeated = false;
  for (let i = first; i <= last; i++) {
    const size = sizes[i]!;
    let start = i === first;
    if (running + size > page) {
      running = 0;
      start = true;
    }
    if (start) starts.push(i);
    if (start && repeat && i > repeat[0] && !repeated) {
      for (let r = repeat[0]; r <= repeat[1]; r++) page -= sizes[r]!;
      repeated = true;
    }
    running += size;
  }
  return starts;
}

export interface Pagination {
  zoom: number;
  /** Column bands and row bands, each [first, last], 1-based. */
  columnBands: [number, number][];
  rowBands: [number, number][];
  pages: number;
}

function bands(starts: number[], last: number): [number, number][] {
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1]! - 1 : last]);
}

export function paginateAt(s: SheetPrint, zoom: number): Pagination {
  const body = bodySize(s, zoom);
  const { area } = s;
  const columnBands = bands(breaks(s.columns, area.left, area.right, body.width, null), area.right);
  const rowBands = bands(breaks(s.rows, area.top, area.bottom, body.height, s.repeatRows), area.bottom);
  return { zoom, columnBands, rowBands, pages: columnBands.length * rowBands.length };
}

/** The pages LibreOffice prints a sheet on (CalcZoom for fit-to-width, then the tdf#103516 nudge). */
export function paginate(s: SheetPrint): Pagination {
  if (!s.fitWidth && !s.fitHeight) return paginateAt(s, 100);
  const fits = (p: Pagination) => (!s.fitWidth || p.columnBands.length <= s.fitWidth) && (!s.fitHeight || p.rowBands.length <= s.fitHeight);
  let zoom = 100;
  let lastFit = 0;
  let lastNonFit = 0;
  let p = paginateAt(s, zoom);
  for (;;) {
    if (zoom <= ZOOM_MIN) break;
    p = paginateAt(s, zoom);
    if (fits(p)) {
      if (zoom === 100) break;
      lastFit = zoom;
      zoom = Math.floor((lastNonFit + zoom) / 2);
      if (lastFit === zoom) break;
    } else {
      if (zoom - lastFit <= 1) {
        zoom = lastFit;
        p = paginateAt(s, zoom);
        break;
      }
      lastNonFit = zoom;
      zoom = Math.floor((lastFit + zoom) / 2);
    }
  }
  if (s.fitWidth > 0 && s.fitHeight === 0 && p.rowBands.length > 1) {
    const smaller = Math.floor(zoom * 0.98);
    if (smaller < zoom) {
      const q = paginateAt(s, smaller);
      if (q.rowBands.length !== p.rowBands.length) return q;
    }
  }
  return p;
}

/** Where a page's cells land on paper, in points from the top left: one box per printed row and column. */
export interface PageGeometry {
  rows: { row: number; top: number; bottom: number }[];
  columns: { column: number; left: number; right: number }[];
}

/**
 * The printed rows of page `index` (0-based, one column band assumed) and where they and the columns land:
 * the body starts at the top margin, scaled by the zoom; with horizontal centring the columns sit in the
 * middle of the body's width.
 */
export function pageGeometry(s: SheetPrint, p: Pagination, index: number): PageGeometry {
  const scale = p.zoom / 100 / 20;
  const [first, last] = p.rowBands[index]!;
  const printed: number[] = [];
  if (s.repeatRows && first > s.repeatRows[1]) for (let r = s.repeatRows[0]; r <= s.repeatRows[1]; r++) printed.push(r);
  for (let r = first; r <= last; r++) printed.push(r);
  const rows: PageGeometry['rows'] = [];
  let y = s.margins.top / 20;
  for (const r of printed) {
    const h = s.rows[r]! * scale;
    rows.push({ row: r, top: y, bottom: y + h });
    y += h;
  }
  const [c0, c1] = p.columnBands[0]!;
  let used = 0;
  for (let c = c0; c <= c1; c++) used += s.columns[c]!;
  const body = bodySize(s, p.zoom);
  let x = s.margins.left / 20 + (s.horizontalCentered ? ((body.width - used) / 2) * scale : 0);
  const columns: PageGeometry['columns'] = [];
  for (let c = c0; c <= c1; c++) {
    const w = s.columns[c]! * scale;
    if (w > 0) columns.push({ column: c, left: x, right: x + w });
    x += w;
  }
  return { rows, columns };
}
