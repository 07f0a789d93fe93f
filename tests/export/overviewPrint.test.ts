/**
 * The print view's table (export.overviewPrint) is the exported 一览表: the same title, paragraph, header,
 * split into the same blocks, each row's cells what the .xlsx holds in them (re-read with exceljs), for both
 * layouts; filters narrow it as they narrow the export; it writes nothing.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { OverviewPrint } from '../../shared/contract';
import { closingStores } from '../helpers/store';

const store = closingStores();

/** The sheet's rows from the header down, as text, `columns` wide, merged cells' value on their first row only. */
async function sheetRows(data: string): Promise<{ top: string[]; header: string[]; body: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('一览表')!;
  const columns = ws.getRow(3).cellCount;
  const text = (r: number, c: number) => {
    const cell = ws.getCell(r, c);
    return cell.isMerged && cell.master.address !== cell.address ? '' : String(cell.value ?? '');
  };
  const row = (r: number) => Array.from({ length: columns }, (_, c) => text(r, c + 1));
  const body: string[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) body.push(row(r));
  return { top: [text(1, 1), text(2, 1)], header: row(3), body };
}

/** The print data as rows of the .xlsx: one per line, blocks side by side, a target's merged cells on its first line. */
function printRows(p: OverviewPrint): string[][] {
  const perBlock = p.blocks.map((block) =>
    block.flatMap((t) => t.lines.map((l, i) => (i === 0 ? [String(t.serial), l.leaders, t.content, t.deadline] : ['', l.leaders, '', '']).concat([l.progress, l.onSchedule, l.units]))),
  );
  const height = Math.max(...perBlock.map((b) => b.length));
  return Array.from({ length: height }, (_, i) => perBlock.flatMap((b) => b[i] ?? Array<string>(7).fill('')));
}

describe('the print view\'s 一览表', () => {
  it.each(['single', 'two-block'] as const)('%s: title, header and every cell are the exported table\'s', async (layout) => {
    const core = await store(true);
    const printed = await core.invoke('export.overviewPrint', { year: 2023, quarter: 3, layout, paperSize: 'A4' });
    const sheet = await sheetRows((await core.invoke('export.overview', { year: 2023, quarter: 3, layout })).data);
    expect([printed.title, printed.paragraph]).toEqual(sheet.top);
    expect(printed.blocks.flatMap(() => printed.headers)).toEqual(sheet.header);
    expect(printRows(printed)).toEqual(sheet.body);
    expect(printed).toMatchObject({ layout, paperSize: 'A4', targets: 39, fileName: '菏泽市2023年三季度责任目标工作推进情况一览表（示例数据）.pdf' });
    expect(printed.blocks).toHaveLength(layout === 'two-block' ? 2 : 1);
    // Target 26's two lines stay together, in one block.
    expect(printed.blocks.filter((b) => b.some((t) => t.serial === 26))).toHaveLength(1);
  });

  it('takes the settings\' layout and paper when none is given, and a filter as the export does', async () => {
    const core = await store(true);
    await core.invoke('settings.update', { exportLayout: 'two-block', paperSize: 'A4' });
    const printed = await core.invoke('export.overviewPrint', { year: 2023, quarter: 3 });
    expect([printed.layout, printed.paperSize, printed.blocks.length]).toEqual(['two-block', 'A4', 2]);
    const one = await core.invoke('export.overviewPrint', { year: 2023, quarter: 3, leader: '肖友华', layout: 'single' });
    const exported = await core.invoke('export.overview', { year: 2023, quarter: 3, leader: '肖友华' });
    expect(one.targets).toBe(exported.targets);
    expect(one.fileName).toBe(exported.fileName.replace(/\.xlsx$/, '.pdf'));
    expect(one.blocks[0]!.every((t) => t.lines.every((l) => l.leaders.includes('肖友华')))).toBe(true);
  });

  it('a published quarter prints its date; nothing to print is said in Chinese', async () => {
    const core = await store(true);
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    expect((await core.invoke('export.overviewPrint', { year: 2023, quarter: 3 })).footNote).toBe('2023年10月20日发布');
    await expect(core.invoke('export.overviewPrint', { year: 2023, quarter: 3, unit: '没有这个单位' })).rejects.toThrow('没有符合条件的责任目标，无法打印。');
  });
});
