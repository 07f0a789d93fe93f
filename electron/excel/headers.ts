/**
 * Recognising the columns of an overview or a returned template whatever their wording:
 * 序号/编号, 市政府领导/责任领导/牵头市领导, 责任目标内容/目标任务/工作任务, 完成时限/时限要求,
 * 三季度完成情况/进展情况, 是否按计划完成进度/是否按进度推进, 责任单位 or 牵头单位 + 配合单位.
 * Spaces and line breaks inside header cells (`序  号`, `牵头\n市领导`) are ignored.
 */
import type { ColumnRole } from '../../shared/contract';
import type { Quarter } from '../../shared/domain';
import type { ColumnSource } from './columnTypes';

// The roles are part of the contract: the import preview shows them and the user may correct them.
export type { ColumnRole };

// Order matters: the first rule that matches a header wins (是否按计划完成进度 before 完成情况).
const RULES: [ColumnRole, RegExp][] = [
  ['targetId', /^(目标ID|目标编号ID|target_id)$/i],
  ['assignmentId', /^(分工ID|assignment_id)$/i],
  ['serial', /^(序号|编号|序|目标序号|目标编号)$/],
  ['onSchedule', /^是否按(计划|进度|序时)|^是否达序|^是否达到序时|^按计划完成进度$|^是否滞后$|^(完成|推进|进展|进度)(状态|评价)$|^进度$|^进展评价$/],
  ['previousProgress', /^(上季度|上期|前期).*(完成情况|进展情况|推进情况)/],
  ['progress', /(完成情况|进展情况|推进情况|工作进展|进展$|落实情况)/],
  ['leaders', /(市政府领导|市领导|责任领导|分管领导|牵头领导|负责领导|领导|副市长|市长)$/],
  ['content', /(责任目标内容|责任目标|目标任务|工作任务|目标内容|任务内容|重点任务|工作内容|具体任务|具体目标)/],
  ['deadline', /(完成时限|时限要求|时限|完成时间|时间节点)/],
  ['leadUnits', /^(牵头单位|牵头部门|主办单位)$/],
  ['cooperatingUnits', /^(配合单位|配合部门|协办单位|参与单位)$/],
  ['units', /(责任单位|责任部门|承办单位|落实单位|牵头单位及配合单位|牵头单位和配合单位)/],
];

/** A user's correction of how a file's columns were read: column letter → role, or 'ignore'. */
export type ColumnMapping = Record<string, ColumnRole | 'ignore'>;

export function compactHeader(text: string): string {
  return text.replace(/[\s\u3000]/g, '');
}

/**
 * Columns the importer does not take in but knows: named in the preview for what they are, and never
 * typed as progress, content or a status by their values (long sentences of 存在问题, √ of 是否完成).
 */
export type OtherColumn = 'problems' | 'nextSteps' | 'remarks' | 'contact' | 'phone' | 'checkMark' | 'evidence';
export const OTHER_COLUMN_NAMES: Record<OtherColumn, string> = {
  problems: '存在问题',
  nextSteps: '下步打算',
  remarks: '备注',
  contact: '联系人',
  phone: '联系电话',
  checkMark: '是否完成（勾选）',
  evidence: '佐证材料',
};
const OTHER_RULES: [OtherColumn, RegExp][] = [
  ['problems', /问题|困难|短板/],
  ['nextSteps', /下步|下一步|打算|工作措施|整改措施/],
  ['remarks', /^(备注|说明|附注|其他)$/],
  ['contact', /联系人|经办人|填报人|责任人/],
  ['phone', /电话|手机|联系方式/],
  ['checkMark', /^是否完成|打[√✓]|[√✓]$/],
  ['evidence', /佐证|附件|材料/],
];

export function otherColumnOf(text: string): OtherColumn | null {
  if (text.length > 200) return null;
  const h = compactHeader(text);
  if (h === '' || h.length > 20 || roleOfHeader(text) !== null) return null;
  return OTHER_RULES.find(([, re]) => re.test(h))?.[0] ?? null;
}

export function roleOfHeader(text: string): ColumnRole | null {
  // A header cell is a few words: a long text is data, and compacting it again and again costs.
  if (text.length > 200) return null;
  const h = compactHeader(text);
  if (h === '' || h.length > 20) return null;
  for (const [role, re] of RULES) if (re.test(h)) return role;
  return null;
}

const QUARTER_WORDS: Record<string, Quarter> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** 三季度完成情况 → 3; also "第三季度", "前三季度", "Q3", and 上半年 (the half-year report is the Q2 one); null when none. */
export function quarterIn(text: string): Quarter | null {
  const t = compactHeader(text);
  const m = /(?:第)?([一二三四1-4])季度|Q([1-4])/i.exec(t);
  if (m) return QUARTER_WORDS[m[1] ?? m[2]!] ?? null;
  if (/上半年/.test(t)) return 2;
  return quarterOfMonths(t);
}

const MONTH_WORDS: Record<string, number> = { 三: 3, 六: 6, 九: 9, 十二: 12 };

/**
 * Progress headed by the months it covers: 1-9月, 1—9月份, 1至9月, 截至9月底, 截至2023年9月30日, 2023年9月30日前.
 * A period that ends with a quarter's last month is that quarter; other months say nothing.
 */
export function quarterOfMonths(text: string): Quarter | null {
  const t = text.replace(/[－—–~～]/g, '-');
  const range = /(?<!\d)1\s*(?:-|至|到)\s*(\d{1,2})\s*月/.exec(t) ?? /(?:^|[^\d])1月\s*(?:-|至|到)\s*(\d{1,2})月/.exec(t);
  const until = /(?:截至|截止|截止到|至)(?:\d{4}年)?(\d{1,2}|[三六九]|十二)月(?:底|末|份|\d{1,2}日)?/.exec(t);
  const dated = /\d{4}年(\d{1,2})月(\d{1,2})日/.exec(t);
  const month = range?.[1] ?? until?.[1] ?? dated?.[1];
  if (month === undefined) return null;
  const n = MONTH_WORDS[month] ?? Number(month);
  if (dated && !range && !until && Number(dated[2]) < 28) return null;
  return n % 3 === 0 && n >= 3 && n <= 12 ? ((n / 3) as Quarter) : null;
}

export interface IgnoredColumn {
  column: number;
  header: string;
  /** unknown: neither the header nor the values say what it is (helper columns); duplicate: a second column of a role; other: a column the header names that is not imported (存在问题, 备注). */
  reason: 'unknown' | 'duplicate' | 'other';
  other?: OtherColumn;
  /** For a duplicate: the role it would have had and the column that has it. */
  role?: ColumnRole;
  kept?: number;
}

export interface Block {
  /** 0-based grid columns per role, within one block of a row. */
  columns: Partial<Record<ColumnRole, number>>;
  /** Why each role's column was taken to be it: its header, its values, or the user's choice. */
  sources: Partial<Record<ColumnRole, ColumnSource>>;
  first: number;
  last: number;
  /** Header cells in the block the importer does not read: reported, not read. */
  ignored: IgnoredColumn[];
  /** The leaders column names further leaders (配合市领导): a group title's leader comes first, not instead. */
  furtherLeaders?: boolean;
}

/** 配合市领导, 协管市领导, 责任市领导: a column of leaders beside the one a group title or sheet names. */
export const FURTHER_LEADERS = /配合|协管|协助|责任市领导|其他/;

/**
 * Where the blocks of a header row are, as column ranges. A published table may repeat the header side by
 * side (two blocks of 7 columns in 14): the block's first column name (or role) coming again starts a new block.
 */
export function blockRanges(row: string[]): { first: number; last: number }[] {
  const ranges: { first: number; last: number }[] = [];
  let firstText = '';
  let firstRole: ColumnRole | null = null;
  row.forEach((text, column) => {
    const header = compactHeader(text);
    if (header === '') return;
    const role = roleOfHeader(text);
    const current = ranges[ranges.length - 1];
    if (current === undefined || header === firstText || (firstRole !== null && role === firstRole)) {
      ranges.push({ first: column, last: column });
      firstText = header;
      firstRole = role;
    } else {
      current.last = column;
    }
  });
  return ranges;
}

/**
 * How many different column names a row holds: tells a header row (repeated, or a second header row)
 * from data. Different ones, because a merged title such as 某某同志牵头责任目标 repeats one name-like text.
 */
export function headerRoleCount(row: string[]): number {
  return new Set(row.map(roleOfHeader).filter((r) => r !== null)).size;
}

/** A header needs at least the content and something to tell targets apart or to report on. */
export function isUsableBlock(b: Block): boolean {
  const has = (r: ColumnRole) => b.columns[r] !== undefined;
  const known = Object.keys(b.columns).length;
  return has('content') && known >= 3 && (has('serial') || has('targetId')) && (has('progress') || has('leaders') || has('units') || has('leadUnits'));
}
