/**
 * The overview table, virtualised: only the targets on screen are in the DOM, so 5,000 targets scroll as
 * smoothly as 39. Row heights are measured as they render (progress texts vary from a line to a page).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { OverviewRow as Row } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { cellKey, type CellAddress, type Direction } from './cells';
import { OverviewRow, type RowActions } from './OverviewRow';

interface Props {
  rows: Row[];
  quarter: Quarter;
  errors: ReadonlyMap<number, ReadonlyMap<number, string>>;
  actions: Omit<RowActions, 'navigate'>;
  /** Changes whenever a new result arrives, so the drawn mark can be taken for it. */
  dataStamp: number;
}

function step(rows: Row[], from: CellAddress, dir: Direction): CellAddress | null {
  const lineCount = (r: number) => Math.max(1, rows[r]?.lines.length ?? 0);
  const forward = (a: CellAddress): CellAddress | null =>
    a.line + 1 < lineCount(a.row) ? { ...a, line: a.line + 1 } : a.row + 1 < rows.length ? { row: a.row + 1, line: 0, col: a.col } : null;
  const backward = (a: CellAddress): CellAddress | null =>
    a.line > 0 ? { ...a, line: a.line - 1 } : a.row > 0 ? { row: a.row - 1, line: lineCount(a.row - 1) - 1, col: a.col } : null;
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

export function OverviewGrid({ rows, quarter, errors, actions, dataStamp }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 96,
    overscan: 6,
    getItemKey: (i) => rows[i]!.id,
  });

  const navigate = useCallback(
    (from: CellAddress, dir: Direction) => {
      const to = step(rowsRef.current, from, dir);
      if (!to) return;
      virtualizer.scrollToIndex(to.row, { align: 'auto' });
      // The target row may only be drawn after the scroll; look for it over a few frames.
      let tries = 0;
      const focus = () => {
        const el = document.querySelector<HTMLElement>(`[data-cell="${cellKey(to)}"]`);
        if (el) el.focus();
        else if (tries++ < 10) requestAnimationFrame(focus);
      };
      requestAnimationFrame(focus);
    },
    [virtualizer],
  );
  const rowActions = useMemo<RowActions>(() => ({ ...actions, navigate }), [actions, navigate]);

  useLayoutEffect(() => {
    if (dataStamp === 0) return;
    // performance marks read by the benchmark: data arrived → first rows on screen.
    requestAnimationFrame(() => performance.mark('overview-drawn'));
  }, [dataStamp]);

  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [quarter]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="grid-scroller" ref={scroller} role="grid" aria-rowcount={rows.length} aria-label="责任目标一览表">
      <div className="grid-header" role="row">
        {['序号', '市政府领导', '责任目标内容', '完成时限', `${quarterLabel(quarter)}完成情况`, '是否按计划完成进度', '责任单位'].map((h) => (
          <div key={h} role="columnheader" className="header-cell">
            {h}
          </div>
        ))}
      </div>
      {rows.length === 0 ? (
        <div className="empty">没有符合条件的责任目标</div>
      ) : (
        <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
              <OverviewRow row={rows[item.index]!} index={item.index} errors={errors.get(rows[item.index]!.id)} actions={rowActions} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
