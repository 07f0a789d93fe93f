/**
 * A grammar of the tables units and offices really send, drawn from a seed: header wording, decoration and
 * line breaks; column order; extra columns (存在问题, 下步打算, 备注, 联系人, 电话, a check-mark column);
 * leaders and units decorated (同志, 副市长, （牵头）, brackets, padding, numbering) and separated in every
 * way people separate names; status vocabularies (words, symbols, percentages, phrases); progress headed
 * by quarter, month range or date; section, group, total and note rows; merged cells; one- and two-row
 * headers; hidden columns; several sheets; the header printed again and empty rows; tables without 完成时限, 是否按计划 or 市政府领导; progress
 * texts short (前三季度推进顺利, 9月底前已完成招标) or in numbered parts a line each (一是…；⏎二是…); the table
 * starting in column B. Each
 * drawn layout holds the seed's targets, so that its import must give the seed's own `list --json` (with
 * the progress texts it was drawn with). `features` names what was drawn, to tell failure classes.
 */
import type { ListedTarget } from '../../../electron/services/listJson';

export type Cell = string | number | null;

export interface SheetSpec {
  name: string;
  state?: 'visible' | 'hidden';
  rows: Cell[][];
  /** A1 ranges. */
  merges: string[];
  /** 1-based. */
  hiddenColumns: number[];
  widths?: number[];
}

/** python-docx: the layout as a Word document's tables (run.ts picks a sample; the grammar draws the others). */
export type Writer = 'exceljs' | 'openpyxl' | 'xlsxwriter' | 'python-docx';

export interface BookSpec {
  name: string;
  writer: Writer;
  /** Saved again by LibreOffice after writing: as .xlsx, as Excel 97 .xls, or as OpenDocument .ods. */
  resave: false | 'xlsx' | 'xls' | 'ods';
  sheets: SheetSpec[];
  /** What the import screen asks when the file does not say it. */
  period: { year?: number; quarter?: 3 };
  features: string[];
  /** What its import must give: the seed's list, its progress texts as drawn. */
  expected: ListedTarget[];
}

/** mulberry32: small, fast, and the same numbers on every machine. */
export function rngOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  constructor(readonly rand: () => number, readonly features: string[]) {}
  pick<T>(what: string, options: readonly T[]): T {
    const v = options[Math.floor(this.rand() * options.length)]!;
    this.features.push(`${what}=${typeof v === 'string' ? v.replace(/\n/g, '⏎') : JSON.stringify(v)}`);
    return v;
  }
  chance(what: string, p: number): boolean {
    const v = this.rand() < p;
    if (v) this.features.push(what);
    return v;
  }
  shuffle<T>(xs: T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.rand() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** Header words as offices write them; `\n` and spaces are put in by `decorateHeader`. */
const HEADERS = {
  serial: ['序号', '编号', '序', '目标序号'],
  leaders: ['市政府领导', '责任领导', '分管领导', '牵头市领导', '分管市领导', '责任市领导', '分管副市长', '市级领导', '包保领导', '领导'],
  content: ['责任目标内容', '目标任务', '工作任务', '重点任务', '责任目标', '任务内容', '具体目标'],
  deadline: ['完成时限', '时限要求', '完成时间', '时间节点', '时限'],
  status: ['是否按计划完成进度', '是否按进度推进', '是否按计划推进', '完成状态', '推进状态', '进展评价', '进度', '是否达到序时进度', '按计划完成进度'],
  units: ['责任单位', '承办单位', '责任部门', '落实单位', '牵头单位及配合单位', '责任单位（部门）'],
  leadUnits: ['牵头单位', '牵头部门', '主办单位'],
  cooperatingUnits: ['配合单位', '配合部门', '协办单位', '参与单位'],
};

/** Progress headings, with whether they name the quarter (1-9月 ends in September: Q3). */
const PROGRESS_HEADERS: [string, boolean][] = [
  ['三季度完成情况', true],
  ['第三季度完成情况', true],
  ['前三季度完成情况', true],
  ['1-9月完成情况', true],
  ['1—9月份进展情况', true],
  ['1至9月推进情况', true],
  ['截至9月底完成情况', true],
  ['截至2023年9月30日完成情况', true],
  ['2023年9月30日前工作进展', true],
  ['完成情况', false],
  ['进展情况', false],
  ['工作推进情况', false],
  ['落实情况', false],
];

const TITLES_WITH_QUARTER = ['菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表', '2023年市政府工作报告责任目标第三季度落实情况', '菏泽市2023年责任目标三季度推进情况台账'];
const TITLES_WITH_YEAR = ['2023年市政府工作报告确定的责任目标落实情况台账', '菏泽市人民政府2023年经济社会发展责任目标推进情况表'];

const SEPARATORS = [' ', '、', '，', ',', ';', '；', '/', '／', '\n', '和', '及', '|', ' 、', '、 ', '  '];
const LEADER_DECOR = ['', '同志', '副市长', '市长', '（牵头）', '[]', '【】', '（）', 'pad', 'num1.', 'num①', 'num(1)'];
const UNIT_DECOR = ['', '（牵头）', 'labels', '[]', 'num1.', 'num①'];

/** Status words that mean "on schedule" (the seed's lines all are). */
const YES_STATUS = ['是', '√', '✓', '●', '★', '按计划', '按计划推进', '正常推进', '序时推进', '按进度推进', '已完成', '完成', '100%', '是（按序时推进）', '达到序时进度', '进展顺利', '正常'];

const EXTRAS: { header: string[]; value: (d: Draw, i: number) => Cell }[] = [
  { header: ['存在问题', '存在的问题', '问题及困难'], value: (_, i) => (i % 3 === 0 ? '部分项目前期手续办理进度较慢，要素保障压力较大，需进一步加强协调调度和跟踪服务' : i % 3 === 1 ? '无' : '资金到位率不高，个别县区推进不平衡') },
  { header: ['下步打算', '下一步工作打算', '下步工作措施'], value: (_, i) => (i % 2 === 0 ? '继续加大工作力度，强化督导调度，确保按期完成年度目标任务，为全市经济社会发展作出更大贡献' : '持续跟踪推进，确保年底前全面完成') },
  { header: ['备注', '备 注', '说明'], value: (_, i) => (i % 4 === 0 ? '已报市政府' : null) },
  { header: ['联系人', '经办人', '填报人'], value: (_, i) => ['王晓明', '李娜', '赵振华', '孙丽'][i % 4]! },
  { header: ['联系电话', '电话', '手机号码'], value: (_, i) => (i % 2 === 0 ? `0530-53${String(10000 + i * 37).slice(-5)}` : `138053${String(10000 + i * 53).slice(-5)}`) },
  { header: ['是否完成（√）', '是否完成√', '已完成打√'], value: (_, i) => (i % 3 === 0 ? '√' : null) },
  { header: ['佐证材料', '附件'], value: (_, i) => (i % 5 === 0 ? '见附件' : null) },
  { header: ['二季度完成情况', '上季度完成情况', '上半年完成情况'], value: (_, i) => `上半年第${i}项工作有序推进，完成阶段性任务，为三季度工作打下基础` },
];

function decorateHeader(d: Draw, text: string): string {
  const how = d.pick('headerDecor', ['', '', 'break', 'spaces', 'fullwidth', 'trailing']);
  if (text.length < 2) return text;
  const at = 1 + Math.floor(d.rand() * (text.length - 1));
  switch (how) {
    case 'break':
      return `${text.slice(0, at)}\n${text.slice(at)}`;
    case 'spaces':
      return text.length <= 3 ? [...text].join('  ') : `${text.slice(0, at)} ${text.slice(at)}`;
    case 'fullwidth':
      return `${text.slice(0, at)}\u3000${text.slice(at)}`;
    case 'trailing':
      return ` ${text} `;
    default:
      return text;
  }
}

function decorateName(decor: string, name: string, index: number, lead: boolean): string {
  if (decor === 'pad') return name.length === 2 ? `${name[0]}\u3000${name[1]}` : name;
  if (decor === '（牵头）') return `${name}${lead ? '（牵头）' : '（配合）'}`;
  if (decor.startsWith('num')) {
    const n = decor.slice(3);
    const mark = n === '①' ? '①②③④⑤⑥⑦⑧'[index]! : n === '1.' ? `${index + 1}.` : `(${index + 1})`;
    return `${mark}${name}`;
  }
  if (decor.length === 2 && /[\[【（]/.test(decor[0]!)) return `${decor[0]}${name}${decor[1]}`;
  return `${name}${decor}`;
}

function joinNames(sep: string, names: string[]): string {
  if (sep === '和' || sep === '及') return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join('、')}${sep}${names[names.length - 1]}`;
  return names.join(sep);
}

function unitsCell(decor: string, sep: string, lead: string[], cooperating: string[]): string {
  if (decor === 'labels') return cooperating.length === 0 ? `牵头：${joinNames('、', lead)}` : `牵头：${joinNames('、', lead)}；配合：${joinNames('、', cooperating)}`;
  const all = [...lead, ...cooperating];
  // A numbered list is one name to a line.
  const s = decor.startsWith('num') && sep === ' ' ? '\n' : sep;
  return joinNames(s, all.map((n, i) => decorateName(decor, n, i, i < lead.length)));
}

export function columnLetter(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const ref = (r: number, c: number) => `${columnLetter(c)}${r + 1}`;

/** 'blank': an empty first column, the table starting in B. */
type ColumnKind = 'blank' | 'serial' | 'leaders' | 'content' | 'deadline' | 'progress' | 'status' | 'units' | 'leadUnits' | 'cooperatingUnits' | `extra${number}`;

interface Line {
  t: ListedTarget;
  i: number;
}

const SECTIONS = ['一、经济发展', '二、改革开放', '三、城乡建设', '四、民生保障', '五、政府建设'];

const SHORT_WHEN = ['前三季度', '三季度', '1-9月', '1—9月', '截至9月底', '截至三季度末', '9月底前', '本季度', ''];
const SHORT_WHAT = ['推进顺利', '已完成', '正在推进', '完成年度任务的七成', '已开工建设', '持续推进中', '按计划推进', '完成投资3.2亿元', '已完成招标', '正在办理前期手续', '新建成5处'];

/**
 * The targets with their values as drawn: most layouts keep the seed's progress texts; some have short ones,
 * as units write them, many naming the quarter or a month (which a deadline reader finds inside them).
 * Drawn from a generator of their own, so that the layouts of a seed stay what they were.
 */
/** Which of the columns a table may leave out it has. */
interface Present {
  deadline: boolean;
  status: boolean;
  leaders: boolean;
  /** An empty column before the table (it starts in B). */
  leadingBlank: boolean;
}

/** 一是…；⏎二是…: a progress text in numbered parts, a line each. */
function inParts(text: string): string {
  const at = text.search(/[，,；;]/);
  return at <= 0 || at >= text.length - 1 ? `一是${text}` : `一是${text.slice(0, at)}；\n二是${text.slice(at + 1)}`;
}

function drawValues(seed: number, features: string[], seedTargets: ListedTarget[]): { targets: ListedTarget[]; present: Present } {
  const d = new Draw(rngOf(seed ^ 0x5bd1e995), features);
  // A unit's table often leaves out 完成时限, 是否按计划 or 市政府领导 (序号 / 责任目标 / 完成情况): the targets
  // come without them.
  const present: Present = { deadline: !d.chance('noDeadlineColumn', 0.2), status: !d.chance('noStatusColumn', 0.15), leaders: !d.chance('noLeadersColumn', 0.15), leadingBlank: d.chance('leadingBlankColumn', 0.1) };
  const progressText = d.pick('progressText', ['seed', 'seed', 'short', 'parts']);
  // One table's short texts mostly begin alike (a unit writes 截至9月底… on every line).
  const usual = d.pick('progressWhen', SHORT_WHEN);
  const textOf = (text: string): string => {
    if (progressText === 'parts') return inParts(text);
    if (progressText === 'seed') return text;
    const when = d.rand() < 0.8 ? usual : SHORT_WHEN[Math.floor(d.rand() * SHORT_WHEN.length)]!;
    return `${when}${SHORT_WHAT[Math.floor(d.rand() * SHORT_WHAT.length)]!}`;
  };
  // A unit's or a leader's table holds some of the targets under their own serials (3, 7, 12 …).
  const some = d.chance('someTargets', 0.15);
  const kept = some ? seedTargets.filter(() => d.rand() < 0.5) : seedTargets;
  const targets = (kept.length >= 3 ? kept : seedTargets).map((t) => ({
    ...t,
    deadline: present.deadline ? t.deadline : '',
    assignments: t.assignments.map((a) => ({
      ...a,
      leaders: present.leaders ? a.leaders : [],
      progress: Object.fromEntries(Object.entries(a.progress).map(([q, p]) => [q, q === '3' ? { text: textOf(p.text), onSchedule: present.status ? p.onSchedule : null } : p])),
    })),
  }));
  return { targets, present };
}

/** Draws one layout of the targets. `n` only names the file. */
export function drawLayout(seed: number, n: number, seedTargets: ListedTarget[]): BookSpec {
  const features: string[] = [];
  const d = new Draw(rngOf(seed), features);
  const { targets, present } = drawValues(seed, features, seedTargets);
  const writer = d.pick('writer', ['exceljs', 'openpyxl', 'xlsxwriter'] as const);
  const titleKind = d.pick('title', ['quarter', 'quarter', 'year', 'none']);
  const [progressHeader, namesQuarter] = d.pick('progressHeader', PROGRESS_HEADERS);
  const period: BookSpec['period'] = {};
  if (titleKind === 'none') period.year = 2023;
  if (titleKind !== 'quarter' && !namesQuarter) period.quarter = 3;
  const splitUnits = d.pick('unitsColumns', ['one', 'one', 'lead+cooperating']) === 'lead+cooperating';
  const twoRow = d.pick('headerRows', ['one', 'one', 'progressGroup', 'unitsGroup']);
  // A group cell covers two columns: units split in two, progress beside its status.
  const headerRows = (twoRow === 'unitsGroup' && !splitUnits) || (twoRow === 'progressGroup' && !present.status) ? 'one' : twoRow;
  const leaderSep = d.pick('leaderSep', SEPARATORS);
  const leaderDecor = d.pick('leaderDecor', LEADER_DECOR);
  const unitSep = d.pick('unitSep', SEPARATORS);
  const unitDecor = splitUnits ? '' : d.pick('unitDecor', UNIT_DECOR);
  const status = d.pick('status', YES_STATUS);
  const serialStyle = d.pick('serial', ['n', 'n', 'float', 'text', 'dot', 'paren']);
  const continuation = d.pick('continuation', ['merged', 'merged', 'empty']);
  const deadlineStyle = d.pick('deadline', ['plain', 'plain', 'break', 'spaced']);

  // Columns: the core ones in an order offices use, extras put in anywhere but before the serial.
  const core: ColumnKind[] = ['serial'];
  const middle: ColumnKind[] = d.chance('order:shuffled', 0.3)
    ? d.shuffle(['leaders', 'content', 'deadline', 'progress', 'status', ...(splitUnits ? ['leadUnits', 'cooperatingUnits'] : ['units'])] as ColumnKind[])
    : d.pick('order', [
        ['leaders', 'content', 'deadline', 'progress', 'status', ...(splitUnits ? ['leadUnits', 'cooperatingUnits'] : ['units'])],
        ['content', 'leaders', ...(splitUnits ? ['leadUnits', 'cooperatingUnits'] : ['units']), 'deadline', 'progress', 'status'],
        ['content', ...(splitUnits ? ['leadUnits', 'cooperatingUnits'] : ['units']), 'leaders', 'deadline', 'status', 'progress'],
      ] as ColumnKind[][]);
  // A group cell covers neighbours: keep progress+status, lead+cooperating side by side.
  const keepTogether = (cols: ColumnKind[], a: ColumnKind, b: ColumnKind) => {
    const without = cols.filter((c) => c !== b);
    without.splice(without.indexOf(a) + 1, 0, b);
    return without;
  };
  let columns = [...core, ...middle].filter((k) => (k !== 'deadline' || present.deadline) && (k !== 'status' || present.status) && (k !== 'leaders' || present.leaders));
  if (headerRows === 'progressGroup') columns = keepTogether(columns, 'progress', 'status');
  if (splitUnits) columns = keepTogether(columns, 'leadUnits', 'cooperatingUnits');
  const extras = d.shuffle(EXTRAS.map((_, i) => i)).slice(0, Math.floor(d.rand() * 4));
  for (const e of extras) {
    features.push(`extra=${EXTRAS[e]!.header[0]}`);
    const at = 1 + Math.floor(d.rand() * columns.length);
    if (headerRows === 'progressGroup' && columns[at - 1] === 'progress') columns.splice(at + 1, 0, `extra${e}`);
    else if (splitUnits && columns[at - 1] === 'leadUnits') columns.splice(at + 1, 0, `extra${e}`);
    else columns.splice(at, 0, `extra${e}`);
  }
  if (present.leadingBlank) columns.unshift('blank');
  // Group rows name the leaders (李春英同志牵头责任目标): a table without leaders has none.
  const groupRows = d.chance('groupRows', 0.12) && present.leaders;
  const headerOf = (k: ColumnKind): string => {
    if (k === 'blank') return '';
    if (k === 'progress') return progressHeader;
    // Under a leader's group title, 责任市领导 names further leaders (the group's comes first): a grouped
    // table that lists a target's other line under another leader's group is another layout.
    if (k === 'leaders' && groupRows) return d.pick('leadersHeader', HEADERS.leaders.filter((h) => h !== '责任市领导'));
    if (k.startsWith('extra')) return d.pick('extraHeader', EXTRAS[Number(k.slice(5))]!.header);
    return d.pick(`${k}Header`, HEADERS[k as keyof typeof HEADERS]);
  };
  const headers = columns.map((k) => decorateHeader(d, headerOf(k)));
  const width = columns.length;

  const hiddenColumns: number[] = [];
  const extraAt = columns.map((k, c) => (k.startsWith('extra') ? c : -1)).filter((c) => c >= 0);
  if (extraAt.length > 0 && d.chance('hiddenExtra', 0.3)) hiddenColumns.push(extraAt[0]! + 1);

  const sectionRows = d.chance('sectionRows', 0.3);

  const totalRow = d.chance('totalRow', 0.25);
  const noteRow = d.chance('noteRow', 0.3);
  const fillLine = d.chance('fillLine', 0.3);
  const sheetsSplit = d.chance('twoDataSheets', 0.15);
  const instructions = d.chance('instructionSheet', 0.15);
  const hiddenSheet = d.chance('hiddenSheet', 0.15);
  // A printed table copied back in: the header again every page, an empty row between some targets.
  const repeatedHeader = headerRows === 'one' && d.chance('repeatedHeader', 0.15);
  const blankRows = d.chance('blankRows', 0.15);
  const headingsOverBlank = columns[0] === 'blank' && d.chance('headingsOverBlank', 0.5);

  const serialOf = (s: number): Cell => {
    switch (serialStyle) {
      case 'float':
        return s + 0.0;
      case 'text':
        return String(s);
      case 'dot':
        return `${s}.`;
      case 'paren':
        return `（${s}）`;
      default:
        return s;
    }
  };
  const deadlineOf = (text: string): string =>
    deadlineStyle === 'break' && text.length === 4 ? `${text.slice(0, 2)}\n${text.slice(2)}` : deadlineStyle === 'spaced' ? ` ${text} ` : text;

  const lineRow = ({ t, i }: Line, first: boolean): Cell[] => {
    const a = t.assignments[i]!;
    const p = a.progress['3'];
    return columns.map((k, c): Cell => {
      switch (k) {
        case 'blank':
          return null;
        case 'serial':
          return first ? serialOf(t.serial) : null;
        case 'content':
          return first ? t.content : null;
        case 'deadline':
          return first ? deadlineOf(t.deadline) : null;
        case 'leaders':
          return joinNames(leaderDecor.startsWith('num') && leaderSep === ' ' ? '\n' : leaderSep, a.leaders.map((n, j) => decorateName(leaderDecor, n, j, j === 0)));
        case 'progress':
          return p?.text ?? null;
        case 'status':
          return p?.onSchedule === true ? status : p?.onSchedule === false ? '否' : null;
        case 'units':
          return unitsCell(unitDecor, unitSep, a.leadUnits, a.cooperatingUnits);
        case 'leadUnits':
          return joinNames(unitSep, a.leadUnits);
        case 'cooperatingUnits':
          return a.cooperatingUnits.length === 0 ? null : joinNames(unitSep, a.cooperatingUnits);
        default:
          return EXTRAS[Number(k.slice(5))]!.value(d, t.serial + c);
      }
    });
  };

  const parts = sheetsSplit ? [targets.slice(0, 20), targets.slice(20)] : [targets];
  const sheets: SheetSpec[] = [];
  const sheetNames = d.pick('sheetNames', [['一览表', '一览表(2)'], ['Sheet1', 'Sheet2'], ['三季度', '三季度续'], ['台账', '台账2']]);
  parts.forEach((part, p) => {
    const rows: Cell[][] = [];
    const merges: string[] = [];
    // A row of one text across the table (title, section, group, note): from its first column, or over the
    // empty column before it too.
    const from = columns[0] === 'blank' && !headingsOverBlank ? 1 : 0;
    const full = (text: string) => {
      const row: Cell[] = Array(width).fill(null);
      row[from] = text;
      rows.push(row);
      if (width - from > 1) merges.push(`${ref(rows.length - 1, from)}:${ref(rows.length - 1, width - 1)}`);
    };
    if (p === 0 && titleKind !== 'none') {
      full(titleKind === 'quarter' ? d.pick('titleText', TITLES_WITH_QUARTER) : d.pick('titleText', TITLES_WITH_YEAR));
      if (fillLine) {
        const row: Cell[] = Array(width).fill(null);
        row[from] = '填报单位：菏泽市人民政府办公室（盖章）';
        row[Math.max(1, width - 2)] = '填报时间：2023年10月8日';
        rows.push(row);
      }
    }
    const headerAt = rows.length;
    if (headerRows === 'one') {
      rows.push([...headers]);
    } else {
      const upper: Cell[] = [...headers];
      const lower: Cell[] = Array(width).fill(null);
      const [a, b, group] =
        headerRows === 'progressGroup'
          ? [columns.indexOf('progress'), columns.indexOf('status'), d.pick('progressGroupText', ['三季度工作推进情况', '三季度推进情况', '工作推进情况'])]
          : [columns.indexOf('leadUnits'), columns.indexOf('cooperatingUnits'), d.pick('unitsGroupText', ['责任单位', '承办单位'])];
      upper[a] = group;
      upper[b] = null;
      lower[a] = headerRows === 'progressGroup' && group === '三季度工作推进情况' ? decorateHeader(d, '完成情况') : headers[a]!;
      lower[b] = headers[b]!;
      rows.push(upper, lower);
      merges.push(`${ref(headerAt, a)}:${ref(headerAt, b)}`);
      for (let c = 0; c < width; c++) if (c !== a && c !== b) merges.push(`${ref(headerAt, c)}:${ref(headerAt + 1, c)}`);
    }
    let section = -1;
    let group = '';
    part.forEach((t, k) => {
      if (repeatedHeader && k > 0 && k % 15 === 0) rows.push([...headers]);
      if (blankRows && k % 5 === 4) rows.push(Array(width).fill(null));
      if (sectionRows && !groupRows && k % 8 === 0) full(SECTIONS[++section % SECTIONS.length]!);
      if (groupRows && t.assignments[0]!.leaders[0] !== group) {
        group = t.assignments[0]!.leaders[0]!;
        full(`${group}同志牵头责任目标`);
      }
      const start = rows.length;
      t.assignments.forEach((_, i) => rows.push(lineRow({ t, i }, i === 0 || continuation === 'repeat')));
      if (t.assignments.length > 1 && continuation === 'merged') {
        for (const k2 of ['serial', 'content', 'deadline'] as ColumnKind[]) {
          const c = columns.indexOf(k2);
          if (c < 0) continue;
          for (let r = start + 1; r < rows.length; r++) rows[r]![c] = null;
          merges.push(`${ref(start, c)}:${ref(rows.length - 1, c)}`);
        }
      }
    });
    if (totalRow && p === parts.length - 1) {
      const row: Cell[] = Array(width).fill(null);
      row[columns.indexOf('serial')] = '合计';
      row[columns.indexOf('content')] = `共${targets.length}项`;
      rows.push(row);
    }
    if (noteRow && p === parts.length - 1) full('注：1.是否按计划完成进度填“是”或“否”；2.完成情况请填写截至季度末的数据。');
    sheets.push({ name: sheetNames[p]!, rows, merges, hiddenColumns: [...hiddenColumns], widths: columns.map((k) => (k === 'content' || k === 'progress' ? 50 : 14)) });
  });
  if (instructions) sheets.push({ name: '填表说明', rows: [['填表说明'], ['1.请按模板格式填写，不要改动表头。'], ['2.是否按计划完成进度请填写“是”或“否”。']], merges: [], hiddenColumns: [] });
  if (hiddenSheet) sheets.push({ name: '数据源', state: 'hidden', rows: [['序号', '责任目标内容', '责任单位'], [1, '隐藏的旧数据', '市财政局']], merges: [], hiddenColumns: [] });
  const resave = false as BookSpec['resave'];
  return { name: `layout-${String(n).padStart(4, '0')}.xlsx`, writer, resave, sheets, period, features, expected: targets };
}
