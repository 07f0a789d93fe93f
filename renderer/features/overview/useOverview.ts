/**
 * The overview's data: asks the service for a year, quarter and filter (it filters and searches), keeps the
 * old rows on screen while a new answer is on its way, and applies saves to the one row they concern.
 *
 * Saves and queries cross: a query sent just before a save can come back after it, carrying the row as it
 * was. Every save returns the whole target with its version, so the newest saved target is remembered and
 * wins over an older copy in a late answer.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OverviewFilter, OverviewRow, Target } from '../../../shared/contract';
import type { OnSchedule, Quarter } from '../../../shared/domain';
import { api, ApiError, errorMessage } from '../../api';
import { enqueueSave } from '../../app/saveQueue';
import type { CellFailure } from './cells';
import type { RowActions, RowFailures } from './OverviewRow';

export type FilterState = Omit<OverviewFilter, 'query'>;

interface Result {
  rows: OverviewRow[];
  /** The quarter these rows were loaded for: saves made in them go to this quarter. */
  quarter: Quarter;
  /** The filter these rows were loaded with: after a failed read the filter bar goes back to it. */
  filter: FilterState;
  totalTargets: number;
  totalLines: number;
  stamp: number;
  key: string;
}

/** The overview row of a saved target for a quarter, keeping which lines met the filter. */
export function rowOf(t: Target, quarter: Quarter, previous: OverviewRow | undefined): OverviewRow {
  return {
    id: t.id,
    serial: t.serial,
    content: t.content,
    deadline: t.deadline,
    sectionId: t.sectionId,
    version: t.version,
    lines: t.assignments.map((a) => ({
      id: a.id,
      leaders: a.leaders,
      leadUnits: a.leadUnits,
      cooperatingUnits: a.cooperatingUnits,
      progress: a.progress.find((p) => p.quarter === quarter) ?? null,
      matches: previous?.lines.find((l) => l.id === a.id)?.matches ?? true,
    })),
  };
}

type Failures = ReadonlyMap<number, ReadonlyMap<string, CellFailure>>;

export function useOverview(year: number | null, quarter: Quarter, filter: FilterState, query: string) {
  const [result, setResult] = useState<Result>({ rows: [], quarter, filter, totalTargets: 0, totalLines: 0, stamp: 0, key: '' });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Counts failed reads: each one puts the period and filters on screen back to those of the rows shown.
  const [failedReads, setFailedReads] = useState(0);
  // Keyed by target id, then `${quarter}:${lineId}:${p|s}`: a failure belongs to the quarter it was made in.
  const [failures, setFailures] = useState<Failures>(new Map());
  const request = useRef(0);
  const saved = useRef(new Map<number, Target>());
  // The newest version of each target this window has seen: the version a save says it was made on.
  const versions = useRef(new Map<number, number>());
  const seen = (id: number, version: number) => versions.current.set(id, Math.max(version, versions.current.get(id) ?? 0));
  const shownQuarter = useRef(quarter);
  shownQuarter.current = result.quarter;

  const key = JSON.stringify([year, quarter, filter, query]);

  const load = useCallback(
    (reset: boolean) => {
      if (year === null) return;
      const id = ++request.current;
      setLoading(true);
      const wanted = { year, quarter, filter: { ...filter, ...(query ? { query } : {}) } };
      api['overview.get'](wanted).then(
        (answer) => {
          // A slower answer to an older question must not replace a newer one.
          if (id !== request.current) return;
          performance.mark('overview-data');
          const rows = answer.rows.map((r) => {
            const newer = saved.current.get(r.id);
            return newer && newer.version > r.version ? rowOf(newer, quarter, r) : r;
          });
          for (const r of rows) seen(r.id, r.version);
          setResult((prev) => ({
            rows,
            quarter,
            filter,
            totalTargets: answer.totalTargets,
            totalLines: answer.totalLines,
            stamp: prev.stamp + 1,
            key: reset ? key : prev.key,
          }));
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (id !== request.current) return;
          setError(errorMessage(err));
          setFailedReads((n) => n + 1);
          setLoading(false);
        },
      );
    },
    [year, quarter, filter, query, key],
  );

  useEffect(() => load(true), [load]);
  useEffect(() => {
    saved.current.clear();
    setFailures(new Map());
  }, [year]);

  /** Puts a saved target into its row (if on screen) and remembers it against late answers. */
  const applyTarget = useCallback((t: Target) => {
    const known = saved.current.get(t.id);
    if (known && known.version > t.version) return;
    saved.current.set(t.id, t);
    seen(t.id, t.version);
    setResult((prev) => {
      const i = prev.rows.findIndex((r) => r.id === t.id);
      if (i < 0) return prev;
      const rows = prev.rows.slice();
      rows[i] = rowOf(t, prev.quarter, prev.rows[i]);
      return { ...prev, rows };
    });
  }, []);

  const setFailure = useCallback((targetId: number, cell: string, failure: CellFailure | null) => {
    setFailures((current) => {
      if (failure === null && !current.get(targetId)?.has(cell)) return current;
      const next = new Map(current);
      const forRow = new Map(next.get(targetId) ?? []);
      if (failure === null) forRow.delete(cell);
      else forRow.set(cell, failure);
      if (forRow.size === 0) next.delete(targetId);
      else next.set(targetId, forRow);
      return next;
    });
  }, []);

  const actions = useMemo<Omit<RowActions, 'navigate' | 'serialKey' | 'open' | 'readOnly'>>(() => {
    const save = (row: OverviewRow, lineId: number, col: 'p' | 's', patch: { text: string } | { onSchedule: OnSchedule | null }) => {
      const q = shownQuarter.current;
      const cell = `${q}:${lineId}:${col}`;
      // The version is read when the save's turn comes: an earlier save of this target may have moved it.
      const run = () => api['progress.save']({ assignmentId: lineId, quarter: q, ...patch, baseVersion: versions.current.get(row.id) ?? row.version });
      return enqueueSave(row.id, run).then(
        (t) => {
          setFailure(row.id, cell, null);
          applyTarget(t);
        },
        (err: unknown) => {
          // The cell keeps the user's value with the refusal (which shows the newer one); the rest of the row
          // takes the newer target, so that saving again is made on it, knowingly.
          setFailure(row.id, cell, { message: errorMessage(err), ...patch });
          if (err instanceof ApiError && err.code === 'stale') api['targets.get']({ id: row.id }).then(applyTarget, () => undefined);
        },
      );
    };
    return {
      saveText: (row, lineId, text) => save(row, lineId, 'p', { text }),
      saveFlag: (row, lineId, onSchedule) => save(row, lineId, 's', { onSchedule }),
    };
  }, [applyTarget, setFailure]);

  // What the rows on screen need: the failures of the quarter shown, keyed by line and column.
  const visibleFailures = useMemo(() => {
    const prefix = `${result.quarter}:`;
    const out = new Map<number, RowFailures>();
    for (const [targetId, cells] of failures) {
      const mine = new Map<string, CellFailure>();
      for (const [cell, f] of cells) if (cell.startsWith(prefix)) mine.set(cell.slice(prefix.length), f);
      if (mine.size > 0) out.set(targetId, mine);
    }
    return out;
  }, [failures, result.quarter]);

  const reload = useCallback(() => load(false), [load]);

  return { ...result, loading, error, failedReads, failures: visibleFailures, actions, applyTarget, reload };
}
