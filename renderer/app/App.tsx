/**
 * The shell: year and quarter, search and filters, the overview, the open target. The overview is asked of
 * the service on every filter change (results are cached there); typing in a cell changes only its row.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OverviewRow, PlanSummary, Target } from '../../shared/contract';
import { quarterLabel, type OnSchedule, type Quarter } from '../../shared/domain';
import { api, errorMessage } from '../api';
import { FilterBar, type FilterState } from '../features/overview/FilterBar';
import { OverviewGrid } from '../features/overview/OverviewGrid';
import { NewTargetDialog } from '../features/target/NewTargetDialog';
import { TargetDrawer } from '../features/target/TargetDrawer';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { ImportScreen } from '../features/import/ImportScreen';
import { timeOfDay } from './format';
import { QuarterSelect } from '../components/Selects';
import { enqueueSave, hasPendingSaves, useSaveState } from './saveQueue';

const SEARCH_DEBOUNCE_MS = 250;

function defaultQuarter(plan: PlanSummary | undefined): Quarter {
  const reported = plan?.reportedQuarters ?? [];
  if (reported.length > 0) return reported[reported.length - 1]!;
  return (Math.floor(new Date().getMonth() / 3) + 1) as Quarter;
}

/** The overview row of a target just saved, for the quarter on screen, keeping which lines met the filter. */
function rowOf(t: Target, quarter: Quarter, previous: OverviewRow): OverviewRow {
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
      matches: previous.lines.find((l) => l.id === a.id)?.matches ?? true,
    })),
  };
}

function SavedState() {
  const state = useSaveState();
  const text =
    state.kind === 'saving' ? '正在保存…' : state.kind === 'saved' ? `已保存 ${timeOfDay(state.at)}` : state.kind === 'failed' ? `保存失败：${state.message}` : '修改会自动保存';
  return (
    <span className={`saved-state ${state.kind}`} data-testid="saved-state" role="status" aria-live="polite">
      {text}
    </span>
  );
}

export function App() {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [storePath, setStorePath] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [quarter, setQuarter] = useState<Quarter>(3);
  const [filter, setFilter] = useState<FilterState>({});
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<OverviewRow[]>([]);
  const [totals, setTotals] = useState({ targets: 0, lines: 0 });
  const [dataStamp, setDataStamp] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [directory, setDirectory] = useState<{ leaders: string[]; units: string[] }>({ leaders: [], units: [] });
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [cellErrors, setCellErrors] = useState<Map<number, Map<number, string>>>(new Map());
  const request = useRef(0);

  const loadPlans = useCallback(() => {
    api['app.info']({}).then((info) => setStorePath(info.storePath), () => undefined);
    return api['plans.list']({}).then((list) => {
      setPlans(list);
      return list;
    });
  }, []);

  useEffect(() => {
    loadPlans().then(
      (list) => {
        const wanted = Number(new URLSearchParams(window.location.search).get('year'));
        const plan = list.find((p) => p.year === wanted) ?? list[0];
        if (plan) {
          setYear(plan.year);
          setQuarter(defaultQuarter(plan));
        }
      },
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  }, [loadPlans]);

  useEffect(() => {
    // Closing the window while a save is on its way would lose it: ask first.
    const guard = (e: BeforeUnloadEvent) => {
      if (hasPendingSaves()) e.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, []);

  useEffect(() => {
    const t = window.setTimeout(() => setQuery(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [search]);

  const loadOverview = useCallback(() => {
    if (year === null) return;
    const id = ++request.current;
    const payload = { year, quarter, filter: { ...filter, ...(query ? { query } : {}) } };
    api['overview.get'](payload).then(
      (result) => {
        // A slower answer to an older request must not replace a newer one.
        if (id !== request.current) return;
        performance.mark('overview-data');
        setRows(result.rows);
        setTotals({ targets: result.totalTargets, lines: result.totalLines });
        setLoadError(null);
        setDataStamp((n) => n + 1);
      },
      (err: unknown) => id === request.current && setLoadError(errorMessage(err)),
    );
  }, [year, quarter, filter, query]);

  useEffect(loadOverview, [loadOverview]);

  useEffect(() => {
    if (year === null) return;
    api['directory.get']({ year }).then((d) => setDirectory({ leaders: d.leaders, units: d.units.map((u) => u.name) }), () => undefined);
  }, [year, dataStamp]);

  const plan = plans?.find((p) => p.year === year);
  const sections = plan?.sections ?? [];

  const quarterRef = useRef(quarter);
  quarterRef.current = quarter;
  const replaceRow = useCallback((previous: OverviewRow, t: Target) => {
    setRows((current) => current.map((r) => (r.id === t.id ? rowOf(t, quarterRef.current, previous) : r)));
  }, []);
  const setCellError = useCallback((rowId: number, lineId: number, message: string | null) => {
    setCellErrors((current) => {
      const next = new Map(current);
      const forRow = new Map(next.get(rowId) ?? []);
      if (message === null) forRow.delete(lineId);
      else forRow.set(lineId, message);
      if (forRow.size === 0) next.delete(rowId);
      else next.set(rowId, forRow);
      return next;
    });
  }, []);

  const actions = useMemo(
    () => ({
      open: (id: number) => setOpenId(id),
      saveText: (row: OverviewRow, lineId: number, text: string) => {
        const q = quarterRef.current;
        enqueueSave(row.id, () => api['progress.save']({ assignmentId: lineId, quarter: q, text })).then(
          (t) => {
            setCellError(row.id, lineId, null);
            replaceRow(row, t);
          },
          (err: unknown) => setCellError(row.id, lineId, errorMessage(err)),
        );
      },
      saveFlag: (row: OverviewRow, lineId: number, onSchedule: OnSchedule | null) => {
        const q = quarterRef.current;
        enqueueSave(row.id, () => api['progress.save']({ assignmentId: lineId, quarter: q, onSchedule })).then(
          (t) => replaceRow(row, t),
          (err: unknown) => setCellError(row.id, lineId, errorMessage(err)),
        );
      },
    }),
    [replaceRow, setCellError],
  );

  const filtersActive = Object.values(filter).some((v) => v !== undefined) || search !== '';
  const shownLines = rows.reduce((n, r) => n + r.lines.length, 0);

  return (
    <div className="app">
      <header className="top-bar">
        <h1>责任目标督查工作台</h1>
        <label>
          年度
          <select data-testid="year" value={year ?? ''} onChange={(e) => setYear(Number(e.target.value))}>
            {(plans ?? []).map((p) => (
              <option key={p.year} value={p.year}>
                {p.year}年
              </option>
            ))}
          </select>
        </label>
        <label>
          季度
          <QuarterSelect data-testid="quarter" value={quarter} onChange={setQuarter} />
        </label>
        <input
          className="search"
          type="search"
          data-testid="search"
          placeholder="搜索责任目标内容和完成情况"
          aria-label="搜索"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="spacer" />
        <SavedState />
        <button type="button" data-testid="new-target" disabled={year === null} onClick={() => setCreating(true)}>
          新增目标
        </button>
        <button type="button" className="secondary" data-testid="open-import" onClick={() => setImporting(true)}>
          导入
        </button>
        <button type="button" className="secondary" onClick={() => setSettingsOpen(true)}>
          设置
        </button>
      </header>

      <FilterBar
        filter={filter}
        leaders={directory.leaders}
        units={directory.units}
        sections={sections}
        active={filtersActive}
        onChange={setFilter}
        onClear={() => {
          setFilter({});
          setSearch('');
        }}
      />

      <main className="main">
        {loadError && <div className="banner error" role="alert">{loadError}</div>}
        {plans !== null && plans.length === 0 && <div className="banner">数据文件中还没有责任目标。请使用“新增目标”录入，或通过命令行载入示例数据。</div>}
        <OverviewGrid rows={rows} quarter={quarter} errors={cellErrors} actions={actions} dataStamp={dataStamp} />
      </main>

      <footer className="status-bar" data-testid="count">
        {filtersActive
          ? `显示 ${rows.length} / ${totals.targets} 项目标，${shownLines} 条分工`
          : `共 ${totals.targets} 项目标，${totals.lines} 条分工`}
        {plan && <span className="muted">　{plan.city}{plan.year}年 · {quarterLabel(quarter)}</span>}
      </footer>

      {openId !== null && (
        <TargetDrawer
          key={openId}
          targetId={openId}
          sections={sections}
          directory={directory}
          onClose={() => setOpenId(null)}
          onChanged={loadOverview}
          onDeleted={() => {
            setOpenId(null);
            loadOverview();
            void loadPlans();
          }}
        />
      )}
      {creating && year !== null && (
        <NewTargetDialog
          year={year}
          nextSerial={(plan?.maxSerial ?? 0) + 1}
          sections={sections}
          directory={directory}
          onClose={() => setCreating(false)}
          onCreated={(t) => {
            setCreating(false);
            setOpenId(t.id);
            loadOverview();
            void loadPlans();
          }}
        />
      )}
      {importing && (
        <ImportScreen
          years={(plans ?? []).map((p) => p.year)}
          onClose={() => setImporting(false)}
          onImported={() => {
            void loadPlans().then((list) => {
              if (year === null && list[0]) {
                setYear(list[0].year);
                setQuarter(defaultQuarter(list[0]));
              }
            });
            loadOverview();
          }}
        />
      )}
      {settingsOpen && <SettingsDialog storePath={storePath} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
