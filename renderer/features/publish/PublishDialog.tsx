/**
 * Publishing a quarter (发布并锁定) as a step of its own, reached from the 一览表 and from 调度评估, never from
 * the export: a clerk exporting a table must not lock a quarter by the way. The dialog says which quarter
 * and what locking does, and opens on 取消, so an Enter pressed out of habit does not lock anything.
 * A published quarter shows when it was published and offers 解除锁定 with a reason (for the change log).
 */
import { useState, type ReactNode } from 'react';
import type { QuarterLockInfo } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { DateField } from '../../components/DateField';
import { formatDate, todayIso } from '../../app/format';

interface Props {
  year: number;
  quarter: Quarter;
  /** The quarter's publication, when it is published (and so locked). */
  lock: QuarterLockInfo | undefined;
  /** After a publish or an unlock: what happened, in words for the notice. */
  onChanged: (message: string) => void;
  onClose: () => void;
}

export function PublishDialog({ year, quarter, lock, onChanged, onClose }: Props) {
  const period = `${year}年${quarterLabel(quarter)}`;
  const [publishedOn, setPublishedOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = (call: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    call().then(
      () => {
        setBusy(false);
        onChanged(message);
      },
      (err: unknown) => {
        setBusy(false);
        setError(errorMessage(err));
      },
    );
  };

  if (lock) {
    return (
      <Dialog title={`${period}一览表已发布`} onClose={onClose}>
        <div data-testid="publish-dialog" data-state="locked">
          <p className="confirm-message" data-testid="publish-state">
            {period}已于{formatDate(lock.publishedOn)}发布（{lock.actor} 登记），该季度一览表已锁定（只读）。
          </p>
          <p className="muted">解除锁定后可以再修改该季度的一览表；导出的表格不再注明发布日期，直到再次发布。</p>
          <label className="field">
            解除锁定的理由（记入变更记录）
            <input data-testid="unlock-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <Footer error={error} onCancel={onClose}>
            <button
              type="button"
              className="danger"
              data-testid="unlock"
              disabled={busy || reason.trim().length < 2}
              title={reason.trim().length < 2 ? '请先说明解除锁定的理由' : undefined}
              onClick={() => run(() => api['quarters.unlock']({ year, quarter, reason }), `已解除${period}的锁定，理由已记入变更记录。`)}
            >
              解除锁定
            </button>
          </Footer>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={`发布${period}一览表`} onClose={onClose} initialFocus="[data-cancel]">
      <div data-testid="publish-dialog" data-state="open">
        <p className="confirm-message" data-testid="publish-state">
          发布后，{period}的一览表锁定为只读：目标的增删、序号、内容、完成时限、领导、单位和本季度完成情况都不能再修改（导入、撤销和恢复备份也一样），直到说明理由解除锁定。
        </p>
        <p className="muted">此后导出的该季度一览表在页脚注明发布日期（表格与发布时一致时）。</p>
        <label className="field">
          发布日期
          <span>
            <DateField label="发布日期" data-testid="publish-date" value={publishedOn} onChange={setPublishedOn} /> <span className="date-shown">{formatDate(publishedOn)}</span>
          </span>
        </label>
        <Footer error={error} onCancel={onClose}>
          <button
            type="button"
            className="danger"
            data-testid="publish-run"
            disabled={busy || publishedOn === ''}
            onClick={() => run(() => api['quarters.publish']({ year, quarter, publishedOn }), `已发布${period}一览表（${formatDate(publishedOn)}），该季度已锁定。`)}
          >
            发布并锁定
          </button>
        </Footer>
      </div>
    </Dialog>
  );
}

/** The dialog's last line: an error if the call failed, 取消 (where the focus starts), and the one action. */
function Footer({ error, onCancel, children }: { error: string | null; onCancel: () => void; children: ReactNode }) {
  return (
    <div className="dialog-actions dialog-footer">
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="secondary" data-cancel onClick={onCancel}>
        取消
      </button>
      {children}
    </div>
  );
}
