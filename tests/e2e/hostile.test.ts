/**
 * Untrusted content: a workbook with markup, formula prefixes and a 10 MB cell is imported through the UI.
 * The markup is shown as text and never runs, the 10 MB cell is refused with its place named (and the rest
 * imports), and the exported overview writes formula-looking text as plain strings.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { ImportPage } from './pages/importPage';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

const SCRIPT = '<script>window.__pwned = 1</script>推进营商环境改革';
const IMG = '<img src=x onerror="window.__pwned = 2">已完成';
const FORMULAS = ['=HYPERLINK("http://example.com","点击")', '+1+1', '-2+3', '@SUM(A1:A9)'];

async function hostileWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']);
  ws.addRow([40, '张三', SCRIPT, '年底', IMG, '是', '市发展改革委']);
  ws.addRow([41, '李四', FORMULAS[0], '年底', FORMULAS[1], '是', FORMULAS[2]]);
  ws.addRow([42, '王五', '超长内容的目标', '年底', '长'.repeat(10_000_000), '是', '市财政局']);
  ws.addRow([43, '赵六', FORMULAS[3], '年底', '正常推进', '是', '市财政局']);
  const file = path.join(tempDir(), 'hostile.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe('untrusted content', () => {
  it('imports markup as text, refuses the 10 MB cell by its place, and exports formula-like text as text', { timeout: 120_000 }, async () => {
    const importer = new ImportPage(s.page);
    await importer.open();
    await importer.choose(await hostileWorkbook());
    await importer.waitForPreview();
    expect(await importer.summary()).toMatch(/新增 3/);
    await importer.showAll();
    await expect.poll(() => importer.item(42).textContent()).toMatch(/完成情况有 10,000,000 个字，超过单元格上限 20,000 字，该行未导入.*hostile\.xlsx › Sheet1 › 第4行 › E列/);
    await importer.apply();
    await importer.close();

    await s.overview.scrollTo(40);
    await expect.poll(() => s.overview.row(40).textContent()).toContain(SCRIPT);
    expect(await s.overview.progressCell(40).textContent()).toContain(IMG);
    await s.overview.scrollTo(43);
    expect(await s.overview.row(41).textContent()).toContain(FORMULAS[0]);
    expect(await s.overview.row(43).textContent()).toContain(FORMULAS[3]);
    expect(await s.overview.row(42).count()).toBe(0);
    // Nothing ran and no element came from the file.
    expect(await s.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await s.page.locator('main script, main img').count()).toBe(0);

    await s.page.getByTestId('open-export').click();
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('export-run').click()]);
    const bytes = fs.readFileSync(await download.path());
    await s.page.getByRole('button', { name: '关闭' }).click();
    const sheetXml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[ >]/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('一览表')!;
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(typeof c.value === 'string' ? c.value : '')));
    for (const f of [...FORMULAS, SCRIPT, IMG]) expect(cells).toContain(f);
  });
});
