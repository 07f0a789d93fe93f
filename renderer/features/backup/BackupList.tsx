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
  ['targets', '项目标'],
  ['assignments', '条分工'],
  ['progressReports', '条季度进展'],
];

/**
 * How a backup differs from the data now, as what a restore does: "此备份少 1 项目标；不含此后的 81 处修改"
 * (a bare "变更记录 −81" read as a loss of records).
 */
export function describeDiff(b: Extract<BackupListingInfo, { damaged: false }>): string | null {
  const diff = b.diff;
  if (!diff) return null;
  const parts = COUNT_LABELS.filter(([k]) => diff[k] !== 0).map(([k, label]) => `${diff[k] > 0 ? '多' : '少'} ${Math.abs(diff[k])} ${label}`);
  const changes = diff.changeLog < 0 ? `不含此后的 ${-diff.changeLog} 处修改` : diff.changeLog > 0 ? `比现在多 ${diff.changeLog} 处修改记录` : '';
  if (parts.length === 0 && changes === '') return '与现在的数据相同';
  return `与现在相比，此备份${[parts.join('、'), changes].filter((x) => x !== '').join('；')}`;
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
