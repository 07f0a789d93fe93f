/**
 * Recognising the columns of an overview or a returned template whatever their wording:
 * 序号/编号, 市政府领导/责任领导/牵头市领导, 责任目标内容/目标任务/工作任务, 完成时限/时限要求,
 * 三季度完成情况/进展情况, 是否按计划完成进度/是否按进度推进, 责任单位 or 牵头单位 + 配合单位.
 * Spaces and line breaks inside header cells (`序  号`, `牵头\n市领导`) are ignored.
 */
import { COLUMN_ROLE_NAMES, type ColumnRole } from '../../shared/contract';
import type { Quarter } from '../../shared/domain';

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

/** The wording each role is recognised by, used to put a user's choice in place of the file's own. */
const ROLE_HEADERS = COLUMN_ROLE_NAMES;

/** The header texts as the user corrected them: a mapped column reads as its role's own name. */
export function applyMapping(texts: string[], mapping: ColumnMapping | undefined, letter: (column: number) => string): string[] {
  if (!mapping) return texts;
  return texts.map((t, c) => {
    const choice = mapping[letter(c)];
    return choice === undefined ? t : choice === 'ignore' ? '' : ROLE_HEADERS[choice];
  });
}

export function compactHeader(text: string): string {
  return text.replace(/[\s\u3000]/g, '');
}

export function roleOfHeader(text: string): ColumnRole | null {
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
  /** unknown: a column the overview does not have (备注, helper columns); duplicate: a second column of a role. */
  reason: 'unknown' | 'duplicate';
}

export interface Block {
  /** 0-based grid columns per role, within one block of a row. */
  columns: Partial<Record<ColumnRole, number>>;
  first: number;
  last: number;
  /** Header cells in the block the importer does not read: reported, not read. */
  ignored: IgnoredColumn[];
}

/**
 * Reads a header row into blocks. A published table may repeat the header side by side (two blocks of
 * 7 columns in 14): the block's first column name coming again starts a new block. Any other name met
 * twice in a block is a second column of that role (二季度完成情况 beside 三季度完成情况): the later quarter's
 * progress is read, otherwise the first column wins.
 */
export function blocksOfHeader(row: string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let firstRole: ColumnRole | null = null;
  row.forEach((text, column) => {
    const header = compactHeader(text);
    const role = roleOfHeader(text);
    if (role === null) {
      if (current !== null && header !== '') current.ignored.push({ column, header, reason: 'unknown' });
      return;
    }
    if (current === null || role === firstRole) {
      current = { columns: {}, first: column, last: column, ignored: [] };
      firstRole = role;
      blocks.push(current);
    }
    const kept = current.columns[role];
    if (kept !== undefined) {
      const later = role === 'progress' && (quarterIn(text) ?? 0) > (quarterIn(row[kept] ?? '') ?? 0);
      current.ignored.push(later ? { column: kept, header: compactHeader(row[kept] ?? ''), reason: 'duplicate' } : { column, header, reason: 'duplicate' });
      if (!later) return;
    }
    current.columns[role] = column;
    current.last = column;
  });
  return blocks.filter(isUsableBlock);
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
