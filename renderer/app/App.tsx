/**
 * The shell: year and quarter, search and filters, the overview, the open target. The overview is asked of
 * the service on every filter change (it caches); typing in a cell changes only its row.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PlanSummary, QuarterLockInfo, RecoveryInfo, StartState, Target } from '../../shared/contract';
import { quarterLabel, type Quarter } from '../../shared/domain';
import { api, ApiError, errorMessage, onReconnected } from '../api';
import { FilterBar } from '../features/overview/FilterBar';
import { OverviewGrid } from '../features/overview/OverviewGrid';
import { OverviewTitle } from '../features/overview/OverviewTitle';
import { SearchBox } from '../features/overview/SearchBox';
import { useOverview, type FilterState } from '../features/overview/useOverview';
import { NewTargetDialog } from '../features/target/NewTargetDialog';
import { TargetDrawer } from '../features/target/TargetDrawer';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { BackupDialog } from '../features/backup/BackupDialog';
import { RecoveryScreen } from '../features/backup/RecoveryScreen';
import { ImportScreen, type ImportStart } from '../features/import/ImportScreen';
import { expandDrop } from '../features/import/droppedEntries';
import { StoreStatus, statusChanged } from '../features/status/StoreStatus';
import { DownloadNotice } from '../features/status/DownloadNotice';
import { DataFolderDialog } from '../features/settings/DataFolderDialog';
import { HelpGuide, useHelpKey } from '../features/help/HelpGuide';
import { useShellCommands } from './shell';
import { ExportDialog } from '../features/export/ExportDialog';
import { PublishDialog } from '../features/publish/PublishDialog';
import { OverviewPrintView, type PrintScope } from '../features/print/OverviewPrint';
import { printableOnTop, printPage } from './print';
import { desktop } from './shell';
import { RoundScreen } from '../features/round/RoundScreen';
import { AssessmentScreen } from '../features/assessment/AssessmentScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { ReportScreen } from '../features/report/ReportScreen';
import { QuarterSelect } from '../components/Selects';
import { StartBanners } from '../features/welcome/StartBanners';
import { SampleBanner } from '../features/welcome/SampleBanner';
import { Welcome } from '../features/welcome/Welcome';
import { formatDate, timeOfDay } from './format';
import { carryNotice, NoticeToast, takeCarriedNotice, TokenScreen, type Notice } from './Notices';
import { hasPendingSaves, useSaveState, whenSaved } from './saveQueue';
import { fieldOwnsUndo } from '../components/undoKeys';
import { redo, undo, useUndoState } from './undo';

/** The latest quarter with any progress in the plan, else the quarter we are in. */
function defaultQuarter(plan: PlanSummary | undefined): Quarter {
  const reported = plan?.reportedQuarters ?? [];
  if (reported.length > 0) return reported[reported.length - 1]!;
  return (Math.floor(new Date().getMonth() / 3) + 1) as Quarter;
}

function SavedState() {
  const state = useSaveState();
  const text =
    state.kind === 'saving' ? '正在保存…' : state.kind === 'saved' ? `已保存 ${timeOfDay(state.at)}` : state.kind === 'failed' ? `保存失败：${state.message}` : '修改会自动保存';
  return (
    <span className={`saved-state ${state.kind}`} data-testid="saved-state" role="status" aria-live="polite" title={text}>
      <span className="dot" aria-hidden="true" />
      {text}
    </span>
  );
}

/** The grid's keys, in the status bar; cut short when the bar is narrow, whole in its tooltip. */
const KEYS_HINT = 'Tab 下一格 · Enter 下一行 · ↑↓ 上下 · 直接输入替换 · F2/双击 修改 · Alt+Enter 换行 · Esc 取消本格修改';

export interface Directory {
  leaders: string[];
  units: string[];
}

export function App() {
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [storePath, setStorePath] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [quarter, setQuarter] = useState<Quarter>(defaultQuarter(undefined));
  const [filter, setFilter] = useState<FilterState>({});
  const [query, setQuery] = useState('');
  const [startError, setStartError] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const [recovery, setRecovery] = useState<RecoveryInfo | null>(null);
  const [backupsOpen, setBackupsOpen] = useState(false);
  const [directory, setDirectory] = useState<Directory>({ leaders: [], units: [] });
  const [directoryStamp, setDirectoryStamp] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [publishing, setPublishing] = useState(false);
  /** The 一览表's print view, with what it prints (the export dialog's choice, or the whole table). */
  const [printing, setPrinting] = useState<{ scope: PrintScope; layout?: 'single' | 'two-block'; paperSize?: 'A3' | 'A4' } | null>(null);
  const [roundOpen, setRoundOpen] = useState(false);
  const [assessmentOpen, setAssessmentOpen] = useState(false);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);
  const searchBox = useRef<HTMLInputElement>(null);
  const [startState, setStartState] = useState<StartState | null>(null);
  // DESKTOP (issue 11): the import opened by a drop or the 文件 menu, the guide, the menu's commands.
  const [importStart, setImportStart] = useState<ImportStart | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [dataFolderOpen, setDataFolderOpen] = useState(false);
  const openImport = (start: ImportStart | null) => {
    setImportStart(start);
    setImporting(true);
  };
  useShellCommands({
    'import-files': () => openImport({ kind: 'pick', how: 'files' }),
    'import-folder': () => openImport({ kind: 'pick', how: 'folder' }),
    'import-recent': (index) => openImport({ kind: 'pick', how: 'recent', index: index ?? 0 }),
    export: () => year !== null && setExporting(true),
    // 文件 › 打印… (Ctrl+P): the screen on top that prints, else the 一览表's print view.
    print: () => {
      const top = printableOnTop();
      if (top) void printPage(top).catch((err: unknown) => setNotice({ text: errorMessage(err), error: true }));
      else if (year !== null) setPrinting({ scope: {} });
    },
    settings: () => setSettingsOpen(true),
    backups: () => setBackupsOpen(true),
    help: () => setHelpOpen(true),
    'data-folder': () => setDataFolderOpen(true),
  });
  useHelpKey(() => setHelpOpen(true));

  const overview = useOverview(year, quarter, filter, query);
  // A read that failed leaves the rows of the last one on screen: the 季度 and the filters go back to what
  // those rows are, so no selector says one thing while the table shows another.
  const { quarter: shownQuarter, filter: shownFilter, failedReads, stamp: shownStamp } = overview;
  useEffect(() => {
    if (failedReads === 0 || shownStamp === 0) return;
    setQuarter(shownQuarter);
    setFilter(shownFilter);
    // Only a new failure moves the selectors (not the rows shown changing, which is what a success does).
  }, [failedReads]); // eslint-disable-line react-hooks/exhaustive-deps

  const loadPlans = useCallback(
    () =>
      api['plans.list']({}).then((list) => {
        setPlans(list);
        return list;
      }),
    [],
  );
  const [notice, setNotice] = useState<Notice | null>(takeCarriedNotice);
  /**
   * The list again after a change. Nothing waits on it, so a failure (the service gone meanwhile) is said in
   * the notice instead of escaping as an unhandled rejection; the list shown stays as it was.
   */
  const refreshPlans = useCallback(
    (then?: (list: PlanSummary[]) => void) => {
      loadPlans().then(
        (list) => then?.(list),
        (err: unknown) => setNotice({ text: errorMessage(err), error: true }),
      );
    },
    [loadPlans],
  );

  const choosePlan = useCallback((plan: PlanSummary | undefined) => {
    if (!plan) return;
    setYear(plan.year);
    setQuarter(defaultQuarter(plan));
  }, []);

  useEffect(() => {
    api['app.info']({}).then(
      (info) => {
        setStorePath(info.storePath);
        setRecovery(info.recovery);
        if (!info.recovery) api['app.startState']({}).then(setStartState, () => undefined);
      },
      () => undefined,
    );
    loadPlans().then(
      (list) => {
        // ?year= picks a plan (the benchmark and links from other tools use it); else the newest plan.
        const wanted = Number(new URLSearchParams(window.location.search).get('year'));
        choosePlan(list.find((p) => p.year === wanted) ?? [...list].sort((a, b) => b.year - a.year)[0]);
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.code === 'forbidden') setForbidden(true);
        setStartError(errorMessage(err));
      },
    );
  }, [loadPlans, choosePlan]);

  useEffect(() => {
    // Closing the window while a save is on its way would lose it: ask first.
    const guard = (e: BeforeUnloadEvent) => {
      if (hasPendingSaves()) e.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, []);

  useEffect(() => {
    // Ctrl+F goes to the search box (Electron has no find bar of its own).
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    // Ctrl+P over the overview opens the 一览表's print view instead of printing the screen. Over a screen
    // that prints (the print view, 调度评估, 督查通报) the browser prints that one with its print styles. The
    // desktop's menu has Ctrl+P itself (the 'print' command above).
    const onKey = (e: KeyboardEvent) => {
      if (desktop || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'p') return;
      if (printableOnTop() || year === null || document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      setPrinting({ scope: {} });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [year]);

  useEffect(() => {
    if (year === null) return;
    api['directory.get']({ year }).then((d) => setDirectory({ leaders: d.leaders, units: d.units.map((u) => u.name) }), () => undefined);
  }, [year, directoryStamp]);

  const plan = plans?.find((p) => p.year === year);
  const sections = plan?.sections ?? [];
  const { reload, applyTarget } = overview;
  // The browser mode's service back after a restart (same address): read again what the page shows.
  useEffect(() => onReconnected(() => {
    reload();
    refreshPlans();
  }), [reload, refreshPlans]);

  const [locks, setLocks] = useState<QuarterLockInfo[]>([]);
  const [locksStamp, setLocksStamp] = useState(0);
  useEffect(() => {
    if (year === null) return;
    api['quarters.locks']({ year }).then(setLocks, () => setLocks([]));
  }, [year, locksStamp]);
  const lock = locks.find((l) => l.quarter === quarter);
  const rowActions = useMemo(() => ({ ...overview.actions, readOnly: lock !== undefined, open: (id: number) => setOpenId(id) }), [overview.actions, lock]);

  /** After a change made in the target panel: its row at once, then the table as the service has it. */
  const onTargetChanged = useCallback(
    (t: Target, structural: boolean) => {
      applyTarget(t);
      reload();
      if (structural) {
        setDirectoryStamp((n) => n + 1);
        refreshPlans();
      }
    },
    [applyTarget, reload, refreshPlans],
  );
  const closeTarget = useCallback(() => setOpenId(null), []);

  const undoState = useUndoState();
  // Counts undos and redos, so that an open target panel reads the target again after one.
  const [undoRevision, setUndoRevision] = useState(0);
  const dismissNotice = useCallback(() => setNotice(null), []);
  const step = useCallback(
    (which: 'undo' | 'redo') => {
      // An edit left with Enter is still on its way: undo it once it has landed, not the one before it.
      whenSaved().then(() => (which === 'undo' ? undo : redo)(api['history.revert'])).then(
        (done) => {
          if (!done) return;
          if (done.target) applyTarget(done.target);
          setUndoRevision((n) => n + 1);
          reload();
          refreshPlans();
          const back = which === 'undo' ? 'redo' : 'undo';
          setNotice({ text: `已${which === 'undo' ? '撤销' : '重做'}：${done.label}`, action: { label: back === 'redo' ? '重做' : '撤销', run: () => stepRef.current(back) } });
        },
        (err: unknown) => setNotice({ text: errorMessage(err), error: true }),
      );
    },
    [applyTarget, reload, refreshPlans],
  );
  const stepRef = useRef(step);
  stepRef.current = step;

  useEffect(() => {
    // Inside a field with unsaved text Ctrl+Z is the field's own undo of typing; elsewhere it undoes the last saved edit.
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (fieldOwnsUndo(e.target as Element | null)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        step('undo');
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        step('redo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  // Showing last quarter's column and where the search looks do not narrow the table.
  const { withPrevious: _withPrevious, searchAllQuarters: _searchAll, ...narrowing } = filter;
  const filtersActive = Object.values(narrowing).some((v) => v !== undefined) || query !== '';
  const shownLines = overview.rows.reduce((n, r) => n + r.lines.length, 0);
  const clear = useCallback(() => {
    setFilter((f) => (f.withPrevious ? { withPrevious: true } : {}));
    setQuery('');
  }, []);

  const error = startError ?? overview.error;
  const sample = plans?.find((p) => p.sample);
  /** After the sample year is gone: the newest year left, or (none left) the app as on an empty store. */
  const afterSampleRemoved = (message: string) => {
    refreshPlans((list) => {
      if (list.length === 0) return window.location.reload();
      setOpenId(null);
      choosePlan([...list].sort((a, b) => b.year - a.year)[0]);
      setDirectoryStamp((n) => n + 1);
      setNotice({ text: message, error: false });
    });
  };
  if (recovery) return <RecoveryScreen recovery={recovery} />;
  if (forbidden) return <TokenScreen />;

  return (
    <div
      className="app"
      onDragOver={(e) => {
        // Files dropped anywhere on the window go to the import (not to the browser, which would open them).
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes('Files') || e.defaultPrevented) return;
        e.preventDefault();
        const transfer = expandDrop(e.dataTransfer);
        openImport({ kind: 'drop', transfer });
      }}
    >
      <header className="top-bar">
        <h1>责任目标督查工作台</h1>
        {plan?.sample && (
          <span className="tag sample-tag" data-testid="sample-mark">
            示例数据
          </span>
        )}
        <div className="period">
          <label>
            <span className="label">年度</span>
            <select
              data-testid="year"
              value={year ?? ''}
              onChange={(e) => {
                setOpenId(null);
                choosePlan(plans?.find((p) => p.year === Number(e.target.value)));
              }}
            >
              {(plans ?? []).map((p) => (
                <option key={p.year} value={p.year}>
                  {p.year}年{p.sample ? '（示例数据）' : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="label">季度</span>
            <QuarterSelect data-testid="quarter" value={quarter} onChange={setQuarter} />
          </label>
        </div>
        <SearchBox ref={searchBox} query={query} onQuery={setQuery} />
        <span className="spacer" />
        <SavedState />
        <button type="button" className="secondary history-step" data-testid="undo" aria-label="撤销" disabled={!undoState.canUndo} title={undoState.canUndo ? `撤销：${undoState.undoLabel}（Ctrl+Z）` : '没有可撤销的修改'} onClick={() => step('undo')}>
          ↶
        </button>
        <button type="button" className="secondary history-step" data-testid="redo" aria-label="重做" disabled={!undoState.canRedo} title={undoState.canRedo ? `重做：${undoState.redoLabel}（Ctrl+Y）` : '没有可重做的修改'} onClick={() => step('redo')}>
          ↷
        </button>
        {/* One unit: where the window is too narrow for one row (1366 px with every screen's button), it goes below whole. */}
        <div className="top-actions">
          <button type="button" data-testid="new-target" disabled={year === null} onClick={() => setCreating(true)}>
            ＋ 新增目标
          </button>
          <button type="button" className="secondary" data-testid="open-report" disabled={year === null} onClick={() => setReportOpen(true)}>
            报告分解
          </button>
          <button type="button" className="secondary" data-testid="open-review" disabled={year === null} onClick={() => setReviewOpen(true)}>
            调度评估
          </button>
          <button type="button" className="secondary" data-testid="open-round" disabled={year === null} onClick={() => setRoundOpen(true)}>
            季度调度
          </button>
          <button type="button" className="secondary" data-testid="open-assessment" disabled={year === null} onClick={() => setAssessmentOpen(true)}>
            年度考核
          </button>
          <button type="button" className="secondary" data-testid="open-export" disabled={year === null} onClick={() => setExporting(true)}>
            导出
          </button>
          <button type="button" className="secondary" data-testid="open-import" onClick={() => setImporting(true)}>
            导入
          </button>
          <button type="button" className="secondary" onClick={() => setSettingsOpen(true)}>
            设置
          </button>
          <button type="button" className="secondary help-button" data-testid="open-help" aria-label="使用指南" title="使用指南（F1）" onClick={() => setHelpOpen(true)}>
            ?
          </button>
        </div>
      </header>

      <FilterBar filter={filter} leaders={directory.leaders} units={directory.units} sections={sections} totalTargets={plan?.targetCount ?? 0} active={filtersActive} onChange={setFilter} onClear={clear} />

      <main className="main">
        <StartBanners state={startState} />
        {plan?.sample && <SampleBanner key={plan.year} plan={plan} onRemoved={afterSampleRemoved} />}
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        {lock && year !== null && (
          <div className="banner locked" data-testid="locked-banner">
            {year}年{quarterLabel(quarter)}已于{formatDate(lock.publishedOn)}发布，该季度一览表已锁定（只读）：目标的增删、序号、内容、完成时限、领导、单位和本季度完成情况都不能修改。如确需修改，请
            <button type="button" className="link" data-testid="open-unlock" onClick={() => setPublishing(true)}>
              解除锁定…
            </button>
            并说明理由。
          </div>
        )}
        {plan && (
          <div className="overview-head">
            <OverviewTitle city={plan.city} year={plan.year} quarter={overview.quarter} count={plan.targetCount} stamp={settingsOpen ? 0 : 1} />
            {/* The quarter on screen is the one published: the button goes with the selector's quarter. */}
            <button
              type="button"
              className="secondary"
              data-testid="open-publish"
              title={lock ? `${year}年${quarterLabel(quarter)}已于${formatDate(lock.publishedOn)}发布（只读）` : `发布${year}年${quarterLabel(quarter)}一览表并锁定为只读`}
              onClick={() => setPublishing(true)}
            >
              {lock ? '已发布（已锁定）…' : '发布并锁定本季度…'}
            </button>
          </div>
        )}
        {plans !== null && plans.length === 0 && (
          // No year at all (the sample removed, nothing imported): 新增目标 waits for a year, so say how to make one.
          <div className="banner" data-testid="no-year">
            数据文件中还没有任何年度。
            {startState && !startState.readOnly && (
              <>
                <button type="button" className="link" data-testid="new-year" onClick={() => setStartState({ ...startState, welcome: true })}>
                  新建年度…
                </button>
                建立一个空的年度后逐项录入，或
              </>
            )}
            点击“导入”读入一览表（按表中的年度建立）。
          </div>
        )}
        <OverviewGrid
          rows={overview.rows}
          quarter={overview.quarter}
          failures={overview.failures}
          actions={rowActions}
          dataStamp={overview.stamp}
          resultKey={overview.key}
          loading={overview.loading}
          emptyText={filtersActive ? '没有符合筛选条件的责任目标' : year === null ? '还没有年度，也就还没有责任目标。' : '本年度还没有责任目标。可点击“导入”读入上一年度的一览表或本年度的分解表，在“报告分解”中从政府工作报告提出，或点击“新增目标”逐项录入。'}
          openId={openId}
          query={query}
        />
      </main>

      <footer className="status-bar">
        <span data-testid="count">
          {filtersActive
            ? `筛选出 ${overview.rows.length} 项目标，${shownLines} 条分工（共 ${overview.totalTargets} 项目标，${overview.totalLines} 条分工）`
            : `共 ${overview.totalTargets} 项目标，${overview.totalLines} 条分工`}
        </span>
        {plan && (
          <span className="muted">
            {plan.city}
            {plan.year}年{plan.sample ? '（示例数据）' : ''} · {quarterLabel(overview.quarter)}
          </span>
        )}
        {overview.loading && <span className="muted">正在查询…</span>}
        <span className="spacer" />
        <DownloadNotice />
        <StoreStatus />
        <span className="muted keys" title={KEYS_HINT}>
          {KEYS_HINT}
        </span>
      </footer>

      {openId !== null && (
        <TargetDrawer
          key={openId}
          targetId={openId}
          revision={undoRevision}
          quarter={quarter}
          sections={sections}
          directory={directory}
          onClose={closeTarget}
          onChanged={onTargetChanged}
          onDeleted={() => {
            setOpenId(null);
            reload();
            refreshPlans();
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
            reload();
            setDirectoryStamp((n) => n + 1);
            refreshPlans();
          }}
        />
      )}
      {exporting && year !== null && (
        <ExportDialog
          year={year}
          quarter={quarter}
          leader={filter.leader}
          unit={filter.unit}
          lock={lock}
          onClose={() => setExporting(false)}
          onPrint={(choice) => {
            setExporting(false);
            setPrinting(choice);
          }}
        />
      )}
      {publishing && year !== null && !reviewOpen && (
        <PublishDialog
          year={year}
          quarter={quarter}
          lock={lock}
          onClose={() => setPublishing(false)}
          onChanged={(message) => {
            setPublishing(false);
            setLocksStamp((n) => n + 1);
            setNotice({ text: message, error: false });
          }}
        />
      )}
      {printing && year !== null && <OverviewPrintView year={year} quarter={quarter} {...printing} onClose={() => setPrinting(null)} />}
      {importing && (
        <ImportScreen
          start={importStart}
          years={(plans ?? []).map((p) => p.year)}
          period={year === null ? null : { year, quarter }}
          onClose={() => {
            setImporting(false);
            setImportStart(null);
          }}
          onImported={() => {
            statusChanged();
            refreshPlans((list) => {
              if (year === null) choosePlan(list[0]);
            });
            reload();
            setDirectoryStamp((n) => n + 1);
          }}
        />
      )}
      {reviewOpen && year !== null && (
        <ReviewScreen
          year={year}
          quarter={quarter}
          sections={sections}
          lock={lock}
          onLocksChanged={(message) => {
            setLocksStamp((n) => n + 1);
            setNotice({ text: message, error: false });
          }}
          onClose={() => setReviewOpen(false)}
        />
      )}
      {reportOpen && year !== null && (
        <ReportScreen
          year={year}
          onClose={() => setReportOpen(false)}
          onChanged={() => {
            reload();
            refreshPlans();
            setDirectoryStamp((n) => n + 1);
          }}
        />
      )}
      {roundOpen && year !== null && <RoundScreen year={year} quarter={quarter} onClose={() => setRoundOpen(false)} />}
      {assessmentOpen && year !== null && <AssessmentScreen year={year} onClose={() => setAssessmentOpen(false)} />}
      {settingsOpen && (
        <SettingsDialog
          storePath={storePath}
          year={year}
          onClose={() => setSettingsOpen(false)}
          onBackups={() => {
            setSettingsOpen(false);
            setBackupsOpen(true);
          }}
          onDataFolder={() => {
            setSettingsOpen(false);
            setDataFolderOpen(true);
          }}
        />
      )}
      {helpOpen && <HelpGuide onClose={() => setHelpOpen(false)} />}
      {dataFolderOpen && (
        <DataFolderDialog
          onClose={() => {
            setDataFolderOpen(false);
            // The app.info path the settings show follows the store.
            void api['app.info']({}).then((info) => setStorePath(info.storePath), () => undefined);
          }}
        />
      )}
      {startState?.welcome && plans !== null && (
        <Welcome
          sample={sample}
          onClose={() => setStartState({ ...startState, welcome: false })}
          onYearStarted={(started) => {
            setStartState({ ...startState, welcome: false });
            setOpenId(null);
            setDirectoryStamp((n) => n + 1);
            refreshPlans((list) => {
              choosePlan(list.find((p) => p.year === started));
              setImporting(true);
            });
          }}
        />
      )}
      {backupsOpen && (
        <BackupDialog
          onClose={() => setBackupsOpen(false)}
          onRestored={(summary) => {
            // The page reloads on the restored data; the notice says what came back, after the reload.
            carryNotice(summary);
            window.location.reload();
          }}
        />
      )}
      <NoticeToast notice={notice} onDismiss={dismissNotice} />
    </div>
  );
}
