/** The print view's rows: lines side by side, merged cells spanning a target's lines, groups never splitting one. */
import { describe, expect, it } from 'vitest';
import type { OverviewPrint } from '../../shared/contract';
import { printGroups } from '../../renderer/features/print/printRows';

const line = (units: string) => ({ leaders: '张三', progress: `${units}的进展`, onSchedule: '是', units });
const target = (serial: number, lines = 1) => ({ serial, content: `目标${serial}`, deadline: '年底', lines: Array.from({ length: lines }, (_, i) => line(`单位${serial}-${i}`)) });
type Blocks = OverviewPrint['blocks'];

describe('printGroups', () => {
  it('one block: a row per line, a group per target, the merged cells spanning its lines', () => {
    const groups = printGroups([[target(1), target(2, 2), target(3)]]);
    expect(groups.map((g) => g.serials)).toEqual([[1], [2], [3]]);
    const [first, second] = groups[1]!.rows;
    expect(first!.map((c) => [c.column, c.rowSpan ?? 1])).toEqual([
      ['serial', 2],
      ['leaders', 1],
      ['content', 2],
      ['deadline', 2],
      ['progress', 1],
      ['onSchedule', 1],
      ['units', 1],
    ]);
    expect(second!.map((c) => c.column)).toEqual(['leaders', 'progress', 'onSchedule', 'units']);
    expect(second!.map((c) => c.text)).toEqual(['张三', '单位2-1的进展', '是', '单位2-1']);
  });

  it('two blocks: rows side by side, the shorter block filled with empty cells', () => {
    // Left: 1, 2 (two lines), 3; right: 4, 5 (two lines).
    const groups = printGroups([
      [target(1), target(2, 2), target(3)],
      [target(4), target(5, 2)],
    ]);
    expect(groups.map((g) => g.serials)).toEqual([[1, 4], [2, 5], [3]]);
    expect(groups.map((g) => g.rows.map((r) => r.length))).toEqual([[14], [14, 8], [14]]);
    const last = groups[2]!.rows[0]!;
    expect(last.slice(0, 7).map((c) => c.text)).toEqual(['3', '张三', '目标3', '年底', '单位3-0的进展', '是', '单位3-0']);
    expect(last.slice(7).every((c) => c.text === '' && c.serial === undefined)).toBe(true);
  });

  it('two blocks: a group stays open while either block is inside a target', () => {
    // Left: 1, 2 (two lines), 3; right: 4, 5, 6 (two lines). 2's second line sits beside 6's first, 6's
    // second beside 3: no row between 2 and 3 where both blocks start a target.
    const groups = printGroups([
      [target(1), target(2, 2), target(3)],
      [target(4), target(5), target(6, 2)],
    ]);
    expect(groups.map((g) => g.serials)).toEqual([[1, 4], [2, 5, 6, 3]]);
    expect(groups[1]!.rows.map((r) => r.length)).toEqual([14, 11, 11]);
  });

  it('every line of every target appears once', () => {
    const blocks: Blocks = [
      [target(1, 3), target(2)],
      [target(3), target(4), target(5, 2)],
    ];
    const units = printGroups(blocks).flatMap((g) => g.rows.flat().filter((c) => c.column === 'units' && c.text !== '').map((c) => c.text));
    expect(units.sort()).toEqual(blocks.flat().flatMap((t) => t.lines.map((l) => l.units)).sort());
  });
});
