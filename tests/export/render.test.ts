/**
 * The exports as printed (LibreOffice → PDF): no cell's text is cut, the header row repeats on every page,
 * and the number of pages is the one the page setup implies (the model in tests/helpers/libreoffice.ts).
 * All workbooks go through one LibreOffice run in beforeAll; the tests only read the PDFs.
 *
 * "Not cut" is checked by position, not by presence: poppler extracts text that LibreOffice clipped at the
 * cell's border as if it were visible, so a row too short for its text still yields all of it (the last test
 * shows this). Each word must lie inside the box of the cell it belongs to, and the words inside a cell's box,
 * in reading order, must spell the cell's text. The one cut that row heights cannot prevent — a target's
 * merged cells split by a page break — is told apart and checked on its own.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSynthetic } from '../../bench/synthetic';
import { loadTargets } from '../../electron/db/repos/targets';
import { TEMPLATE_SHEET, writeTemplate } from '../../electron/excel/templateWriter';
import { OVERVIEW_SHEET, writeOverview } from '../../electron/excel/overviewWriter';
import { overviewExportInput, type OverviewExportOptions } from '../../electron/services/export';
import { exportTemplates } from '../../electron/services/templates';
import { pageGeometry, paginate, pdfPageText, pdfWords, sheetPrint, squeeze, toPdf, type Pagination, type PdfPage, type SheetPrint } from '../helpers/libreoffice';
import { openCore } from '../helpers/store';

type Core = Awaited<ReturnType<typeof openCore>>;

interface Case {
  name: string;
  bytes: Buffer;
  sheet: string;
  /** The deliberately broken workbook, which the cut check must fail on. */
  broken?: boolean;
}

interface Rendered extends Case {
  ws: ExcelJS.Worksheet;
  print: SheetPrint;
  pagination: Pagination;
  pdf: string;
  pages: PdfPage[];
}

/** Points a word may stand over its cell's edge: rounding of positions, not a visible cut. */
const TOLERANCE = 1.5;

async function sheetOf(bytes: Buffer, name: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const cellText = (ws: ExcelJS.Worksheet, r: number, c: number): string => {
  const v = ws.getCell(r, c).value;
  return v === null || v === undefined ? '' : String(v);
};

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function mergesOf(ws: ExcelJS.Worksheet): Range[] {
  return ws.model.merges.map((ref) => {
    const [a, b] = ref.split(':').map((x) => ws.getCell(x));
    return { top: Number(a!.row), left: Number(a!.col), bottom: Number(b!.row), right: Number(b!.col) };
  });
}

interface Problem {
  /** 1-based. */
  page: number;
  /** The columns of the cell concerned; null for the footer. */
  columns: [number, number] | null;
  text: string;
}

/**
 * Reads a printout back cell by cell: which words fall in which cell's box on each page, and what is wrong —
 * a word over a cell's edge, a cell whose words do not spell its text, a word outside the table, a footer
 * other than 第 n 页 共 N 页. Returns the problems and each page's cell texts (key `row:column`).
 */
function readPrintout(r: Rendered, footer: (page: number, pages: number) => string): { problems: Problem[]; cells: Map<string, string>[] } {
  const merges = mergesOf(r.ws);
  const masterOf = (row: number, col: number): Range => merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) ?? { top: row, left: col, bottom: row, right: col };
  const problems: Problem[] = [];
  const cells: Map<string, string>[] = [];
  r.pages.forEach((page, index) => {
    const g = pageGeometry(r.print, r.pagination, index);
    const tableBottom = g.rows.at(-1)!.bottom;
    const words = new Map<string, { text: string; x: number; y: number }[]>();
    const footerWords: string[] = [];
    for (const w of page.words) {
      const xc = (w.x0 + w.x1) / 2;
      const yc = (w.y0 + w.y1) / 2;
      if (w.y0 > tableBottom + TOLERANCE) {
        footerWords.push(w.text);
        continue;
      }
      const row = g.rows.find((x) => yc >= x.top && yc < x.bottom);
      const col = g.columns.find((x) => xc >= x.left && xc < x.right);
      if (!row || !col) {
        problems.push({ page: index + 1, columns: col ? [col.column, col.column] : null, text: `「${w.text}」 lies outside the table` });
        continue;
      }
      const m = masterOf(row.row, col.column);
      // The cell's box on this page: the rows of its range printed here, the columns it spans.
      const rows = g.rows.filter((x) => x.row >= m.top && x.row <= m.bottom);
      const cols = g.columns.filter((x) => x.column >= m.left && x.column <= m.right);
      const box = { top: rows[0]!.top, bottom: rows.at(-1)!.bottom, left: cols[0]!.left, right: cols.at(-1)!.right };
      if (w.y0 < box.top - TOLERANCE || w.y1 > box.bottom + TOLERANCE || w.x0 < box.left - TOLERANCE || w.x1 > box.right + TOLERANCE) {
        problems.push({ page: index + 1, columns: [m.left, m.right], text: `R${m.top}C${m.left} is cut: 「${w.text}」 stands over its border` });
      }
      const key = `${m.top}:${m.left}`;
      const list = words.get(key) ?? [];
      list.push({ text: w.text, x: w.x0, y: yc });
      words.set(key, list);
    }
    // Every cell printed on this page, its words in reading order: lines top to bottom, left to right.
    const seen = new Map<string, string>();
    for (const row of g.rows) {
      for (const col of g.columns) {
        const m = masterOf(row.row, col.column);
        const key = `${m.top}:${m.left}`;
        if (seen.has(key)) continue;
        const list = (words.get(key) ?? []).sort((a, b) => (Math.abs(a.y - b.y) < 3 ? a.x - b.x : a.y - b.y));
        const got = squeeze(list.map((w) => w.text).join(''));
        seen.set(key, got);
        const want = squeeze(cellText(r.ws, m.top, m.left));
        if (got !== want) problems.push({ page: index + 1, columns: [m.left, m.right], text: `R${m.top}C${m.left} printed 「${got}」, the cell holds 「${want}」` });
      }
    }
    cells.push(seen);
    const wantFooter = squeeze(footer(index + 1, r.pages.length));
    if (squeeze(footerWords.join('')) !== wantFooter) problems.push({ page: index + 1, columns: null, text: `footer 「${footerWords.join(' ')}」, expected 「${wantFooter}」` });
  });
  return { problems, cells };
}

/**
 * Merged ranges (a target's serial, content and deadline over its lines) that a page break cuts in two, by
 * the page model: pages are 1-based, the first holding the range's top.
 */
function splitRanges(r: Rendered): { range: Range; pages: [number, number] }[] {
  const pageOf = (row: number) => r.pagination.rowBands.findIndex(([a, b]) => row >= a && row <= b) + 1;
  return mergesOf(r.ws)
    .map((range) => ({ range, pages: [pageOf(range.top), pageOf(range.bottom)] as [number, number] }))
    .filter((x) => x.pages[0] !== x.pages[1]);
}

/**
 * Problems a split range explains: its columns on its two pages (LibreOffice draws the text over the whole
 * range on both, clipped to each page's part, so it runs into the footer below and the header above), and
 * the footer of its first page.
 */
function bySplit(r: Rendered, problems: Problem[]): { cuts: Problem[]; split: Problem[] } {
  const splits = splitRanges(r);
  const explained = (p: Problem) =>
    splits.some(
      (s) => s.pages.includes(p.page) && (p.columns === null ? p.page === s.pages[0] : p.columns[0] <= s.range.right && p.columns[1] >= s.range.left),
    );
  return { cuts: problems.filter((p) => !explained(p)), split: problems.filter(explained) };
}

const show = (problems: Problem[]) => problems.map((p) => `page ${p.page}: ${p.text}`);

const pageFooter = (page: number, pages: number) => `第 ${page} 页 共 ${pages} 页`;

const rendered = new Map<string, Rendered>();
const cores: Core[] = [];

beforeAll(async () => {
  const seed = await openCore(undefined, true);
  const synthetic = await openCore();
  cores.push(seed, synthetic);
  // Enough lines for several pages in both layouts; built straight through the repos like the benchmark's store.
  fillSynthetic(synthetic.db, { targets: 70 });
  const overview = async (core: Core, options: OverviewExportOptions) => {
    // The summary sheet is printed after the overview and has its own page setup: left out here.
    const wb = writeOverview({ ...overviewExportInput(core, options), summary: false });
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const cases: Case[] = [
    { name: 'seed, single, A3', sheet: OVERVIEW_SHEET, bytes: await overview(seed, { year: 2023, quarter: 3, layout: 'single', paperSize: 'A3' }) },
    { name: 'seed, single, A4', sheet: OVERVIEW_SHEET, bytes: await overview(seed, { year: 2023, quarter: 3, layout: 'single', paperSize: 'A4' }) },
    { name: 'seed, two-block, A3', sheet: OVERVIEW_SHEET, bytes: await overview(seed, { year: 2023, quarter: 3, layout: 'two-block', paperSize: 'A3' }) },
    { name: 'synthetic, single, A3', sheet: OVERVIEW_SHEET, bytes: await overview(synthetic, { year: 2025, quarter: 3, layout: 'single', paperSize: 'A3' }) },
    { name: 'synthetic, two-block, A3', sheet: OVERVIEW_SHEET, bytes: await overview(synthetic, { year: 2025, quarter: 3, layout: 'two-block', paperSize: 'A3' }) },
  ];
  // The seed's template with the most lines, as the service writes it.
  const templates = await exportTemplates(seed, { year: 2023, quarter: 3, by: 'unit' });
  let biggest = templates[0]!;
  let most = 0;
  for (const t of templates) {
    const n = (await sheetOf(t.bytes, TEMPLATE_SHEET)).rowCount;
    if (n > most) [biggest, most] = [t, n];
  }
  cases.push({ name: `seed template ${biggest.fileName}`, sheet: TEMPLATE_SHEET, bytes: biggest.bytes });
  // A unit with many lines, so that the template runs over several pages.
  const plan = synthetic.db.prepare('SELECT id FROM plans WHERE year = 2025').get() as { id: number };
  const many = loadTargets(synthetic.db, { planId: plan.id }).slice(0, 24);
  const tpl = writeTemplate({ city: '示例市', year: 2025, quarter: 3, unit: '市发展改革委', targets: many });
  cases.push({ name: 'synthetic template, 24 targets', sheet: TEMPLATE_SHEET, bytes: Buffer.from(await tpl.xlsx.writeBuffer()) });
  // The check must be able to fail: the seed table with every body row forced to one line's height.
  const short = new ExcelJS.Workbook();
  await short.xlsx.load(cases[0]!.bytes as unknown as ArrayBuffer);
  const ws = short.getWorksheet(OVERVIEW_SHEET)!;
  for (let r = 4; r <= ws.rowCount; r++) ws.getRow(r).height = 16;
  cases.push({ name: 'seed, single, rows forced short', sheet: OVERVIEW_SHEET, bytes: Buffer.from(await short.xlsx.writeBuffer()), broken: true });

  const pdfs = toPdf(cases.map((c) => c.bytes));
  for (const [i, c] of cases.entries()) {
    const sheet = await sheetOf(c.bytes, c.sheet);
    const print = sheetPrint(sheet);
    rendered.set(c.name, { ...c, ws: sheet, print, pagination: paginate(print), pdf: pdfs[i]!, pages: pdfWords(pdfs[i]!) });
  }
}, 120_000);

afterAll(() => {
  for (const c of cores) c.close();
});

const get = (name: string): Rendered => {
  const r = [...rendered.values()].find((x) => x.name === name || x.name.startsWith(name));
  if (!r) throw new Error(`no rendered case ${name}`);
  return r;
};
const good = () => [...rendered.values()].filter((r) => !r.broken);

describe('exports as LibreOffice prints them', () => {
  it('prints every cell in full and inside its box, and the footer 第 n 页 共 N 页', () => {
    expect(good().length).toBe(7);
    for (const r of good()) {
      const { problems, cells } = readPrintout(r, pageFooter);
      expect(show(bySplit(r, problems).cuts), r.name).toEqual([]);
      // The check saw every cell of the print area on some page.
      const merges = mergesOf(r.ws);
      const printed = new Set(cells.flatMap((m) => [...m.keys()]));
      for (let row = r.print.area.top; row <= r.print.area.bottom; row++) {
        for (let col = r.print.area.left; col <= r.print.area.right; col++) {
          const m = merges.find((x) => row >= x.top && row <= x.bottom && col >= x.left && col <= x.right);
          expect(printed.has(m ? `${m.top}:${m.left}` : `${row}:${col}`), `${r.name} R${row}C${col}`).toBe(true);
        }
      }
    }
  });

  // A known limitation, kept visible: a merged range (a target's serial, content and deadline over its
  // lines) that a page break runs through is drawn on both pages and clipped on each, so its text is cut.
  // Excel and WPS do the same. Only the target's own cells suffer; the rest of both pages prints in full.
  it('cuts a target whose lines a page break separates: exactly the ranges the page model splits', () => {
    let splits = 0;
    for (const r of good()) {
      const predicted = splitRanges(r);
      splits += predicted.length;
      const { split } = bySplit(r, readPrintout(r, pageFooter).problems);
      for (const s of predicted) {
        const cut = split.filter((p) => s.pages.includes(p.page) && p.columns !== null && p.columns[0] <= s.range.right && p.columns[1] >= s.range.left);
        expect(cut.length, `${r.name} R${s.range.top}C${s.range.left} split over pages ${s.pages.join('/')}`).toBeGreaterThan(0);
      }
      if (predicted.length === 0) expect(split, r.name).toEqual([]);
    }
    // 70 synthetic targets, four in ten with two lines, over a dozen page breaks: some fall inside a target.
    expect(splits).toBeGreaterThan(0);
    expect(splitRanges(get('seed, single, A3'))).toEqual([]);
  });

  it('repeats the header row at the top of every page after the first', () => {
    const multi = good().filter((r) => r.pages.length > 1);
    expect(multi.map((r) => r.name)).toEqual(expect.arrayContaining(['seed, single, A3', 'synthetic, single, A3', 'synthetic, two-block, A3', 'synthetic template, 24 targets']));
    expect(get('synthetic, single, A3').pages.length).toBeGreaterThanOrEqual(3);
    expect(get('synthetic, two-block, A3').pages.length).toBeGreaterThanOrEqual(3);
    for (const r of multi) {
      const header = r.print.repeatRows![0];
      const labels: string[] = [];
      for (let c = r.print.area.left; c <= r.print.area.right; c++) labels.push(cellText(r.ws, header, c));
      expect(labels.filter(Boolean).length, r.name).toBeGreaterThanOrEqual(7);
      const { cells } = readPrintout(r, pageFooter);
      const splits = splitRanges(r);
      for (let page = 2; page <= r.pages.length; page++) {
        const text = squeeze(pdfPageText(r.pdf, page));
        for (const label of labels) expect(text, `${r.name} page ${page}`).toContain(squeeze(label));
        // And where the header belongs: the first row of the page, each label alone in its column's box
        // (but for a column where a split target's text, clipped on paper, runs up over it).
        expect(pageGeometry(r.print, r.pagination, page - 1).rows[0]!.row).toBe(header);
        for (let c = r.print.area.left; c <= r.print.area.right; c++) {
          if (splits.some((s) => s.pages[1] === page && c >= s.range.left && c <= s.range.right)) continue;
          expect(cells[page - 1]!.get(`${header}:${c}`), `${r.name} page ${page} col ${c}`).toBe(squeeze(labels[c - r.print.area.left]!));
        }
      }
    }
  });

  it('prints as many pages as the page setup implies, at the zoom fit-to-width implies', () => {
    const counts: Record<string, [number, number]> = {};
    for (const r of good()) {
      counts[r.name] = [r.pages.length, r.pagination.pages];
      // The zoom, seen on paper: every header label is centred in the column the model puts it in.
      const g = pageGeometry(r.print, r.pagination, 0);
      const header = r.print.repeatRows![0];
      const top = g.rows.find((x) => x.row === header)!;
      for (const col of g.columns) {
        const label = squeeze(cellText(r.ws, header, col.column));
        const words = r.pages[0]!.words.filter((w) => w.y0 >= top.top - TOLERANCE && w.y1 <= top.bottom + TOLERANCE && w.x0 >= col.left - TOLERANCE && w.x1 <= col.right + TOLERANCE);
        expect(squeeze(words.map((w) => w.text).join('')), `${r.name} column ${col.column}`).toBe(label);
        const centre = (Math.min(...words.map((w) => w.x0)) + Math.max(...words.map((w) => w.x1))) / 2;
        expect(Math.abs(centre - (col.left + col.right) / 2), `${r.name} column ${col.column} at zoom ${r.pagination.zoom}`).toBeLessThan(TOLERANCE);
      }
    }
    for (const [name, [pdf, model]] of Object.entries(counts)) expect(pdf, name).toBe(model);
    // What the model says of the seed: A3 at 98 % (the tdf#103516 nudge saves a page), two blocks at 57 %.
    expect(get('seed, single, A3').pagination).toMatchObject({ zoom: 98, pages: 5 });
    expect(get('seed, two-block, A3').pagination).toMatchObject({ zoom: 57, pages: 2 });
  });

  it('finds the cut when rows are too short for their text, which the text alone does not show', () => {
    const r = get('seed, single, rows forced short');
    const { problems } = readPrintout(r, pageFooter);
    const { cuts } = bySplit(r, problems);
    // Target 1 (row 4): five lines of progress, two of content, in one line's height.
    expect(cuts.some((p) => /^R4C5 /.test(p.text))).toBe(true);
    expect(cuts.some((p) => /^R4C3 /.test(p.text))).toBe(true);
    expect(cuts.length).toBeGreaterThan(50);
    // Poppler still extracts every line, clipped or not: target 1's progress is all there, line by line.
    const words = new Set(r.pages[0]!.words.map((w) => squeeze(w.text)));
    const progress = squeeze(cellText(r.ws, 4, 5));
    const intact = get('seed, single, A3');
    const lines = intact.pages[0]!.words.map((w) => squeeze(w.text)).filter((w) => w.length > 8 && progress.includes(w));
    expect(lines.join('')).toBe(progress);
    for (const line of lines) expect(words.has(line), line).toBe(true);
  });
});
