/**
 * Import as office staff can trust it: pick or drop workbooks (a whole folder of returned templates too),
 * see per target what will happen and every warning with its cell, untick what should not be imported,
 * then apply as one batch, which the history can undo.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { COLUMN_ROLE_NAMES, type ColumnMappings, type ColumnRole, type ImportBatch, type ImportFile, type ImportItem, type ImportPreview } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { formatWhere } from '../../../shared/errors';
import { api, errorMessage } from '../../api';
import { dateTime } from '../../app/format';
import { ConfirmDialog } from '../../components/Dialog';
import { FocusLock } from '../../components/FocusLock';
import { QuarterSelect } from '../../components/Selects';
import { readImportFiles } from './readFiles';
import { expandDrop, expandPicked } from './droppedEntries';
import { skippedSummary, type SkippedEntry } from '../../../shared/dropped';
import { desktop, pickImport, type PickedImport } from '../../app/shell';
import './import.css';

const STATUS_LABELS: Record<ImportItem['status'], string> = { new: '新增', updated: '更新', unchanged: '无变化', conflict: '冲突', error: '错误' };
const FIELD_LABELS: Record<string, string> = {
  content: '责任目标内容',
  deadline: '完成时限',
  leaders: '市政府领导',
  units: '责任单位',
  progress: '完成情况',
  onSchedule: '是否按计划',
  line: '新增分工',
  cooperatingProgress: '配合单位报送',
};

type Stage =
  | { kind: 'pick' }
  | { kind: 'reading'; done: number; total: number; label: string }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'applied'; batch: ImportBatch; backupWarning?: string | undefined };

const POLL_MS = 300;

/**
 * The files of a preview with more added. The same file dropped again is taken once; a different file of the
 * same name (two units' 报送模板.xlsx, or a unit's corrected return) is kept beside it, and the preview shows
 * where they differ as conflicts, rather than one silently taking the other's place.
 */
function withAdded(files: ImportFile[], added: ImportFile[]): ImportFile[] {
  const held = new Set(files.map((f) => `${f.name}\u0000${f.data}`));
  return [...files, ...added.filter((f) => !held.has(`${f.name}\u0000${f.data}`))];
}

/** Runs a long call under a job id, reporting the service's progress until it answers. */
async function withProgress<T>(jobId: string, call: () => Promise<T>, onProgress: (p: { done: number; total: number; label: string }) => void): Promise<T> {
  let running = true;
  const poll = async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const p = await api['jobs.progress']({ jobId }).catch(() => null);
      if (running && p && !p.finished) onProgress(p);
    }
  };
  void poll();
  try {
    return await call();
  } finally {
    running = false;
  }
}

/** What opens the import already holding files: a drop on the window, or a pick from the 文件 menu. */
export type ImportStart = { kind: 'drop'; transfer: Promise<{ workbooks: File[]; skipped: SkippedEntry[] }> } | { kind: 'pick'; how: 'files' | 'folder' | 'recent'; index?: number };

interface Props {
  years: number[];
  start?: ImportStart | null;
  /** The year and quarter on screen: taken for a file that names neither. */
  period: { year: number; quarter: Quarter } | null;
  onClose: () => void;
  onImported: () => void;
}

export function ImportScreen({ years, start, period, onClose, onImported }: Props) {
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<number | undefined>(undefined);
  const [quarter, setQuarter] = useState<Quarter | undefined>(undefined);
  const [skip, setSkip] = useState<Set<string>>(new Set());
  // Returns from units: the conflicting rows (冲突) the user chose to take; none is taken by default.
  const [take, setTake] = useState<Set<string>>(new Set());
  const [show, setShow] = useState<'changes' | 'all' | 'warnings'>('changes');
  const [tab, setTab] = useState<'import' | 'history'>('import');
  const [dragging, setDragging] = useState(false);
  const [applying, setApplying] = useState(false);
  const files = useRef<ImportFile[]>([]);
  const abort = useRef<AbortController | null>(null);
  const jobId = useRef<string | null>(null);

  const [mapping, setMapping] = useState<ColumnMappings>({});
  const preview = async (picked: File[], options: { year?: number | undefined; quarter?: Quarter | undefined; mapping?: ColumnMappings; add?: boolean }) => {
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    try {
      if (picked.length > 0) {
        setStage({ kind: 'reading', done: 0, total: picked.length, label: '正在打开文件' });
        const read = await readImportFiles(picked, (done) => setStage({ kind: 'reading', done, total: picked.length, label: '正在打开文件' }), controller.signal);
        files.current = options.add ? withAdded(files.current, read) : read;
      }
      setStage({ kind: 'reading', done: 0, total: files.current.length, label: '正在读取' });
      const id = crypto.randomUUID();
      jobId.current = id;
      const result = await withProgress(
        id,
        () => api['import.preview']({
            files: files.current,
            year: options.year,
            quarter: options.quarter,
            ...(period ? { defaultYear: period.year, defaultQuarter: period.quarter } : {}),
            mapping: options.mapping ?? mapping,
            jobId: id,
          }),
        (p) => !controller.signal.aborted && setStage({ kind: 'reading', ...p }),
      );
      if (controller.signal.aborted) return;
      // Files added to a preview keep the choices made on the rows still there; a new reading starts afresh.
      const still = new Set(result.items.map((i) => i.key));
      const kept = (chosen: Set<string>) => (options.add ? new Set([...chosen].filter((k) => still.has(k))) : new Set<string>());
      setSkip(kept);
      setTake(kept);
      setYear(result.year);
      setQuarter(result.quarter);
      setStage({ kind: 'preview', preview: result });
    } catch (err) {
      if (controller.signal.aborted) return;
      setError(errorMessage(err));
      setStage({ kind: 'pick' });
    }
  };

  const [skipped, setSkipped] = useState<SkippedEntry[]>([]);
  /** Workbooks found in what was picked or dropped (folders walked); the rest is named above the preview. */
  const begin = (workbooks: File[] | null, read: ImportFile[] | null, left: SkippedEntry[], add = false) => {
    setSkipped((before) => (add ? [...before, ...left] : left));
    setError(null);
    if ((workbooks ?? read ?? []).length === 0) return setError(`没有找到 Excel 工作簿（.xlsx）。${skippedSummary(left)}`);
    if (!add) setMapping({});
    if (read) files.current = add ? withAdded(files.current, read) : read;
    void preview(workbooks ?? [], add ? { year, quarter, mapping, add } : { mapping: {} });
  };
  const choose = (list: FileList | null) => {
    void expandPicked(list ?? []).then((r) => begin(r.workbooks.map((w) => w.file), null, r.skipped));
  };
  const dropped = (transfer: DataTransfer) => {
    void expandDrop(transfer).then((r) => begin(r.workbooks.map((w) => w.file), null, r.skipped));
  };
  const pickNative = (how: 'files' | 'folder' | 'recent', index?: number, add = false) => {
    pickImport(how, index).then(
      (picked: PickedImport | null) => picked && begin(null, picked.files, picked.skipped, add),
      (err: unknown) => setError(errorMessage(err)),
    );
  };
  const handled = useRef<ImportStart | null>(null);
  useEffect(() => {
    // Opened by a drop on the window or by the 文件 menu, with what that brought. A later drop (or pick from
    // the menu) while the screen is open joins the files of the preview on screen: another unit's return
    // arriving while the first is being checked.
    if (!start || handled.current === start) return;
    const first = handled.current === null;
    handled.current = start;
    if (!first && (stage.kind === 'reading' || applying)) return setError('正在读取或导入文件，请等它完成后再拖入或选择新的文件。');
    const add = !first && stage.kind === 'preview';
    if (start.kind === 'drop') void start.transfer.then((r) => begin(r.workbooks, null, r.skipped, add));
    else pickNative(start.how, start.index, add);
  }, [start]);

  const cancel = () => {
    abort.current?.abort();
    if (jobId.current) void api['jobs.cancel']({ jobId: jobId.current }).catch(() => undefined);
    setStage({ kind: 'pick' });
  };

  return (
    <FocusLock onEscape={onClose}>
    <div className="import-screen" tabIndex={-1} role="dialog" aria-modal="true" aria-label="导入" data-testid="import-screen">
      <header className="drawer-header">
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'import'} className={tab === 'import' ? 'tab active' : 'tab'} onClick={() => setTab('import')}>
            导入一览表 / 报送模板
          </button>
          <button type="button" role="tab" aria-selected={tab === 'history'} className={tab === 'history' ? 'tab active' : 'tab'} onClick={() => setTab('history')}>
            导入记录
          </button>
        </div>
        <button type="button" className="icon" aria-label="关闭" onClick={onClose}>
          ×
        </button>
      </header>
      {tab === 'history' ? (
        <ImportHistory onUndone={onImported} />
      ) : (
        <>
          {error && (
            <div className="banner error" role="alert" data-testid="import-error">
              {error}
            </div>
          )}
          {skipped.length > 0 && stage.kind !== 'applied' && (
            <details className="banner" data-testid="import-skipped">
              <summary>{skippedSummary(skipped)}</summary>
              <ul>
                {skipped.map((s) => (
                  <li key={s.path}>
                    {s.path}（{s.reason}）
                  </li>
                ))}
              </ul>
            </details>
          )}
          {stage.kind === 'pick' && (
            <label
              className={`drop-zone${dragging ? ' dragging' : ''}`}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                dropped(e.dataTransfer);
              }}
              onClick={(e) => {
                // The desktop picks in its own dialog (and remembers the pick in 最近打开).
                if (!desktop) return;
                e.preventDefault();
                pickNative('files');
              }}
            >
              <strong>把 Excel 文件或整个文件夹拖到这里，或点击选择文件</strong>
              <span className="muted">可一次选择多个文件：上季度的一览表、各单位报送的模板（.xlsx）；文件夹中的其他文件会列出并跳过</span>
              <span className="pick-files">选择文件…</span>
              <input type="file" accept=".xlsx,.xlsm,.xls,.et,.csv" multiple data-testid="import-files" className="visually-hidden" onChange={(e) => choose(e.target.files)} />
            </label>
          )}
          {stage.kind === 'pick' &&
            (desktop ? (
              <button type="button" className="secondary pick-folder" data-testid="import-folder" onClick={() => pickNative('folder')}>
                选择文件夹…
              </button>
            ) : (
              <label className="secondary pick-folder button-like">
                选择文件夹…
                <input type="file" data-testid="import-folder" className="visually-hidden" {...{ webkitdirectory: '', directory: '' }} onChange={(e) => choose(e.target.files)} />
              </label>
            ))}
          {stage.kind === 'reading' && (
            <div className="progress-box" role="status">
              <p data-testid="import-progress">
                {stage.label}（{Math.min(stage.done + 1, stage.total)} / {stage.total} 个文件）…
              </p>
              <progress max={Math.max(1, stage.total)} value={stage.done} />
              <button type="button" className="secondary" onClick={cancel}>
                取消
              </button>
              <p className="muted">取消不会改动任何数据。</p>
            </div>
          )}
          {stage.kind === 'preview' && (
            <PreviewView
              preview={stage.preview}
              skip={skip}
              setSkip={setSkip}
              take={take}
              setTake={setTake}
              show={show}
              setShow={setShow}
              years={years}
              year={year}
              quarter={quarter}
              onPeriod={(y, q) => void preview([], { year: y, quarter: q })}
              onMapping={(file, sheet, column, role) => {
                const next = { ...mapping, [file]: { ...mapping[file], [column]: role } };
                setMapping(next);
                // Remembered for every file whose header has this shape: the next quarter's return reads right away.
                const kept: Record<string, ColumnRole | 'ignore'> = Object.fromEntries(sheet.columns.filter((c) => c.source === 'user').map((c) => [c.column, c.role ?? 'ignore']));
                void api['import.rememberMapping']({ signature: sheet.signature, mapping: { ...kept, [column]: role } })
                  .catch((err: unknown) => setError(errorMessage(err)))
                  .then(() => preview([], { year, quarter, mapping: next }));
              }}
              applying={applying}
              onCancel={() => setStage({ kind: 'pick' })}
              onApply={() => {
                setApplying(true);
                api['import.apply']({ files: files.current, year, quarter, mapping, skip: [...skip], take: [...take] }).then(
                  ({ batch, backupWarning }) => {
                    setApplying(false);
                    setStage({ kind: 'applied', batch, backupWarning });
                    onImported();
                  },
                  (err: unknown) => {
                    setApplying(false);
                    setError(errorMessage(err));
                  },
                );
              }}
            />
          )}
          {stage.kind === 'applied' && (
            <div className="progress-box" data-testid="import-done">
              <p>
                已导入：新增 {stage.batch.summary.targetsNew} 项，更新 {stage.batch.summary.targetsUpdated} 项，未导入 {stage.batch.summary.skipped} 项。
              </p>
              <p className="muted">如需撤销，可在“导入记录”中整批撤销。</p>
              {stage.backupWarning && (
                <p className="banner warning" role="status" data-testid="backup-warning">
                  {stage.backupWarning}
                </p>
              )}
              <div className="dialog-actions">
                <button type="button" className="secondary" onClick={() => setStage({ kind: 'pick' })}>
                  继续导入
                </button>
                <button type="button" onClick={onClose}>
                  完成
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </div>
    </FocusLock>
  );
}

interface PreviewProps {
  preview: ImportPreview;
  skip: Set<string>;
  setSkip: (s: Set<string>) => void;
  take: Set<string>;
  setTake: (s: Set<string>) => void;
  show: 'changes' | 'all' | 'warnings';
  setShow: (s: 'changes' | 'all' | 'warnings') => void;
  years: number[];
  year: number | undefined;
  quarter: Quarter | undefined;
  onPeriod: (year: number | undefined, quarter: Quarter | undefined) => void;
  onMapping: (file: string, sheet: SheetColumns, column: string, role: ColumnRole | 'ignore') => void;
  applying: boolean;
  onApply: () => void;
  onCancel: () => void;
}

function PreviewView({ preview, skip, setSkip, take, setTake, show, setShow, years, year, quarter, onPeriod, onMapping, applying, onApply, onCancel }: PreviewProps) {
  const s = preview.summary;
  const items = useMemo(
    () =>
      preview.items.filter((i) =>
        show === 'all' ? true : show === 'warnings' ? i.notes.some((n) => n.severity !== 'info') : i.status !== 'unchanged' || i.notes.some((n) => n.severity !== 'info'),
      ),
    [preview, show],
  );
  const applicable = preview.items.filter((i) => ((i.status === 'new' || i.status === 'updated') && !skip.has(i.key)) || (i.status === 'conflict' && take.has(i.key))).length;
  // A returned template with nothing new is still a return to register in the round.
  const returns = preview.files.filter((f) => f.returnedBy !== null).length;
  const yearOptions = [...new Set([...years, preview.year])].sort((a, b) => b - a);
  return (
    <div className="preview" data-testid="import-preview">
      <div className="preview-head">
        <label>
          年度
          <select value={year ?? preview.year} onChange={(e) => onPeriod(Number(e.target.value), quarter)}>
            {yearOptions.map((y) => (
              <option key={y} value={y}>
                {y}年
              </option>
            ))}
          </select>
        </label>
        <label>
          季度
          <QuarterSelect value={quarter ?? preview.quarter} onChange={(q) => onPeriod(year, q)} />
        </label>
        <span className="muted">{preview.files.map((f) => `${f.name}（${f.targets} 项目标，${f.lines} 条分工）`).join('；')}</span>
      </div>
      <div className="summary" data-testid="import-summary">
        <span className="badge new">新增 {s.targetsNew}</span>
        <span className="badge updated">更新 {s.targetsUpdated}</span>
        <span className="badge unchanged">无变化 {s.targetsUnchanged}</span>
        <span className="badge conflict">冲突 {s.conflicts}</span>
        <span className="badge error">错误 {s.errors}</span>
        <span className="badge warning">警告 {s.warnings}</span>
        {preview.newNames.leaders.length > 0 && <span className="muted">新的市政府领导：{preview.newNames.leaders.join('、')}</span>}
        <span className="spacer" />
        <select value={show} onChange={(e) => setShow(e.target.value as typeof show)} aria-label="显示">
          <option value="changes">只看有变化或有问题的</option>
          <option value="warnings">只看有问题的</option>
          <option value="all">全部</option>
        </select>
      </div>
      <ColumnsView files={preview.files} onMapping={onMapping} />
      {preview.newNames.units.length > 0 && <NewUnits names={preview.newNames.units} onAliased={() => onPeriod(year, quarter)} />}
      {preview.notes.length > 0 && (
        <details className="file-notes">
          <summary>读取说明（{preview.notes.length} 条）</summary>
          <ul>
            {preview.notes.map((n, i) => (
              <li key={i} className={n.severity}>
                {n.message} <span className="muted">{formatWhere(n.where)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="preview-table" role="table" aria-label="导入预览">
        {items.length === 0 && <p className="muted empty">没有需要关注的行：全部无变化。</p>}
        {items.map((i) => {
          const applicableItem = i.status === 'new' || i.status === 'updated';
          // A conflict with something to write: left out unless the user takes this file's version.
          const takable = i.status === 'conflict' && i.changes.length > 0;
          return (
            <div key={i.key} className={`preview-row status-${i.status}`} role="row" data-testid="import-item" data-serial={i.serial} data-status={i.status}>
              <div role="cell" className="preview-check">
                {applicableItem && (
                  <input
                    type="checkbox"
                    aria-label={`导入第${i.serial}项`}
                    checked={!skip.has(i.key)}
                    onChange={(e) => {
                      const next = new Set(skip);
                      if (e.target.checked) next.delete(i.key);
                      else next.add(i.key);
                      setSkip(next);
                    }}
                  />
                )}
                {takable && (
                  <input
                    type="checkbox"
                    aria-label={`采用第${i.serial}项这份报送（${i.file}）`}
                    title="冲突：默认不导入；勾选表示采用这份文件中的内容"
                    checked={take.has(i.key)}
                    onChange={(e) => {
                      const next = new Set(take);
                      if (e.target.checked) next.add(i.key);
                      else next.delete(i.key);
                      setTake(next);
                    }}
                  />
                )}
              </div>
              <div role="cell" className="preview-status">
                <span className={`badge ${i.status}`}>{STATUS_LABELS[i.status]}</span>
              </div>
              <div role="cell" className="preview-serial">{i.serial}</div>
              <div role="cell" className="preview-body">
                <div className="preview-content">{i.content || <span className="muted">（内容为空）</span>}</div>
                {i.changes
                  .filter((c) => i.status !== 'new' || c.field !== 'content')
                  .map((c, k) => (
                    <div key={k} className="change">
                      <span className="muted">
                        {FIELD_LABELS[c.field] ?? c.field}
                        {c.line !== null && c.line > 0 ? `（分工${c.line + 1}）` : ''}：
                      </span>
                      {c.before && <del>{c.before.length > 80 ? `${c.before.slice(0, 80)}…` : c.before}</del>}
                      {c.before && ' → '}
                      <ins>{c.after.length > 120 ? `${c.after.slice(0, 120)}…` : c.after}</ins>
                      {c.base !== undefined && (
                        <span className="muted base" data-testid="change-base">
                          （文件所据原值：{c.base === '' ? '空' : c.base.length > 80 ? `${c.base.slice(0, 80)}…` : c.base}）
                        </span>
                      )}
                    </div>
                  ))}
                {i.notes.map((n, k) => (
                  <div key={k} className={`note ${n.severity}`}>
                    {n.severity === 'error' ? '错误' : n.severity === 'warning' ? '警告' : '说明'}：{n.message} <span className="where">{formatWhere(n.where)}</span>
                  </div>
                ))}
              </div>
            </div>
          );
        })}
      </div>
      <footer className="preview-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          重新选择文件
        </button>
        <button type="button" data-testid="import-apply" disabled={applying || (applicable === 0 && returns === 0)} onClick={onApply}>
          {applying ? '正在导入…' : `确认导入（${applicable} 项）${returns > 0 ? `，登记 ${returns} 份报送` : ''}`}
        </button>
      </footer>
    </div>
  );
}

/**
 * Unit names the store does not know: each becomes a new unit unless the user says it is another name of
 * an existing one (市发改委 = 市发展改革委); then the preview is made again with the alias in place.
 */
function NewUnits({ names, onAliased }: { names: string[]; onAliased: () => void }) {
  const [units, setUnits] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api['directory.get']({}).then((d) => setUnits(d.units.map((u) => u.name)), () => undefined);
  }, []);
  return (
    <details className="new-units" open={names.length <= 6}>
      <summary>
        {names.length} 个新的责任单位名称将新建；如是已有单位的简称或别称，请在此指明
      </summary>
      {error && <p className="field-error">{error}</p>}
      <ul>
        {names.map((n) => (
          <li key={n}>
            <strong>{n}</strong>
            <select
              aria-label={`${n}是哪个单位`}
              defaultValue=""
              onChange={(e) => {
                if (!e.target.value) return;
                api['units.addAlias']({ unit: e.target.value, alias: n }).then(onAliased, (err: unknown) => setError(errorMessage(err)));
              }}
            >
              <option value="">作为新单位</option>
              {units.map((u) => (
                <option key={u} value={u}>
                  是“{u}”的简称
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </details>
  );
}

// A previous quarter's progress column is recognised so that it is not mistaken for this quarter's.
const ROLE_LABELS: Record<ColumnRole, string> = { ...COLUMN_ROLE_NAMES, previousProgress: '上季度完成情况（不导入）' };

type SheetColumns = ImportPreview['files'][number]['sheets'][number];
type ColumnRead = SheetColumns['columns'][number];
const SOURCE_LABELS: Record<NonNullable<ColumnRead['source']>, string> = { header: '依据表头', content: '依据内容', user: '用户指定，已记住' };

/** One line saying what a column was taken to be and why. */
export function columnReading(c: ColumnRead): string {
  if (c.role === null) return c.source === 'user' ? '不导入（用户指定，已记住）' : '未识别，已忽略';
  return `${ROLE_LABELS[c.role]}（${SOURCE_LABELS[c.source ?? 'header']}）`;
}

/** How each column was read, with a choice to correct it: the preview is made again with the correction. */
function ColumnsView({ files, onMapping }: { files: ImportPreview['files']; onMapping: PreviewProps['onMapping'] }) {
  return (
    // Open when a column was left out or read by its values: the user should see it before importing.
    <details className="columns-view" data-testid="import-columns" open={files.some((f) => f.sheets.some((s) => s.columns.some((c) => c.role === null || c.source === 'content'))) || undefined}>
      <summary>列的对应关系（读错了可在此更正，更正会记住，同样表头的文件按此读取）</summary>
      {files.map((f) =>
        f.sheets.map((s) => (
          <div key={`${f.name}/${s.sheet}`} className="columns-sheet">
            <div className="muted">
              {f.name} › {s.sheet} › 表头在第{s.headerRow}行
            </div>
            <div className="columns-grid">
              {s.columns.map((c) => (
                <label key={c.column} className={c.role === null ? 'unread' : ''}>
                  <span>
                    {c.column}列“{c.header || '（无列名）'}”
                  </span>
                  <span className="column-reading muted" data-testid="column-reading">
                    {columnReading(c)}
                  </span>
                  <select aria-label={`${f.name} ${c.column}列`} value={c.role ?? 'ignore'} onChange={(e) => onMapping(f.name, s, c.column, e.target.value as ColumnRole | 'ignore')}>
                    <option value="ignore">不导入</option>
                    {(Object.keys(ROLE_LABELS) as ColumnRole[]).map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </div>
        )),
      )}
    </details>
  );
}

function ImportHistory({ onUndone }: { onUndone: () => void }) {
  const [batches, setBatches] = useState<ImportBatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ImportBatch | null>(null);
  const load = () => api['import.batches']({}).then(setBatches, (err: unknown) => setError(errorMessage(err)));
  useEffect(() => {
    void load();
  }, []);
  return (
    <div className="history-list" data-testid="import-history">
      {error && <div className="banner error" role="alert">{error}</div>}
      {batches?.length === 0 && <p className="muted">还没有导入记录。</p>}
      {batches?.map((b) => (
        <div key={b.id} className={`batch${b.undoneAt ? ' undone' : ''}`} data-testid="import-batch">
          <div>
            <strong>{dateTime(b.at)}</strong> {b.actor} · {b.year}年{quarterLabel(b.quarter)} · {b.files.join('、')}
          </div>
          <div className="muted">
            新增 {b.summary.targetsNew} 项，更新 {b.summary.targetsUpdated} 项，无变化 {b.summary.targetsUnchanged} 项，警告 {b.summary.warnings} 条
            {b.undoneAt ? `；已于 ${dateTime(b.undoneAt)} 撤销` : ''}
          </div>
          {b.notes.length > 0 && (
            <details>
              <summary>问题 {b.notes.length} 条</summary>
              <ul>
                {b.notes.map((n, i) => (
                  <li key={i}>
                    {n.message} <span className="muted">{formatWhere(n.where)}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {!b.undoneAt && (
            <button type="button" className="secondary small" onClick={() => setConfirm(b)}>
              撤销此次导入
            </button>
          )}
        </div>
      ))}
      {confirm && (
        <ConfirmDialog
          title="撤销导入"
          message={`撤销 ${dateTime(confirm.at)} 的导入（${confirm.files.join('、')}）？该批新增的目标将删除，更新的目标恢复为导入前的内容。`}
          confirmLabel="确定撤销"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const id = confirm.id;
            setConfirm(null);
            api['import.undo']({ batchId: id }).then(
              () => {
                void load();
                onUndone();
              },
              (err: unknown) => setError(errorMessage(err)),
            );
          }}
        />
      )}
    </div>
  );
}
