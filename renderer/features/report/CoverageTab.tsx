/**
 * 覆盖情况: the report's text with each commitment coloured by whether a target covers it, the counts per
 * section, and the uncovered ones as a list to export before the year's table is issued.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { api } from '../../api';
import { download } from '../../app/download';
import { useRun } from '../../app/useRun';
import { Outcome } from '../../components/Outcome';

type View = Output<'report.view'>;

type Piece = { text: string; kind: 'plain' } | { text: string; kind: 'heading' } | { text: string; kind: 'commitment'; c: View['commitments'][number] };

/** The text cut at commitments and headings, in order; what lies outside both is plain text. */
function piecesOf(view: View): Piece[] {
  const marks = [...view.commitments.map((c) => ({ start: c.start, end: c.end, c })), ...view.headings.map((h) => ({ start: h.start, end: h.end, c: null }))].sort((a, b) => a.start - b.start);
  const out: Piece[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    if (m.start > at) out.push({ text: view.text.slice(at, m.start), kind: 'plain' });
    const text = view.text.slice(m.start, m.end);
    out.push(m.c ? { text, kind: 'commitment', c: m.c } : { text, kind: 'heading' });
    at = m.end;
  }
  if (at < view.text.length) out.push({ text: view.text.slice(at), kind: 'plain' });
  return out;
}

export function CoverageTab({ year, stamp }: { year: number; stamp: number }) {
  const [view, setView] = useState<View | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { busy, error, run } = useRun();
  const reload = useCallback(() => run(api['report.view']({ year }), setView), [run, year]);
  useEffect(reload, [reload, stamp]);

  const total = view?.coverage.sections.reduce((n, s) => n + s.commitments, 0) ?? 0;
  const covered = view?.coverage.sections.reduce((n, s) => n + s.covered, 0) ?? 0;

  return (
    <div className="report-body" data-testid="report-coverage">
      <div className="report-toolbar">
        <span data-testid="coverage-summary">
          报告中共 {total} 项事项，已分解 {covered} 项，未分解 {total - covered} 项；责任目标 {view?.coverage.targets ?? 0} 项，其中 {view?.coverage.linkedTargets ?? 0} 项已关联报告原文。
        </span>
        <span className="spacer" />
        <span className="report-legend muted">
          <mark className="covered">已分解</mark> <mark className="uncovered">未分解</mark>
        </span>
        <button
          type="button"
          data-testid="export-uncovered"
          disabled={busy || total === covered}
          onClick={() =>
            run(api['report.exportUncovered']({ year }), (r) => {
              download(r.fileName, r.data);
              setMessage(`已导出未分解事项 ${r.count} 项：${r.fileName}`);
            })
          }
        >
          导出未分解事项（.xlsx）
        </button>
      </div>
      <Outcome error={error} message={message} />
      <table className="report-table" data-testid="coverage-table">
        <thead>
          <tr>
            <th>部分</th>
            <th>事项</th>
            <th>已分解</th>
            <th>未分解</th>
          </tr>
        </thead>
        <tbody>
          {(view?.coverage.sections ?? []).map((s) => (
            <tr key={s.code} data-code={s.code}>
              <td>{s.name}</td>
              <td className="num">{s.commitments}</td>
              <td className="num">{s.covered}</td>
              <td className="num">{s.commitments - s.covered}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view && (
        <div className="report-text" data-testid="report-text">
          {piecesOf(view).map((p, i) =>
            p.kind === 'plain' ? (
              // Blank lines between paragraphs (and page breaks of the source) would only stretch the page.
              (i === 0 ? p.text.trimStart() : p.text).replace(/\n\s*\n/g, '\n')
            ) : p.kind === 'heading' ? (
              <span key={i} className="heading">
                {p.text}
              </span>
            ) : (
              <mark
                key={i}
                className={p.c.targets.length > 0 ? 'covered' : 'uncovered'}
                data-testid="commitment"
                title={p.c.targets.length > 0 ? `已分解为第${p.c.targets.map((t) => t.serial).join('、')}项` : '尚无责任目标'}
              >
                {p.c.text}
              </mark>
            ),
          )}
        </div>
      )}
    </div>
  );
}
