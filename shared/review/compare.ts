/**
 * Holding one reported number against one goal (or against the time pace, for a share of the plan), and
 * pairing goals with the actuals a progress text reports.
 */
import { formatPercent } from './pace';
import { comparable, formatAmount, formatGoal, type Quantity } from './quantity';

export type Light = 'green' | 'yellow' | 'red';
export type NumericStatus = 'done' | 'ahead' | 'on-pace' | 'behind';

export interface Thresholds {
  /** score = attainment ÷ pace; at or above: green and 序时推进. */
  green: number;
  /** At or above (and below green): yellow; below: red. */
  yellow: number;
  /** At or above: 超进度. */
  ahead: number;
  /** Days past the collection deadline from which a missing report is yellow … */
  overdueYellowDays: number;
  /** … and red. */
  overdueRedDays: number;
  /**
   * A report with fewer meaningful characters (punctuation and spaces stripped) and no number with a unit
   * says nothing reviewable ("正在推进", "已完成"). 15 is about one short clause; a report such as
   * "前三季度,地区生产总值增长7.0%" is shorter but carries its number and is not flagged.
   */
  minReportChars: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  green: 0.95,
  yellow: 0.85,
  ahead: 1.1,
  overdueYellowDays: 1,
  overdueRedDays: 7,
  minReportChars: 15,
});

export interface Comparison {
  /** null when the actual is a share of the plan (完成年度预算的77.8%), held against the pace alone. */
  goal: Quantity | null;
  actual: Quantity;
  /** How much of the goal is reached: 0.33 for 33家 of 100家; for a share of the plan, the share. */
  attainment: number;
  /** The pace the attainment is held against: the time pace for amounts and shares, 1 for rates. */
  pace: number | null;
  /** attainment ÷ pace; null when there is no pace. */
  score: number | null;
  /** null when the numbers cannot say (no pace and the goal not yet reached). */
  status: NumericStatus | null;
  light: Light | null;
  /** Chinese: 实际33家/目标100家 = 33%，序时进度75%. */
  rule: string;
}

function bigrams(s: string): Set<string> {
  const chars = [...s.replace(/[\d.%\s]/g, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

function similarity(a: string, b: string): number {
  const bb = bigrams(b);
  let n = 0;
  for (const g of bigrams(a)) if (bb.has(g)) n += 1;
  return n;
}

/**
 * The actual that reports on a goal: same kind and base unit, and among several the one whose clause
 * shares most wording with the goal's (地区生产总值增长 … 地区生产总值增长7.0%); ties go to the first.
 */
export function pairActual(goal: Quantity, actuals: readonly Quantity[]): Quantity | null {
  let best: Quantity | null = null;
  let bestScore = -1;
  for (const a of actuals) {
    if (!comparable(goal, a)) continue;
    const s = similarity(goal.lead, a.lead);
    if (s > bestScore) {
      best = a;
      bestScore = s;
    }
  }
  return best;
}

function lightOf(score: number, t: Thresholds): Light {
  return score >= t.green ? 'green' : score >= t.yellow ? 'yellow' : 'red';
}

function paced(score: number, t: Thresholds): NumericStatus {
  return score >= t.ahead ? 'ahead' : score >= t.green ? 'on-pace' : 'behind';
}

function signed(q: Quantity): number {
  return q.direction === 'down' ? -q.baseValue : q.baseValue;
}

function rateLabel(q: Quantity): string {
  if (q.kind !== 'growth-rate') return formatAmount(q);
  return `${q.direction === 'down' ? '下降' : '增长'}${formatAmount(q)}`;
}

/**
 * A rate (增速 or a level such as 失业率) is compared with its goal as it stands: a growth rate for the
 * first three quarters is already a rate for the year, so it is not scaled by the time pace.
 */
function compareRate(goal: Quantity, actual: Quantity, pace: number | null, t: Thresholds): Comparison {
  const atMost = goal.comparator === 'at-most';
  const g = goal.kind === 'growth-rate' ? signed(goal) : goal.baseValue;
  const a = actual.kind === 'growth-rate' ? signed(actual) : actual.baseValue;
  // For a ceiling (控制在5.5%以内) staying under it is full attainment; going over shrinks it.
  const attainment = atMost ? (a <= g ? 1 : a > 0 ? g / a : 0) : g === 0 ? (a >= 0 ? 1 : 0) : a / g;
  const reachedWholeTerm = pace !== null && pace >= 1;
  const met = atMost ? a <= g : attainment >= 1;
  const status: NumericStatus = met && reachedWholeTerm ? 'done' : atMost ? (met ? 'on-pace' : 'behind') : paced(attainment, t);
  const head = `实际${rateLabel(actual)}/目标${goal.kind === 'growth-rate' ? (goal.direction === 'down' ? '下降' : '增长') : ''}${formatGoal(goal)}`;
  const rule = atMost
    ? `${head}，${met ? '在目标以内' : '超出目标'}`
    : `${head} = ${formatPercent(attainment)}，${met ? '已达到目标' : '未达到目标'}（增速不按序时折算）`;
  return { goal, actual, attainment, pace: 1, score: attainment, status, light: met ? 'green' : lightOf(attainment, t), rule };
}

function compareAmount(goal: Quantity, actual: Quantity, pace: number | null, t: Thresholds): Comparison {
  const head = `实际${formatAmount(actual)}/目标${formatAmount(goal)}`;
  if (goal.comparator === 'at-most') {
    // A ceiling on an amount is kept or broken at any time; the pace says nothing about it.
    const kept = actual.baseValue <= goal.baseValue;
    const attainment = goal.baseValue === 0 ? (kept ? 1 : 0) : actual.baseValue / goal.baseValue;
    return {
      goal,
      actual,
      attainment,
      pace,
      score: null,
      status: kept ? (pace !== null && pace >= 1 ? 'done' : 'on-pace') : 'behind',
      light: kept ? 'green' : 'red',
      rule: `实际${formatAmount(actual)}/目标${formatGoal(goal)}，${kept ? '在目标以内' : '超出目标'}`,
    };
  }
  const attainment = goal.baseValue === 0 ? 1 : actual.baseValue / goal.baseValue;
  return held(goal, actual, attainment, pace, `${head} = ${formatPercent(attainment)}`, t);
}

/** An amount reached so far, or a share of the plan, held against the time pace. */
function held(goal: Quantity | null, actual: Quantity, attainment: number, pace: number | null, head: string, t: Thresholds, paceName = '序时进度'): Comparison {
  if (attainment >= 1) {
    return { goal, actual, attainment, pace, score: pace === null ? null : attainment / pace, status: 'done', light: 'green', rule: `${head}，已完成目标` };
  }
  if (pace === null || pace === 0) {
    return { goal, actual, attainment, pace, score: null, status: null, light: null, rule: `${head}，无序时进度可比` };
  }
  const score = attainment / pace;
  return { goal, actual, attainment, pace, score, status: paced(score, t), light: lightOf(score, t), rule: `${head}，${paceName}${formatPercent(pace)}` };
}

export function compareWithGoal(goal: Quantity, actual: Quantity, pace: number | null, t: Thresholds): Comparison {
  return goal.kind === 'amount' ? compareAmount(goal, actual, pace, t) : compareRate(goal, actual, pace, t);
}

/** The wording of a share as the rule shows it: 完成年度预算的77.8%, not the whole clause before it. */
function shareLabel(actual: Quantity): string {
  const at = actual.lead.lastIndexOf('完成');
  const from = at < 0 ? Math.max(0, actual.lead.length - 8) : actual.lead[at - 1] === '已' ? at - 1 : at;
  return `${actual.lead.slice(from)}${formatAmount(actual)}`;
}

/**
 * 完成年度预算的77.8%: the share itself is the attainment. A share of a multi-year plan (三年行动计划
 * （2021-2023年）…已完成82%) is held against that plan's pace, named in the rule.
 */
export function compareShare(actual: Quantity, pace: number | null, t: Thresholds, paceName?: string): Comparison {
  return held(null, actual, actual.baseValue / 100, pace, shareLabel(actual), t, paceName);
}
