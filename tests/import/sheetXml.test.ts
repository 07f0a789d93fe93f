/**
 * The lean reader of the sheet XML (electron/excel/sheetXml.ts) against the exceljs path it stands in for:
 * on every fixture workbook and the seed, the same sheets, states, cell texts, merges and hidden rows and
 * columns; a workbook it leaves to exceljs (dates) still reads through exceljs.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSheetsLean } from '../../electron/excel/sheetXml';
import { percentDecimals } from '../../electron/excel/grid';
import { readOverviewBytes } from '../../electron/excel/overviewReader';
import { ROOT, seen, viaExceljs } from './helpers';

const FILES = [
  path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx'),
  ...fs.readdirSync(path.join(ROOT, 'tests/fixtures/import')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'tests/fixtures/import', f)),
  ...fs.readdirSync(path.join(ROOT, 'tests/fixtures/seed-layouts')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'tests/fixtures/seed-layouts', f)),
];

describe('the lean sheet reader reads what exceljs reads', () => {
  it.each(FILES.map((f) => [path.relative(ROOT, f), f]))('%s', async (_, file) => {
    const bytes = fs.readFileSync(file);
    const lean = await readSheetsLean(bytes);
    const reference = await viaExceljs(bytes).catch(() => null);
    if (reference === null) {
      // Not a workbook exceljs opens (a renamed .xls, an encrypted one): the lean reader declines it too.
      expect(lean).toBeNull();
      return;
    }
    if (lean === null) return;
    expect(lean.map((s) => [s.name, s.state])).toEqual(reference.map((s) => [s.name, s.state]));
    lean.forEach((s, i) => expect(seen(s.grid)).toEqual(seen(reference[i]!.grid)));
  });

  it('takes the seed, the LibreOffice files and the exceljs files itself, not through exceljs', async () => {
    const taken = await Promise.all(FILES.map(async (f) => (await readSheetsLean(fs.readFileSync(f))) !== null));
    expect(taken.filter(Boolean).length).toBeGreaterThanOrEqual(FILES.length - 6);
    expect(taken[0]).toBe(true);
  });

  it.each([false, true])('reads date-formatted cells as exceljs does (1904 date system: %s)', async (date1904) => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = date1904;
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['2024年二季度责任目标推进情况']);
    ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '二季度完成情况', '是否按计划完成进度', '责任单位']);
    ws.addRow([1, '李春英', '建成投用市档案馆新馆', new Date(Date.UTC(2024, 5, 30)), '主体工程已完工', '是', '市档案馆']);
    ws.addRow([2, '李春英', '建成投用市图书馆', 45291, '已完工', '是', '市文化和旅游局']);
    ws.getCell('D4').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('H3').value = { formula: 'D3+1', result: new Date(Date.UTC(2024, 6, 1)) };
    ws.getCell('H3').numFmt = 'yyyy-mm-dd';
    ws.getCell('I3').value = 0.5;
    ws.getCell('I3').numFmt = 'h:mm';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const lean = await readSheetsLean(bytes);
    expect(lean).not.toBeNull();
    expect(seen(lean![0]!.grid)).toEqual(seen((await viaExceljs(bytes))[0]!.grid));
    expect([lean![0]!.grid.cells[2]![3]!.text, lean![0]!.grid.cells[3]![3]!.text, lean![0]!.grid.cells[2]![7]!.text]).toEqual(['2024-06-30', date1904 ? '2028-01-01' : '2023-12-31', '2024-07-01']);
    expect((await readOverviewBytes('日期.xlsx', bytes)).targets[0]!.deadline).toBe('2024-06-30');
  });

  it('reads shared strings with rich-text runs, phonetic guides, entities and line breaks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表<一>&');
    ws.getCell('A1').value = { richText: [{ text: '统筹抓好' }, { text: '青年发展', font: { bold: true } }, { text: '友好型城市 & “创建”' }] };
    ws.getCell('A2').value = '长期\r\n坚持';
    ws.getCell('B2').value = 12.000000000000002;
    ws.getCell('C2').value = true;
    ws.getCell('D2').value = { formula: 'A2', result: '长期坚持' };
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const lean = (await readSheetsLean(bytes))!;
    expect(lean[0]!.name).toBe('表<一>&');
    expect(seen(lean[0]!.grid)).toEqual(seen((await viaExceljs(bytes))[0]!.grid));
    expect(lean[0]!.grid.cells[0]![0]!.text).toBe('统筹抓好青年发展友好型城市 & “创建”');
    expect(lean[0]!.grid.cells[1]!.map((c) => c.text)).toEqual(['长期\n坚持', '12', '是', '长期坚持']);
  });

  it.each([
    ['0%', 0],
    ['0.00%', 2],
    ['#,##0.0%', 1],
    ['0.00%;[Red]-0.00%', 2],
    ['0.0"%"', null],
    ['0.00', null],
    ['General', null],
    ['@', null],
  ])('percent format %s shows %s decimals', (code, decimals) => {
    expect(percentDecimals(code)).toBe(decimals);
  });

  it("shows numbers under a percent format as percentages, as the exceljs path now does too", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow([0.655, 0.8, 1, 0.12345]);
    ws.getCell('A1').numFmt = '0%';
    ws.getCell('B1').numFmt = '0.0%';
    ws.getCell('C1').numFmt = '0.00%;[Red]-0.00%';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const lean = (await readSheetsLean(bytes))!;
    expect(lean[0]!.grid.cells[0]!.map((c) => c.text)).toEqual(['66%', '80.0%', '100.00%', '0.12345']);
    expect(seen(lean[0]!.grid)).toEqual(seen((await viaExceljs(bytes))[0]!.grid));
  });
});
