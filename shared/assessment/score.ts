/**
 * The year-end assessment (考核) as a pure function: the events the store knows of and the office's rules
 * in, a score per unit out, every point traced to the event that gave it. Nothing here reads the store;
 * electron/services/assessment/events.ts collects the events.
 */
import type { AssessmentEvent, AssessmentKind, AssessmentRules, AssessmentUnit } from '../contract';
import { ASSESSMENT_KINDS } from '../contract';
import type { Quarter } from '../domain';

/** One thing that happened, before the rules give it points. */
export interface RawEvent {
  kind: AssessmentKind;
  unit: string;
  /** lead / cooperating: the unit's role on the line the event is about; unit: an event of the unit itself (a return, a notice). */
  role: 'lead' | 'cooperating' | 'unit';
  serial: number | null;
  quarter: Quarter | null;
  date: string | null;
  /** Chinese: what happened (第12项三季度进度滞后：实际33家/目标100家). */
  detail: string;
}

export const KIND_LABELS: Record<AssessmentKind, string> = {
  'year-end-done': '年底完成',
  'year-end-not-done': '年底未完成',
  behind: '季度进度滞后',
  'return-missing': '未报送',
  'return-late': '逾期报送',
  copied: '照抄上季度',
  contradiction: '自报与数据不符',
  'notice-late': '督办通知逾期回复',
};

/**
 * Defaults after published 督查工作考核细则: start at 100; 未报扣10分; a report that does not show the work
 * (copied from last quarter, contradicted by its numbers) 扣5分 (the rules give 5–10); a late return, a
 * quarter behind plan, a target not done at year end, a notice answered late cost a few points each, capped.
 */
export const DEFAULT_RULES: AssessmentRules = {
  base: 100,
  cooperatingShare: 0.5,
  kinds: {
    'year-end-done': { points: 0, cap: null },
    'year-end-not-done': { points: -5, cap: 30 },
    behind: { points: -2, cap: 20 },
    'return-missing': { points: -10, cap: null },
    'return-late': { points: -2, cap: 10 },
    copied: { points: -5, cap: 20 },
    contradiction: { points: -5, cap: 20 },
    'notice-late': { points: -3, cap: 15 },
  },
  items: [{ id: 'leaders', name: '市政府领导评价', share: 0.2 }],
};

/** Points are shown to two decimals; comparing rounded values keeps 0.1 + 0.2 from splitting a tie. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100 + 0;
}

function pointsText(points: number): string {
  const n = Math.abs(points);
  return points < 0 ? `扣${n}分` : `加${n}分`;
}

function percent(share: number): string {
  return `${round2(share * 100)}%`;
}

/** Quarter, then serial, then kind: the order a reader checks a unit's list in. */
function eventOrder(a: RawEvent, b: RawEvent): number {
  return (a.quarter ?? 5) - (b.quarter ?? 5) || (a.serial ?? 0) - (b.serial ?? 0) || ASSESSMENT_KINDS.indexOf(a.kind) - ASSESSMENT_KINDS.indexOf(b.kind);
}

/** Competition ranking (1, 2, 2, 4): equal scores share a rank, the next rank skips. */
export function competitionRanks(scores: readonly number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

export interface ScoreInput {
  /** Every unit assessed, events or not. */
  units: readonly string[];
  events: readonly RawEvent[];
  rules: AssessmentRules;
  /** Hand-entered values per item id and unit (0–100). */
  entries: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

function scoreUnit(unit: string, events: RawEvent[], input: ScoreInput): Omit<AssessmentUnit, 'rank'> {
  const { rules } = input;
  const used = new Map<AssessmentKind, number>();
  const scored: AssessmentEvent[] = [];
  for (const e of [...events].sort(eventOrder)) {
    const rule = rules.kinds[e.kind];
    if (rule.points === 0) continue;
    const share = e.role === 'cooperating' ? rules.cooperatingShare : 1;
    const uncapped = round2(rule.points * share);
    if (uncapped === 0) continue;
    const so_far = used.get(e.kind) ?? 0;
    const room = rule.cap === null ? Infinity : Math.max(0, rule.cap - Math.abs(so_far));
    const points = round2(Math.sign(uncapped) * Math.min(Math.abs(uncapped), room));
    used.set(e.kind, round2(so_far + points));
    const ruleText = `${KIND_LABELS[e.kind]}每次${pointsText(rule.points)}${share !== 1 ? `，配合单位按${percent(share)}计` : ''}${rule.cap !== null ? `，全年最多${rule.cap}分` : ''}`;
    const outcome = points === uncapped ? pointsText(points) : points === 0 ? `已达上限${rule.cap}分，不再${rule.points < 0 ? '扣分' : '加分'}` : `${pointsText(points)}（达到上限${rule.cap}分）`;
    scored.push({ kind: e.kind, points, uncapped, reason: `${e.detail}，${outcome}`, rule: ruleText, serial: e.serial, quarter: e.quarter, date: e.date, role: e.role });
  }
  const byKind: Record<string, number> = Object.fromEntries(ASSESSMENT_KINDS.map((k) => [k, used.get(k) ?? 0]));
  const eventScore = round2(rules.base + scored.reduce((n, e) => n + e.points, 0));
  // A hand-entered item weighs its share: score = (1 − share) × event score + share × value, written as
  // the points it moves the event score by, so the sum of a unit's points is still its score minus the base.
  const items: Record<string, number | null> = {};
  let score = eventScore;
  for (const item of rules.items) {
    const value = input.entries.get(item.id)?.get(unit);
    items[item.id] = value ?? null;
    if (value === undefined || item.share === 0) continue;
    const points = round2(item.share * (value - eventScore));
    score = round2(score + points);
    scored.push({
      kind: 'item',
      points,
      uncapped: points,
      reason: `${item.name}${value}分，占${percent(item.share)}：${percent(item.share)} ×（${value} − ${eventScore}）= ${points}分`,
      rule: `${item.name}占${percent(item.share)}，其余按考核事件计分`,
      serial: null,
      quarter: null,
      date: null,
      role: 'unit',
    });
  }
  return { unit, score, byKind, items, events: scored };
}

/** Scores and ranks of every unit: highest first, ties in name order. */
export function scoreAssessment(input: ScoreInput): AssessmentUnit[] {
  const perUnit = new Map<string, RawEvent[]>(input.units.map((u) => [u, []]));
  for (const e of input.events) {
    let list = perUnit.get(e.unit);
    if (!list) perUnit.set(e.unit, (list = []));
    list.push(e);
  }
  const scored = [...perUnit].map(([unit, events]) => scoreUnit(unit, events, input));
  const ranks = competitionRanks(scored.map((u) => u.score));
  return scored.map((u, i) => ({ ...u, rank: ranks[i]! })).sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit, 'zh-Hans-CN'));
}

