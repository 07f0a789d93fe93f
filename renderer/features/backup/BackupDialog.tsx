/**
 * 数据备份: back up now, see every backup with what it holds, restore one (after a confirmation that says
 * what comes back and that the current data is backed up first).
 */
import { useCallback, useEffect, useState } from 'react';
import type { BackupListingInfo } from '../../../shared/contract';
import { api, errorMessage } from '../../api';
import { useRun } from '../../app/useRun';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { dateTime } from '../../app/format';
import { BackupList, describeBackup } from './BackupList';
import { desktop, inDialog } from '../../app/shell';
import { statusChanged } from '../status/StoreStatus';

type Good = Extract<BackupListingInfo, { damaged: false }>;

export function BackupDialog({ onClose, onRestored }: { onClose: () => void; onRestored: (summary: string) => void }) {
  const [list, setList] = useState<{ dir: string; backups: BackupListingInfo[]; warning?: string | undefined } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, run: runOnce, setError } = useRun();
  const [confirm, setConfirm] = useState<Good | null>(null);

  const load = useCallback(() => api['backups.list']({}).then(setList, (err: unknown) => setError(errorMessage(err))), []);
  useEffect(() => {
    void load();
  }, [load]);

  // Every action ends by reading the list again and telling the status bar (its last backup's time).
  const run = <T,>(work: Promise<T>, done: (v: T) => void) =>
    runOnce(work, (v) => {
      done(v);
      void load();
      statusChanged();
    });

  return (
    <Dialog title="数据备份" onClose={onClose} wide>
      <p className="muted">
        备份文件夹：{list?.dir ?? '…'}。每次导入前、升级前、恢复前和每天首次打开时自动备份，可在“设置”中改到U盘或共享文件夹。
      </p>
      {list?.warning && (
        <p className="banner warning" role="status" data-testid="backup-dir-warning">
          {list.warning}
        </p>
      )}
      <div className="dialog-actions" style={{ justifyContent: 'flex-start' }}>
        <button type="button" data-testid="backup-now" disabled={busy} onClick={() => run(api['backups.create']({}), (b) => setMessage(`已备份并通过完整性检查：${b.name}${b.warning ? `。${b.warning}` : ''}`))}>
          {busy ? '正在处理…' : '立即备份'}
        </button>
        {desktop && (
          <button
            type="button"
            className="secondary"
            data-testid="restore-from-file"
            disabled={busy}
            onClick={() =>
              run(inDialog<{ restored: { name: string; counts: { targets: number } }; safety: { name: string } | null }>('backups.restoreFile'), (r) => {
                if (r) onRestored(`已从备份文件“${r.restored.name}”恢复（${r.restored.counts.targets} 项目标）。${r.safety ? `恢复前的数据已备份为“${r.safety.name}”。` : ''}`);
              })
            }
          >
            从其他备份文件恢复…
          </button>
        )}
      </div>
      {message && (
        <p className="muted" role="status" data-testid="backup-message">
          {message}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="round-table-wrap">{list && <BackupList backups={list.backups} busy={busy} onRestore={setConfirm} />}</div>
      <div className="dialog-actions dialog-footer">
        <button type="button" className="secondary" onClick={onClose}>
          关闭
        </button>
      </div>
      {confirm && (
        <ConfirmDialog
          title="从备份恢复"
          message={`将用 ${dateTime(confirm.takenAt)} 的备份替换当前数据：${describeBackup(confirm)}。此后的修改会被替换；恢复前会先自动备份当前数据，可以再恢复回来。`}
          confirmLabel="确定恢复"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const b = confirm;
            setConfirm(null);
            run(api['backups.restore']({ name: b.name }), (r) => {
              const summary = `已从 ${dateTime(b.takenAt)} 的备份“${b.name}”恢复（${r.restored.counts.targets} 项目标）。${r.safety ? `恢复前的数据已备份为“${r.safety.name}”（备份文件夹：${list?.dir ?? ''}）。` : ''}`;
              setMessage(summary);
              onRestored(summary);
            });
          }}
        />
      )}
    </Dialog>
  );
}
