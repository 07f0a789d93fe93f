/**
 * A lagging line's figures as a bulletin words them: 增长8.5%，低于目标1.5个百分点; 完成33家，为目标100家以上的
 * 33%，低于序时进度（75%）42个百分点. Read from the same goals and actuals the review held against each other
 * (its checks), so the bulletin can never say other numbers than the review; the review's own rule stands in
 * where it compared no goal (a share of a multi-year plan, a self-report of 否).
 */
import type { ReviewItem } from '../contract';
import { formatPercent } from '../review/pace';
import { formatAmount, formatGoal, parseGoals, readActualFor, type Quantity } from '../review/quantity';

type Line = ReviewItem['lines'][number];

/** Percentage points, one decimal at most: 1.5, 42, 0.9. */
function points(diff: number): string {
  const r = Math.round(Math.abs(diff) * 10) / 10;
  return Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1);
}

function signedRate(q: Quantity): number {
  return q.kind === 'growth-rate' && q.direction === 'down' ? -q.value : q.value;
}

function rateWording(q: Quantity): string {
  if (q.kind !== 'growth-rate') return `为${formatAmount(q)}`;
  return `${q.direction === 'down' ? '下降' : '增长'}${formatAmount(q)}`;
}

/** One goal against its actual, in the bulletin's words. */
export function figureOf(goal: Quantity, actual: Quantity, pace: number | null): string {
  if (goal.kind === 'amount') {
    if (goal.comparator === 'at-most') {
      return actual.baseValue <= goal.baseValue ? `${formatAmount(actual)}，在目标${formatGoal(goal)}` : `${formatAmount(actual)}，超出目标上限${formatAmount(goal)}`;
    }
    const share = goal.baseValue === 0 ? 1 : actual.baseValue / goal.baseValue;
    const head = `完成${formatAmount(actual)}，为目标${formatGoal(goal)}的${formatPercent(share)}`;
    if (share >= 1) return `${head}，已完成目标`;
    if (pace === null || pace === 0) return head;
    const diff = (pace - share) * 100;
    return diff > 0 ? `${head}，低于序时进度（${formatPercent(pace)}）${points(diff)}个百分点` : `${head}，达到序时进度（${formatPercent(pace)}）`;
  }
  const a = signedRate(actual);
  const g = signedRate(goal);
  const said = rateWording(actual);
  if (goal.comparator === 'at-most') return a <= g ? `${said}，在目标${formatGoal(goal)}` : `${said}，高于目标上限${points(a - g)}个百分点`;
  if (a >= g) return `${said}，达到目标`;
  return `${said}，低于目标${points(g - a)}个百分点`;
}

/**
 * The figures of one line: each goal the review compared with its actual; else the review's rule for the
 * line (自报“否”; 已完成82%，2021-2023年计划序时进度91.7%…). A contradicted self-report is said either way.
 */
export function lineFigures(item: Pick<ReviewItem, 'content' | 'pace'>, line: Line): string {
  const goals = parseGoals(item.content);
  const pieces: string[] = [];
  for (const check of line.checks) {
    const goal = goals[check.goalIndex];
    if (!goal || check.actual === null) continue;
    const actual = readActualFor(goal, check.actual);
    if (actual) pieces.push(figureOf(goal, actual, item.pace));
  }
  if (pieces.length === 0) return line.rule.replace(/[。；]+$/, '');
  const self = /自报“[^”]*”/.exec(line.rule)?.[0];
  if (line.flags.includes('contradiction') && self) pieces.push(`${self}与数据不符`);
  return pieces.join('；');
}

const REASON = /(?:主要原因|原因是|原因为|原因：|受[^，。；]{1,30}影响)[^。；]*/;

/** Why a line lags, where its return says so (原因是…, 受…影响…); '' otherwise. */
export function reasonOf(text: string): string {
  const m = REASON.exec(text);
  return m ? m[0].replace(/^(?:主要原因|原因是|原因为|原因：)[是为：:，]?/, '').trim() : '';
}
