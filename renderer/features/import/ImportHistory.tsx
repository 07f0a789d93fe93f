/** The 导入记录 tab: every batch with its files and problems, each undoable as a whole. */
import { useEffect, useState } from 'react';
import type { ImportBatch } from '../../../shared/contract';
import { quarterLabel } from '../../../shared/domain';
import { formatWhere } from '../../../shared/errors';
import { api, errorMessage } from '../../api';
import { dateTime } from '../../app/format';
import { ConfirmDialog } from '../../components/Dialog';

export function ImportHistory({ onUndone }: { onUndone: () => void }) {
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
