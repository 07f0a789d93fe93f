/**
 * 序时进度: how much of a target should be done by the end of a quarter if work went evenly from the
 * start of the year (or of a multi-year period) to the deadline.
 */
import { normalizeDeadline, parseDeadline, quarterLabel, type Deadline, type Quarter } from '../domain';

export interface Pace {
  /** 0–1; null when the deadline gives no pace (长期坚持, blank or unreadable). */
  fraction: number | null;
  deadline: Deadline;
  /** Chinese, shown beside a status: 年底完成，三季度末序时进度75%. */
  note: string;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months from 1 January of `fromYear` to the end of the day `iso`, counting part months by days. */
function monthsUntil(fromYear: number, iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return (y - fromYear) * 12 + (mo - 1) + Math.min(d, daysInMonth(y, mo)) / daysInMonth(y, mo);
}

export function formatPercent(fraction: number): string {
  const pct = Math.round(fraction * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/**
 * The time-proportional pace of a target with this 完成时限 in plan year `year` at the end of `quarter`.
 * Year-end: Q1 25% … Q4 100%. A month or date: months elapsed over months to the deadline, at most 100%.
 * Multi-year (2024-2025): months elapsed since the start of the first year over the whole span.
 */
export function timePace(deadlineText: string, year: number, quarter: Quarter): Pace {
  // A plan has a few dozen distinct 完成时限 over thousands of targets, and a review reads each for four quarters.
  const key = `${year}\u0000${quarter}\u0000${deadlineText}`;
  let pace = paces.get(key);
  if (pace === undefined) {
    if (paces.size >= PACE_CACHE_SIZE) paces.clear();
    // Frozen: every target with this deadline shares the object.
    pace = computePace(deadlineText, year, quarter);
    Object.freeze(pace.deadline);
    paces.set(key, Object.freeze(pace));
  }
  return pace;
}

const PACE_CACHE_SIZE = 4096;
const paces = new Map<string, Pace>();

function computePace(deadlineText: string, year: number, quarter: Quarter): Pace {
  const deadline = parseDeadline(deadlineText, year);
  const at = `${quarterLabel(quarter)}末`;
  const shown = normalizeDeadline(deadlineText);
  switch (deadline.kind) {
    case 'long-term':
      return { fraction: null, deadline, note: '长期坚持，不计序时进度' };
    case 'none':
      return { fraction: null, deadline, note: '未填写完成时限，不计序时进度' };
    case 'unknown':
      return { fraction: null, deadline, note: `完成时限“${shown}”无法识别，不计序时进度` };
    default:
      break;
  }
  let startYear = year;
  if (deadline.kind === 'multi-year') {
    const first = /^(\d{4})/.exec(shown);
    if (!first) return { fraction: null, deadline, note: `完成时限“${shown}”无法识别，不计序时进度` };
    startYear = Number(first[1]);
  }
  const total = deadline.due === null ? null : monthsUntil(startYear, deadline.due);
  if (total === null || total <= 0) return { fraction: null, deadline, note: `完成时限“${shown}”早于计划年度，不计序时进度` };
  const elapsed = (year - startYear) * 12 + quarter * 3;
  const fraction = Math.max(0, Math.min(1, elapsed / total));
  const due = elapsed >= total ? '，已到完成时限' : '';
  return { fraction, deadline, note: `${shown}完成，${at}序时进度${formatPercent(fraction)}${due}` };
}
