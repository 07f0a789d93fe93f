/**
 * The quarter's 督办通知 as sent: unit, targets, reply due, and the day the unit replied, entered here (a
 * reply after the due date is marked 逾期回复, what the year-end 考核 counts).
 */
import { useCallback, useEffect, useState } from 'react';
import type { NoticeInfo } from '../../../shared/contract';
import type { Quarter } from '../../../shared/domain';
import { api, errorMessage } from '../../api';
import { dateTime, formatDate } from '../../app/format';

export function NoticesList({ year, quarter, refresh }: { year: number; quarter: Quarter; refresh: number }) {
  const [notices, setNotices] = useState<NoticeInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api['notices.list']({ year, quarter }).then(setNotices, (err: unknown) => setError(errorMessage(err))), [year, quarter]);
  useEffect(() => {
    void load();
  }, [load, refresh]);
  const reply = (id: number, repliedAt: string | null) => {
    setError(null);
    api['notices.reply']({ id, repliedAt }).then((n) => setNotices((list) => list?.map((x) => (x.id === n.id ? n : x)) ?? null), (err: unknown) => setError(errorMessage(err)));
  };
  if (!notices) return error ? <p className="field-error">{error}</p> : null;
  return (
    <section className="notices-list" data-testid="notices-list">
      <h3>已发督办通知（{notices.length} 份）</h3>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {notices.length === 0 ? (
        <p className="muted">本季度尚未发出督办通知。</p>
      ) : (
        <table className="review-table">
          <thead>
            <tr>
              <th>责任单位</th>
              <th>目标序号</th>
              <th>发出时间</th>
              <th>回复期限</th>
              <th>回复日期</th>
            </tr>
          </thead>
          <tbody>
            {notices.map((n) => (
              <tr key={n.id} data-testid="notice-row" data-unit={n.unit}>
                <td>{n.unit}</td>
                <td>第{n.serials.join('、')}项</td>
                <td>{dateTime(n.issuedAt)}</td>
                <td>{formatDate(n.replyDue)}</td>
                <td>
                  <input type="date" aria-label={`${n.unit}的回复日期`} data-testid="notice-replied" value={n.repliedAt ?? ''} onChange={(e) => reply(n.id, e.target.value === '' ? null : e.target.value)} />
                  {n.repliedAt && <span className="date-shown">{formatDate(n.repliedAt)}</span>}
                  {n.late && <span className="flag-chip">{n.repliedAt ? '逾期回复' : '逾期未回复'}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
