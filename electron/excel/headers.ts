/**
 * Recognising the columns of an overview or a returned template whatever their wording:
 * 序号/编号, 市政府领导/责任领导/牵头市领导, 责任目标内容/目标任务/工作任务, 完成时限/时限要求,
 * 三季度完成情况/进展情况, 是否按计划完成进度/是否按进度推进, 责任单位 or 牵头单位 + 配合单位.
 * Spaces and line breaks inside header cells (`序  号`, `牵头\n市领导`) are ignored.
 */
import type { Quarter } from '../../shared/domain';

export type ColumnRole =
  | 'serial'
  | 'leaders'
  | 'content'
  | 'deadline'
  | 'progress'
  | 'onSchedule'
  | 'units'
  | 'leadUnits'
  | 'cooperatingUnits'
  | 'previousProgress'
  | 'targetId'
  | 'assignmentId';

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

/** 三季度完成情况 → 3; also "第三季度", "Q3"; null when the text names no quarter. */
export function quarterIn(text: string): Quarter | null {
  const m = /(?:第)?([一二三四1-4])季度|Q([1-4])/i.exec(compactHeader(text));
  if (!m) return null;
  return QUARTER_WORDS[m[1] ?? m[2]!] ?? null;
}

export interface Block {
  /** 0-based grid columns per role, within one block of a row. */
  columns: Partial<Record<ColumnRole, number>>;
  first: number;
  last: number;
  /** Header cells in the block the importer does not use (备注, helper columns): reported, not read. */
  ignored: { column: number; header: string }[];
}

/**
 * Reads a header row into blocks. A published table may repeat the header side by side (two blocks of
 * 7 columns in 14): a second 序号 starts a new block.
 */
export function blocksOfHeader(row: string[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  row.forEach((text, column) => {
    const role = roleOfHeader(text);
    if (role === 'serial' || current === null || (role !== null && current.columns[role] !== undefined)) {
      if (role === null) return;
      current = { columns: {}, first: column, last: column, ignored: [] };
      blocks.push(current);
    }
    if (role === null) {
      if (compactHeader(text) !== '') current.ignored.push({ column, header: compactHeader(text) });
      return;
    }
    current.columns[role] = column;
    current.last = column;
  });
  return blocks.filter(isUsableBlock);
}

/** A header needs at least the content and something to tell targets apart or to report on. */
export function isUsableBlock(b: Block): boolean {
  const has = (r: ColumnRole) => b.columns[r] !== undefined;
  const known = Object.keys(b.columns).length;
  return has('content') && known >= 3 && (has('serial') || has('targetId')) && (has('progress') || has('leaders') || has('units') || has('leadUnits'));
}
