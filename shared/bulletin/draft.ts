/**
 * The draft of the quarter's 督查通报 and of each 督办通知: one model of blocks (title, headings, paragraphs,
 * the office and the date) built from the review and the collection round alone, which both the .docx
 * writer and the app's preview render. Nothing here is typed in by hand: every count, name and figure comes
 * from the review of the chosen quarter, every sentence from the editable wording.
 */
import type { Review, ReviewItem, RoundStatus } from '../contract';
import { chineseDate, quarterLabel, type Quarter } from '../domain';
import { formatPercent, timePace } from '../review/pace';
import type { ReviewStatus } from '../review/status';
import { lineFigures, reasonOf } from './figures';
import { fillTemplate, type BulletinWording } from './wording';

export type DraftBlock =
  | { kind: 'title'; text: string }
  /** 主送 (the bulletin's addressees, a notice's unit): flush left. */
  | { kind: 'recipients'; text: string }
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  /** `lead`: a heading run opening the paragraph (（一）压紧压实工作责任。), set as a second-level heading. */
  | { kind: 'paragraph'; text: string; lead?: string }
  | { kind: 'signature'; text: string }
  | { kind: 'date'; text: string };

export interface OfficialDraft {
  fileName: string;
  blocks: DraftBlock[];
}

/** A lagging or contradicted target as the bulletin and the notices list it. */
export interface LaggingEntry {
  targetId: number;
  serial: number;
  content: string;
  status: ReviewStatus;
  contradiction: boolean;
  /** The lead units of its lagging lines. */
  units: string[];
  figures: string;
  reason: string;
  note: string;
}

export interface Discipline {
  /** Owners whose template came back after the due date, with the days late. */
  late: { owner: string; days: number }[];
  /** Owners of an opened round with nothing returned. */
  missing: string[];
  /** Targets with no report this quarter. */
  notReported: { serial: number; units: string[] }[];
  /** Lines whose text is last quarter's, by lead unit. */
  copied: { unit: string; serials: number[] }[];
}

export interface BulletinDraft extends OfficialDraft {
  year: number;
  quarter: Quarter;
  counts: Review['counts'];
  lagging: LaggingEntry[];
  discipline: Discipline;
}

export interface NoticeDraft extends OfficialDraft {
  unit: string;
  targets: LaggingEntry[];
  /** YYYY-MM-DD. */
  replyDue: string;
}

export interface DraftContext {
  review: Review;
  round: RoundStatus;
  wording: BulletinWording;
  city: string;
  /** The thresholds of the review, for the rule (score = attainment ÷ pace). */
  thresholds: { green: number; ahead: number };
  /** The date the draft is signed, YYYY-MM-DD. */
  date: string;
  sample: boolean;
}

const ORDER: readonly ReviewStatus[] = ['done', 'ahead', 'on-pace', 'behind', 'not-reported', 'ongoing'];
const STATUS_NAMES: Record<ReviewStatus, string> = { done: '已完成', ahead: '超进度', 'on-pace': '序时推进', behind: '滞后', 'not-reported': '未报送', ongoing: '长期坚持' };

/** A share as bulletins print it: 12.8%, 0%. */
export function shareOf(n: number, total: number): string {
  return formatPercent(total === 0 ? 0 : n / total);
}

function mix(statuses: Record<string, number>): string {
  const parts = ORDER.filter((s) => (statuses[s] ?? 0) > 0).map((s) => `${STATUS_NAMES[s]}${statuses[s]}项`);
  return parts.join('、');
}

type Line = ReviewItem['lines'][number];

function lagsOn(line: Line): boolean {
  return line.status === 'behind' || line.flags.includes('contradiction');
}

export function isLagging(item: ReviewItem): boolean {
  return item.status === 'behind' || item.flags.includes('contradiction');
}

/** The lines a lagging target is listed for: those lagging, or all when only the target as a whole does. */
function laggingLines(item: ReviewItem): Line[] {
  const own = item.lines.filter(lagsOn);
  return own.length > 0 ? own : item.lines;
}

function unique<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

export function laggingEntries(review: Review): LaggingEntry[] {
  return review.items.filter(isLagging).map((item) => {
    const lines = laggingLines(item);
    return {
      targetId: item.targetId,
      serial: item.serial,
      content: item.content.trim() === '' ? '（未填写目标内容）' : item.content.trim().replace(/[。；]+$/, ''),
      status: item.status,
      contradiction: item.flags.includes('contradiction'),
      units: unique(lines.flatMap((l) => l.leadUnits)),
      figures: unique(lines.map((l) => lineFigures(item, l))).join('；'),
      reason: unique(lines.map((l) => reasonOf(l.text)).filter((r) => r !== '')).join('；'),
      note: item.note.trim(),
    };
  });
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** The local calendar day of an ISO date-time (a return made at 23:30 on the due date is in time). */
function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function disciplineOf(review: Review, round: RoundStatus): Discipline {
  const opened = round.openedAt !== null;
  const due = round.dueDate;
  const late = opened && due
    ? round.owners.flatMap((o) => (o.returnedAt !== null && localDay(o.returnedAt) > due ? [{ owner: o.owner, days: daysBetween(due, localDay(o.returnedAt)) }] : []))
    : [];
  const missing = opened ? round.owners.filter((o) => !o.returned).map((o) => o.owner) : [];
  const notReported = review.items.filter((i) => i.status === 'not-reported').map((i) => ({ serial: i.serial, units: unique(i.lines.flatMap((l) => l.leadUnits)) }));
  const copiedBy = new Map<string, number[]>();
  for (const item of review.items) {
    for (const line of item.lines) {
      if (!line.flags.includes('unchanged')) continue;
      for (const unit of line.leadUnits) {
        const serials = copiedBy.get(unit) ?? [];
        if (!serials.includes(item.serial)) serials.push(item.serial);
        copiedBy.set(unit, serials);
      }
    }
  }
  return { late, missing, notReported, copied: [...copiedBy].map(([unit, serials]) => ({ unit, serials })) };
}

function serialList(serials: readonly number[]): string {
  return `第${serials.join('、')}项`;
}

/** The values every template may use. */
function commonValues(ctx: DraftContext): Record<string, string | number> {
  const base = { 城市: ctx.city, 年: ctx.review.year, 季度: quarterLabel(ctx.review.quarter), 日期: chineseDate(ctx.date) };
  return { ...base, 发文单位: fillTemplate(ctx.wording.office, base) };
}

function paragraphs(text: string): DraftBlock[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      // （一）压紧压实工作责任。… : the numbered sentence is the item's heading, set in 楷体 as in published bulletins.
      const m = /^([（(][一二三四五六七八九十]+[）)][^。]*。)(.*)$/.exec(l);
      return m ? { kind: 'paragraph' as const, lead: m[1]!, text: m[2]! } : { kind: 'paragraph' as const, text: l };
    });
}

function closing(ctx: DraftContext, values: Record<string, string | number>): DraftBlock[] {
  return [
    { kind: 'signature', text: String(values['发文单位']) },
    { kind: 'date', text: chineseDate(ctx.date) },
  ];
}

const sampleMark = (ctx: DraftContext) => (ctx.sample ? '（示例数据）' : '');

export function bulletinDraft(ctx: DraftContext): BulletinDraft {
  const { review, wording: w } = ctx;
  const values = commonValues(ctx);
  const c = review.counts;
  const lagging = laggingEntries(review);
  const discipline = disciplineOf(review, ctx.round);
  const countValues: Record<string, string | number> = { ...values, 目标总数: c.total, 滞后及不符数: lagging.length };
  for (const s of ORDER) {
    countValues[`${STATUS_NAMES[s]}数`] = c.statuses[s] ?? 0;
    countValues[`${STATUS_NAMES[s]}占比`] = shareOf(c.statuses[s] ?? 0, c.total);
  }
  const pace = timePace('年底', review.year, review.quarter).fraction ?? 0;
  const ruleValues = { ...countValues, 序时进度: formatPercent(pace), 绿灯阈值: formatPercent(ctx.thresholds.green), 超进度阈值: formatPercent(ctx.thresholds.ahead) };

  const blocks: DraftBlock[] = [
    { kind: 'title', text: fillTemplate(w.title, values) },
    { kind: 'recipients', text: fillTemplate(w.recipients, values) },
    { kind: 'paragraph', text: fillTemplate(w.opening, countValues) },
    { kind: 'heading1', text: '一、总体情况' },
    { kind: 'paragraph', text: fillTemplate(w.overall, countValues) },
    { kind: 'paragraph', text: fillTemplate(w.rule, ruleValues) },
    { kind: 'heading1', text: '二、分类推进情况' },
  ];
  const groups: [string, Review['byLeader']][] = [
    ['（一）按市政府领导', review.byLeader],
    ['（二）按责任单位', review.byUnit],
    ['（三）按篇章', review.bySection],
  ];
  for (const [heading, list] of groups) {
    blocks.push({ kind: 'heading2', text: heading });
    for (const g of list) {
      blocks.push({ kind: 'paragraph', text: fillTemplate(w.groupLine, { ...values, 名称: g.name, 目标总数: g.total, 状态分布: mix(g.statuses), 滞后数: g.statuses.behind ?? 0 }) });
    }
  }
  blocks.push({ kind: 'heading1', text: '三、滞后及自报与数据不符的目标' });
  if (lagging.length === 0) blocks.push({ kind: 'paragraph', text: fillTemplate(w.noLagging, values) });
  else {
    blocks.push({ kind: 'paragraph', text: fillTemplate(w.laggingIntro, countValues) });
    lagging.forEach((e, i) => blocks.push({ kind: 'paragraph', text: itemText(w.laggingItem, w, values, e, i) }));
  }
  blocks.push({ kind: 'heading1', text: '四、报送纪律情况' });
  blocks.push(...disciplineBlocks(ctx, values, discipline));
  blocks.push({ kind: 'heading1', text: '五、下一步工作' });
  blocks.push(...paragraphs(fillTemplate(w.nextSteps, values)));
  blocks.push(...closing(ctx, values));
  return {
    fileName: `${ctx.city}${review.year}年${quarterLabel(review.quarter)}责任目标督查通报${sampleMark(ctx)}.docx`,
    blocks,
    year: review.year,
    quarter: review.quarter,
    counts: c,
    lagging,
    discipline,
  };
}

function itemText(template: string, w: BulletinWording, values: Record<string, string | number>, e: LaggingEntry, index: number): string {
  const head = fillTemplate(template, { ...values, 编号: index + 1, 序号: e.serial, 目标内容: e.content, 责任单位: e.units.join('、') || '未明确', 完成数据: e.figures.replace(/[。；]+$/, '') });
  const reason = e.reason === '' ? '' : fillTemplate(w.reason, { ...values, 原因: e.reason.replace(/[。；]+$/, '') });
  const note = e.note === '' ? '' : fillTemplate(w.note, { ...values, 督办意见: e.note });
  return `${head}${reason}${note}`;
}

function disciplineBlocks(ctx: DraftContext, values: Record<string, string | number>, d: Discipline): DraftBlock[] {
  const w = ctx.wording;
  const out: string[] = [];
  if (d.late.length > 0) {
    out.push(fillTemplate(w.lateReturns, { ...values, 迟报单位: d.late.map((l) => `${l.owner}（迟报${l.days}天）`).join('、'), 报送截止日期: chineseDate(ctx.round.dueDate ?? ctx.date) }));
  }
  if (d.missing.length > 0) out.push(fillTemplate(w.missingReturns, { ...values, 未报单位: d.missing.join('、') }));
  if (d.notReported.length > 0) {
    out.push(fillTemplate(w.notReported, { ...values, 未报目标: d.notReported.map((n) => `第${n.serial}项${n.units.length > 0 ? `（${n.units.join('、')}）` : ''}`).join('、') }));
  }
  if (d.copied.length > 0) out.push(fillTemplate(w.copied, { ...values, 照抄单位: d.copied.map((c) => `${c.unit}（${serialList(c.serials)}）`).join('、') }));
  if (out.length === 0) out.push(fillTemplate(w.disciplineNone, values));
  return out.map((text) => ({ kind: 'paragraph', text }));
}

/** The units a 督办通知 goes to: each lead unit of a lagging line, with its lagging targets, in review order. */
export function laggingUnits(review: Review): Map<string, LaggingEntry[]> {
  const byUnit = new Map<string, LaggingEntry[]>();
  const entries = new Map(laggingEntries(review).map((e) => [e.targetId, e]));
  for (const item of review.items) {
    const entry = entries.get(item.targetId);
    if (!entry) continue;
    for (const line of laggingLines(item)) {
      for (const unit of line.leadUnits) {
        const list = byUnit.get(unit) ?? [];
        if (list.some((e) => e.targetId === item.targetId)) continue;
        // The unit's own figures, when the target lags on several lines of different units.
        list.push({ ...entry, units: [unit], figures: lineFigures(item, line), reason: reasonOf(line.text) });
        byUnit.set(unit, list);
      }
    }
  }
  return byUnit;
}

/** YYYY-MM-DD plus n days. */
export function addDays(iso: string, days: number): string {
  const d = new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function noticeDraft(ctx: DraftContext, unit: string, targets: LaggingEntry[], replyDue: string): NoticeDraft {
  const w = ctx.wording;
  const values = { ...commonValues(ctx), 单位: unit, 目标数: targets.length, 回复期限: chineseDate(replyDue) };
  const blocks: DraftBlock[] = [
    { kind: 'title', text: fillTemplate(w.noticeTitle, values) },
    { kind: 'recipients', text: `${unit}：` },
    { kind: 'paragraph', text: fillTemplate(w.noticeOpening, values) },
    ...targets.map((e, i): DraftBlock => ({ kind: 'paragraph', text: itemText(w.noticeItem, w, values, e, i) })),
    { kind: 'paragraph', text: fillTemplate(w.noticeRequest, values) },
    ...closing(ctx, values),
  ];
  return {
    fileName: `督办通知_${unit}_${ctx.review.year}年${quarterLabel(ctx.review.quarter)}${sampleMark(ctx)}.docx`,
    blocks,
    unit,
    targets,
    replyDue,
  };
}
