/**
 * PRINT (issues 19, 20) in the browser mode, on the sample data, printed to PDF by Chromium and read back with
 * poppler (pdfinfo, pdftotext, pdftoppm):
 * - the 一览表's print view, opened with Ctrl+P and set to two blocks on A3 with the keyboard: as many pages as
 *   its rows need on the page setup (a model fed with the rows' measured heights), the header and 第 n 页 共 N 页
 *   on every page, each target's lines whole on one page, every target's text in the PDF, nothing outside
 *   the page's margins but the page number; it also opens from 导出 › 打印… with the dialog's choices;
 * - 调度评估 (Q3): the summary and the charts once, no buttons or filter controls, every lagging target of
 *   the service's review in the list.
 * UPDATE_SCREENSHOTS=1 also renders the first page of each to docs/overview-print.png and docs/review-print.png.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { pageInk, pageText, pdfInfo } from './pdf';
import { PrintViewPage } from './pages/printPage';
import { needsDiscussion } from '../../shared/review/meeting';
import { STATUS_LABELS, STATUS_ORDER } from '../../renderer/features/review/labels';

let s: Session;
let view: PrintViewPage;
const dir = tempDir('ducha-print-');
const flat = (text: string) => text.replace(/\s/g, '');

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
  view = new PrintViewPage(s.page);
});
afterAll(() => s?.close());

async function service<T>(fn: (core: Awaited<ReturnType<typeof openCore>>) => Promise<T>): Promise<T> {
  const core = await openCore(s.storePath);
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

/** The page printed as Chromium prints it, with the page's own @page size. */
async function printToPdf(name: string): Promise<string> {
  const file = path.join(dir, name);
  await s.page.emulateMedia({ media: 'print' });
  try {
    fs.writeFileSync(file, await s.page.pdf({ preferCSSPageSize: true }));
  } finally {
    await s.page.emulateMedia({ media: 'screen' });
  }
  return file;
}

const MM = 96 / 25.4;
/** The print view's page box (print.css): A3 landscape, margins 15.2 / 12.7 / 17.8 mm. */
const A3 = { width: 420, height: 297, top: 15.2, side: 12.7, bottom: 17.8 };

interface Measured {
  before: number;
  header: number;
  groups: { height: number; serials: number[] }[];
}

/**
 * The pages a table needs: the first page holds the title and paragraph, every page the header, and a group
 * of rows (a target's lines, with what stands beside them) goes whole onto the next page when it does not fit.
 */
function paginate(m: Measured, pageHeight: number): number[][] {
  const pages: number[][] = [[]];
  let used = m.before + m.header;
  for (const g of m.groups) {
    if (used + g.height > pageHeight && pages.at(-1)!.length > 0) {
      pages.push([]);
      used = m.header;
    }
    used += g.height;
    pages.at(-1)!.push(...g.serials);
  }
  return pages;
}

describe('the 一览表 printed', () => {
  let file: string;
  let model: number[][];
  let targets: { serial: number; texts: string[] }[];

  it('Ctrl+P over the overview opens the print view at 打印; the keyboard picks two blocks on A3; 打印 prints', async () => {
    await s.overview.progressCell(1).click();
    await s.page.keyboard.press('Escape');
    await view.openWithKeyboard();
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('print-run');
    await view.choose('two-block', 'A3');
    await s.page.evaluate(() => {
      const w = window as unknown as { prints: number };
      w.prints = 0;
      window.print = () => void w.prints++;
    });
    await s.page.getByTestId('print-run').focus();
    await s.page.keyboard.press('Enter');
    expect(await s.page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
  });

  it('prints on A3 landscape, as many pages as its rows need, each target whole on the page the model says', async () => {
    // Measured as printed: print media, where the sheet is the page's printable width.
    await s.page.emulateMedia({ media: 'print' });
    const measured: Measured = await view.sheet().evaluate((sheet) => {
      const table = sheet.querySelector('table')!;
      const bodies = [...table.tBodies];
      const tops = bodies.map((b) => b.getBoundingClientRect().top);
      const bottom = table.getBoundingClientRect().bottom;
      return {
        before: table.tHead!.getBoundingClientRect().top - sheet.getBoundingClientRect().top,
        header: table.tHead!.getBoundingClientRect().height,
        groups: bodies.map((b, i) => ({ height: (tops[i + 1] ?? bottom) - tops[i]!, serials: b.dataset.serials!.split(' ').map(Number) })),
      };
    });
    // No cell's text runs past its edges: every cell wraps inside its width.
    const overflowing = await view.sheet().locator('td, th').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
    expect(overflowing).toEqual([]);
    await s.page.emulateMedia({ media: 'screen' });
    model = paginate(measured, (A3.height - A3.top - A3.bottom) * MM);
    file = await printToPdf('一览表-双栏-A3.pdf');

    const info = pdfInfo(file);
    expect(info.size).toEqual([1191, 842]);
    expect(info.pages).toBeGreaterThan(1);
    expect(info.pages).toBe(model.length);
    // 39 targets in 40 lines, 20 rows side by side: target 26's two lines are one group with their neighbours.
    expect(measured.groups.flatMap((g) => g.serials).sort((a, b) => a - b)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
  });

  it('every page has the header (both blocks) and 第 n 页 共 N 页; the title is on the first', async () => {
    const { pages } = pdfInfo(file);
    const printed = await service((core) => core.invoke('export.overviewPrint', { year: 2023, quarter: 3, layout: 'two-block', paperSize: 'A3' }));
    const header = flat(printed.headers.join(''));
    for (let n = 1; n <= pages; n++) {
      const text = pageText(file, n);
      expect(text.split(header).length - 1, `page ${n}`).toBe(2);
      expect(text, `page ${n}`).toContain(`第${n}页共${pages}页`);
      expect(text.includes(flat(printed.title)), `title on page ${n}`).toBe(n === 1);
    }
  });

  it('every target of the sample is in the text, each whole on the one page the model puts it on', async () => {
    const list = await service((core) => core.invoke('targets.list', { year: 2023 }));
    targets = list.map((t) => ({
      serial: t.serial,
      texts: [t.content, ...t.assignments.map((a) => a.progress.find((p) => p.quarter === 3)?.text ?? ''), ...t.assignments.flatMap((a) => [...a.leadUnits, ...a.cooperatingUnits])].map(flat).filter((x) => x !== ''),
    }));
    expect(targets).toHaveLength(39);
    const pages = model.map((_, i) => pageText(file, i + 1));
    const all = pages.join('');
    for (const t of targets) {
      for (const text of t.texts) expect(all, `target ${t.serial}`).toContain(text);
      // A content or progress text of its own (long, and not copied onto another target as the sample's 20
      // and 21 are) is on exactly one page: the model's.
      const own = t.texts.filter((x) => x.length >= 12 && targets.every((o) => o === t || !o.texts.includes(x)));
      const page = model.findIndex((serials) => serials.includes(t.serial));
      for (const text of own) expect(pages.flatMap((p, i) => (p.includes(text) ? [i] : [])), `target ${t.serial}: ${text.slice(0, 12)}`).toEqual([page]);
    }
  });

  it('nothing is drawn outside the page\'s margins but the page number (pdftoppm)', async () => {
    const dpi = 36;
    const px = (mm: number) => (mm / 25.4) * dpi;
    for (let n = 1; n <= model.length; n++) {
      // The bottom margin holds the page number only: leave it out.
      const ink = pageInk(file, n, dir, dpi, 1 - A3.bottom / A3.height);
      const box = ink.box!;
      expect(box.left, `page ${n} left`).toBeGreaterThanOrEqual(px(A3.side) - 2);
      expect(box.right, `page ${n} right`).toBeLessThanOrEqual(ink.width - px(A3.side) + 2);
      // The table fills the page's width: its right border is at the margin, not cut short or beyond.
      expect(box.right, `page ${n} right`).toBeGreaterThanOrEqual(ink.width - px(A3.side) - 3);
      expect(box.top, `page ${n} top`).toBeGreaterThanOrEqual(px(A3.top) - 2);
    }
    if (process.env.UPDATE_SCREENSHOTS) spawnSync('pdftoppm', ['-png', '-scale-to', '1489', '-f', '1', '-l', '1', '-singlefile', file, 'docs/overview-print']);
  });

  it('at 1366×768 and 1440×900 the print view\'s controls and the whole page width are in view; axe-core finds nothing serious', async () => {
    for (const [width, height] of [
      [1366, 768],
      [1440, 900],
    ] as const) {
      await s.page.setViewportSize({ width, height });
      for (const id of ['print-run', 'print-two-block', 'print-a4']) {
        const box = (await s.page.getByTestId(id).boundingBox())!;
        expect(box.x + box.width, `${id} at ${width}`).toBeLessThanOrEqual(width);
        expect(box.y + box.height, `${id} at ${width}`).toBeLessThanOrEqual(height);
      }
      const sheet = (await view.sheet().boundingBox())!;
      expect(sheet.x + sheet.width, `sheet at ${width}`).toBeLessThanOrEqual(width);
    }
    const result = await new AxeBuilder({ page: s.page }).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]!.target.join(' ')}`)).toEqual([]);
    await s.page.setViewportSize({ width: 1600, height: 900 });
    await view.close();
  });

  it('opens from 导出 › 打印… with the dialog\'s layout and paper; A4 has its own page size', async () => {
    await s.page.getByTestId('open-export').click();
    const dialog = s.page.getByTestId('export-dialog');
    await dialog.getByText('单栏').click();
    await dialog.getByText('A4', { exact: true }).click();
    await s.page.getByTestId('export-print').click();
    await s.page.locator('[data-testid="print-sheet"].layout-single.paper-A4').waitFor();
    expect(await s.page.getByTestId('export-dialog').count()).toBe(0);
    const a4 = await printToPdf('一览表-单栏-A4.pdf');
    const info = pdfInfo(a4);
    expect(info.size).toEqual([842, 595]);
    for (let n = 1; n <= info.pages; n++) expect(pageText(a4, n)).toContain(`第${n}页共${info.pages}页`);
    await view.close();
  });
});

describe('调度评估 printed', () => {
  it('shows the summary and the charts once, no buttons, and every lagging target of the review', async () => {
    await s.page.getByTestId('open-review').click();
    await s.page.getByTestId('review-table').waitFor();
    const review = await service((core) => core.invoke('review.get', { year: 2023, quarter: 3 }));
    const lagging = review.items.filter((i) => i.status === 'behind');
    expect(lagging.length).toBeGreaterThan(0);
    const file = await printToPdf('调度评估.pdf');
    const info = pdfInfo(file);
    // A4 landscape, numbered.
    expect(info.size).toEqual([842, 595]);
    const pages = Array.from({ length: info.pages }, (_, i) => pageText(file, i + 1));
    pages.forEach((p, i) => expect(p).toContain(`第${i + 1}页共${info.pages}页`));
    const all = pages.join('');
    const count = (text: string) => all.split(text).length - 1;
    // The tiles once: each status's label and count, in order.
    const tiles = STATUS_ORDER.map((st) => `${STATUS_LABELS[st]}${review.counts.statuses[st]}`).join('');
    for (const heading of ['2023年三季度调度评估', tiles, '按市政府领导', '按牵头单位', '按篇章']) expect(count(heading), heading).toBe(1);
    for (const label of ['会议模式', '督查通报', '导出调度清单', '打印', '显示全部目标', '×']) expect(count(label), label).toBe(0);
    for (const item of lagging) expect(all, `第${item.serial}项`).toContain(flat(item.content));
    expect(all).toContain(`滞后及需关注的目标（${review.items.filter(needsDiscussion).length}项）`);
    if (process.env.UPDATE_SCREENSHOTS) spawnSync('pdftoppm', ['-png', '-scale-to', '1489', '-f', '1', '-l', '1', '-singlefile', file, 'docs/review-print']);
  });
});
