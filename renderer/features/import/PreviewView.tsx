/**
 * The preview of an import: the period it goes into, what stands out about the files (at the top, before
 * the rows), the counts, the column mapping, new names, the reading notes, the rows, and the apply button.
 */
import { useMemo, useState } from 'react';
import type { ImportPreview } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { formatWhere } from '../../../shared/errors';
import { isTopNote, QUARTER_MISMATCH } from '../../../shared/importNotes';
import { ConfirmDialog } from '../../components/Dialog';
import { QuarterSelect } from '../../components/Selects';
import { ColumnsView, type OnMapping } from './ColumnsView';
import { NewUnits } from './NewUnits';
import { PreviewRows } from './PreviewRows';
import { TopNotes } from './TopNotes';

export type Show = 'changes' | 'all' | 'warnings';

interface Props {
  preview: ImportPreview;
  skip: Set<string>;
  setSkip: (s: Set<string>) => void;
  take: Set<string>;
  setTake: (s: Set<string>) => void;
  show: Show;
  setShow: (s: Show) => void;
  years: number[];
  year: number | undefined;
  quarter: Quarter | undefined;
  onPeriod: (year: number | undefined, quarter: Quarter | undefined) => void;
  onMapping: OnMapping;
  applying: boolean;
  onApply: () => void;
  onCancel: () => void;
}

export function PreviewView({ preview, skip, setSkip, take, setTake, show, setShow, years, year, quarter, onPeriod, onMapping, applying, onApply, onCancel }: Props) {
  const s = preview.summary;
  const items = useMemo(
    () =>
      preview.items.filter((i) =>
        show === 'all' ? true : show === 'warnings' ? i.notes.some((n) => n.severity !== 'info') : i.status !== 'unchanged' || i.notes.some((n) => n.severity !== 'info'),
      ),
    [preview, show],
  );
  const top = preview.notes.filter(isTopNote);
  const reading = preview.notes.filter((n) => !isTopNote(n));
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
      <TopNotes notes={top} />
      <div className="summary" data-testid="import-summary">
        <span className="badge new">新增 {s.targetsNew}</span>
        <span className="badge updated">更新 {s.targetsUpdated}</span>
        <span className="badge unchanged">无变化 {s.targetsUnchanged}</span>
        <span className="badge conflict">冲突 {s.conflicts}</span>
        <span className="badge error">错误 {s.errors}</span>
        <span className="badge warning">警告 {s.warnings}</span>
        {preview.newNames.leaders.length > 0 && <span className="muted">新的市政府领导：{preview.newNames.leaders.join('、')}</span>}
        <span className="spacer" />
        <select value={show} onChange={(e) => setShow(e.target.value as Show)} aria-label="显示">
          <option value="changes">只看有变化或有问题的</option>
          <option value="warnings">只看有问题的</option>
          <option value="all">全部</option>
        </select>
      </div>
      <ColumnsView files={preview.files} onMapping={onMapping} />
      {preview.newNames.units.length > 0 && <NewUnits names={preview.newNames.units} onAliased={() => onPeriod(year, quarter)} />}
      {reading.length > 0 && (
        <details className="file-notes">
          <summary>读取说明（{reading.length} 条）</summary>
          <ul>
            {reading.map((n, i) => (
              <li key={i} className={n.severity}>
                {n.message} <span className="muted">{formatWhere(n.where)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <PreviewRows items={items} quarter={preview.quarter} skip={skip} setSkip={setSkip} take={take} setTake={setTake} />
      <PreviewActions preview={preview} skip={skip} take={take} applying={applying} onApply={onApply} onCancel={onCancel} />
    </div>
  );
}

/** The apply button; a file of another quarter than the import's is confirmed first. */
function PreviewActions({ preview, skip, take, applying, onApply, onCancel }: Pick<Props, 'preview' | 'skip' | 'take' | 'applying' | 'onApply' | 'onCancel'>) {
  const [asking, setAsking] = useState(false);
  const applicable = preview.items.filter((i) => ((i.status === 'new' || i.status === 'updated') && !skip.has(i.key)) || (i.status === 'conflict' && take.has(i.key))).length;
  // A returned template with nothing new is still a return to register in the round.
  const returns = preview.files.filter((f) => f.returnedBy !== null).length;
  const mismatch = preview.notes.filter((n) => n.code === QUARTER_MISMATCH);
  return (
    <footer className="preview-actions">
      <button type="button" className="secondary" onClick={onCancel}>
        重新选择文件
      </button>
      <button type="button" data-testid="import-apply" disabled={applying || (applicable === 0 && returns === 0)} onClick={() => (mismatch.length > 0 ? setAsking(true) : onApply())}>
        {applying ? '正在导入…' : `确认导入（${applicable} 项）${returns > 0 ? `，登记 ${returns} 份报送` : ''}`}
      </button>
      {asking && (
        <ConfirmDialog
          title={`导入到${quarterLabel(preview.quarter)}`}
          message={`所选文件不是${quarterLabel(preview.quarter)}的表，确定把其中的完成情况导入${quarterLabel(preview.quarter)}吗？`}
          details={
            <ul className="confirm-details">
              {mismatch.map((n, i) => (
                <li key={i}>{n.message}</li>
              ))}
            </ul>
          }
          confirmLabel={`导入到${quarterLabel(preview.quarter)}`}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onApply();
          }}
        />
      )}
    </footer>
  );
}
