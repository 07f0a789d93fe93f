/**
 * Values that cannot belong to the column they were read from: a paragraph where a status goes, a status
 * word or a date where a unit or a leader goes. A file whose columns are off by one (a unit typed 否 into
 * 责任单位) would otherwise create a unit named 否 and move the target to it.
 */
import { parseOnSchedule } from '../../../shared/domain';
import { rememberShort } from '../../../shared/memo';
import type { ParsedTarget } from '../../excel/overviewReader';

export interface Misfit {
  column: 'onSchedule' | 'units' | 'leaders';
  row: number;
  message: string;
}

const PLAIN_STATUS = new Set(['是', '否', '基本']);
/** The endings of organisations' names: 市推进办 is a unit even though 推进 is a status word. */
const UNIT_ENDING = /(局|委|办|厅|院|会|府|司|中心|室|处|所|队|站|部|行|社|团|区|县|市|镇|街道|公司|集团|银行|大学|学校|医院|馆|台|组|署|园)$/;
const DATE = /^\d{2,4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?$|^\d{1,2}月(\d{1,2}日)?$/;

const quote = (t: string) => `“${t.length > 30 ? `${t.slice(0, 30)}…` : t}”`;

/** A status cell that is a paragraph: long, or sentences. 80%（进度滞后） and 部分滞后，预计年底完成 are statuses. */
export function isParagraph(text: string): boolean {
  const t = text.replace(/\s/g, '');
  return [...t].length > 24 || ([...t].length > 12 && /[。；;]/.test(t));
}

/** A name that is a status word, a date or a number, not a unit's or a person's. */
export function notAName(name: string): string | null {
  return misreadAs(name);
}

const misreadAs = rememberShort(readMisfit);

function readMisfit(name: string): string | null {
  const t = name.replace(/\s/g, '');
  if (PLAIN_STATUS.has(t)) return '进度状态';
  if (DATE.test(t)) return '日期';
  if (/^[\d.%％]+$/.test(t)) return '数字';
  if (!UNIT_ENDING.test(t) && parseOnSchedule(t).value !== null) return '进度状态';
  return null;
}

export function cellMisfits(t: ParsedTarget): Misfit[] {
  const out: Misfit[] = [];
  for (const l of t.lines) {
    if (l.onScheduleText !== '' && isParagraph(l.onScheduleText)) {
      out.push({ column: 'onSchedule', row: l.ref.row, message: `“是否按计划完成进度”一栏是一段文字${quote(l.onScheduleText)}，不是进度状态` });
    }
    for (const name of [...l.units, ...(l.cooperatingUnits ?? [])]) {
      const what = notAName(name);
      if (what) out.push({ column: 'units', row: l.ref.row, message: `“责任单位”一栏的${quote(name)}是${what}，不是单位名称` });
    }
    for (const name of l.leaders) {
      const what = notAName(name);
      if (what) out.push({ column: 'leaders', row: l.ref.row, message: `“市政府领导”一栏的${quote(name)}是${what}，不是人名` });
    }
  }
  return out;
}

/** Two status wordings that say the same: equal, or one the plain 是/否/基本 a template shows for the other's reading. */
export function sameStatus(a: string, b: string): boolean {
  if (a === b) return true;
  if (a === '' || b === '') return false;
  if (!PLAIN_STATUS.has(a) && !PLAIN_STATUS.has(b)) return false;
  return parseOnSchedule(a).value === parseOnSchedule(b).value;
}
