/**
 * The seed's 39 targets (seeds/2023-三季度-一览表.xlsx) laid out the ways offices lay them out (issue 13):
 * the eight layouts of tests/fixtures/import, the three reproduced in the issue, and one more. Each layout
 * is a function of the targets as `list --json` shows them, so every file must import back to the same list.
 * Used by scripts/make-seed-layouts.ts (which writes them, some through LibreOffice) and by the tests.
 */
import ExcelJS from 'exceljs';
import type { ListedTarget } from '../electron/services/listJson';

export const TITLE = '菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表';
const PARAGRAPH = '市政府办公室对2023年《政府工作报告》确定的经济社会发展责任目标三季度工作推进情况进行了调度。依据政务公开有关规定,现将工作完成情况向社会公开,接受群众监督。';
export const HEADER = ['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位'];
const FIXED_DATE = new Date('2023-10-20T08:00:00Z');

type Cell = string | number | null;
type Line = ListedTarget['assignments'][number];

function progress(l: Line): { text: string; onSchedule: boolean | null } {
  return l.progress['3'] ?? { text: '', onSchedule: null };
}

function status(l: Line, words: readonly string[] = ['是'], behind: readonly string[] = ['否'], i = 0): string {
  const on = progress(l).onSchedule;
  return on === null ? '' : on ? words[i % words.length]! : behind[i % behind.length]!;
}

const units = (l: Line) => [...l.leadUnits, ...l.cooperatingUnits].join(' ');
const leaders = (l: Line) => l.leaders.join(' ');

/** The official seven columns of one line (row of the table); continuation lines leave serial, content and deadline empty. */
function officialRow(t: ListedTarget, l: Line, first: boolean): [Cell, Cell, Cell, Cell, Cell, Cell, Cell] {
  return [first ? t.serial : null, leaders(l), first ? t.content : null, first ? t.deadline : null, progress(l).text, status(l), units(l)];
}

export function newBook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '市政府办公室督查科';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

function banner(ws: ExcelJS.Worksheet, text: string, width: number): void {
  const row = ws.addRow([text]);
  row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  if (width > 1) ws.mergeCells(row.number, 1, row.number, width);
}

/** Rows of the targets; `merge` merges serial, content and deadline over a target's lines (the published style). */
function rows(ws: ExcelJS.Worksheet, targets: ListedTarget[], row: (t: ListedTarget, l: Line, first: boolean, index: number) => Cell[], merge: number[] = [], from = 1): void {
  let index = 0;
  for (const t of targets) {
    const start = ws.rowCount + 1;
    t.assignments.forEach((l, i) => {
      const r = ws.getRow(ws.rowCount + 1);
      row(t, l, i === 0, index++).forEach((v, c) => (r.getCell(from + c).value = v === '' ? null : v));
      r.commit();
    });
    if (t.assignments.length > 1) for (const c of merge) ws.mergeCells(start, from + c, ws.rowCount, from + c);
  }
}

function top(ws: ExcelJS.Worksheet, header: string[], width = header.length, title = TITLE): void {
  banner(ws, title, width);
  banner(ws, PARAGRAPH, width);
  ws.addRow(header);
}

export interface SeedLayout {
  file: string;
  /** What the layout exercises, for the fixtures' README. */
  exercises: string;
  /** Re-saved by LibreOffice after exceljs wrote it; 'csv': written as CSV and converted by LibreOffice. */
  via?: 'libreoffice' | 'csv';
  build?: (wb: ExcelJS.Workbook, targets: ListedTarget[]) => void;
  /** For 'csv': the sheet's rows. */
  csv?: (targets: ListedTarget[]) => Cell[][];
}

const YES_WORDS = ['达序推进', '按计划推进', '已完成'] as const;
const BEHIND_WORDS = ['部分滞后', '进度滞后'] as const;

/** 牵头：市财政局；配合：市税务局、各县区人民政府 */
function unitsInOneCell(l: Line): string {
  const lead = `牵头：${l.leadUnits.join('、')}`;
  return l.cooperatingUnits.length > 0 ? `${lead}；配合：${l.cooperatingUnits.join('、')}` : lead;
}

/** The lines of the targets under the leader each line is led by (its first leader), in order of first appearance. */
function byFirstLeader(targets: ListedTarget[]): Map<string, ListedTarget[]> {
  const groups = new Map<string, ListedTarget[]>();
  for (const t of targets) {
    for (const l of t.assignments) {
      const leader = l.leaders[0]!;
      const list = groups.get(leader) ?? [];
      const last = list[list.length - 1];
      if (last?.serial === t.serial) last.assignments.push(l);
      else list.push({ ...t, assignments: [l] });
      groups.set(leader, list);
    }
  }
  return groups;
}

export const SEED_LAYOUTS: SeedLayout[] = [
  {
    file: '01-published-merged.xlsx',
    via: 'libreoffice',
    exercises: '正式公布的一览表：标题、说明段落、表头在第3行；第26项两条分工，序号/内容/时限纵向合并',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('一览表');
      top(ws, HEADER);
      rows(ws, targets, officialRow, [0, 2, 3]);
    },
  },
  {
    file: '02-continuation-empty-serial.xlsx',
    exercises: '续行的序号、内容、时限为空（未合并）',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('一览表');
      top(ws, HEADER);
      rows(ws, targets, officialRow);
    },
  },
  {
    file: '03-two-blocks.xlsx',
    via: 'libreoffice',
    exercises: '左右两栏并排（14列）：左栏第1–21项，右栏第22–39项，右栏较短',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('一览表');
      top(ws, [...HEADER, ...HEADER]);
      const left = targets.filter((t) => t.serial <= 21);
      const right = targets.filter((t) => t.serial > 21);
      const start = ws.rowCount + 1;
      rows(ws, left, officialRow, [0, 2, 3]);
      const end = ws.rowCount;
      // The right block from the first data row again.
      const side = ws;
      let r = start;
      for (const t of right) {
        t.assignments.forEach((l, i) => {
          officialRow(t, l, i === 0).forEach((v, c) => (side.getCell(r, 8 + c).value = v === '' ? null : v));
          r++;
        });
        if (t.assignments.length > 1) for (const c of [0, 2, 3]) side.mergeCells(r - t.assignments.length, 8 + c, r - 1, 8 + c);
      }
      if (r - 1 > end) throw new Error('the right block must run out first');
    },
  },
  {
    file: '04-several-sheets.xlsx',
    exercises: '按篇章分成两个工作表：“一、经济发展”第1–20项（有标题），“二、改革开放”第21–39项（表头在第1行）',
    build: (wb, targets) => {
      const one = wb.addWorksheet('一、经济发展');
      top(one, HEADER);
      rows(one, targets.filter((t) => t.serial <= 20), officialRow, [0, 2, 3]);
      const two = wb.addWorksheet('二、改革开放');
      two.addRow(HEADER);
      rows(two, targets.filter((t) => t.serial > 20), officialRow, [0, 2, 3]);
    },
  },
  {
    file: '05-hidden-columns-rows.xlsx',
    via: 'libreoffice',
    exercises: '隐藏的“辅助列”（D列，公式）和“备注”列；第8、9行隐藏',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('一览表');
      top(ws, ['序号', '市政府领导', '责任目标内容', '辅助列', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位', '备注']);
      rows(ws, targets, (t, l, first, i) => {
        const [s, le, c, d, p, st, u] = officialRow(t, l, first);
        return [s, le, c, { formula: `LEN(C${i + 4})`, result: [...(t.content ?? '')].length } as unknown as Cell, d, p, st, u, i === 0 ? '已核实' : null];
      }, [0, 2, 4]);
      ws.getColumn(4).hidden = true;
      ws.getRow(8).hidden = true;
      ws.getRow(9).hidden = true;
    },
  },
  {
    file: '06-variant-headers.xlsx',
    exercises: '另一种表头：编号/责任领导/目标任务/时限要求/进展情况/是否按进度推进/牵头单位+配合单位；标题无季度，季度来自工作表名',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('三季度');
      banner(ws, '2023年经济社会发展责任目标推进情况', 8);
      ws.addRow(['编号', '责任领导', '目标任务', '时限要求', '进展情况', '是否按进度推进', '牵头单位', '配合单位']);
      rows(ws, targets, (t, l, first) => [...officialRow(t, l, first).slice(0, 6), l.leadUnits.join('、'), l.cooperatingUnits.join('、')], [0, 2, 3]);
    },
  },
  {
    file: '07-spaced-headers.xlsx',
    exercises: '表头内有空格和换行：“序  号”“牵头\\n市领导”“责 任 单 位”等',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('一览表');
      top(ws, ['序  号', '牵头\n市领导', '责任目标\n内容', '完成\n时限', '三季度\n完成情况', '是否按计划\n完成进度', '责 任 单 位']);
      rows(ws, targets, officialRow, [0, 2, 3]);
    },
  },
  {
    file: '08-sections-inside.xlsx',
    exercises: '表内篇章标题行“一、经济发展”“二、改革开放”横跨7列',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('一览表');
      top(ws, HEADER);
      banner(ws, '一、经济发展', 7);
      rows(ws, targets.filter((t) => t.serial <= 20), officialRow, [0, 2, 3]);
      banner(ws, '二、改革开放', 7);
      rows(ws, targets.filter((t) => t.serial > 20), officialRow, [0, 2, 3]);
    },
  },
  {
    file: '09-status-column-tuijin.xlsx',
    via: 'csv',
    exercises: '状态列表头为“推进状态”，值为 达序推进/按计划推进/已完成（滞后的为 部分滞后/进度滞后）；CSV 经 LibreOffice 转为 xlsx（另一程序写的文件，无合并）',
    csv: (targets) => {
      const out: Cell[][] = [[TITLE], ['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '推进状态', '责任单位']];
      let i = 0;
      for (const t of targets) t.assignments.forEach((l, n) => out.push([...officialRow(t, l, n === 0).slice(0, 5), status(l, YES_WORDS, BEHIND_WORDS, i++), units(l)]));
      return out;
    },
  },
  {
    file: '10-units-one-cell.xlsx',
    via: 'libreoffice',
    exercises: '牵头与配合单位写在一个单元格：“牵头：市财政局；配合：市税务局、各县区人民政府”',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('一览表');
      top(ws, HEADER);
      rows(ws, targets, (t, l, first) => [...officialRow(t, l, first).slice(0, 6), unitsInOneCell(l)], [0, 2, 3]);
    },
  },
  {
    file: '11-grouped-by-leader-cooperating.xlsx',
    exercises: '按领导分组：分组标题“某某同志牵头责任目标”，每组重复表头，无市政府领导列，另有“配合市领导”列列出其余领导；第26项的第二条分工在“肖友华”组',
    build: (wb, targets) => {
      const ws = wb.addWorksheet('一览表');
      banner(ws, TITLE, 7);
      const head = ['序号', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位', '配合市领导'];
      for (const [leader, list] of byFirstLeader(targets)) {
        banner(ws, `${leader}同志牵头责任目标`, 7);
        ws.addRow(head);
        rows(ws, list, (t, l, first) => {
          const [s, , c, d, p, st, u] = officialRow(t, l, first);
          return [s, c, d, p, st, u, l.leaders.slice(1).join('、')];
        }, [0, 1, 2]);
      }
    },
  },
  {
    file: '12-2023年-sheets-by-leader.xlsx',
    exercises:
      '自设计：按牵头市领导分成多个工作表（表名即领导姓名），标题无年度（年度来自文件名），表头用词陌生（工作目标/完成期限/进度评价/落实单位），“协管市领导”列，单位写作“市财政局（牵头）、市税务局”，第26项分在两个表中',
    build: (wb, targets) => {
      for (const [leader, list] of byFirstLeader(targets)) {
        const ws = wb.addWorksheet(leader);
        banner(ws, '菏泽市人民政府责任目标三季度工作推进情况', 7);
        ws.addRow(['序号', '工作目标', '完成期限', '工作进展', '进度评价', '落实单位', '协管市领导']);
        let i = 0;
        rows(ws, list, (t, l, first) => {
          const [s, , c, d, p] = officialRow(t, l, first);
          const unitCell = [`${l.leadUnits[0]}（牵头）`, ...l.leadUnits.slice(1), ...l.cooperatingUnits].join('、');
          return [s, c, d, p, status(l, YES_WORDS, BEHIND_WORDS, i++), unitCell, l.leaders.slice(1).join('、')];
        });
      }
    },
  },
];

/** A CSV cell as LibreOffice reads it back: quoted when it holds a comma, a quote or a line break. */
export function toCsv(rows: Cell[][]): string {
  const cell = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
