/**
 * A target's light quarter by quarter (一季度 绿 → 二季度 黄 → 三季度 红): in meeting mode, in the review
 * list (as "red since") and in the target panel, where it is asked of the review service (cached there).
 */
import { useEffect, useState } from 'react';
import type { ReviewItem } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { LIGHT_SHORT, lightTrail, redSince } from '../../../shared/review/trail';
import { api } from '../../api';

export function LightTrail({ history }: { history: ReviewItem['history'] }) {
  if (history.length === 0) return null;
  return (
    <span className="light-trail" data-testid="light-trail" role="img" aria-label={`各季度预警：${lightTrail(history)}`}>
      {history.map((h, i) => (
        <span key={h.quarter} className="light-step">
          {i > 0 && <span className="muted" aria-hidden="true"> → </span>}
          <span className={`light-dot ${h.light}`} aria-hidden="true" />
          <span aria-hidden="true">
            {quarterLabel(h.quarter)} {LIGHT_SHORT[h.light]}
          </span>
        </span>
      ))}
    </span>
  );
}

/** 自二季度起红灯, only when the red run began before this quarter. */
export function RedSince({ history }: { history: ReviewItem['history'] }) {
  const since = redSince(history);
  const last = history.at(-1);
  if (since === null || !last || since === last.quarter) return null;
  return (
    <div className="red-since small" data-testid="red-since">
      自{quarterLabel(since)}起红灯
    </div>
  );
}

/** The target panel's view: the target's trail up to the quarter shown in the overview. */
export function TargetLightHistory({ targetId, year, quarter }: { targetId: number; year: number; quarter: Quarter }) {
  const [history, setHistory] = useState<ReviewItem['history'] | null>(null);
  useEffect(() => {
    let live = true;
    api['review.get']({ year, quarter }).then(
      (r) => live && setHistory(r.items.find((i) => i.targetId === targetId)?.history ?? null),
      () => live && setHistory(null),
    );
    return () => {
      live = false;
    };
  }, [targetId, year, quarter]);
  if (!history || history.length === 0) return null;
  return (
    <div className="target-light-history" data-testid="target-light-history">
      <span className="label">预警变化</span> <LightTrail history={history} />
    </div>
  );
}
