import type { Target } from './contract';
import type { OnSchedule } from './domain';

/**
 * The stable shape `cli list --json` prints and other tools read. Keep it as it is:
 * onSchedule true for 是 (and 基本, "basically on plan"), false for 否, null when blank.
 */
export interface ListedTarget {
  serial: number;
  content: string;
  deadline: string;
  assignments: {
    leaders: string[];
    leadUnits: string[];
    cooperatingUnits: string[];
    progress: Record<string, { text: string; onSchedule: boolean | null }>;
  }[];
}

function flag(value: OnSchedule | null): boolean | null {
  return value === null ? null : value !== 'no';
}

export function toListed(t: Target): ListedTarget {
  return {
    serial: t.serial,
    content: t.content,
    deadline: t.deadline,
    assignments: t.assignments.map((a) => ({
      leaders: a.leaders,
      leadUnits: a.leadUnits,
      cooperatingUnits: a.cooperatingUnits,
      progress: Object.fromEntries(a.progress.map((p) => [String(p.quarter), { text: p.text, onSchedule: flag(p.onSchedule) }])),
    })),
  };
}
