/**
 * Numbers in target contents and progress texts: the goal of a responsibility target (增长5.5%左右,
 * 新增规模以上服务业100家以上, 增加市级储备粮8.6万吨) and the actuals a unit reports (新增规上服务业33家,
 * 完成年度预算的77.8%, 增长6.9%, 1.71万吨). Pure text rules; nothing here knows about the store.
 *
 * Chinese numerals are read when they are plainly a number (三百亿元, 十万户: with 十/百/千 or before 万/亿);
 * 一批, 三个十大 and 八大重点工程 are wording, not quantities.
 *
 * Deliberately not read: ordinals (第1位), years and months
 * (2023年, 1-9月), numbers glued to Latin letters (PM2.5, 5G, 50MW), and numbers without a known unit
 * (综合指数为4.32). They are either not quantities or cannot be compared with anything.
 */
import { toHalfWidth } from '../domain';

export interface Span {
  /** UTF-16 offsets into the text as given (full-width characters keep their positions). */
  start: number;
  end: number;
}

/**
 * growth-rate: a change in per cent (增长6.9%, 下降25%); level: a percentage that is a state, not a change
 * (失业率5.5%, 占比91.46%); ratio: a share of the year's plan (完成年度预算的77.8%); amount: a count or
 * an absolute amount with a unit (33家, 8.6万吨).
 */
export type QuantityKind = 'growth-rate' | 'level' | 'ratio' | 'amount';

/** exact is a bare number (增加储备粮8.6万吨); range is 2-3个 (value and upper). */
export type Comparator = 'about' | 'at-least' | 'at-most' | 'exceed' | 'reach' | 'range' | 'exact';

/**
 * measure: a number the clause is about (a goal in a content: 新增…100家以上; a result in a progress text:
 * 新增…33家). scope: a count that only says what the sentence deals with (推动20个重点镇快速发展,
 * 落实安委会15条和…措施); holding an actual against it would be noise.
 */
export type QuantityRole = 'measure' | 'scope';

export interface Quantity {
  /** The matched text as written. */
  text: string;
  span: Span;
  /** The number as written, half-width, without separators (e.g. "7.0"), for display. */
  written: string;
  /** The number as written, before 万/亿 (1.71 for 1.71万吨). */
  value: number;
  /** Upper bound of a range (3 for 2-3个), else null. */
  upper: number | null;
  /** The unit as written, including 万/亿 and without inner spaces: 万吨, 亿元, %, 家. */
  unit: string;
  /** The value in the base unit, so 1.71万吨 and 8600吨 compare (17100 and 8600 吨). */
  baseValue: number;
  baseUpper: number | null;
  /** 吨, 元, 千瓦, %, 家 …; two quantities compare only when their base units are equal. */
  baseUnit: string;
  kind: QuantityKind;
  /** For growth rates: 增长 / 提高 (up) or 下降 / 减少 (down); null otherwise. */
  direction: 'up' | 'down' | null;
  comparator: Comparator;
  /** 力争: a stretch goal. */
  aspirational: boolean;
  role: QuantityRole;
  /** The clause before the number (from the last comma or full stop), for pairing goals with actuals. */
  lead: string;
}

export const COMPARATOR_LABELS: Record<Comparator, string> = {
  about: '左右',
  'at-least': '以上',
  'at-most': '以内',
  exceed: '突破',
  reach: '达到',
  range: '区间',
  exact: '',
};

export const QUANTITY_KIND_LABELS: Record<QuantityKind, string> = {
  'growth-rate': '增速',
  level: '比率',
  ratio: '完成比例',
  amount: '数量',
};

const MAGNITUDES: Record<string, number> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 亿: 1e8, 万: 1e4 };

interface UnitDef {
  base: string;
  factor: number;
}

function same(unit: string): UnitDef {
  return { base: unit, factor: 1 };
}

// Counts keep their own measure word as base unit: 家 (enterprises) and 个 (projects) count different things.
const COUNT_WORDS = ['家', '个', '户', '人次', '人', '名', '项', '件', '处', '条', '座', '所', '张', '套', '次', '场', '批', '笔', '台', '辆', '起', '天', '矿次', '株', '栋', '宗'];

const UNITS: Record<string, UnitDef> = {
  '%': same('%'),
  个百分点: same('个百分点'),
  百分点: { base: '个百分点', factor: 1 },
  元: same('元'),
  吨: same('吨'),
  公斤: { base: '吨', factor: 1e-3 },
  // Grain is counted in 斤 (150亿斤) in work reports and in 吨 in progress reports.
  斤: { base: '吨', factor: 5e-4 },
  千克: { base: '吨', factor: 1e-3 },
  千瓦: same('千瓦'),
  公里: same('公里'),
  千米: { base: '公里', factor: 1 },
  米: { base: '公里', factor: 1e-3 },
  平方米: same('平方米'),
  平方公里: { base: '平方米', factor: 1e6 },
  立方米: same('立方米'),
  // Air quality (PM2.5 40微克/立方米以内); progress reports write it 42微克每立方米.
  '微克/立方米': same('微克/立方米'),
  微克每立方米: same('微克/立方米'),
  亩: same('亩'),
  ...Object.fromEntries(COUNT_WORDS.map((w) => [w, same(w)])),
};

function alternation(words: string[]): string {
  // Longest first, so that 个百分点 wins over 个 and 平方公里 over 公里.
  return [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[%/]/g, '\\$&')).join('|');
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_NUM = '[零〇一二两三四五六七八九十百千]+';
const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?|${CN_NUM}`;

/** 三百 → 300, 十 → 10, 一千零五 → 1005; null for what is not a well-formed numeral below 万. */
export function chineseNumeral(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit !== null && digit !== 0) return null; // 三五: a list of digits, not a number
      digit = CN_DIGITS[ch]!;
    } else {
      const unit = CN_UNITS[ch]!;
      total += (digit ?? (unit === 10 && total === 0 ? 1 : NaN)) * unit;
      digit = null;
    }
  }
  total += digit ?? 0;
  return Number.isFinite(total) ? total : null;
}
const QUANTITY_RE = new RegExp(
  `(${NUM})(?:\\s*[-—–~至]\\s*(${NUM}))?` +
    `(?:\\s*([余多]))?(?:\\s*(${alternation(Object.keys(MAGNITUDES))}))?(?:\\s*([余多]))?` +
    `(?:\\s*(${alternation(Object.keys(UNITS))}))?` +
    `(?:\\s*(左右|上下|以上|以内|之内|以下))?`,
  'g',
);

const CLAUSE_BREAK = /[，。；,;：:！!？?\n]/;
const SUFFIX_COMPARATORS: Record<string, Comparator> = { 左右: 'about', 上下: 'about', 以上: 'at-least', 以内: 'at-most', 之内: 'at-most', 以下: 'at-most' };

const RATIO_LEADS = [
  /(?:完成|达到?)了?[^，。；,;：:]{0,12}?(?:预算|计划|目标|任务)[^，。；,;：:]{0,6}?的$/,
  /(?:预算|计划|目标|任务)[^，。；,;：:]{0,4}?完成了?$/,
  /(?:已|累计)完成了?$/,
  /进度(?:为|已达|达到?)?$/,
];
const GROWTH_LEAD = /(增长|增速|增幅|提高|提升|上升|增加|改善|下降|降低|减少|回落|下滑)率?(?:为|了|达|达到)?$/;
const DOWN_WORDS = /下降|降低|减少|回落|下滑/;

interface PrefixReading {
  comparator: Comparator;
  /** A bare 过 (过10亿元项目) qualifies a noun and does not make the number a goal. */
  qualifierOnly: boolean;
}

function prefixComparator(lead: string): PrefixReading | null {
  // 不低于 ends in 低于 and 不超过 in 超过: the negated words are tried first.
  if (/(?:不少于|不低于|至少)[^\d，。；,;：:]{0,4}$/.test(lead)) return { comparator: 'at-least', qualifierOnly: false };
  if (/(?:控制在|不超过|不高于|低于)$/.test(lead)) return { comparator: 'at-most', qualifierOnly: false };
  if (/(?:突破|超过)$/.test(lead)) return { comparator: 'exceed', qualifierOnly: false };
  if (/达到?$/.test(lead)) return { comparator: 'reach', qualifierOnly: false };
  if (/过$/.test(lead)) return { comparator: 'exceed', qualifierOnly: true };
  return null;
}

function kindOf(unit: string, lead: string): { kind: QuantityKind; direction: 'up' | 'down' | null } {
  if (unit !== '%') return { kind: 'amount', direction: null };
  if (RATIO_LEADS.some((re) => re.test(lead))) return { kind: 'ratio', direction: null };
  const growth = GROWTH_LEAD.exec(lead);
  if (growth) return { kind: 'growth-rate', direction: DOWN_WORDS.test(growth[1]!) ? 'down' : 'up' };
  return { kind: 'level', direction: null };
}

function clauseBefore(text: string, index: number): string {
  let i = index;
  while (i > 0 && !CLAUSE_BREAK.test(text[i - 1]!)) i -= 1;
  return text.slice(i, index).replace(/\s+/g, '');
}

function endsClause(text: string, index: number): boolean {
  // Closing quotes and brackets belong to the number's own phrase.
  const rest = text.slice(index).replace(/^[\s”’"'）)】》]+/, '');
  return rest === '' || CLAUSE_BREAK.test(rest[0]!) || rest[0] === '、';
}

/** Floating point noise (1.71 × 10000 = 17100.000000000004) would leak into displays and equality. */
function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

const CN_RUN = new RegExp(`^${CN_NUM}$`);

/** A number as matched: Arabic (1,200.5) or a Chinese numeral (三百); null when it is not one. */
function toNumber(s: string): number | null {
  return CN_RUN.test(s) ? chineseNumeral(s) : Number(s.replace(/,/g, ''));
}

/** Every quantity with a known unit in a text, in order of appearance. */
export function parseQuantities(text: string): Quantity[] {
  const half = toHalfWidth(text);
  const found: Quantity[] = [];
  for (const m of half.matchAll(QUANTITY_RE)) {
    const start = m.index;
    const unitWord = m[6];
    if (unitWord === undefined) continue;
    const before = half[start - 1] ?? '';
    if (/[A-Za-z第.#]/.test(before)) continue;
    const end = start + m[0].length;
    const magnitudeWord = m[4] ?? '';
    // A Chinese numeral is a number when it has 十/百/千 or a magnitude (三百亿元, 十万户); 一批 and 两个
    // are wording. One glued to 万/亿 or to another numeral (三万五千户) is part of a longer number.
    if (CN_RUN.test(m[1]!) && (!(/[十百千]/.test(m[1]!) || magnitudeWord !== '') || /[万亿零〇一二两三四五六七八九十百千]/.test(before))) continue;
    const unitDef = UNITS[unitWord]!;
    // 万 and 亿 make no sense on a percentage: "5万%" is a typo, not a quantity.
    if (unitWord === '%' && magnitudeWord !== '') continue;
    const factor = (MAGNITUDES[magnitudeWord] ?? 1) * unitDef.factor;
    const value = toNumber(m[1]!);
    const upper = m[2] === undefined ? null : toNumber(m[2]);
    if (value === null || (m[2] !== undefined && upper === null)) continue;
    const lead = clauseBefore(half, start);
    const { kind, direction } = kindOf(unitWord, lead);
    const suffix = m[7];
    const prefix = prefixComparator(lead);
    const approx = m[3] !== undefined || m[5] !== undefined;
    const comparator: Comparator = suffix
      ? SUFFIX_COMPARATORS[suffix]!
      : upper !== null
        ? 'range'
        : approx
          ? 'exceed'
          : (prefix?.comparator ?? 'exact');
    const committed = suffix !== undefined || (prefix !== null && !prefix.qualifierOnly);
    found.push({
      text: text.slice(start, end),
      span: { start, end },
      written: CN_RUN.test(m[1]!) ? String(value) : m[1]!.replace(/,/g, ''),
      value,
      upper,
      unit: magnitudeWord + unitWord,
      baseValue: tidy(value * factor),
      baseUpper: upper === null ? null : tidy(upper * factor),
      baseUnit: unitDef.base,
      kind,
      direction,
      comparator,
      aspirational: lead.includes('力争'),
      role: committed || endsClause(half, end) ? 'measure' : 'scope',
      lead,
    });
  }
  return found;
}

/** The goals of a target's content: quantities it commits to, not the counts that set its scope. */
export function parseGoals(content: string): Quantity[] {
  return measures(parseQuantities(content));
}

/** The quantities a text commits to, of those read in it. */
export function measures(quantities: readonly Quantity[]): Quantity[] {
  return quantities.filter((q) => q.role === 'measure');
}

/** What a progress text reports: every quantity, with spans for highlighting. */
export function parseActuals(progress: string): Quantity[] {
  return parseQuantities(progress);
}

/** 7.0% / 8.6万吨 / 2-3个: the number as written with its unit, without the comparator. */
export function formatAmount(q: Quantity): string {
  const upper = q.upper === null ? '' : `-${q.upper}`;
  return `${q.written}${upper}${q.unit}`;
}

/** The quantity with its comparator word: 5.5%左右, 100家以上, 控制在5.5%以内 reads as 5.5%以内. */
export function formatGoal(q: Quantity): string {
  const word = q.comparator === 'range' ? '' : COMPARATOR_LABELS[q.comparator];
  if (q.comparator === 'exceed' || q.comparator === 'reach') return `${word}${formatAmount(q)}`;
  return `${formatAmount(q)}${word}`;
}

/** Whether two quantities measure the same thing in the same base unit and may be compared. */
export function comparable(goal: Quantity, actual: Quantity): boolean {
  if (goal.kind === 'amount' || actual.kind === 'amount') return goal.kind === actual.kind && goal.baseUnit === actual.baseUnit;
  return goal.kind === actual.kind;
}

/**
 * The actual a person writes for a goal (更正 in meeting mode): what the field offers (7.0%), any comparable
 * form (7.1%, 增长7.1%) or a bare number in the goal's unit (7.1). A percentage alone reads as a level, so
 * it is read again after the goal's own clause (地区生产总值增长7.1%) to be a growth rate when the goal is
 * one. null when nothing comparable is written.
 */
export function readActualFor(goal: Quantity, written: string): Quantity | null {
  const trimmed = written.trim();
  const text = /^[+-]?\d+(?:\.\d+)?$/.test(toHalfWidth(trimmed)) ? `${trimmed}${goal.unit}` : trimmed;
  if (text === '') return null;
  const alone = parseQuantities(text).find((q) => comparable(goal, q));
  if (alone) return alone;
  const at = goal.lead.length;
  const inClause = parseQuantities(goal.lead + text).find((q) => q.span.start >= at && comparable(goal, q));
  return inClause ? { ...inClause, span: { start: inClause.span.start - at, end: inClause.span.end - at } } : null;
}

const NOT_A_QUANTITY = /^(?:\d{4}(?:\s*[-—–~至]\s*\d{4})?年|\d{4}\s*[-—–~至]\s*\d{4}|\d{1,2}(?:\s*[-—–~至]\s*\d{1,2})?[月日号]|\d+(?:\.\d+)?[A-Za-z])/;

/**
 * Digits in a text that gave no quantity and are not years, dates, ordinals or names (PM2.5, 5G): what the
 * review could not read, shown in its rule so a goal is not silently left to the self-report.
 */
export function unreadNumbers(text: string): string[] {
  const half = toHalfWidth(text);
  const read = parseQuantities(text).map((q) => q.span);
  const out: string[] = [];
  for (const m of half.matchAll(/\d+(?:\.\d+)?/g)) {
    const start = m.index;
    if (read.some((s) => start >= s.start && start < s.end)) continue;
    if (/[A-Za-z第.\d]/.test(half[start - 1] ?? '') || NOT_A_QUANTITY.test(half.slice(start))) continue;
    const tail = /^[^，。；,;：:！!？?\s、）)”"]{0,4}/.exec(half.slice(start + m[0].length))![0];
    out.push(text.slice(start, start + m[0].length + tail.length));
  }
  return out;
}
