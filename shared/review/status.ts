/**
 * The quarterly review (季度调度会) of a target: a status and an early-warning light per assignment line
 * and for the target, with the Chinese rule that gave them and flags for what the reviewer should look
 * at (self-report contradicted by the numbers, report unchanged from last quarter, missing or empty).
 */
import type { Assignment, ProgressReport, Target } from '../contract';
import { isEmptyMarker, normalizeSpaces, ON_SCHEDULE_LABELS, type OnSchedule, type Quarter } from '../domain';
import { compareShare, compareWithGoal, DEFAULT_THRESHOLDS, pairActual, type Comparison, type Light, type NumericStatus, type Thresholds } from './compare';
import { timePace, type Pace } from './pace';
import { formatGoal, measures, parseActuals, parseQuantities, unreadNumbers, type Quantity } from './quantity';

export { DEFAULT_THRESHOLDS, type Comparison, type Light, type Thresholds } from './compare';

export type ReviewStatus = 'done' | 'ahead' | 'on-pace' | 'behind' | 'not-reported' | 'ongoing';
export type ReviewFlag = 'contradiction' | 'unchanged' | 'not-reported' | 'too-short';

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  done: '已完成',
  ahead: '超进度',
  'on-pace': '序时推进',
  behind: '滞后',
  'not-reported': '未报送',
  ongoing: '长期坚持',
};

export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

export const FLAG_LABELS: Record<ReviewFlag, string> = {
  contradiction: '自报与数据不符',
  unchanged: '与上季度相同',
  'not-reported': '未报送',
  'too-short': '内容过简',
};

/** Worst first: what a target, a leader's or a unit's list is summed up by. */
export const STATUS_SEVERITY: readonly ReviewStatus[] = ['behind', 'not-reported', 'ongoing', 'on-pace', 'ahead', 'done'];
export const LIGHT_SEVERITY: readonly Light[] = ['red', 'yellow', 'green'];
const FLAG_ORDER: readonly ReviewFlag[] = ['contradiction', 'not-reported', 'unchanged', 'too-short'];

export interface AssessOptions {
  thresholds?: Partial<Thresholds>;
  /**
   * Days between the collection deadline (报送截止日期) and the day of the review: ≤ 0 still in time.
   * Absent when unknown (reviewing a published table): a missing report is then yellow.
   */
  daysOverdue?: number;
  /** Last quarter's progress text per assignment id; by default taken from the assignment's own progress. */
  previousProgress?: ReadonlyMap<number, string>;
  /**
   * Actuals a person confirmed or corrected, per assignment id and goal index (in parseGoals order): they
   * replace the automatic pairing; null means "the report has no number for this goal".
   */
  confirmed?: ReadonlyMap<number, ReadonlyMap<number, Quantity | null>>;
  /**
   * The target's content as read (readContent of the same content): a review of several quarters of a target
   * reads it once, not once a quarter; the content's reading was a third of a first review of 5,000 targets.
   */
  content?: ContentReading;
}

/** What the review reads from a target's content: its goals, and the digits that gave no quantity at all. */
export interface ContentReading {
  goals: Quantity[];
  unread: string[];
}

export function readContent(content: string): ContentReading {
  const all = parseQuantities(content);
  return { goals: measures(all), unread: all.length === 0 ? unreadNumbers(content) : [] };
}

export interface LineReview {
  assignmentId: number;
  leaders: string[];
  report: ProgressReport | null;
  status: ReviewStatus;
  light: Light;
  flags: ReviewFlag[];
  /** Chinese: why this status and light (自报“否”; 实际33家/目标100家 = 33%，序时进度75%). */
  rule: string;
  comparisons: Comparison[];
  /** Goals of the target for which the report gives no comparable number. */
  unmatchedGoals: Quantity[];
  /** Every quantity read in the report, with spans, for highlighting. */
  actuals: Quantity[];
}

export interface TargetReview {
  targetId: number;
  serial: number;
  quarter: Quarter;
  pace: Pace;
  /** The goals read in the content, with spans, for highlighting. */
  goals: Quantity[];
  status: ReviewStatus;
  light: Light;
  flags: ReviewFlag[];
  /** The rule of the worst line, with its leaders when the target has several lines. */
  rule: string;
  lines: LineReview[];
}

export function worstStatus(statuses: Iterable<ReviewStatus>): ReviewStatus | null {
  let worst: ReviewStatus | null = null;
  for (const s of statuses) if (worst === null || STATUS_SEVERITY.indexOf(s) < STATUS_SEVERITY.indexOf(worst)) worst = s;
  return worst;
}

export function worstLight(lights: Iterable<Light>): Light | null {
  let worst: Light | null = null;
  for (const l of lights) if (worst === null || LIGHT_SEVERITY.indexOf(l) < LIGHT_SEVERITY.indexOf(worst)) worst = l;
  return worst;
}

/** Whitespace (including full-width) does not make a report new: units re-send last quarter's cell. */
function squeeze(text: string): string {
  return normalizeSpaces(text).replace(/\s+/g, '');
}

function meaningfulLength(text: string): number {
  return [...text.replace(/[\p{P}\p{S}\s]/gu, '')].length;
}

function hasText(text: string): boolean {
  const t = normalizeSpaces(text);
  return t !== '' && !isEmptyMarker(t);
}

function selfLight(value: OnSchedule | null): Light {
  return value === 'yes' ? 'green' : value === 'no' ? 'red' : 'yellow';
}

function selfWording(report: ProgressReport): string {
  const written = normalizeSpaces(report.onScheduleText).replace(/\s+/g, '');
  // Chinese quotation marks, as in every other sentence the product writes (自报“是”, not 自报'是').
  return `自报“${written !== '' ? written : ON_SCHEDULE_LABELS[report.onSchedule!]}”`;
}

/** 已完工 / 办结 / 超进度 written in the 是否按计划 column say more than 是; used when no number decides. */
function statusFromWording(report: ProgressReport): ReviewStatus {
  const w = report.onScheduleText;
  if (/已完成|提前完成|办结|完工/.test(w)) return 'done';
  if (/超进度|超序时|提前/.test(w)) return 'ahead';
  return 'on-pace';
}

const NUMERIC_SEVERITY: readonly NumericStatus[] = ['behind', 'on-pace', 'ahead', 'done'];

function worstNumeric(comparisons: readonly Comparison[]): NumericStatus | null {
  let worst: NumericStatus | null = null;
  for (const c of comparisons) {
    if (c.status !== null && (worst === null || NUMERIC_SEVERITY.indexOf(c.status) < NUMERIC_SEVERITY.indexOf(worst))) worst = c.status;
  }
  return worst;
}

function notReported(assignment: Assignment, report: ProgressReport | null, options: AssessOptions, t: Thresholds): LineReview {
  const d = options.daysOverdue;
  let light: Light;
  let rule: string;
  if (d === undefined) {
    light = 'yellow';
    rule = '未报送';
  } else if (d >= t.overdueYellowDays) {
    light = d >= t.overdueRedDays ? 'red' : 'yellow';
    rule = `未报送（已超过报送截止日期${d}天）`;
  } else {
    light = 'green';
    rule = '未报送（未到报送截止日期）';
  }
  return {
    assignmentId: assignment.id,
    leaders: assignment.leaders,
    report,
    status: 'not-reported',
    light,
    flags: ['not-reported'],
    rule,
    comparisons: [],
    unmatchedGoals: [],
    actuals: [],
  };
}

interface TargetContext {
  target: Target;
  quarter: Quarter;
  pace: Pace;
  goals: Quantity[];
  /** Digits of the content that gave no quantity at all (nothing read): said in the rule. */
  unread: string[];
  options: AssessOptions;
  t: Thresholds;
}

function textFlags(ctx: TargetContext, assignment: Assignment, report: ProgressReport, actuals: readonly Quantity[]): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const previous =
    ctx.options.previousProgress?.get(assignment.id) ?? assignment.progress.find((p) => p.quarter === ctx.quarter - 1)?.text;
  if (previous !== undefined && hasText(previous) && squeeze(previous) === squeeze(report.text)) flags.push('unchanged');
  if (actuals.length === 0 && meaningfulLength(report.text) < ctx.t.minReportChars) flags.push('too-short');
  return flags;
}

function assessLine(ctx: TargetContext, assignment: Assignment): LineReview {
  const report = assignment.progress.find((p) => p.quarter === ctx.quarter) ?? null;
  if (report === null || (!hasText(report.text) && report.onSchedule === null)) return notReported(assignment, report, ctx.options, ctx.t);

  const actuals = parseActuals(report.text);
  const flags = textFlags(ctx, assignment, report, actuals);
  const self = report.onSchedule;
  const selfPiece = self === null ? '未填写是否按计划完成进度' : selfWording(report);
  if (ctx.pace.deadline.kind === 'long-term') {
    // A standing duty has no end to measure against; only the unit's own word counts.
    return {
      assignmentId: assignment.id,
      leaders: assignment.leaders,
      report,
      actuals,
      status: self === 'no' ? 'behind' : 'ongoing',
      light: selfLight(self),
      flags,
      rule: `长期坚持，按报送情况判断：${selfPiece}`,
      comparisons: [],
      unmatchedGoals: [],
    };
  }

  // Content pasted into the progress cell would "report" exactly the goal.
  const copied = hasText(ctx.target.content) && squeeze(ctx.target.content) === squeeze(report.text);
  const comparisons: Comparison[] = [];
  const unmatchedGoals: Quantity[] = [];
  /** Numbers a person confirmed or corrected: they, not the self-report, decide the status. */
  let confirmedNumbers = false;
  if (!copied) {
    const confirmed = ctx.options.confirmed?.get(assignment.id);
    ctx.goals.forEach((goal, index) => {
      if (goal.kind === 'ratio') return;
      const fixed = confirmed?.get(index);
      const actual = fixed === undefined ? pairActual(goal, actuals) : fixed;
      if (!actual) {
        unmatchedGoals.push(goal);
        return;
      }
      const c = compareWithGoal(goal, actual, ctx.pace.fraction, ctx.t);
      if (fixed !== undefined) confirmedNumbers = true;
      comparisons.push(fixed === undefined ? c : { ...c, rule: `${c.rule}（人工确认）` });
    });
    // A share of the plan measures progress whatever the goal's wording.
    for (const a of actuals) if (a.kind === 'ratio') comparisons.push(shareComparison(ctx, a));
  }

  const numeric = worstNumeric(comparisons);
  const numericLight = worstLight(comparisons.flatMap((c) => (c.light === null ? [] : [c.light])));
  // Either way round: 是 with numbers behind, or 否 with numbers on pace or ahead (target 6: 否 at 127%).
  const contradiction = ((self === 'yes' || self === 'basic') && numeric === 'behind') || (self === 'no' && numeric !== null && numeric !== 'behind');
  if (contradiction) flags.unshift('contradiction');
  const byNumbers = confirmedNumbers && numeric !== null;
  const status: ReviewStatus = byNumbers ? numeric : self === 'no' ? 'behind' : (numeric ?? (self === null ? 'on-pace' : statusFromWording(report)));
  const light = byNumbers && numericLight !== null ? numericLight : worstLight([selfLight(self), ...(numericLight === null ? [] : [numericLight])])!;

  const pieces: string[] = [];
  if (copied) pieces.push('责任目标内容与完成情况相同，未比对数据');
  pieces.push(...comparisons.map((c) => c.rule));
  if (!copied && comparisons.length === 0 && unmatchedGoals.length > 0) {
    pieces.push(`目标${unmatchedGoals.map(formatGoal).join('、')}在完成情况中无可比对的数据`);
  }
  if (!copied && comparisons.length === 0 && ctx.unread.length > 0) {
    pieces.push(`未能识别数字（${ctx.unread.map((u) => `“${u}”`).join('、')}）`);
  }
  const judged = numeric !== null;
  if (contradiction) pieces.push(`${selfPiece}与数据不符${byNumbers ? '，按确认的数据判断' : ''}`);
  else if (self === 'no') pieces.unshift(selfPiece);
  else if (self === null || !judged) pieces.push(selfPiece);

  // Literal objects of one shape, not spreads: spreading was a third of assessing a line.
  return { assignmentId: assignment.id, leaders: assignment.leaders, report, actuals, status, light, flags, rule: pieces.join('；'), comparisons, unmatchedGoals };
}

const PLAN_PERIOD = /[（(](\d{4})\s*[-—–~至到]\s*(\d{4})年?[)）]/;

/**
 * A share of the plan against the year's pace, or, when the text names a multi-year plan
 * (三年行动计划（2021-2023年）…已完成82%), against that plan's own pace.
 */
function shareComparison(ctx: TargetContext, actual: Quantity): Comparison {
  const period = PLAN_PERIOD.exec(actual.lead);
  if (!period) return compareShare(actual, ctx.pace.fraction, ctx.t);
  const planPace = timePace(`${period[1]}-${period[2]}`, ctx.target.year, ctx.quarter);
  return compareShare(actual, planPace.fraction, ctx.t, `${period[1]}-${period[2]}年计划序时进度`);
}

function resolveThresholds(partial: Partial<Thresholds> | undefined): Thresholds {
  const t: Thresholds = { ...DEFAULT_THRESHOLDS, ...partial };
  if (!(t.yellow <= t.green && t.green <= t.ahead)) throw new RangeError('阈值应满足：黄灯 ≤ 绿灯 ≤ 超进度');
  if (!(t.overdueYellowDays <= t.overdueRedDays)) throw new RangeError('阈值应满足：黄灯天数 ≤ 红灯天数');
  return t;
}

/** The review of one target for one quarter: per assignment line, and the target as its worst line. */
export function assessTarget(target: Target, quarter: Quarter, options: AssessOptions = {}): TargetReview {
  const t = resolveThresholds(options.thresholds);
  const pace = timePace(target.deadline, target.year, quarter);
  const { goals, unread } = options.content ?? readContent(target.content);
  const ctx: TargetContext = { target, quarter, pace, goals, unread, options, t };
  const lines = target.assignments.map((a) => assessLine(ctx, a));
  const review = (status: ReviewStatus, light: Light, flags: ReviewFlag[], rule: string): TargetReview => ({ targetId: target.id, serial: target.serial, quarter, pace, goals, status, light, flags, rule, lines });
  if (lines.length === 0) return review('not-reported', 'yellow', ['not-reported'], '未设置分工');

  const light = worstLight(lines.map((l) => l.light))!;
  const status = worstStatus(lines.map((l) => l.status))!;
  const flags = FLAG_ORDER.filter((f) => lines.some((l) => l.flags.includes(f)));
  const worst = [...lines].sort(
    (a, b) => LIGHT_SEVERITY.indexOf(a.light) - LIGHT_SEVERITY.indexOf(b.light) || STATUS_SEVERITY.indexOf(a.status) - STATUS_SEVERITY.indexOf(b.status),
  )[0]!;
  const rule = lines.length > 1 && worst.leaders.length > 0 ? `${worst.leaders.join('、')}：${worst.rule}` : worst.rule;
  return review(status, light, flags, rule);
}

/** The review of several targets (a plan, a leader's or a unit's list) with the same options. */
export function assessTargets(targets: readonly Target[], quarter: Quarter, options: AssessOptions = {}): TargetReview[] {
  return targets.map((target) => assessTarget(target, quarter, options));
}
