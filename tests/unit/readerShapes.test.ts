/**
 * Shapes of other offices' tables (issue 13), read through real .xlsx files: group titles naming a lead
 * unit, leaders and units written with their roles, the year from the sheet's name, known names from the
 * store telling a column's kind, and the note for every column not used.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readOverviewBytes, type ParsedOverview, type ReadOptions } from '../../electron/excel/overviewReader';

async function read(build: (wb: ExcelJS.Workbook) => void, name = '表.xlsx', options: ReadOptions = {}): Promise<ParsedOverview> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return readOverviewBytes(name, Buffer.from(await wb.xlsx.writeBuffer()), options);
}

const HEADER = ['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位'];

describe('group titles and cells with roles', () => {
  it('a group title naming a unit (市发展改革委牵头) makes it the lead unit, the column’s units cooperating', async () => {
    const o = await read((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['2023年三季度责任目标推进情况']);
      ws.addRow(HEADER);
      ws.addRow(['市发展改革委牵头']);
      ws.addRow([1, '聂元科', '地区生产总值增长5.5%左右', '年底', '前三季度增长7.1%', '是', '市统计局']);
      ws.addRow([2, '聂元科', '固定资产投资增长10%左右', '年底', '前三季度增长8.2%', '是', null]);
      ws.addRow(['市财政局牵头责任目标']);
      ws.addRow([3, '李春英', '一般公共预算收入增长5.5%左右', '年底', '前三季度增长6.1%', '是', '市财政局 市税务局']);
    });
    expect(o.targets.map((t) => [t.serial, t.lines[0]!.units, t.lines[0]!.cooperatingUnits])).toEqual([
      [1, ['市发展改革委'], ['市统计局']],
      [2, ['市发展改革委'], []],
      // The column already names the group's unit: read as written (the first leads).
      [3, ['市财政局', '市税务局'], null],
    ]);
    expect(o.notes.map((n) => n.message)).toEqual(expect.arrayContaining([expect.stringMatching(/第3行是分组标题，其下目标由“市发展改革委”牵头/)]));
  });

  it('leaders with their role (张三（牵头）) and units as 牵头单位：…　配合单位：… or …（牵头）、…', async () => {
    const o = await read((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['2023年三季度责任目标推进情况']);
      ws.addRow(HEADER);
      ws.addRow([1, '王昌华、聂元科（牵头）', '地区生产总值增长5.5%左右', '年底', '前三季度增长7.1%', '是', '牵头单位：市发展改革委　配合单位：市统计局 市财政局']);
      ws.addRow([2, '李春英（牵头）', '一般公共预算收入增长5.5%左右', '年底', '前三季度增长6.1%', '是', '市税务局、市财政局（牵头）']);
    });
    expect(o.targets.map((t) => [t.lines[0]!.leaders, t.lines[0]!.units, t.lines[0]!.cooperatingUnits])).toEqual([
      [['聂元科', '王昌华'], ['市发展改革委'], ['市统计局', '市财政局']],
      [['李春英'], ['市财政局'], ['市税务局']],
    ]);
  });
});

describe('the year, the names the store knows, and the columns not used', () => {
  it('takes the year from the sheet name when the title has none, and says so', async () => {
    const o = await read((wb) => {
      const ws = wb.addWorksheet('2023年三季度');
      ws.addRow(['责任目标推进情况']);
      ws.addRow(HEADER);
      ws.addRow([1, '聂元科', '地区生产总值增长5.5%左右', '年底', '前三季度增长7.1%', '是', '市发展改革委']);
    }, '推进情况.xlsx');
    expect(o).toMatchObject({ year: 2023, quarter: 3 });
    expect(o.notes.map((n) => n.message)).toContain('标题中没有年度，按工作表名“2023年三季度”读作2023年');
  });

  it('a column of names the store knows as units is the units column, whatever their shape', async () => {
    const build = (wb: ExcelJS.Workbook) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['2023年三季度责任目标推进情况']);
      ws.addRow(['序号', '市政府领导', '责任目标内容', '三季度完成情况', '落实方']);
      ws.addRow([1, '聂元科', '地区生产总值增长5.5%左右', '前三季度增长7.1%', '国网菏泽']);
      ws.addRow([2, '聂元科', '新增规模以上服务业企业100家以上', '新增33家企业', '菏泽供电']);
    };
    const plain = await read(build);
    expect(plain.sheets[0]!.columns.find((c) => c.column === 'E')).toMatchObject({ role: null });
    expect(plain.notes.map((n) => n.message)).toContain('第E列「落实方」未识别，已忽略');
    const known = await read(build, '表.xlsx', { known: { leaders: new Set(), units: new Set(['国网菏泽', '菏泽供电']) } });
    expect(known.sheets[0]!.columns.find((c) => c.column === 'E')).toMatchObject({ role: 'units', source: 'content' });
    expect(known.targets[1]!.lines[0]!.units).toEqual(['菏泽供电']);
  });
});

describe("last quarter's column beside this quarter's", () => {
  const LONG = '上半年各项工作有序推进，完成阶段性任务，为三季度工作打下坚实基础';
  const progressColumn = (o: ParsedOverview) => o.sheets[0]!.columns.find((c) => c.role === 'progress')?.header;
  const table = (title: string | null, header: string[], rows: (string | number)[][]) => (wb: ExcelJS.Workbook) => {
    const ws = wb.addWorksheet('Sheet1');
    if (title) ws.addRow([title]);
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
  };
  const rows = [1, 2, 3].map((n) => [n, `第${n}项责任目标的内容，全面完成年度任务`, `前三季度第${n}项已完成`, LONG, '是', '市财政局']);

  it('上半年完成情况 beside 工作推进情况: this quarter is the one the user or the title gives', async () => {
    const header = ['序号', '责任目标内容', '工作推进情况', '上半年完成情况', '是否按计划完成', '责任单位'];
    const told = await read(table(null, header, rows), '表.xlsx', { quarter: 3 });
    expect(progressColumn(told)).toBe('工作推进情况');
    expect(told.targets[0]!.lines[0]!.progressText).toBe('前三季度第1项已完成');
    const titled = await read(table('2023年三季度责任目标推进情况', header, rows));
    expect(progressColumn(titled)).toBe('工作推进情况');
    expect(titled.quarter).toBe(3);
    // Said by nobody: the column that names a quarter is the table's.
    expect(progressColumn(await read(table(null, header, rows)))).toBe('上半年完成情况');
  });

  it("三季度工作推进情况 over 完成情况 beside 二季度完成情况: the group's quarter is the table's, whatever the texts' lengths", async () => {
    const o = await read((wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['序号', '责任目标内容', '三季度工作推进情况', null, '二季度完成情况', '责任单位']);
      ws.addRow([null, null, '完成情况', '完成状态', null, null]);
      ws.mergeCells('C1:D1');
      for (const c of ['A', 'B', 'E', 'F']) ws.mergeCells(`${c}1:${c}2`);
      // Short texts this quarter (which read as deadlines too), long ones last quarter.
      for (const n of [1, 2, 3]) ws.addRow([n, `第${n}项责任目标的内容，全面完成年度任务`, `1-9月已完成${n}项`, '是', LONG, '市财政局']);
    });
    expect(progressColumn(o)).toBe('完成情况');
    expect(o.targets.map((t) => t.lines[0]!.progressText)).toEqual(['1-9月已完成1项', '1-9月已完成2项', '1-9月已完成3项']);
  });

  it('a table with only an earlier quarter’s column imported as this quarter still reads it', async () => {
    const o = await read(table(null, ['序号', '责任目标内容', '二季度完成情况', '是否按计划完成', '责任单位'], rows.map((r) => [r[0]!, r[1]!, r[3]!, r[4]!, r[5]!])), '表.xlsx', { quarter: 3 });
    expect(progressColumn(o)).toBe('二季度完成情况');
  });
});

describe('a table that starts in column B', () => {
  it('a group title merged across from the empty column A, right under the header, is a heading, not a second header row', async () => {
    const o = await read((wb) => {
      const ws = wb.addWorksheet('台账');
      ws.addRow(['2023年三季度责任目标推进情况台账']);
      ws.mergeCells('A1:H1');
      ws.addRow([null, '目标序号', '联系电话', '责任领导', '责任目标', '时间节点', '落实情况', '承办单位']);
      ws.addRow(['李春英同志牵头责任目标']);
      ws.mergeCells('A3:H3');
      ws.addRow([null, '（1）', '13805310159', '(1)李春英', '一般公共预算收入增长5.5%左右', '年底', '前三季度,全市一般公共预算收入完成246.5亿元,增长6.9%', '市财政局（牵头）']);
      ws.addRow([null, '（2）', '0530-5310148', '(1)李春英', '固定资产投资增长10%左右', '年底', '前三季度固定资产投资增长8.2%,完成年度目标的八成', '市发展改革委（牵头）']);
    });
    expect(o.sheets[0]!.headerRow).toBe(2);
    expect(o.targets.map((t) => [t.serial, t.content, t.lines[0]!.leaders, t.lines[0]!.units])).toEqual([
      [1, '一般公共预算收入增长5.5%左右', ['李春英'], ['市财政局']],
      [2, '固定资产投资增长10%左右', ['李春英'], ['市发展改革委']],
    ]);
  });
});
