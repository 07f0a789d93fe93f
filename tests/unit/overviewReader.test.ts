/**
 * The overview reader on the published Q3 2023 table (seeds/, quirks included) and on small workbooks
 * built here with the layouts other offices use.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOverviewWorkbook, readOverview, type ParsedOverview, type ParsedTarget } from '../../electron/excel/overviewReader';
import { AppError } from '../../shared/errors';

const SEED = path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx');
const HEADER = ['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位'];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overview-reader-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes and reads back through a real .xlsx file, as a user's workbook arrives. */
async function roundTrip(name: string, build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<ParsedOverview> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Sheet1'), wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return readOverview(file);
}

function target(o: ParsedOverview, serial: number): ParsedTarget {
  const t = o.targets.find((x) => x.serial === serial);
  if (!t) throw new Error(`no target ${serial}`);
  return t;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('the published Q3 2023 overview (seeds/)', () => {
  let o: ParsedOverview;
  beforeAll(async () => {
    o = await readOverview(SEED);
  });

  it('reads the title, city, year and quarter', () => {
    expect(o.file).toBe('2023-三季度-一览表.xlsx');
    expect(o.title).toBe('菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表');
    expect(o.city).toBe('菏泽市');
    expect(o.year).toBe(2023);
    expect(o.quarter).toBe(3);
  });

  it('reads both blocks: 39 targets with serials 1..39, 40 lines', () => {
    expect(o.targets).toHaveLength(39);
    expect(o.targets.map((t) => t.serial)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(o.targets.reduce((n, t) => n + t.lines.length, 0)).toBe(40);
    // Left block first, then the right block from the top again.
    expect(target(o, 21).ref).toMatchObject({ sheet: '一览表', row: 24, column: 'A' });
    expect(target(o, 22).ref).toMatchObject({ sheet: '一览表', row: 4, column: 'H' });
  });

  it('reads target 26 as two lines, the second with its own leader, units and progress', () => {
    const t = target(o, 26);
    expect(t.lines).toHaveLength(2);
    expect(t.lines[0]!.leaders).toEqual(['聂元科']);
    expect(t.lines[1]!.leaders).toEqual(['肖友华']);
    expect(t.lines[1]!.units).toEqual(['市自然资源和规划局', '市住房城乡建设局']);
    expect(t.lines[1]!.progressText).not.toBe(t.lines[0]!.progressText);
    expect(t.lines[1]!.ref).toMatchObject({ row: 9, column: 'H' });
  });

  it('keeps the copy errors of the source as data', () => {
    expect(target(o, 13).content).toBe('');
    expect(target(o, 13).lines[0]!.progressText).not.toBe('');
    // 25's content cell holds its progress text: the same text but for the opening words.
    const [content, progress] = [target(o, 25).content, target(o, 25).lines[0]!.progressText];
    expect(content).not.toBe('');
    expect(content.slice(content.indexOf('省级城乡融合'))).toBe(progress.slice(progress.indexOf('省级城乡融合')));
    expect(content.length).toBeGreaterThan(100);
    expect(target(o, 20).lines[0]!.progressText).toBe(target(o, 21).lines[0]!.progressText);
  });

  it('reads deadlines with a line break inside as one word', () => {
    expect(target(o, 17).deadline).toBe('长期坚持');
    expect(target(o, 36).deadline).toBe('长期坚持');
    expect(target(o, 1).deadline).toBe('年底');
  });

  it('splits several names in one cell', () => {
    expect(target(o, 10).lines[0]!.leaders).toEqual(['聂元科', '曹临']);
    expect(target(o, 28).lines[0]!.leaders).toEqual(['聂元科', '王昌华']);
    expect(target(o, 13).lines[0]!.leaders).toEqual(['聂元科', '王昌华', '张鹏', '肖友华']);
    expect(target(o, 3).lines[0]!.units).toEqual(['市财政局', '市税务局']);
  });
});

describe('layouts of other offices', () => {
  it('finds a header on row 4 under title rows, with other wording, padded names, empty markers, formulas and full-width digits', async () => {
    const o = await roundTrip('一季度.xlsx', (ws) => {
      ws.addRow(['某某市人民政府2024年经济社会发展责任目标一季度进展情况']);
      ws.mergeCells('A1:G1');
      ws.addRow(['填报单位：市政府办公室　　填报时间：2024年4月8日']);
      ws.addRow([]);
      ws.addRow(['编 号', '责任\n领导', '目标任务', '时限要求', '进展情况', '是否按进度推进', '牵头单位']);
      ws.addRow(['１２', '张　鹏', '新签约过亿元项目300个以上', '年底', '已签约87个', '是', '市商务局、市投资促进局']);
      ws.addRow([{ formula: 'VALUE(A5)+1', result: 13 }, '李春英', '完成“两案”办理', '—', '—', '/', '市政府办公室']);
      ws.addRow(['14', '李春英', { formula: '"加强财政"&"资源统筹"', result: '加强财政资源统筹' }, '3月底前', { richText: [{ text: '已' }, { text: '完成' }] }, '是', '市财政局']);
    });
    expect(o).toMatchObject({ city: '某某市', year: 2024, quarter: 1, title: '某某市人民政府2024年经济社会发展责任目标一季度进展情况' });
    expect(o.targets.map((t) => t.serial)).toEqual([12, 13, 14]);
    expect(target(o, 12).ref).toMatchObject({ row: 5, column: 'A' });
    expect(target(o, 12).lines[0]).toMatchObject({ leaders: ['张鹏'], units: ['市商务局', '市投资促进局'], progressText: '已签约87个', onScheduleText: '是' });
    expect(target(o, 13).deadline).toBe('');
    expect(target(o, 13).lines[0]).toMatchObject({ progressText: '', onScheduleText: '', leaders: ['李春英'] });
    expect(target(o, 14)).toMatchObject({ content: '加强财政资源统筹', deadline: '3月底前' });
    expect(target(o, 14).lines[0]!.progressText).toBe('已完成');
  });

  it('reads the dump layout: a continuation line whose leader slid into the 序号 column, and says so', async () => {
    const o = await roundTrip('dump.xlsx', (ws) => {
      ws.addRow(['菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表']);
      ws.addRow([...HEADER, ...HEADER]);
      ws.addRow([6, '聂元科', '地区生产总值增长5.5%左右', '年底', '前三季度增长5.1%', '是', '市发展改革委', 26, '聂元科', '积极推动20个重点镇快速发展', '年底', '重点镇完成投资', '是', '市政府办公室 市发展改革委']);
      ws.addRow([7, '聂元科', '固定资产投资增长10%左右', '长期\n坚持', '增长9.6%', '是', '市发展改革委', '肖友华', null, null, '年底', '国土空间规划编制', '是', '市自然资源和规划局 市住房城乡建设局']);
      ws.addRow([8, '聂元科', '居民人均可支配收入增长6%左右', '年底', '增长5.8%', '否', '市发展改革委']);
    });
    expect(o.targets.map((t) => t.serial)).toEqual([6, 7, 8, 26]);
    expect(target(o, 7).deadline).toBe('长期坚持');
    expect(target(o, 26).lines.map((l) => l.leaders)).toEqual([['聂元科'], ['肖友华']]);
    expect(target(o, 26).lines[1]!.units).toEqual(['市自然资源和规划局', '市住房城乡建设局']);
    expect(o.notes).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/第4行：序号列中的“肖友华”.*续行的市政府领导/), where: expect.objectContaining({ row: 4, column: 'H' }) }),
    );
  });

  it('reads a two-row header (group cells over 完成情况 | 是否按计划完成进度 and 牵头单位 | 配合单位)', async () => {
    const o = await roundTrip('两行表头.xlsx', (ws) => {
      ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度工作推进情况', null, '责任单位', null]);
      ws.addRow([null, null, null, null, '完成情况', '是否按计划完成进度', '牵头单位', '配合单位']);
      for (const c of ['A', 'B', 'C', 'D']) ws.mergeCells(`${c}1:${c}2`);
      ws.mergeCells('E1:F1');
      ws.mergeCells('G1:H1');
      ws.addRow([1, '聂元科', '地区生产总值增长5.5%左右', '年底', '增长5.1%', '是', '市发展改革委', '市统计局、市财政局']);
    });
    expect(o.quarter).toBe(3);
    expect(o.targets).toHaveLength(1);
    expect(o.targets[0]!.lines[0]).toMatchObject({ units: ['市发展改革委'], cooperatingUnits: ['市统计局', '市财政局'], progressText: '增长5.1%', onScheduleText: '是' });
  });

  it('reads group titles, section headings, repeated headers, repeated serials and units written in the content', async () => {
    const o = await roundTrip('分组.xlsx', (ws) => {
      ws.addRow(['张　鹏同志牵头责任目标']);
      ws.mergeCells('A1:G1');
      ws.addRow(HEADER);
      ws.addRow(['一、经济发展']);
      ws.addRow([1, null, '推进重点项目建设。责任单位：市发展改革委、市财政局', '年底', '开工42个', '是', null]);
      ws.addRow([1, '王昌华', null, null, '完成投资', '是', '市住房城乡建设局']);
      ws.addRow(['王昌华同志牵头责任目标']);
      ws.mergeCells('A6:G6');
      ws.addRow(HEADER);
      ws.addRow([2, null, '加强财政资源统筹（牵头单位：市财政局；配合单位：市税务局）', '年底', '已完成', '是', null]);
    });
    expect(o.targets.map((t) => t.serial)).toEqual([1, 2]);
    const first = target(o, 1);
    expect(first.content).toBe('推进重点项目建设。');
    expect(first.lines.map((l) => [l.leaders, l.units])).toEqual([
      [['张鹏'], ['市发展改革委', '市财政局']],
      [['王昌华'], ['市住房城乡建设局']],
    ]);
    expect(target(o, 2)).toMatchObject({ content: '加强财政资源统筹' });
    expect(target(o, 2).lines[0]).toMatchObject({ leaders: ['王昌华'], units: ['市财政局'], cooperatingUnits: ['市税务局'] });
    expect(o.notes.map((n) => n.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/第1行是分组标题/), expect.stringMatching(/第3行“一、经济发展”是标题行/), expect.stringMatching(/第7行是重复的表头/)]),
    );
  });
});

describe('what the reader refuses', () => {
  it('a workbook without a recognisable header: a Chinese AppError naming the file and sheet', async () => {
    const err = await rejection(
      roundTrip('工作总结.xlsx', (ws) => {
        ws.addRow(['2023年工作总结']);
        ws.addRow(['一、主要工作', '完成情况']);
      }),
    );
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(err.message).toMatch(/未找到.*表头/);
    expect(err.message).toContain('工作总结.xlsx');
    expect(err.message).toContain('Sheet1');
    expect(err.where).toEqual({ file: '工作总结.xlsx', sheet: 'Sheet1' });
  });

  it('a serial that is not a number: that row is left out with an error at its cell, the rest still reads', async () => {
    const o = await roundTrip('序号.xlsx', (ws) => {
      ws.addRow(HEADER);
      ws.addRow([1, '李春英', '目标一', '年底', '进展', '是', '市财政局']);
      ws.addRow(['1-1', '李春英', '目标一之一', '年底', '进展', '是', '市财政局']);
      ws.addRow(['（二）', '', '经济发展', '', '', '', '']);
      ws.addRow([2, '聂元科', '目标二', '年底', '进展', '是', '市商务局']);
    });
    expect(o.targets.map((t) => [t.serial, t.content])).toEqual([
      [1, '目标一'],
      [2, '目标二'],
    ]);
    const error = o.notes.find((n) => n.severity === 'error')!;
    expect(error.message).toMatch(/序号“1-1”不是数字.*该行未导入/);
    expect(error.where).toEqual({ file: '序号.xlsx', sheet: 'Sheet1', row: 3, column: 'A' });
    expect(o.notes.some((n) => n.severity === 'info' && /“（二）经济发展”是篇章标题行/.test(n.message))).toBe(true);
  });

  it('parses a workbook already in memory the same way', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SEED);
    const o = parseOverviewWorkbook(wb, 'x.xlsx');
    expect(o.file).toBe('x.xlsx');
    expect(o.targets).toHaveLength(39);
  });
});
