/**
 * The print view's table body, as the .xlsx lays it out (electron/excel/overviewWriter.ts): one row per line,
 * a target's 序号, 责任目标内容 and 完成时限 spanning its lines, and in the two-block layout each row holding
 * the left block's line and the right block's line side by side. Rows are grouped so that no target's lines
 * fall in two groups; each group is a <tbody> that the print keeps on one page (break-inside: avoid).
 */
import type { OverviewPrint } from '../../../shared/contract';

type PrintTarget = OverviewPrint['blocks'][number][number];

export type Column = 'serial' | 'leaders' | 'content' | 'deadline' | 'progress' | 'onSchedule' | 'units';
export const COLUMNS: readonly Column[] = ['serial', 'leaders', 'content', 'deadline', 'progress', 'onSchedule', 'units'];

export interface PrintCell {
  column: Column;
  text: string;
  /** Lines the cell spans (a target's merged cells); 1 when absent. */
  rowSpan?: number;
  /** The serial of the target the cell belongs to; absent for the filler under a shorter block. */
  serial?: number;
}

export interface PrintGroup {
  rows: PrintCell[][];
  /** The serials whose lines the group holds, left block first. */
  serials: number[];
}

interface Slot {
  target: PrintTarget;
  line: number;
}

function cellsOf(slot: Slot | undefined): PrintCell[] {
  if (!slot) return COLUMNS.map((column) => ({ column, text: '' }));
  const { target: t, line } = slot;
  const l = t.lines[line]!;
  const serial = t.serial;
  const own: PrintCell[] = [
    { column: 'leaders', text: l.leaders, serial },
    { column: 'progress', text: l.progress, serial },
    { column: 'onSchedule', text: l.onSchedule, serial },
    { column: 'units', text: l.units, serial },
  ];
  if (line > 0) return own;
  const span = t.lines.length > 1 ? { rowSpan: t.lines.length } : {};
  return [
    { column: 'serial', text: String(serial), serial, ...span },
    own[0]!,
    { column: 'content', text: t.content, serial, ...span },
    { column: 'deadline', text: t.deadline, serial, ...span },
    ...own.slice(1),
  ];
}

export function printGroups(blocks: OverviewPrint['blocks']): PrintGroup[] {
  const slots = blocks.map((block) => block.flatMap((target) => target.lines.map((_, line): Slot => ({ target, line }))));
  const height = Math.max(0, ...slots.map((s) => s.length));
  const groups: PrintGroup[] = [];
  for (let r = 0; r < height; r++) {
    // A new group may start only where no block is in the middle of a target.
    const starts = r === 0 || slots.every((s) => r >= s.length || s[r]!.line === 0);
    if (starts) groups.push({ rows: [], serials: [] });
    const group = groups[groups.length - 1]!;
    group.rows.push(slots.flatMap((s) => cellsOf(s[r])));
    for (const s of slots) if (s[r]?.line === 0) group.serials.push(s[r]!.target.serial);
  }
  return groups;
}
