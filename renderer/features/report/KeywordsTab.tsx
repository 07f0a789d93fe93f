/** 关键词与单位: the table the lead-unit suggestions come from (财政 → 市财政局), kept by the office. */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useRun } from '../../app/useRun';
import { Outcome } from '../../components/Outcome';

type Row = { keyword: string; unit: string; leader: string };

export function KeywordsTab() {
  const [rows, setRows] = useState<Row[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, run } = useRun();
  useEffect(() => run(api['report.keywords']({}), setRows), [run]);
  const set = (i: number, patch: Partial<Row>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div className="report-body" data-testid="report-keywords">
      <p className="muted" data-testid="keywords-intro">
        候选目标的文字中含有关键词时，建议由对应单位牵头。表中没有关键词时，建议也来自本年和上年已有目标的分工：已关联的目标、相似的目标、文字中出现的单位名称（如“生态环境”→市生态环境局）。
      </p>
      <Outcome error={error} message={message} />
      <table className="report-table">
        <thead>
          <tr>
            <th>关键词</th>
            <th>牵头单位</th>
            <th>市政府领导（可空）</th>
            <th aria-label="操作" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>
                <input aria-label="关键词" value={r.keyword} onChange={(e) => set(i, { keyword: e.target.value })} />
              </td>
              <td>
                <input aria-label="牵头单位" value={r.unit} onChange={(e) => set(i, { unit: e.target.value })} />
              </td>
              <td>
                <input aria-label="市政府领导" value={r.leader} onChange={(e) => set(i, { leader: e.target.value })} />
              </td>
              <td>
                <button type="button" className="link" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">还没有关键词。添加后，含该词的候选目标会建议由对应单位牵头。</p>}
      <div className="report-toolbar">
        <button type="button" className="secondary" onClick={() => setRows((x) => [...x, { keyword: '', unit: '', leader: '' }])}>
          ＋ 添加一行
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(api['report.saveKeywords']({ keywords: rows.filter((r) => r.keyword.trim() !== '' || r.unit.trim() !== '') }), (saved) => {
              setRows(saved);
              setMessage(`已保存 ${saved.length} 个关键词`);
            })
          }
        >
          保存
        </button>
      </div>
    </div>
  );
}
