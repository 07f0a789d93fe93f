/** Text with the numbers the review read in it marked, so a person can check what was compared. */
export function Highlight({ text, spans }: { text: string; spans: { start: number; end: number }[] }) {
  const sorted = [...spans].sort((a, b) => a.start - b.start).filter((s, i, all) => s.end > s.start && (i === 0 || s.start >= all[i - 1]!.end));
  const parts: (string | { mark: string })[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push({ mark: text.slice(s.start, s.end) });
    at = s.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <>
      {parts.map((p, i) => (typeof p === 'string' ? p : <mark key={i}>{p.mark}</mark>))}
    </>
  );
}
