/**
 * Each numeric goal of a line with the actual the review held it against: a person confirms it, corrects it
 * ("45家"), says the report has none, or hands it back to the automatic reading. Stored, and the status,
 * light and rule follow.
 */
import { useState } from 'react';
import type { Quarter } from '../../../shared/domain';
import type { ReviewItem } from '../../../shared/contract';
import { api, errorMessage } from '../../api';

type Check = ReviewItem['lines'][number]['checks'][number];

export function ActualChecks({ assignmentId, quarter, checks, onChanged }: { assignmentId: number; quarter: Quarter; checks: Check[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (checks.length === 0) return null;
  const save = (goalIndex: number, actual: string | null) =>
    api['review.confirmActual']({ assignmentId, quarter, goalIndex, actual }).then(
      () => {
        setEditing(null);
        setError(null);
        onChanged();
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  return (
    <div className="actual-checks" data-testid="actual-checks">
      {checks.map((c) => (
        <div key={c.goalIndex} className="actual-check" data-goal={c.goal}>
          <span className="muted">目标</span> <mark>{c.goal}</mark> <span className="muted">→ 实际</span>{' '}
          {editing === c.goalIndex ? (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void save(c.goalIndex, draft);
              }}
            >
              <input autoFocus data-testid="actual-input" value={draft} placeholder="如 45家" onChange={(e) => setDraft(e.target.value)} />
              <button type="submit">保存</button>
              <button type="button" className="secondary" onClick={() => setEditing(null)}>
                取消
              </button>
            </form>
          ) : (
            <>
              <b>{c.actual ?? '（未识别）'}</b>
              {c.confirmed && <span className="status-chip status-done">已确认</span>}
              {!c.confirmed && c.actual !== null && (
                <button type="button" className="link" data-testid="actual-confirm" onClick={() => void save(c.goalIndex, c.actual)}>
                  确认
                </button>
              )}
              <button
                type="button"
                className="link"
                data-testid="actual-correct"
                onClick={() => {
                  setDraft(c.actual ?? '');
                  setEditing(c.goalIndex);
                }}
              >
                更正
              </button>
              {c.actual !== null && (
                <button type="button" className="link" onClick={() => void save(c.goalIndex, '')}>
                  无此数据
                </button>
              )}
              {c.confirmed && (
                <button type="button" className="link" onClick={() => void save(c.goalIndex, null)}>
                  恢复自动识别
                </button>
              )}
            </>
          )}
        </div>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
