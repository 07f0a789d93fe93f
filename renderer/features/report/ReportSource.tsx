/** 报告原文 in the target panel: the clause the target came from, highlighted in its paragraph. */
import { useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { api } from '../../api';
import { Highlight } from '../review/Highlight';
import './report.css';

export function ReportSource({ targetId, version }: { targetId: number; version: number }) {
  const [source, setSource] = useState<Output<'report.targetSource'> | null>(null);
  useEffect(() => {
    api['report.targetSource']({ id: targetId }).then(setSource, () => setSource(null));
  }, [targetId, version]);
  if (!source) return null;
  return (
    <section className="report-source" aria-labelledby="report-source-title" data-testid="report-source">
      <h3 id="report-source-title">报告原文</h3>
      {source.span ? (
        <p>
          <span className="muted">{source.span.section.name}：</span>
          <Highlight text={source.span.paragraph} spans={[source.span]} />
        </p>
      ) : (
        <p className="muted">尚未关联到政府工作报告中的语句（可在“报告分解”中关联）。</p>
      )}
      {source.carriedFrom && (
        <p className="muted" data-testid="carried-from">
          结转自{source.carriedFrom.year}年第{source.carriedFrom.serial}项（上年的完成情况和变更记录留在上年）。
        </p>
      )}
    </section>
  );
}
