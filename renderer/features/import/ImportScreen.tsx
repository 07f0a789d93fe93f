/**
 * Import as office staff can trust it: pick or drop workbooks (a whole folder of returned templates too),
 * see per target what will happen and every warning with its cell, untick what should not be imported,
 * then apply as one batch, which the history can undo. This file holds the stages and their state; each
 * part of the screen is a component beside it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ColumnMappings, ColumnRole, ImportBatch, ImportFile, ImportPreview } from '../../../shared/contract';
import type { Quarter } from '../../../shared/domain';
import { skippedSummary, type DroppedWorkbook, type ListedFile, type SkippedEntry } from '../../../shared/dropped';
import { api, errorMessage } from '../../api';
import { FocusLock } from '../../components/FocusLock';
import { pickImport, type PickedImport } from '../../app/shell';
import { readImportFiles, type PickedFile } from './readFiles';
import { expandDrop, expandPicked } from './droppedEntries';
import { withAdded, withProgress } from './importRun';
import { DroppedFiles } from './DroppedFiles';
import { ImportHistory } from './ImportHistory';
import { PickStage } from './PickStage';
import { PreviewView, type Show } from './PreviewView';
import './import.css';

const listedOf = ({ path, name, readAs }: DroppedWorkbook<unknown>): ListedFile => ({ path, name, readAs });

type Stage =
  | { kind: 'pick' }
  | { kind: 'reading'; done: number; total: number; label: string }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'applied'; batch: ImportBatch; backupWarning?: string | undefined };

/** What opens the import already holding files: a drop on the window, or a pick from the 文件 menu. */
export type ImportStart = { kind: 'drop'; transfer: Promise<{ workbooks: DroppedWorkbook<File>[]; skipped: SkippedEntry[] }> } | { kind: 'pick'; how: 'files' | 'folder' | 'recent'; index?: number };

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
  const [show, setShow] = useState<Show>('changes');
  const [tab, setTab] = useState<'import' | 'history'>('import');
  const [applying, setApplying] = useState(false);
  const files = useRef<ImportFile[]>([]);
  const abort = useRef<AbortController | null>(null);
  const jobId = useRef<string | null>(null);

  const [mapping, setMapping] = useState<ColumnMappings>({});
  const preview = async (picked: PickedFile[], options: { year?: number | undefined; quarter?: Quarter | undefined; mapping?: ColumnMappings; add?: boolean }) => {
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
  const [listed, setListed] = useState<ListedFile[]>([]);
  /** Files found in what was picked or dropped (folders walked), listed with the rest above the preview before they are read. */
  const begin = (found: ListedFile[], workbooks: PickedFile[] | null, read: ImportFile[] | null, left: SkippedEntry[], add = false) => {
    setSkipped((before) => (add ? [...before, ...left] : left));
    setListed((before) => (add ? [...before, ...found] : found));
    setError(null);
    if (found.length === 0) return setError(`没有找到可导入的表格或 Word 报送（.xlsx、.xls、.et、.ods、.docx）。${skippedSummary(left)}`);
    if (!add) setMapping({});
    if (read) files.current = add ? withAdded(files.current, read) : read;
    void preview(workbooks ?? [], add ? { year, quarter, mapping, add } : { mapping: {} });
  };
  const found = (r: { workbooks: DroppedWorkbook<File>[]; skipped: SkippedEntry[] }, add = false) =>
    begin(r.workbooks.map(listedOf), r.workbooks.map((w) => ({ file: w.file, path: w.path })), null, r.skipped, add);
  const choose = (list: FileList | null) => {
    void expandPicked(list ?? []).then((r) => found(r));
  };
  const dropped = (transfer: DataTransfer) => {
    void expandDrop(transfer).then((r) => found(r));
  };
  const pickNative = (how: 'files' | 'folder' | 'recent', index?: number, add = false) => {
    pickImport(how, index).then(
      (picked: PickedImport | null) => picked && begin(picked.listed, null, picked.files, picked.skipped, add),
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
    if (start.kind === 'drop') void start.transfer.then((r) => found(r, add));
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
          {/* What the pick or drop brought beyond the workbooks: the place for a mixed folder's list. */}
          {stage.kind !== 'applied' && <DroppedFiles listed={listed} skipped={skipped} preview={stage.kind === 'preview' ? stage.preview : null} />}
          {stage.kind === 'pick' && <PickStage onDrop={dropped} onChoose={choose} onPickNative={(how) => pickNative(how)} />}
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
                const kept: Record<string, ColumnRole | 'ignore'> = Object.fromEntries(sheet.columns.filter((c) => c.source === 'user' || c.source === 'remembered').map((c) => [c.column, c.role ?? 'ignore']));
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
