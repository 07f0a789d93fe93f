/**
 * A target's light quarter by quarter (一季度 绿 → 二季度 黄 → 三季度 红) and since when it has been red:
 * what a meeting asks first about an item ("is this new?").
 */
import { quarterLabel, type Quarter } from '../domain';
import type { Light } from './compare';

export interface QuarterLight {
  quarter: Quarter;
  light: Light;
}

export const LIGHT_SHORT: Record<Light, string> = { green: '绿', yellow: '黄', red: '红' };

/** 一季度 绿 → 二季度 黄 → 三季度 红 */
export function lightTrail(history: readonly QuarterLight[]): string {
  return history.map((h) => `${quarterLabel(h.quarter)} ${LIGHT_SHORT[h.light]}`).join(' → ');
}

/** The first quarter of the red run that ends with the last quarter; null when the last is not red. */
export function redSince(history: readonly QuarterLight[]): Quarter | null {
  let since: Quarter | null = null;
  for (let i = history.length - 1; i >= 0 && history[i]!.light === 'red'; i -= 1) since = history[i]!.quarter;
  return since;
}
