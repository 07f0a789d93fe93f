/**
 * Export of the official overview (一览表) for the year and quarter on screen: one table or two blocks side
 * by side, optionally only the current leader's or unit's lines, or only targets reported behind (否).
 * The file is handed to the browser's (or Electron's) own save dialog; no path crosses the API.
 * Publishing is not here (PublishDialog): an export must never lock a quarter by the way.
 */
import { useEffect, useState } from 'react';
import type { QuarterLockInfo } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { download } from '../../app/download';
import { formatDate } from '../../app/format';
import type { PrintScope } from '../print/OverviewPrint';

interface Props {
  year: number;
  quarter: Quarter;
  leader: string | undefined;
  unit: string | undefined;
  /** The quarter's publication, when it is published (and so locked): said in one line, not changed here. */
  lock: QuarterLockInfo | undefined;
  onClose: () => void;
  /** Opens the print view of the table chosen here (layout, paper, filters). */
  onPrint: (choice: { scope: PrintScope; layout: 'single' | 'two-block'; paperSize: 'A3' | 'A4' }) => void;
}

/** The file goes through the browser's (or Electron's) own download: it says where it put it. */
const SAVED_WHERE = '已保存到“下载”文件夹（或在保存对话框中选择的位置）。';

export function ExportDialog({ year, quarter, leader, unit, lock, onClose, onPrint }: Props) {
  const [layout, setLayout] = useState<'single' | 'two-block'>('single');
  const [paperSize, setPaperSize] = useState<'A3' | 'A4'>('A3');
  const [summary, setSummary] = useState(true);
  useEffect(() => {
    // The office's usual layout and paper, as set in the settings.
    api['settings.get']({}).then(
      (s) => {
        setLayout(s.exportLayout);
        setPaperSize(s.paperSize);
      },
      () => undefined,
    );
  }, []);
  const [byFilter, setByFilter] = useState(leader !== undefined || unit !== undefined);
  const [behindOnly, setBehindOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scope = [leader && `市政府领导：${leader}`, unit && `责任单位：${unit}`].filter(Boolean).join('，');

  const runTemplates = (by: 'unit' | 'leader') => {
    setBusy(true);
    setError(null);
    api['export.templates']({ year, quarter, by }).then(
      (r) => {
        download(r.fileName, r.data, 'application/zip');
        setResult(`已生成 ${r.count} 个报送模板，打包为“${r.fileName}”，${SAVED_WHERE}`);
        setBusy(false);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  };

  const run = () => {
    setBusy(true);
    setError(null);
    api['export.overview']({ year, quarter, layout, paperSize, summary, ...(behindOnly ? { behindOnly } : {}), ...(byFilter && leader ? { leader } : {}), ...(byFilter && unit ? { unit } : {}) }).then(
      (r) => {
        download(r.fileName, r.data);
        setResult(`已导出 ${r.targets} 项目标到“${r.fileName}”，${SAVED_WHERE}${r.notice ? `。${r.notice}` : ''}`);
        setBusy(false);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  };

  return (
    <Dialog title={`导出${year}年${quarterLabel(quarter)}一览表`} onClose={onClose} wide>
      <div className="export-options" data-testid="export-dialog">
        {/* Side by side, so the whole dialog and its result message fit a 1366×768 screen without scrolling. */}
        <div className="export-choices">
          <fieldset>
            <legend>版式</legend>
            <label>
              <input type="radio" name="layout" checked={layout === 'single'} onChange={() => setLayout('single')} /> 单栏
            </label>
            <label>
              <input type="radio" name="layout" checked={layout === 'two-block'} onChange={() => setLayout('two-block')} /> 双栏并排（与公开发布的版式相同）
            </label>
          </fieldset>
          <fieldset>
            <legend>纸张（横向）</legend>
            <label>
              <input type="radio" name="paper" checked={paperSize === 'A3'} onChange={() => setPaperSize('A3')} /> A3
            </label>
            <label>
              <input type="radio" name="paper" checked={paperSize === 'A4'} onChange={() => setPaperSize('A4')} /> A4
            </label>
          </fieldset>
        </div>
        <label>
          <input type="checkbox" data-testid="export-summary" checked={summary} onChange={(e) => setSummary(e.target.checked)} /> 附“汇总”工作表（按是否按计划、按领导、按单位统计）
        </label>
        {scope && (
          <label>
            <input type="checkbox" checked={byFilter} onChange={(e) => setByFilter(e.target.checked)} /> 只导出当前筛选（{scope}）
          </label>
        )}
        <label>
          <input type="checkbox" checked={behindOnly} onChange={(e) => setBehindOnly(e.target.checked)} /> 只导出未按计划完成（“否”）的目标
        </label>
        <p className="muted export-lock-note" data-testid="export-lock-note">
          {lock
            ? `本季度已于${formatDate(lock.publishedOn)}发布并锁定；表格与发布时一致时，导出的表格页脚注明发布日期。`
            : '本季度尚未发布（发布并锁定在一览表上方的“发布并锁定本季度…”中）。'}
        </p>
        <fieldset>
          <legend>季度调度：各单位报送模板</legend>
          <p className="muted">每个单位一个工作簿，列出其承担的分工和上季度完成情况，只需填写本季度完成情况和“是/否”；收回后在“导入”中导入即可自动对应，并在“季度调度”中登记为已报送。</p>
          <div className="dialog-actions">
            <button type="button" className="secondary" data-testid="export-templates" disabled={busy} onClick={() => runTemplates('unit')}>
              按责任单位生成（zip）
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => runTemplates('leader')}>
              按市政府领导生成（zip）
            </button>
          </div>
        </fieldset>
        <div className="dialog-actions dialog-footer">
          {error && <p className="field-error" role="alert">{error}</p>}
          {result && (
            <p className="export-result" role="status" data-testid="export-result">
              {result}
            </p>
          )}
          <button type="button" className="secondary" onClick={onClose}>
            关闭
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="export-print"
            title="按所选版式和纸张打印或保存为PDF（Ctrl+P）"
            disabled={busy}
            onClick={() => onPrint({ scope: { ...(behindOnly ? { behindOnly } : {}), ...(byFilter && leader ? { leader } : {}), ...(byFilter && unit ? { unit } : {}) }, layout, paperSize })}
          >
            打印…
          </button>
          <button type="button" data-testid="export-run" disabled={busy} onClick={run}>
            {busy ? '正在导出…' : '导出 Excel'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
