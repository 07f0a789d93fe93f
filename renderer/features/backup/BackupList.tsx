/**
 * The backups of the backup folder, newest first, each with what it holds (time, why, years, targets,
 * last change), so the user sees what a restore brings back before anything is replaced.
 */
import type { BackupListingInfo } from '../../../shared/contract';
import { BACKUP_REASON_LABELS } from '../../../shared/wording';
import { dateTime } from '../../app/format';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function describeBackup(b: Extract<BackupListingInfo, { damaged: false }>): string {
  const c = b.counts;
  return `${b.years.length > 0 ? `${b.years.join('、')}年度，` : ''}${c.targets} 项目标，${c.assignments} 条分工，${c.progressReports} 条季度进展；最后修改 ${b.lastChangeAt ? dateTime(b.lastChangeAt) : '无'}`;
}

const COUNT_LABELS: [keyof Extract<BackupListingInfo, { damaged: false }>['counts'], string][] = [
  ['targets', '目标'],
  ['assignments', '分工'],
  ['progressReports', '季度进展'],
  ['changeLog', '变更记录'],
];

/** How a backup differs from the data now (its counts minus the store's): what a restore brings back or takes away. */
export function describeDiff(b: Extract<BackupListingInfo, { damaged: false }>): string | null {
  if (!b.diff) return null;
  const parts = COUNT_LABELS.filter(([k]) => b.diff![k] !== 0).map(([k, label]) => `${label} ${b.diff![k] > 0 ? '+' : '−'}${Math.abs(b.diff![k])}`);
  return parts.length === 0 ? '与当前数据条数相同' : `与当前数据相比：${parts.join('，')}`;
}

export function BackupList({ backups, busy, onRestore }: { backups: BackupListingInfo[]; busy: boolean; onRestore: (b: Extract<BackupListingInfo, { damaged: false }>) => void }) {
  if (backups.length === 0) return <p className="muted">备份文件夹中还没有备份。</p>;
  return (
    <table className="round-table backup-list" data-testid="backup-list">
      <thead>
        <tr>
          <th>备份时间</th>
          <th>原因</th>
          <th>内容</th>
          <th>大小</th>
          <th aria-label="操作" />
        </tr>
      </thead>
      <tbody>
        {backups.map((b) => (
          <tr key={b.name} data-name={b.name}>
            <td>{dateTime(b.takenAt)}</td>
            <td>{b.reason ? BACKUP_REASON_LABELS[b.reason] : '—'}</td>
            <td className="backup-contents">
              {b.damaged ? <span className="field-error">已损坏，不能使用：{b.problem}</span> : describeBackup(b)}
              {!b.damaged && describeDiff(b) && (
                <div className="muted" data-testid="backup-diff">
                  {describeDiff(b)}
                </div>
              )}
            </td>
            <td className="num">{size(b.sizeBytes)}</td>
            <td>
              {!b.damaged && (
                <button type="button" className="link" disabled={busy} onClick={() => onRestore(b)}>
                  从此备份恢复
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
