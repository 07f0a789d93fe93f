/**
 * The status bar's store facts (app.status): where the data file is, how big, when the last backup was
 * taken. Asked again every minute, when the window regains focus and when the page says data changed.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { api } from '../../api';
import { dateTime } from '../../app/format';
import './status.css';

type Status = Output<'app.status'>;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The data file by its folder and name: the full path of a Windows profile does not fit the bar at 1366 px,
 * and a path cut with “…” reads as a different one. The full path is the tooltip and in 设置 › 数据文件夹.
 */
export function shortPath(storePath: string): string {
  const parts = storePath.split(/[\\/]+/).filter(Boolean);
  return parts.length <= 2 ? storePath : parts.slice(-2).join(storePath.includes('\\') ? '\\' : '/');
}

/** Fired by whoever changed what the status shows (an import, a backup, a move of the data folder). */
export const STATUS_CHANGED = 'ducha:status-changed';

export function statusChanged(): void {
  window.dispatchEvent(new Event(STATUS_CHANGED));
}

export function StoreStatus() {
  const [status, setStatus] = useState<Status | null>(null);
  const refresh = useCallback(() => {
    api['app.status']({}).then(setStatus, () => setStatus(null));
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 60_000);
    window.addEventListener('focus', refresh);
    window.addEventListener(STATUS_CHANGED, refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
      window.removeEventListener(STATUS_CHANGED, refresh);
    };
  }, [refresh]);
  if (!status) return null;
  return (
    <span className="store-status" data-testid="store-status">
      <span className="store-path" title={`数据文件：${status.storePath}`} data-testid="store-path">
        数据文件：{shortPath(status.storePath)}
      </span>
      <span data-testid="store-size">{formatBytes(status.storeBytes)}</span>
      <span data-testid="last-backup" title={`备份文件夹：${status.backupDir}`} className={status.lastBackupAt ? '' : 'no-backup'}>
        {status.lastBackupAt ? `最近备份 ${dateTime(status.lastBackupAt)}` : '尚无备份'}
      </span>
    </span>
  );
}
