/**
 * Export of the official overview (一览表) for the year and quarter on screen: one table or two blocks side
 * by side, optionally only the current leader's or unit's lines, or only targets reported behind (否).
 * The file is handed to the browser's (or Electron's) own save dialog; no path crosses the API.
 */
import { useState } from 'react';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';

interface Props {
  year: number;
  quarter: Quarter;
  leader: string | undefined;
  unit: string | undefined;
  onClose: () => void;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(fileName: string, base64: string, type = XLSX_TYPE): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ExportDialog({ year, quarter, leader, unit, onClose }: Props) {
  const [layout, setLayout] = useState<'single' | 'two-block'>('single');
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
        setResult(`已生成 ${r.count} 个报送模板：${r.fileName}`);
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
    api['export.overview']({ year, quarter, layout, ...(behindOnly ? { behindOnly } : {}), ...(byFilter && leader ? { leader } : {}), ...(byFilter && unit ? { unit } : {}) }).then(
      (r) => {
        download(r.fileName, r.data);
        setResult(`已导出 ${r.targets} 项目标：${r.fileName}`);
        setBusy(false);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  };

  return (
    <Dialog title={`导出${year}年${quarterLabel(quarter)}一览表`} onClose={onClose}>
      <div className="export-options" data-testid="export-dialog">
        <fieldset>
          <legend>版式</legend>
          <label>
            <input type="radio" name="layout" checked={layout === 'single'} onChange={() => setLayout('single')} /> 单栏（A3 横向）
          </label>
          <label>
            <input type="radio" name="layout" checked={layout === 'two-block'} onChange={() => setLayout('two-block')} /> 双栏并排（与公开发布的版式相同）
          </label>
        </fieldset>
        {scope && (
          <label>
            <input type="checkbox" checked={byFilter} onChange={(e) => setByFilter(e.target.checked)} /> 只导出当前筛选（{scope}）
          </label>
        )}
        <label>
          <input type="checkbox" checked={behindOnly} onChange={(e) => setBehindOnly(e.target.checked)} /> 只导出未按计划完成（“否”）的目标
        </label>
        {error && <p className="field-error" role="alert">{error}</p>}
        {result && (
          <p className="muted" role="status" data-testid="export-result">
            {result}
          </p>
        )}
        <fieldset>
          <legend>季度调度：各单位报送模板</legend>
          <p className="muted">每个单位一个工作簿，列出其承担的分工和上季度完成情况，只需填写本季度完成情况和“是/否”；收回后在“导入”中导入即可自动对应。</p>
          <div className="dialog-actions">
            <button type="button" className="secondary" data-testid="export-templates" disabled={busy} onClick={() => runTemplates('unit')}>
              按责任单位生成（zip）
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => runTemplates('leader')}>
              按市政府领导生成（zip）
            </button>
          </div>
        </fieldset>
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            关闭
          </button>
          <button type="button" data-testid="export-run" disabled={busy} onClick={run}>
            {busy ? '正在导出…' : '导出 Excel'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
