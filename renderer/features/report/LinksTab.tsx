/**
 * 关联已有目标: each target of the year with the clause it is linked to now and the clause suggested by
 * similarity; confirmed one by one or all above a threshold. 按报告顺序编号 renumbers the year's targets.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { api } from '../../api';
import { useRun } from '../../app/useRun';
import { Outcome } from '../../components/Outcome';

type Suggestions = Output<'report.linkSuggestions'>;

export function LinksTab({ year, stamp, onChanged }: { year: number; stamp: number; onChanged: () => void }) {
  const [list, setList] = useState<Suggestions | null>(null);
  const [threshold, setThreshold] = useState(0.6);
  const [message, setMessage] = useState<string | null>(null);
  const [lastBatch, setLastBatch] = useState<{ batchId: string; label: string } | null>(null);
  const { busy, error, run } = useRun();
  const reload = useCallback(() => run(api['report.linkSuggestions']({ year }), setList), [run, year]);
  useEffect(reload, [reload, stamp]);

  const done = (label: string) => (r: { batchId: string }) => {
    setLastBatch({ batchId: r.batchId, label });
    setMessage(label);
    reload();
    onChanged();
  };
  const differs = (s: Suggestions[number]) => s.suggestion !== null && (s.current?.start !== s.suggestion.start || s.current?.end !== s.suggestion.end);
  const pending = (list ?? []).filter((s) => differs(s) && s.suggestion!.score >= threshold).length;
  const linked = (list ?? []).filter((s) => s.current !== null).length;

  return (
    <div className="report-body" data-testid="report-links">
      <div className="report-toolbar">
        <span data-testid="links-summary">
          共 {list?.length ?? 0} 项目标，已关联 {linked} 项
        </span>
        <span className="spacer" />
        <label>
          相似度不低于{' '}
          <input type="number" min={0.3} max={1} step={0.05} value={threshold} style={{ width: 70 }} onChange={(e) => setThreshold(Number(e.target.value))} />
        </label>
        <button type="button" data-testid="confirm-all-links" disabled={busy || pending === 0} onClick={() => run(api['report.confirmLinks']({ year, minScore: threshold }), (r) => done(`已关联 ${r.linked} 项`)(r))}>
          全部确认（{pending}）
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => run(api['report.renumber']({ year }), (r) => done(`已按报告顺序重新编号，${r.changed} 项序号改变`)(r))}>
          按报告顺序编号
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy || lastBatch === null}
          onClick={() =>
            run(api['report.undo']({ batchId: lastBatch!.batchId }), () => {
              setMessage(`已撤销：${lastBatch!.label}`);
              setLastBatch(null);
              reload();
              onChanged();
            })
          }
        >
          撤销
        </button>
      </div>
      <Outcome error={error} message={message} />
      <table className="report-table">
        <thead>
          <tr>
            <th>序号</th>
            <th>责任目标内容</th>
            <th>当前关联的报告原文</th>
            <th>建议关联</th>
            <th>相似度</th>
            <th aria-label="操作" />
          </tr>
        </thead>
        <tbody>
          {(list ?? []).map((s) => (
            <tr key={s.targetId} data-testid="link-row" data-serial={s.serial}>
              <td className="num">{s.serial}</td>
              <td>{s.content}</td>
              <td>{s.current?.text ?? <span className="muted">未关联</span>}</td>
              <td>{s.suggestion ? (differs(s) ? s.suggestion.text : <span className="muted">同左</span>) : <span className="muted">报告中未找到</span>}</td>
              <td className="num">{s.suggestion ? `${Math.round(s.suggestion.score * 100)}%` : ''}</td>
              <td className="num">
                {differs(s) && (
                  <button
                    type="button"
                    className="link"
                    disabled={busy}
                    onClick={() => run(api['report.confirmLinks']({ year, links: [{ targetId: s.targetId, start: s.suggestion!.start, end: s.suggestion!.end }] }), (r) => done(`第${s.serial}项已关联`)(r))}
                  >
                    确认
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
