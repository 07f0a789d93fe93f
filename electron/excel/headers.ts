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
  ['onSchedule', /^是否按(计划|进度|序时)|^是否达序|^按计划完成进度$|^是否滞后$/],
  ['previousProgress', /^(上季度|上期|前期).*(完成情况|进展情况|推进情况)/],
  ['progress', /(完成情况|进展情况|推进情况|工作进展|进展$|落实情况)/],
  ['leaders', /(市政府领导|市领导|责任领导|分管领导|牵头领导|负责领导|领导)$/],
  ['content', /(责任目标内容|责任目标|目标任务|工作任务|目标内容|任务内容|重点任务|工作内容|具体任务)/],
  ['deadline', /(完成时限|时限要求|时限|完成时间|时间节点)/],
  ['leadUnits', /^(牵头单位|牵头部门|主办单位)$/],
  ['cooperatingUnits', /^(配合单位|配合部门|协办单位|参与单位)$/],
  ['units', /(责任单位|责任部门|承办单位)/],
];

/** A user's correction of how a file's columns were read: column letter → role, or 'ignore'. */
export type ColumnMapping = Record<string, ColumnRole | 'ignore'>;

export function compactHeader(text: string): string {
  return text.replace(/[\s\u3000]/g, '');
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
  return /上半年/.test(t) ? 2 : null;
}

export interface IgnoredColumn {
  column: number;
  header: string;
  /** unknown: neither the header nor the values say what it is (备注, helper columns); duplicate: a second column of a role. */
  reason: 'unknown' | 'duplicate';
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
