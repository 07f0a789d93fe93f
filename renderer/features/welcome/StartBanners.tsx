/**
 * What the start had to say: a data folder that cannot be written (the data is then read-only) and what
 * was worked around (a backup folder out of reach). The read-only banner stays; warnings can be closed.
 */
import { useState } from 'react';
import type { StartState } from '../../../shared/contract';

export function StartBanners({ state }: { state: StartState | null }) {
  const [closed, setClosed] = useState(false);
  if (!state) return null;
  return (
    <>
      {state.readOnly && (
        <div className="banner error" role="alert" data-testid="read-only-banner">
          <strong>只读：</strong>
          {state.readOnly.reason}
        </div>
      )}
      {!closed && state.warnings.length > 0 && (
        <div className="banner start-warnings" role="status" data-testid="start-warnings">
          {state.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          <button type="button" className="link" onClick={() => setClosed(true)}>
            知道了
          </button>
        </div>
      )}
    </>
  );
}
