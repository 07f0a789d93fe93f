/**
 * npx tsx scripts/make-fixtures.ts: writes the importer's test workbooks into tests/fixtures/import/, one
 * file per case of "what goes wrong in real files" (DOMAIN.md), and a README.md listing them.
 *
 * Real files come from Excel or WPS, not from exceljs, so several fixtures are re-saved by LibreOffice
 * (soffice --headless --convert-to xlsx); the legacy .xls is LibreOffice's too. The password-protected
 * workbook and Word return are real OLE2 compound files with EncryptionInfo / EncryptedPackage streams
 * (ECMA-376 agile encryption, password 123456, by scripts/ooxmlEncrypt.ts); the return inside is written by
 * python-docx (tests/helpers/wordReturn.py, Debian's python3-docx). The password-protected .xls is saved by
 * LibreOffice with the password 123456 (a BIFF FILEPASS record, RC4), through a Basic macro: --convert-to
 * takes no password. When msoffcrypto-tool is installed, each encrypted fixture is checked to open with
 * 123456 and with no other password.
 *
 * Content is deterministic (fixed data, fixed dates, seeded salts). LibreOffice stamps its own save time
 * into docProps, so re-running changes those bytes, never the cells; its RC4 salt for the .xls is random.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encryptAgile, seededBytes, writeCompoundFile } from './ooxmlEncrypt';
import { fixZipDates } from './fixedZipDates';
import { writeWordReturn } from '../tests/helpers/wordReturn';

const OUT = path.resolve(__dirname, '../tests/fixtures/import');
const FIXED_DATE = new Date('2024-07-10T08:00:00Z');

// ---------------------------------------------------------------------------------------------------
// Data

/** One line (分工) of a target as it is typed in the sheet. */
interface Line {
  leaders: string;
  progress: ExcelJS.CellValue;
  status: string;
  units: string;
}

interface Row {
  serial: ExcelJS.CellValue;
  content: ExcelJS.CellValue;
  deadline: string;
  lines: Line[];
}

const TITLE_Q2 = '菏泽市人民政府2024年经济社会发展责任目标二季度工作推进情况一览表';
const PARAGRAPH =
  '市政府办公室对2024年《政府工作报告》确定的经济社会发展责任目标二季度工作推进情况进行了调度。依据政务公开有关规定,现将工作完成情况向社会公开,接受群众监督。';
const HEADER_Q2 = ['序号', '市政府领导', '责任目标内容', '完成时限', '二季度完成情况', '是否按计划完成进度', '责任单位'];

/** The base data set: 7 targets, target 3 with two lines. Most layout fixtures encode exactly this. */
const BASE: Row[] = [
  { serial: 1, content: '一般公共预算收入增长5.5%左右', deadline: '年底', lines: [{ leaders: '李春英', progress: '上半年,全市一般公共预算收入完成168.2亿元,增长6.1%,完成年度预算的52.3%', status: '是', units: '市财政局' }] },
  { serial: 2, content: '地区生产总值增长5.5%左右', deadline: '年底', lines: [{ leaders: '聂元科', progress: '上半年,地区生产总值增长6.8%', status: '是', units: '市发展改革委' }] },
  {
    serial: 3,
    content: '积极推动20个重点镇快速发展',
    deadline: '年底',
    lines: [
      { leaders: '聂元科', progress: '上半年,重点镇一般公共预算收入10.2亿元,同比增长18.5%', status: '是', units: '市政府办公室 市发展改革委 市财政局' },
      { leaders: '肖友华', progress: '20个重点镇国土空间规划已形成初步成果,其中9个已进行规划公示', status: '是', units: '市自然资源和规划局 市住房城乡建设局' },
    ],
  },
  { serial: 4, content: '新增规模以上服务业企业100家以上', deadline: '年底', lines: [{ leaders: '王昌华', progress: '上半年,新增规模以上服务业企业21家', status: '否', units: '市发展改革委 市统计局' }] },
  { serial: 5, content: '城镇调查失业率控制在5.5%以内', deadline: '长期\n坚持', lines: [{ leaders: '张鹏', progress: '上半年,城镇新增就业3.2万人,城镇调查失业率4.9%', status: '是', units: '市人力资源社会保障局' }] },
  { serial: 6, content: '有序推进郓城、巨野、单县、成武压煤村庄搬迁', deadline: '年底', lines: [{ leaders: '聂元科 王昌华', progress: '完成巨野县龙堌镇奚楼村和田桥镇邬庄村2个村避险安置工作', status: '是', units: '市发展改革委 郓城县人民政府 巨野县人民政府' }] },
  { serial: 7, content: '增加市级储备粮8.6万吨', deadline: '年底', lines: [{ leaders: '李春英', progress: '上半年,新增市级储备粮1.2万吨', status: '是', units: '市发展改革委 市财政局' }] },
];
// ---------------------------------------------------------------------------------------------------
// Writing sheets the way offices lay them out

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const WIDTHS = [6, 10, 30, 8, 46, 10, 18];

function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '市政府办公室督查科';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string, columns: number, widths = WIDTHS): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = Array.from({ length: columns }, (_, i) => ({ width: widths[i % widths.length]! }));
  return ws;
}

/** A text row merged across `width` columns starting at column `from` (title, paragraph, heading). */
function banner(ws: ExcelJS.Worksheet, row: number, text: string, width: number, from = 1, font: Partial<ExcelJS.Font> = { name: '方正小标宋简体', size: 18 }): void {
  const cell = ws.getCell(row, from);
  cell.value = text;
  cell.font = font;
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (width > 1) ws.mergeCells(row, from, row, from + width - 1);
}

function header(ws: ExcelJS.Worksheet, row: number, texts: string[], from = 1): void {
  texts.forEach((t, i) => {
    const cell = ws.getCell(row, from + i);
    cell.value = t;
    cell.font = { name: '黑体', size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, value: ExcelJS.CellValue): void {
  const cell = ws.getCell(row, col);
  if (!(cell.isMerged && cell.master.address !== cell.address)) cell.value = value === '' ? null : value;
  cell.font = { name: '仿宋_GB2312', size: 11 };
  cell.border = BORDER;
  cell.alignment = { wrapText: true, vertical: 'middle' };
}

/** Columns of the official roles, 1-based, relative to `from`; `coop` set for separate 牵头单位 / 配合单位 columns. */
interface Layout {
  serial?: number;
  leaders?: number;
  content: number;
  deadline: number;
  progress: number;
  status: number;
  units?: number;
  coop?: number;
}

interface TableOptions {
  /** Default the official order. */
  layout?: Layout;
  /** Serial, content and deadline merged over a target's lines (the published style); else left empty. */
  merge?: boolean;
  from?: number;
  /** Extra cells per row: column (absolute) → value for each written sheet row. */
  extra?: (sheetRow: number) => Record<number, ExcelJS.CellValue>;
}

const OFFICIAL: Layout = { serial: 1, leaders: 2, content: 3, deadline: 4, progress: 5, status: 6, units: 7 };

/** Writes targets from `row`, returns the next free row. */
function table(ws: ExcelJS.Worksheet, row: number, targets: Row[], options: TableOptions = {}): number {
  const layout = options.layout ?? OFFICIAL;
  const from = options.from ?? 1;
  const at = (c: number) => from + c - 1;
  let r = row;
  for (const t of targets) {
    const first = r;
    t.lines.forEach((l, i) => {
      if (layout.serial) put(ws, r, at(layout.serial), i === 0 ? t.serial : null);
      put(ws, r, at(layout.content), i === 0 ? t.content : null);
      put(ws, r, at(layout.deadline), i === 0 ? t.deadline : null);
      if (layout.leaders) put(ws, r, at(layout.leaders), l.leaders);
      put(ws, r, at(layout.progress), l.progress);
      put(ws, r, at(layout.status), l.status);
      if (layout.coop) {
        const [leadUnit = '', ...coop] = l.units.split(' ');
        put(ws, r, at(layout.units!), leadUnit);
        put(ws, r, at(layout.coop), coop.join('、'));
      } else if (layout.units) {
        put(ws, r, at(layout.units), l.units);
      }
      for (const [c, v] of Object.entries(options.extra?.(r) ?? {})) put(ws, r, Number(c), v);
      r++;
    });
    if (options.merge && t.lines.length > 1) {
      for (const c of [layout.serial, layout.content, layout.deadline]) if (c) ws.mergeCells(first, at(c), r - 1, at(c));
    }
  }
  return r;
}

/** Title, paragraph and header rows of the published overview; returns the first data row. */
function publishedTop(ws: ExcelJS.Worksheet, width: number, headerTexts: string[], from = 1): number {
  banner(ws, 1, TITLE_Q2, width);
  banner(ws, 2, PARAGRAPH, width, 1, { name: '仿宋_GB2312', size: 12 });
  ws.getRow(1).height = 36;
  ws.getRow(2).height = 36;
  header(ws, 3, headerTexts, from);
  return 4;
}

// ---------------------------------------------------------------------------------------------------
// The cases

type Builder = (wb: ExcelJS.Workbook) => void;

interface Case {
  file: string;
  /** Re-saved by LibreOffice after exceljs wrote it. */
  libreoffice?: boolean;
  exercises: string;
  expected: string;
  build?: Builder;
  /** Files that are not exceljs workbooks: bytes made from the other fixtures. */
  bytes?: () => Buffer;
}

const cases: Case[] = [
  {
    file: 'published-merged.xlsx',
    libreoffice: true,
    exercises: '正式公布的一览表：标题行、说明段落在表头之上（表头在第3行），7列；第3项有两条分工，序号/责任目标内容/完成时限纵向合并',
    expected: '2024年二季度，新增7项、8条分工；第3项两条分工（聂元科 / 肖友华），单位“第一个牵头、其余配合”；第5项时限“长期坚持”；第4项 是否按计划=否',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 7);
      table(ws, publishedTop(ws, 7, HEADER_Q2), BASE, { merge: true });
    },
  },
  {
    file: 'continuation-empty-serial.xlsx',
    exercises: '同一数据，第3项的第二条分工是续行：序号、内容、时限为空（未合并）',
    expected: '与 published-merged.xlsx 完全相同的数据；在其之后导入则全部“无变化”',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 7);
      table(ws, publishedTop(ws, 7, HEADER_Q2), BASE, { merge: false });
    },
  },
  {
    file: 'two-blocks.xlsx',
    libreoffice: true,
    exercises: '左右两栏并排打印（14列），左栏第1–4项（含合并的第3项），右栏第5–7项，右栏较短',
    expected: '与 published-merged.xlsx 完全相同的数据（左栏先读，预览按序号排序）',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 14);
      const start = publishedTop(ws, 14, [...HEADER_Q2, ...HEADER_Q2]);
      table(ws, start, BASE.slice(0, 4), { merge: true });
      table(ws, start, BASE.slice(4), { merge: true, from: 8 });
    },
  },
  {
    file: 'several-sheets.xlsx',
    exercises: '多个工作表：“第一部分”有标题和第1–4项，“第二部分”表头在第1行、第5–7项；另有一个空的 Sheet3',
    expected: '与 published-merged.xlsx 完全相同的数据；说明中注明每项来自哪个工作表',
    build: (wb) => {
      const one = sheet(wb, '第一部分', 7);
      table(one, publishedTop(one, 7, HEADER_Q2), BASE.slice(0, 4), { merge: true });
      const two = sheet(wb, '第二部分', 7);
      header(two, 1, HEADER_Q2);
      table(two, 2, BASE.slice(4), { merge: true });
      wb.addWorksheet('Sheet3');
    },
  },
  {
    file: 'hidden-columns-rows.xlsx',
    libreoffice: true,
    exercises: '隐藏的辅助列（D列“辅助列”，公式）和“备注”列（I列）；第8、9行（第4项、第5项）被隐藏',
    expected: '与 published-merged.xlsx 完全相同的数据；提示“辅助列”（D列）和“备注”（I列）未导入；警告有2个隐藏行（第8、9行）且已读取',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 9, [6, 10, 30, 6, 8, 46, 10, 18, 12]);
      const texts = ['序号', '市政府领导', '责任目标内容', '辅助列', '完成时限', '二季度完成情况', '是否按计划完成进度', '责任单位', '备注'];
      const start = publishedTop(ws, 9, texts);
      const end = table(ws, start, BASE, {
        merge: true,
        layout: { serial: 1, leaders: 2, content: 3, deadline: 5, progress: 6, status: 7, units: 8 },
        extra: (r) => ({ 9: r === start ? '已核实' : r === start + 4 ? '数据待统计局确认' : null }),
      });
      // Cached results as Excel would have them (LEN of the content shown on the row).
      for (let r = start; r < end; r++) {
        const content = ws.getCell(r, 3).isMerged ? ws.getCell(r, 3).master.value : ws.getCell(r, 3).value;
        put(ws, r, 4, { formula: `LEN(C${r})`, result: typeof content === 'string' ? [...content].length : 0 });
      }
      ws.getColumn(4).hidden = true;
      ws.getRow(start + 4).hidden = true;
      ws.getRow(start + 5).hidden = true;
    },
  },
  {
    file: 'variant-headers.xlsx',
    exercises: '另一种表头用词：编号 / 责任领导 / 目标任务 / 时限要求 / 进展情况 / 是否按进度推进 / 牵头单位 + 配合单位（两列）；标题只有年度，季度来自工作表名“二季度”',
    expected: '与 published-merged.xlsx 完全相同的数据（牵头、配合单位按两列读取）',
    build: (wb) => {
      const ws = sheet(wb, '二季度', 8, [6, 10, 30, 8, 46, 10, 16, 24]);
      banner(ws, 1, '2024年责任目标工作推进情况', 8);
      header(ws, 2, ['编号', '责任领导', '目标任务', '时限要求', '进展情况', '是否按进度推进', '牵头单位', '配合单位']);
      table(ws, 3, BASE, { merge: true, layout: { ...OFFICIAL, coop: 8 } });
    },
  },
  {
    file: 'spaced-headers.xlsx',
    exercises: '表头单元格内有空格和换行：“序  号”“牵头\\n市领导”“责任目标\\n内容”“完成\\n时限”“二季度\\n完成情况”“是否按计划\\n完成进度”“责 任 单 位”',
    expected: '与 published-merged.xlsx 完全相同的数据',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 7);
      const start = publishedTop(ws, 7, ['序  号', '牵头\n市领导', '责任目标\n内容', '完成\n时限', '二季度\n完成情况', '是否按计划\n完成进度', '责 任 单 位']);
      table(ws, start, BASE, { merge: true });
    },
  },
  {
    file: 'sections-inside.xlsx',
    exercises: '表内有篇章标题行：“一、经济发展”“二、民生保障”横跨全部7列合并',
    expected: '与 published-merged.xlsx 完全相同的数据；提示第4行、第10行是标题行，已跳过',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 7);
      let r = publishedTop(ws, 7, HEADER_Q2);
      banner(ws, r++, '一、经济发展', 7, 1, { name: '黑体', size: 12 });
      r = table(ws, r, BASE.slice(0, 4), { merge: true });
      banner(ws, r++, '二、民生保障', 7, 1, { name: '黑体', size: 12 });
      table(ws, r, BASE.slice(4), { merge: true });
    },
  },
  {
    file: 'grouped-by-leader.xlsx',
    libreoffice: true,
    exercises: '另一单位的按领导分组的表：每组一个合并的分组标题行“某某同志牵头责任目标”，表头在每组下重复；没有市政府领导列',
    expected: '郓城县 2024年三季度，新增5项；第1–2项领导李春英，第3–4项聂元科，第5项王昌华（来自分组标题）；提示每个分组标题',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 6, [6, 32, 8, 46, 10, 22]);
      const head = ['序号', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位'];
      const layout = { serial: 1, content: 2, deadline: 3, progress: 4, status: 5, units: 6 };
      banner(ws, 1, '郓城县人民政府2024年重点工作责任目标三季度推进情况', 6);
      const groups: [string, Row[]][] = [
        [
          '李春英',
          [
            { serial: 1, content: '加强财政资源统筹,创新财政支持方式', deadline: '年底', lines: [{ leaders: '', progress: '前三季度,全县发放创业担保贷款1.46亿元', status: '是', units: '县财政局' }] },
            { serial: 2, content: '强化预算约束和绩效管理,推进节约型机关建设', deadline: '年底', lines: [{ leaders: '', progress: '全面实施成本预算绩效管理,“三公”经费只减不增', status: '是', units: '县财政局 县机关事务服务中心' }] },
          ],
        ],
        [
          '聂元科',
          [
            { serial: 3, content: '持续推进省级城乡融合发展试验区建设', deadline: '年底', lines: [{ leaders: '', progress: '完成试验区建设年度监测评价工作', status: '是', units: '县发展改革局' }] },
            { serial: 4, content: '推进县城城镇化补短板强弱项', deadline: '9月底前', lines: [{ leaders: '', progress: '实施补短板项目6个,完成投资4.3亿元', status: '否', units: '县发展改革局 县住房城乡建设局' }] },
          ],
        ],
        ['王昌华', [{ serial: 5, content: '新增规模以上服务业企业30家以上', deadline: '年底', lines: [{ leaders: '', progress: '前三季度,新增规模以上服务业企业12家', status: '否', units: '县统计局' }] }]],
      ];
      let r = 2;
      for (const [leader, rows] of groups) {
        banner(ws, r++, `${leader}同志牵头责任目标`, 6, 1, { name: '黑体', size: 12 });
        header(ws, r++, head);
        r = table(ws, r, rows, { merge: true, layout });
      }
    },
  },
  {
    file: 'messy-cells.xlsx',
    libreoffice: true,
    exercises:
      '脏单元格：姓名用空格、、、，、; 和换行分隔；“张　鹏”（全角空格补位）；全角序号“１２”；“/”“—”“无”表示空；“长期\\n坚持”；以文本存储的数字；公式（带缓存值）；富文本；状态词 达序推进/顺利推进/部分滞后/滞后1个月/65%/80%（进度滞后）/办结/正常推进；时限 3月底前/6月开工，年内完工/第四季度/2024-2025/无法识别的“待研究”',
    expected: '2024年三季度，新增10项（序号1–9、12）；65% 记为未填并警告（Sheet1 第7行 F列），“待研究”无法识别并警告（第10行 D列）；详见 tests/import/messy-cells.test.ts',
    build: (wb) => {
      const ws = sheet(wb, 'Sheet1', 7);
      banner(ws, 1, '菏泽市人民政府2024年经济社会发展责任目标三季度工作推进情况一览表', 7);
      header(ws, 2, ['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']);
      const rich: ExcelJS.CellRichTextValue = {
        richText: [{ text: '统筹抓好' }, { text: '青年发展友好型城市', font: { bold: true, name: '仿宋_GB2312', size: 11 } }, { text: '创建' }],
      };
      const rows: Row[] = [
        { serial: 1, content: rich, deadline: '3月底前', lines: [{ leaders: '聂元科 王昌华', progress: '举办“菏泽正青春”五四青年节主题活动', status: '达序推进', units: '团市委、市人力资源社会保障局' }] },
        { serial: '2', content: '一般公共预算收入增长5.5%左右', deadline: '6月开工，年内完工', lines: [{ leaders: '李春英、张　鹏', progress: '前三季度,全市一般公共预算收入完成246.5亿元', status: '顺利推进', units: '市财政局，市税务局' }] },
        { serial: { formula: 'A3+2', result: 3 }, content: '城镇调查失业率控制在5.5%以内', deadline: '第四季度', lines: [{ leaders: '张　鹏', progress: '前三季度,城镇新增就业4.1万人', status: '部分滞后', units: '市人力资源社会保障局;市统计局' }] },
        { serial: 4, content: '推进20个重点镇国土空间规划编制', deadline: '2024-2025', lines: [{ leaders: '肖友华\n聂元科', progress: '14个重点镇已进行规划公示', status: '滞后1个月', units: '市自然资源和规划局\n市住房城乡建设局\n市水务局' }] },
        { serial: 5, content: '新增规模以上服务业企业100家以上', deadline: '年底', lines: [{ leaders: '王昌华', progress: '前三季度,新增规模以上服务业企业33家', status: '65%', units: '市发展改革委' }] },
        { serial: 6, content: '增加市级储备粮8.6万吨', deadline: '年底', lines: [{ leaders: '李春英', progress: '前三季度,新增市级储备粮1.71万吨', status: '80%（进度滞后）', units: '市发展改革委 市财政局' }] },
        { serial: 7, content: '全面推动新型智慧城市四星级试点建设工作', deadline: '长期\n坚持', lines: [{ leaders: '/', progress: '—', status: '办结', units: '市大数据局' }] },
        { serial: 8, content: '有序推进压煤村庄搬迁', deadline: '待研究', lines: [{ leaders: '聂元科', progress: '完成2个村避险安置工作', status: '是', units: '无' }] },
        { serial: 9, content: '  新签约过亿元项目300个以上 ', deadline: '年底', lines: [{ leaders: ' 王昌华 ', progress: '286', status: '是', units: ' 市投资促进局 ' }] },
        { serial: '１２', content: '实施城市更新行动,改造老旧小区35个', deadline: '9月底前', lines: [{ leaders: '张三', progress: '已开工改造老旧小区28个', status: '正常推进', units: '市住房城乡建设局' }] },
      ];
      table(ws, 3, rows);
    },
  },
  {
    file: 'conflict-serial5.xlsx',
    exercises: '在 published-merged.xlsx 之后导入：第1项完成情况有更新；第5项内容完全不同（序号被重排）；第8项是新目标',
    expected: '更新1项、冲突1项（第5项不覆盖，错误说明指向内容列）、新增1项',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 7);
      const rows: Row[] = [
        { ...BASE[0]!, lines: [{ ...BASE[0]!.lines[0]!, progress: '上半年,全市一般公共预算收入完成170.5亿元,增长6.3%' }] },
        { serial: 5, content: '建成投用市档案馆新馆并对外开放', deadline: '年底', lines: [{ leaders: '李春英', progress: '主体工程已完工,正在布展', status: '是', units: '市档案馆' }] },
        { serial: 8, content: '实施城市更新行动,改造老旧小区35个', deadline: '年底', lines: [{ leaders: '张鹏', progress: '已开工改造老旧小区20个', status: '是', units: '市住房城乡建设局' }] },
      ];
      table(ws, publishedTop(ws, 7, HEADER_Q2), rows, { merge: true });
    },
  },
  {
    file: 'returned-template-ids.xlsx',
    exercises:
      '单位报回的报送模板：A、B列是隐藏的“目标ID”“分工ID”，没有领导和单位列，行顺序与序号不同（7、3、12、1），第2项的序号被改成12；第3项这一行是它的第二条分工',
    expected:
      '在空库导入 published-merged.xlsx 后（目标ID 1–7，分工ID 1–8）：按ID匹配，更新3项（第7项、第3项第二条分工、第2项）、无变化1项；不新增第12项，警告“序号12与目标ID 2 对应的第2项不一致”（C6）；ID 列隐藏不警告',
    build: (wb) => {
      const ws = sheet(wb, '报送表', 7, [8, 8, 6, 30, 8, 46, 10]);
      banner(ws, 1, '2024年二季度责任目标完成情况报送表', 7);
      banner(ws, 2, '填报单位（盖章）：              联系人：          电话：', 7, 1, { name: '仿宋_GB2312', size: 11 });
      header(ws, 3, ['目标ID', '分工ID', '序号', '责任目标内容', '完成时限', '二季度完成情况', '是否按计划完成进度']);
      const b = (serial: number) => BASE.find((t) => t.serial === serial)!;
      const rows: [number, number, number, string, string, string][] = [
        [7, 8, 7, '年底', '上半年,新增市级储备粮1.5万吨,完成年度任务的17.4%', '是'],
        [3, 4, 3, '年底', '20个重点镇国土空间规划已全部通过专家评审', '是'],
        [2, 2, 12, '年底', '上半年,地区生产总值增长6.9%', '是'],
        [1, 1, 1, '年底', b(1).lines[0]!.progress as string, '是'],
      ];
      rows.forEach(([targetId, assignmentId, serial, deadline, progress, status], i) => {
        const r = 4 + i;
        [targetId, assignmentId, serial, b(targetId).content, deadline, progress, status].forEach((v, c) => put(ws, r, c + 1, v));
      });
      ws.getColumn(1).hidden = true;
      ws.getColumn(2).hidden = true;
    },
  },
  {
    file: 'no-header.xlsx',
    exercises: '没有可识别表头的工作簿（会议签到表）',
    expected: '失败：“未找到表头”，指明文件和工作表“签到表”；数据库不变',
    build: (wb) => {
      const ws = sheet(wb, '签到表', 4, [10, 24, 12, 16]);
      banner(ws, 1, '2024年二季度调度会签到表', 4);
      header(ws, 2, ['姓名', '单位', '职务', '联系电话']);
      [['王某', '市财政局', '副局长', '0530-5311111'], ['李某', '市统计局', '科长', '0530-5322222']].forEach((row, i) => row.forEach((v, c) => put(ws, 3 + i, c + 1, v)));
    },
  },
  {
    file: 'header-only.xlsx',
    exercises: '有标题和表头，但表头下方没有数据行',
    expected: '失败：“没有读到任何责任目标（表头下方没有数据行）”，指明文件；数据库不变',
    build: (wb) => {
      const ws = sheet(wb, '一览表', 7);
      publishedTop(ws, 7, HEADER_Q2);
    },
  },
  {
    file: 'csv-renamed.xlsx',
    exercises: 'UTF-8（带BOM）的CSV文本被改成 .xlsx 扩展名',
    expected: '失败：“不是 Excel 工作簿，而是文本或 CSV 文件”，指明文件；数据库不变',
    bytes: () =>
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`${HEADER_Q2.join(',')}\r\n${BASE.map((t) => [t.serial, t.lines[0]!.leaders, t.content, t.deadline.replace('\n', ''), t.lines[0]!.progress, t.lines[0]!.status, t.lines[0]!.units].map((v) => `"${String(v)}"`).join(',')).join('\r\n')}\r\n`, 'utf8'),
      ]),
  },
  {
    file: 'empty.xlsx',
    exercises: '0 字节的 .xlsx',
    expected: '失败：“是空文件（0 字节）”，指明文件；数据库不变',
    bytes: () => Buffer.alloc(0),
  },
  {
    file: 'truncated.xlsx',
    exercises: '传输中断：published-merged.xlsx 的前一半字节',
    expected: '失败：“已损坏或不完整”，指明文件；数据库不变',
    bytes: () => {
      const whole = fs.readFileSync(path.join(OUT, 'published-merged.xlsx'));
      return whole.subarray(0, Math.floor(whole.length / 2));
    },
  },
  {
    file: 'legacy-xls-renamed.xlsx',
    exercises: 'LibreOffice 另存的旧版 .xls（published-merged 的内容）被改名为 .xlsx',
    expected: '按内容识别为 .xls 直接读取，结果与 published-merged.xlsx 相同',
  },
  {
    file: 'password-protected.xlsx',
    exercises:
      '设置了打开密码的工作簿：OLE2 复合文件，含 EncryptionInfo（agile 加密，AES-256/SHA-512）和 EncryptedPackage 流，内容是 continuation-empty-serial.xlsx；密码 123456（LibreOffice 用该密码可以打开，错误密码打不开）',
    expected: '失败：“设置了打开密码，无法读取”，指明文件；数据库不变',
    bytes: () => {
      const inner = fs.readFileSync(path.join(OUT, 'continuation-empty-serial.xlsx'));
      const { info, pkg } = encryptAgile(inner, '123456', seededBytes('password-protected.xlsx'));
      return writeCompoundFile([
        { name: 'EncryptionInfo', data: info },
        { name: 'EncryptedPackage', data: pkg },
      ]);
    },
  },
  {
    file: 'password-protected.docx',
    exercises:
      '设置了打开密码的 Word 报送材料：市财政局的四季度报告（python-docx 写的 .docx：标题、说明段落、含合并单元格的表格、落款），agile 加密（AES-256/SHA-512）后的 OLE2 复合文件；密码 123456',
    expected: '失败：“设置了打开密码，无法读取。请在 Word/WPS 中取消密码……另存为 .docx 再导入”，指明文件；数据库不变',
    bytes: () => {
      const inner = fixZipDates(writeWordReturn(WORD_RETURN), FIXED_DATE);
      const { info, pkg } = encryptAgile(inner, '123456', seededBytes('password-protected.docx'));
      return writeCompoundFile([
        { name: 'EncryptionInfo', data: info },
        { name: 'EncryptedPackage', data: pkg },
      ]);
    },
  },
  {
    file: 'password-protected.xls',
    exercises: 'LibreOffice 以 Excel 97-2003 格式（MS Excel 97）另存并设置打开密码 123456 的 published-merged.xlsx：BIFF8 的 FILEPASS 记录（RC4 加密）',
    expected: '失败：“设置了打开密码，无法读取”（不是“已损坏”），指明文件；数据库不变',
  },
];

/** 市财政局's return, the one encrypted as password-protected.docx: a merged table title, a merged 是否按计划完成. */
const WORD_RETURN = {
  before: ['市财政局关于2023年四季度责任目标推进情况的报告', '根据市政府督查室通知要求，现将我单位2023年四季度责任目标推进情况报告如下：'],
  rows: [
    ['市财政局责任目标推进情况', null, null, null],
    ['序号', '责任目标', '完成情况', '是否按计划完成'],
    ['2', '一般公共预算收入增长5.5%左右', '一是全年一般公共预算收入完成318.6亿元；\n二是增长6.5%', '是'],
    ['4', '加强财政资源统筹,创新财政支持方式', '全年发放创业担保贷款19.8亿元', '是'],
    ['5', '强化预算约束和绩效管理,推进节约型机关建设', '“三公”经费只减不增', null],
  ],
  merges: [
    { row: 0, col: 0, cols: 4 },
    { row: 3, col: 3, rows: 2 },
  ],
  after: ['', '市财政局（盖章）', '2024年1月5日'],
};

// ---------------------------------------------------------------------------------------------------
// LibreOffice

function soffice(profile: string, args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
}

/** A Basic macro in the profile that saves a file with a filter and an open password (storeToURL's Password). */
const SAVE_WITH_PASSWORD = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub SaveWithPassword(src As String, dst As String, filter As String, pw As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot; : load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(src, &quot;_blank&quot;, 0, load())
  Dim save(1) As New com.sun.star.beans.PropertyValue
  save(0).Name = &quot;FilterName&quot; : save(0).Value = filter
  save(1).Name = &quot;Password&quot; : save(1).Value = pw
  doc.storeToURL(dst, save())
  doc.close(True)
End Sub
</script:module>
`;

/** Saves src as dst (absolute paths) with the filter and password, by the macro above; the profile exists by now. */
function sofficeWithPassword(profile: string, src: string, dst: string, filter: string, password: string): void {
  fs.writeFileSync(path.join(profile, 'user/basic/Standard/Module1.xba'), SAVE_WITH_PASSWORD);
  soffice(profile, [`macro:///Standard.Module1.SaveWithPassword("file://${src}","file://${dst}","${filter}","${password}")`]);
  if (!fs.existsSync(dst)) throw new Error(`LibreOffice did not write ${dst}`);
}

/** Each encrypted fixture opens with 123456 and with no other password, when msoffcrypto-tool is installed. */
function checkEncrypted(files: string[], work: string): void {
  const python = '/usr/bin/python3';
  try {
    execFileSync(python, ['-c', 'import msoffcrypto'], { stdio: 'ignore' });
  } catch {
    console.warn('msoffcrypto-tool not installed (apt-get install python3-msoffcrypto-tool): the encrypted fixtures are not checked');
    return;
  }
  for (const f of files) {
    const open = (pw: string) => {
      try {
        execFileSync(python, ['-m', 'msoffcrypto', '-p', pw, path.join(OUT, f), path.join(work, 'decrypted')], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    if (!open('123456')) throw new Error(`${f} does not open with its password 123456`);
    if (open('654321')) throw new Error(`${f} opens with a wrong password`);
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'make-fixtures-'));
  const profile = path.join(work, 'lo-profile');
  const viaLibreOffice: string[] = [];
  for (const c of cases.filter((c) => c.build)) {
    const wb = newBook();
    c.build!(wb);
    const target = c.libreoffice ? path.join(work, c.file) : path.join(OUT, c.file);
    await wb.xlsx.writeFile(target);
    if (c.libreoffice) viaLibreOffice.push(target);
  }
  // Re-saved as Excel 2007-365 by LibreOffice, as a file that went through a real office suite.
  soffice(profile, ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(work, 'lo'), ...viaLibreOffice]);
  for (const f of viaLibreOffice) fs.copyFileSync(path.join(work, 'lo', path.basename(f)), path.join(OUT, path.basename(f)));
  // The legacy .xls a unit saved with the wrong name.
  soffice(profile, ['--convert-to', 'xls:MS Excel 97', '--outdir', path.join(work, 'xls'), path.join(OUT, 'published-merged.xlsx')]);
  fs.copyFileSync(path.join(work, 'xls', 'published-merged.xls'), path.join(OUT, 'legacy-xls-renamed.xlsx'));
  // The same workbook as Excel 97-2003 with an open password.
  sofficeWithPassword(profile, path.join(OUT, 'published-merged.xlsx'), path.join(OUT, 'password-protected.xls'), 'MS Excel 97', '123456');
  for (const c of cases.filter((c) => c.bytes)) fs.writeFileSync(path.join(OUT, c.file), c.bytes!());
  checkEncrypted(['password-protected.xlsx', 'password-protected.docx', 'password-protected.xls'], work);
  fs.rmSync(work, { recursive: true, force: true });

  const readme = [
    '# 导入测试用工作簿',
    '',
    '由 `npx tsx scripts/make-fixtures.ts` 生成，请勿手工修改；测试在 `tests/import/`。标 ◆ 的文件由 LibreOffice 重新保存（真实文件来自 Excel/WPS，而不是 exceljs）。',
    '大工作簿（20,000 行）不提交，由 `tests/import/large.test.ts` 在测试时生成到临时目录。',
    '',
    '| 文件 | 覆盖的情况 | 预期结果 |',
    '|---|---|---|',
    ...cases.map((c) => `| \`${c.file}\`${c.libreoffice || c.file === 'legacy-xls-renamed.xlsx' || c.file === 'password-protected.xls' ? ' ◆' : ''} | ${c.exercises.replace(/\|/g, '\\|')} | ${c.expected.replace(/\|/g, '\\|')} |`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(OUT, 'README.md'), readme);
  for (const c of cases) console.log(`${c.file.padEnd(32)} ${fs.statSync(path.join(OUT, c.file)).size} 字节`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
