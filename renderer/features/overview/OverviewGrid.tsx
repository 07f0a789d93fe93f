/**
 * The overview table, virtualised: only the targets on screen are in the DOM, so 5,000 targets scroll as
 * smoothly as 39. Row heights are measured as they render (progress texts vary from a line to a page).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { OverviewRow as Row } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { focusCell, focusSerial, type CellAddress, type Direction } from './cells';
import { OverviewRow, type RowActions, type RowFailures } from './OverviewRow';
import { searchTerms } from '../../components/Hits';

/** Where a keyboard move is going: a serial, or a cell of the table. */
type Move = { serial: number } | { cell: CellAddress };

interface Props {
  rows: Row[];
  /** The quarter the rows were loaded for (the header says which quarter's progress is shown). */
  quarter: Quarter;
  failures: ReadonlyMap<number, RowFailures>;
  actions: Omit<RowActions, 'navigate' | 'serialKey'>;
  /** Changes whenever a new result arrives, so the drawn mark can be taken for it. */
  dataStamp: number;
  /** Changes when the question changes (year, quarter, filter): the table goes back to its top. */
  resultKey: string;
  loading: boolean;
  emptyText: string;
  openId: number | null;
  /** The search in force; its terms are marked in the cells. */
  query?: string;
  /** 设置 › 一览表行高 紧凑: text cells cut to three lines until selected, so more targets fit a laptop's screen. */
  compact?: boolean;
}

/** The next editable cell from `from` in a direction; targets without lines have none and are skipped. */
export function step(rows: readonly Row[], from: CellAddress, dir: Direction): CellAddress | null {
  const lines = (r: number) => rows[r]?.lines.length ?? 0;
  const forward = (a: CellAddress): CellAddress | null => {
    if (a.line + 1 < lines(a.row)) return { ...a, line: a.line + 1 };
    for (let r = a.row + 1; r < rows.length; r++) if (lines(r) > 0) return { row: r, line: 0, col: a.col };
    return null;
  };
  const backward = (a: CellAddress): CellAddress | null => {
    if (a.line > 0) return { ...a, line: a.line - 1 };
    for (let r = a.row - 1; r >= 0; r--) if (lines(r) > 0) return { row: r, line: lines(r) - 1, col: a.col };
    return null;
  };
  switch (dir) {
    case 'next':
      return from.col === 'p' ? { ...from, col: 's' } : forward({ ...from, col: 'p' });
    case 'prev':
      return from.col === 's' ? { ...from, col: 'p' } : backward({ ...from, col: 's' });
    case 'down':
      return forward(from);
    case 'up':
      return backward(from);
  }
}

const COLUMNS = (q: Quarter, withPrevious: boolean) => [
  '序号',
  '市政府领导',
  '责任目标内容',
  '完成时限',
  `${quarterLabel(q)}完成情况`,
  ...(withPrevious && q > 1 ? [`${quarterLabel((q - 1) as Quarter)}完成情况（参考）`] : []),
  '是否按计划完成进度',
  '责任单位',
];

export const OverviewGrid = memo(function OverviewGrid({ rows, quarter, failures, actions, dataStamp, resultKey, loading, emptyText, openId, query = '', compact = false }: Props) {
  const terms = useMemo(() => searchTerms(query), [query]);
  // The rows say whether they carry last quarter's report (the column follows the data, not the checkbox).
  const withPrevious = rows.some((r) => r.lines.some((l) => l.previous !== undefined));
  const scroller = useRef<HTMLDivElement>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (i) => rows[i]?.id ?? i,
  });

  /** Focuses something in row `index`, scrolling it into the drawn window first when it is outside. */
  const reach = useCallback(
    (index: number, focus: () => boolean, align: 'start' | 'end', giveUp?: () => void) => {
      if (focus()) return;
      virtualizer.scrollToIndex(index, { align });
      let tries = 0;
      const retry = () => {
        if (focus()) return;
        if (tries++ < 20) requestAnimationFrame(retry);
        else giveUp?.();
      };
      requestAnimationFrame(retry);
    },
    [virtualizer],
  );

  /**
   * The serial or cell a move is on its way to while its row is drawn. A key pressed meanwhile moves on from
   * it, not from what is still focused (held ↓ on a busy machine lost the presses made while rows were
   * drawn), and the move it supersedes gives up instead of taking the focus back.
   */
  const moving = useRef<Move | null>(null);
  const moveTo = useCallback(
    (move: Move, row: number, focus: () => boolean, align: 'start' | 'end') => {
      moving.current = move;
      const attempt = () => {
        if (moving.current !== move) return true;
        if (!focus()) return false;
        moving.current = null;
        return true;
      };
      reach(row, attempt, align, () => {
        if (moving.current === move) moving.current = null;
      });
    },
    [reach],
  );

  const toSerial = useCallback(
    (index: number, align: 'start' | 'end') => {
      if (index < 0 || index >= rowsRef.current.length) return;
      moveTo({ serial: index }, index, () => focusSerial(index), align);
    },
    [moveTo],
  );

  const navigate = useCallback(
    (focused: CellAddress, dir: Direction) => {
      const pending = moving.current;
      const from = pending && 'cell' in pending ? pending.cell : focused;
      // Tab runs in reading order: a target's serial (which opens it), then its cells, then the next serial.
      const lines = rowsRef.current[from.row]?.lines.length ?? 0;
      if (dir === 'next' && from.col === 's' && from.line === lines - 1) return toSerial(from.row + 1, 'end');
      if (dir === 'prev' && from.col === 'p' && from.line === 0) return toSerial(from.row, 'start');
      const to = step(rowsRef.current, from, dir);
      if (!to) return;
      moveTo({ cell: to }, to.row, () => focusCell(to), dir === 'up' || dir === 'prev' ? 'start' : 'end');
    },
    [moveTo, toSerial],
  );

  /** On a serial: ↑ ↓ go to the serial above or below, → into the target's first cell. */
  const serialKey = useCallback(
    (index: number, key: string): boolean => {
      const pending = moving.current;
      const from = pending && 'serial' in pending ? pending.serial : index;
      if (key === 'ArrowDown') toSerial(from + 1, 'end');
      else if (key === 'ArrowUp') toSerial(from - 1, 'start');
      else if (key === 'ArrowRight' && (rowsRef.current[index]?.lines.length ?? 0) > 0) focusCell({ row: index, line: 0, col: 'p' });
      else return false;
      return true;
    },
    [toSerial],
  );
  const rowActions = useMemo<RowActions>(() => ({ ...actions, navigate, serialKey }), [actions, navigate, serialKey]);

  useLayoutEffect(() => {
    if (dataStamp === 0) return;
    // performance marks read by the benchmark: data arrived → first rows on screen.
    requestAnimationFrame(() => performance.mark('overview-drawn'));
  }, [dataStamp]);

  useEffect(() => {
    // Through the virtualizer, not the element: it keeps its own offset and would otherwise scroll back
    // there when it corrects the sizes of the new rows.
    virtualizer.scrollToOffset(0);
  }, [resultKey, virtualizer]);

  const items = virtualizer.getVirtualItems();
  return (
    <div
      className={`grid-scroller${loading ? ' loading' : ''}${withPrevious ? ' with-previous' : ''}${compact ? ' compact' : ''}`}
      ref={scroller}
      role="grid"
      aria-rowcount={rows.length + 1}
      aria-colcount={withPrevious ? 8 : 7}
      aria-busy={loading}
      aria-label="责任目标一览表"
    >
      <div className="grid-header" role="row" aria-rowindex={1}>
        {COLUMNS(quarter, withPrevious).map((h) => (
          <div key={h} role="columnheader" className="header-cell">
            {h}
          </div>
        ))}
      </div>
      {rows.length === 0 ? (
        <div className="empty">{loading ? '正在加载…' : emptyText}</div>
      ) : (
        <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {/* Rows are placed with top, not transform: sticky cells inside them compute from layout positions. */}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ top: item.start }}>
                <OverviewRow row={row} index={item.index} failures={failures.get(row.id)} actions={rowActions} selected={row.id === openId} terms={terms} withPrevious={withPrevious} />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
});
