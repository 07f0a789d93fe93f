/**
 * What a pick or a drop brought beyond the workbooks read: the files named as skipped, with why. The place
 * for the mixed folder's "what will be read / what is skipped" list: it grows here, not in the screen.
 */
import { skippedSummary, type SkippedEntry } from '../../../shared/dropped';

export function DroppedFiles({ skipped }: { skipped: SkippedEntry[] }) {
  if (skipped.length === 0) return null;
  return (
    <details className="banner" data-testid="import-skipped">
      <summary>{skippedSummary(skipped)}</summary>
      <ul>
        {skipped.map((s) => (
          <li key={s.path}>
            {s.path}（{s.reason}）
          </li>
        ))}
      </ul>
    </details>
  );
}
