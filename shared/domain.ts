/**
 * Domain types and pure rules. Names follow DOMAIN.md: Target, Assignment, ProgressReport, Leader, Unit,
 * Quarter, onSchedule. Nothing here touches the store, files or a host.
 */
import { rememberShort } from './memo';

export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];
const QUARTER_LABELS = ['一季度', '二季度', '三季度', '四季度'] as const;

export function quarterLabel(q: Quarter): string {
  return QUARTER_LABELS[q - 1]!;
}

/** 2023-10-20 → 2023年10月20日, as dates are written on official documents. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 是 / 否 / 基本; null means not reported (blank). The original wording is kept beside it. */
export type OnSchedule = 'yes' | 'no' | 'basic';
export const ON_SCHEDULE_LABELS: Record<OnSchedule, string> = { yes: '是', no: '否', basic: '基本' };

export interface OnScheduleReading {
  value: OnSchedule | null;
  /** false when the wording was not one the rules know; the caller warns and keeps the wording. */
  recognized: boolean;
}

const YES_WORDS = ['是', '按计划', '达序', '顺利推进', '正常推进', '序时推进', '已完成', '完成', '办结', '已办结', '已完工', '超进度', '提前完成', '按进度', '序时进度', '进展顺利', '正常', '√', '✓', '✔', '●', '★', '☑'];
const NO_WORDS = ['否', '滞后', '未按', '未完成', '进度滞后', '部分滞后', '不正常', '×', '✗', '✘', '☒'];
const BASIC_WORDS = ['基本', '基本完成', '基本按计划'];

/** Reads 是否按计划完成进度 as written by units: 是/否/基本, and the other wordings offices use. */
export function parseOnSchedule(raw: string | null | undefined): OnScheduleReading {
  return onScheduleOf(raw ?? '');
}

const onScheduleOf = rememberShort(readOnSchedule, (r) => ({ ...r }));

function readOnSchedule(raw: string): OnScheduleReading {
  const text = normalizeSpaces(raw).replace(/\s/g, '');
  if (text === '' || isEmptyMarker(text)) return { value: null, recognized: true };
  if (text === '是') return { value: 'yes', recognized: true };
  if (text === '否') return { value: 'no', recognized: true };
  if (text === '基本') return { value: 'basic', recognized: true };
  // A share of the year's work written as the status: all of it done is on schedule.
  const percent = /^(?:已完成|完成)?(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent && Number(percent[1]) >= 100) return { value: 'yes', recognized: false };
  // "80%（进度滞后）" and "部分滞后" are behind whatever else they say, so "no" wins over "yes".
  if (NO_WORDS.some((w) => text.includes(w))) return { value: 'no', recognized: false };
  if (BASIC_WORDS.some((w) => text.includes(w))) return { value: 'basic', recognized: false };
  if (YES_WORDS.some((w) => text.includes(w))) return { value: 'yes', recognized: false };
  return { value: null, recognized: false };
}

/** Markers people type for "nothing here". */
export function isEmptyMarker(text: string): boolean {
  return /^(?:[\/／—\-－_]+|无|暂无)$/.test(text.trim());
}

/** Full-width space and other Unicode spaces become ASCII spaces; ends trimmed. */
export function normalizeSpaces(text: string): string {
  const spaced = text.replace(/[\u3000\u00a0\u2002-\u200b\ufeff]/g, ' ');
  return (spaced.includes('\r') ? spaced.replace(/\r\n?/g, '\n') : spaced).trim();
}

/** Full-width digits, letters and ASCII punctuation (０-９, Ａ-Ｚ, ．％) to half-width. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Splits a cell holding several leaders or units: separated by spaces, 、 ， , ; ； or line breaks.
 * A two-character name padded to three with a space (`张　鹏`) stays one name: single characters
 * left over by a whitespace split are joined to their neighbours.
 */
export function splitNames(cell: string | null | undefined): string[] {
  const text = normalizeSpaces(cell ?? '');
  if (text === '' || isEmptyMarker(text)) return [];
  const names: string[] = [];
  for (const piece of text.split(/[、，,;；\n]+/)) {
    const tokens = piece.split(/\s+/).filter((t) => t !== '');
    let pending = '';
    for (const token of tokens) {
      if ([...token].length === 1) {
        pending += token;
        continue;
      }
      if (pending !== '') {
        names.push(pending);
        pending = '';
      }
      names.push(token);
    }
    if (pending !== '') names.push(pending);
  }
  return names.filter((n) => !isEmptyMarker(n));
}

/** A name as stored: no inner spaces (`张　鹏` = `张鹏`), half-width digits. */
export function normalizeName(name: string): string {
  return storedName(name);
}

const storedName = rememberShort((name) => toHalfWidth(normalizeSpaces(name)).replace(/\s+/g, ''));

/** A deadline cell as stored: `长期\n坚持` was one word broken by the cell width. */
export function normalizeDeadline(text: string): string {
  return deadlineText(text);
}

const deadlineText = rememberShort(readDeadlineText);

function readDeadlineText(text: string): string {
  const t = normalizeSpaces(text);
  if (isEmptyMarker(t)) return '';
  // Digits only: the typed text keeps its Chinese punctuation (6月开工，年内完工).
  return t.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');
}

export type DeadlineKind = 'year-end' | 'long-term' | 'month' | 'date' | 'quarter' | 'multi-year' | 'none' | 'unknown';

export interface Deadline {
  kind: DeadlineKind;
  /** The last day by which the target is due (ISO date), when one follows from the text. */
  due: string | null;
}

function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/**
 * Parses 完成时限 for a plan year: 年底 / 年内完成 / 长期坚持 / 3月底前 / 2月上旬前 / 6月开工，年内完工 /
 * 第四季度 / 2023年6月30日 / 2023-06-30 / 2024-2025. The typed text is always kept; this is its reading.
 */
export function parseDeadline(raw: string, year: number): Deadline {
  // Remembered by year and text: a table's deadlines are a handful of wordings (年底, 长期坚持, 6月底前).
  return raw.length > 48 ? readDeadline(raw, year) : { ...deadlineOf(`${year}\u0000${raw}`) };
}

const deadlineOf = rememberShort((key) => readDeadline(key.slice(key.indexOf('\u0000') + 1), Number(key.slice(0, key.indexOf('\u0000')))));

function readDeadline(raw: string, year: number): Deadline {
  const text = normalizeDeadline(raw);
  if (text === '') return { kind: 'none', due: null };
  if (/长期|持续|常态/.test(text)) return { kind: 'long-term', due: null };
  const multi = /^(\d{4})[-—~至到](\d{4})年?$/.exec(text);
  if (multi) return { kind: 'multi-year', due: `${multi[2]}-12-31` };
  const iso = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?(?:前)?$/.exec(text);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      return { kind: 'date', due: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
    }
  }
  const quarter = /第?([一二三四1-4])季度/.exec(text);
  if (quarter && !/月/.test(text)) {
    const q = CN_NUM[quarter[1]!] ?? Number(quarter[1]);
    return { kind: 'quarter', due: lastDayOfMonth(year, q * 3) };
  }
  // "6月开工，年内完工": the completion clause decides the deadline.
  if (/年底|年内|年末|全年|12月底/.test(text)) return { kind: 'year-end', due: `${year}-12-31` };
  const month = /(?:(\d{4})年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?(上旬|中旬|下旬|底|末)?/.exec(text);
  if (month) {
    const y = month[1] ? Number(month[1]) : year;
    const m = CN_NUM[month[2]!] ?? Number(month[2]);
    if (m >= 1 && m <= 12) {
      const part = month[3];
      const day = part === '上旬' ? 10 : part === '中旬' ? 20 : null;
      const due = day === null ? lastDayOfMonth(y, m) : `${y}-${String(m).padStart(2, '0')}-${day}`;
      return { kind: 'month', due };
    }
  }
  return { kind: 'unknown', due: null };
}

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  'year-end': '年底',
  'long-term': '长期坚持',
  month: '按月',
  date: '具体日期',
  quarter: '按季度',
  'multi-year': '跨年度',
  none: '未填写',
  unknown: '无法识别',
};
