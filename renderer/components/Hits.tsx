/**
 * Text with the search terms marked where they occur, as the overview's cells show a search's hits. Terms
 * are matched as typed (any Chinese substring, Latin letters case-insensitively), like the service's search.
 */
import { memo } from 'react';

/** The query's terms, as the service splits it. */
export function searchTerms(query: string): string[] {
  return query.split(/\s+/).filter((t) => t !== '');
}

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const Hits = memo(function Hits({ text, terms }: { text: string; terms: readonly string[] }) {
  if (terms.length === 0 || text === '') return <>{text}</>;
  // Longest first, so that 储备粮 wins over 储备 where both are typed.
  const re = new RegExp(`(${[...terms].sort((a, b) => b.length - a.length).map(escape).join('|')})`, 'gi');
  const parts = text.split(re);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="hit">
            {p}
          </mark>
        ) : (
          p
        ),
      )}
    </>
  );
});
