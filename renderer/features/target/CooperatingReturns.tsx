/**
 * 配合单位报送: what cooperating units returned for a target's lines, kept beside the lead unit's official
 * text and never over it. The office weaves them into the official text: a button appends one to the
 * line's progress of that quarter, which saves (and is logged) like any edit.
 */
import { useEffect, useState } from 'react';
import type { CooperatingReturn, Target } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { api } from '../../api';
import { dateTime } from '../../app/format';
import './cooperating.css';

interface Props {
  target: Target;
  onInsert: (assignmentId: number, quarter: Quarter, text: string) => void;
}

/** The official text with a cooperating unit's return appended, once. */
export function withCooperating(official: string, r: Pick<CooperatingReturn, 'unit' | 'text'>): string {
  const part = `${r.unit}：${r.text}`;
  if (official.includes(r.text)) return official;
  return official.trim() === '' ? part : `${official}\n${part}`;
}

export function CooperatingReturns({ target, onInsert }: Props) {
  const [returns, setReturns] = useState<CooperatingReturn[]>([]);
  // Read again when the target changes (an import brings new returns; its version moves).
  useEffect(() => {
    api['returns.forTarget']({ targetId: target.id }).then(setReturns, () => setReturns([]));
  }, [target.id, target.version]);
  if (returns.length === 0) return null;
  return (
    <section className="cooperating-returns" aria-labelledby="cooperating-title" data-testid="cooperating-returns">
      <h3 id="cooperating-title">配合单位报送</h3>
      <p className="muted small-text">配合单位报送的内容不会覆盖牵头单位的完成情况，可插入到完成情况中汇总。</p>
      <ul>
        {returns.map((r) => {
          const index = target.assignments.findIndex((a) => a.id === r.assignmentId);
          const official = target.assignments[index]?.progress.find((p) => p.quarter === r.quarter)?.text ?? '';
          const inserted = official.includes(r.text);
          return (
            <li key={`${r.assignmentId}-${r.quarter}-${r.unit}`} data-testid="cooperating-return">
              <div className="muted">
                {target.assignments.length > 1 ? `分工 ${index + 1} · ` : ''}
                {quarterLabel(r.quarter)} · <strong>{r.unit}</strong> · {dateTime(r.returnedAt)}
                {r.onScheduleText ? ` · 是否按计划：${r.onScheduleText}` : ''}
              </div>
              <p className="cooperating-text">{r.text || <span className="muted">（只填了是否按计划）</span>}</p>
              <button
                type="button"
                className="secondary small"
                disabled={inserted || r.text === ''}
                title={inserted ? '已在完成情况中' : `追加到${quarterLabel(r.quarter)}完成情况末尾`}
                onClick={() => onInsert(r.assignmentId, r.quarter, withCooperating(official, r))}
              >
                {inserted ? '已插入' : '插入到完成情况'}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
