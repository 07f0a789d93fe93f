/**
 * 数据文件夹: where the store lives, and moving it to another folder (a larger disk, a folder the backup
 * software covers). The service copies and verifies before switching; the old file stays until the user,
 * having seen the data in the new place, removes it here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { api, errorMessage } from '../../api';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { desktop, inDialog } from '../../app/shell';
import { useRun } from '../../app/useRun';
import { formatBytes, statusChanged } from '../status/StoreStatus';

type Status = Output<'app.status'>;
type Moved = Output<'store.move'>;

export function DataFolderDialog({ onClose }: { onClose: () => void }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [target, setTarget] = useState('');
  const { busy, error, run: runOnce, setError } = useRun();
  const [moved, setMoved] = useState<Moved | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [removed, setRemoved] = useState<Output<'store.removeOld'> | null>(null);

  const load = useCallback(() => api['app.status']({}).then(setStatus, (err: unknown) => setError(errorMessage(err))), []);
  useEffect(() => {
    void load();
  }, [load]);

  const run = (work: Promise<Moved | null>) =>
    runOnce(work, (r) => {
      if (r) setMoved(r);
      void load();
      statusChanged();
    });

  return (
    <Dialog title="数据文件夹" onClose={onClose} wide>
      <div className="fields" data-testid="data-folder">
        <p className="full">
          数据文件：<span data-testid="data-folder-path">{status?.storePath ?? '…'}</span>
          {status && `（${formatBytes(status.storeBytes)}）`}
        </p>
        <p className="muted full">移动时先完整复制并校验（完整性检查、逐表核对行数），校验通过后才改用新位置；原文件保留，确认无误后再删除。移动期间请勿进行其他操作。</p>
        {desktop ? (
          <div className="dialog-actions full" style={{ justifyContent: 'flex-start' }}>
            <button type="button" data-testid="data-folder-choose" disabled={busy} onClick={() => run(inDialog<Moved>('store.move'))}>
              {busy ? '正在移动…' : '选择新文件夹并移动…'}
            </button>
          </div>
        ) : (
          <form
            className="full"
            onSubmit={(e) => {
              e.preventDefault();
              run(api['store.move']({ targetDir: target }));
            }}
          >
            <label className="field full">
              新的数据文件夹（完整路径，例如 D:\督查数据）
              <input data-testid="data-folder-target" value={target} onChange={(e) => setTarget(e.target.value)} />
            </label>
            <div className="dialog-actions">
              <button type="submit" data-testid="data-folder-move" disabled={busy || target.trim() === ''}>
                {busy ? '正在移动…' : '移动'}
              </button>
            </div>
          </form>
        )}
        {moved && (
          <p className="full" role="status" data-testid="data-folder-moved">
            已移到 {moved.to}，校验通过，程序已改用新位置。
            {moved.backupsCopied > 0 && `原有的 ${moved.backupsCopied} 个备份已一并复制到新位置的“备份”文件夹。`}
          </p>
        )}
        {moved?.backupsWarning && (
          <p className="banner full" role="alert" data-testid="data-folder-backups-warning">
            {moved.backupsWarning}
          </p>
        )}
        {status?.oldStore && (
          <div className="banner full" data-testid="data-folder-old">
            原数据文件仍保留在 {status.oldStore}。请确认数据在新位置正常后再删除它。
            <button type="button" className="secondary" data-testid="data-folder-remove-old" onClick={() => setConfirming(true)}>
              删除原文件
            </button>
          </div>
        )}
        {removed?.removed && (
          <p className="full" role="status" data-testid="data-folder-removed">
            已删除原数据文件 {removed.removed}
            {removed.backupsRemoved > 0 && `，以及已复制到新位置的 ${removed.backupsRemoved} 个旧备份`}。
          </p>
        )}
        {error && (
          <p className="field-error full" role="alert" data-testid="data-folder-error">
            {error}
          </p>
        )}
        <div className="dialog-actions full">
          <button type="button" className="secondary" onClick={onClose}>
            关闭
          </button>
        </div>
      </div>
      {confirming && status?.oldStore && (
        <ConfirmDialog
          title="删除原数据文件"
          message={`删除 ${status.oldStore}？数据已在 ${status.storePath}，删除后不能撤销。原文件夹中已复制到新位置的备份也一并删除，未复制的保留。`}
          confirmLabel="删除"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            runOnce(api['store.removeOld']({}), (r) => {
              setRemoved(r);
              void load();
            });
          }}
        />
      )}
    </Dialog>
  );
}
