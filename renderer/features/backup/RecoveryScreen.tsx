/**
 * Shown instead of the app when the store was found damaged at start: what happened, where the damaged
 * file was kept, and the backups to restore from (the newest good one first).
 */
import { useEffect, useState } from 'react';
import type { BackupListingInfo, RecoveryInfo } from '../../../shared/contract';
import { api, errorMessage } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { dateTime } from '../../app/format';
import { BackupList, describeBackup } from './BackupList';
import { desktop, inDialog } from '../../app/shell';

type Good = Extract<BackupListingInfo, { damaged: false }>;

export function RecoveryScreen({ recovery }: { recovery: RecoveryInfo }) {
  const [backups, setBackups] = useState<BackupListingInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Good | null>(null);
  useEffect(() => {
    api['backups.list']({}).then((l) => setBackups(l.backups), (err: unknown) => setError(errorMessage(err)));
  }, []);
  return (
    <div className="recovery" data-testid="recovery">
      <h1>数据文件需要恢复</h1>
      <p className="banner error">{recovery.reason}</p>
      <p>
        已损坏的文件已原样保存为 <code>{recovery.keptAs}</code>，没有删除或改动，可交技术人员尝试修复。
      </p>
      {recovery.newest ? <p>最新的完好备份：{dateTime(recovery.newest.takenAt)}（{recovery.newest.counts.targets} 项目标）。请选择一个备份恢复：</p> : <p>备份文件夹 {recovery.backupDir} 中没有可用的备份。</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {backups && <BackupList backups={backups} busy={busy} onRestore={setConfirm} />}
      {desktop && (
        <p>
          <button
            type="button"
            className="secondary"
            data-testid="recovery-from-file"
            disabled={busy}
            onClick={() => {
              // A backup kept elsewhere (a USB stick that was not plugged in, a copy sent back by mail).
              setBusy(true);
              inDialog('backups.restoreFile').then(
                (r) => (r ? window.location.reload() : setBusy(false)),
                (err: unknown) => {
                  setBusy(false);
                  setError(errorMessage(err));
                },
              );
            }}
          >
            从其他位置的备份文件恢复…
          </button>
        </p>
      )}
      {confirm && (
        <ConfirmDialog
          title="从备份恢复"
          message={`用 ${dateTime(confirm.takenAt)} 的备份恢复数据：${describeBackup(confirm)}。`}
          confirmLabel="确定恢复"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const b = confirm;
            setConfirm(null);
            setBusy(true);
            api['backups.restore']({ name: b.name }).then(
              () => window.location.reload(),
              (err: unknown) => {
                setBusy(false);
                setError(errorMessage(err));
              },
            );
          }}
        />
      )}
    </div>
  );
}
