/**
 * What must be read before the rows: a file going into another quarter than its own, a field the store needs
 * left empty while a column with values was ignored. Shown above the summary, never folded away.
 */
import type { Note } from '../../../shared/contract';
import { formatWhere } from '../../../shared/errors';

export function TopNotes({ notes }: { notes: Note[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="banner warning import-top-notes" role="alert" data-testid="import-top-notes">
      <ul>
        {notes.map((n, i) => (
          <li key={i} data-code={n.code}>
            {n.message} <span className="muted">{formatWhere(n.where)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
