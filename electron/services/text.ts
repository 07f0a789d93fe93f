/** Text comparison shared by the work-report matcher and the importer: character trigrams, punctuation ignored. */

export function comparable(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, '');
}

export function trigrams(text: string): Set<string> {
  const chars = [...comparable(text)];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  if (grams.size === 0 && chars.length > 0) grams.add(chars.join(''));
  return grams;
}

/** Dice coefficient of two texts' trigram sets: 1 for the same text, near 0 for unrelated ones. */
export function similarity(a: string, b: string): number {
  if (comparable(a) === comparable(b)) return 1;
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}
