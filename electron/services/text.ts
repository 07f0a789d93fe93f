/** Text comparison shared by the work-report matcher and the importer: character trigrams, punctuation ignored. */

const DROPPED = /^[\s\p{P}\p{S}]$/u;
const ASCII_DROPPED = Uint8Array.from({ length: 128 }, (_, c) => (DROPPED.test(String.fromCharCode(c)) ? 1 : 0));
const droppedCache = new Map<number, boolean>();

/** Whether comparable() drops a code point beyond ASCII and the common CJK ideographs (cached: few distinct ones occur). */
function droppedAbove(code: number): boolean {
  let dropped = droppedCache.get(code);
  if (dropped === undefined) droppedCache.set(code, (dropped = DROPPED.test(String.fromCodePoint(code))));
  return dropped;
}

/**
 * The text without white space, punctuation and symbols (`[\s\p{P}\p{S}]`). Scanned by hand: a Unicode
 * regular expression's replace over every line's content and progress was a quarter of an import's plan.
 */
export function comparable(text: string): string {
  let out = '';
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    let width = 1;
    let dropped: boolean;
    if (c < 128) dropped = ASCII_DROPPED[c] === 1;
    else {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) width = 2;
      dropped = droppedAbove(code);
    }
    if (dropped) {
      out += text.slice(kept, i);
      kept = i + width;
    }
    i += width - 1;
  }
  return kept === 0 ? text : out + text.slice(kept);
}

export function trigrams(text: string): Set<string> {
  const chars = [...comparable(text)];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  if (grams.size === 0 && chars.length > 0) grams.add(chars.join(''));
  return grams;
}

/**
 * The trigrams of an already comparable text as numbers: three UTF-16 units fit a double exactly, so a set
 * of numbers stands for the set of strings when the text is all in the BMP (the importer compares every
 * line's content with its progress; strings made and hashed per trigram were most of that time).
 */
function numericTrigrams(text: string): Set<number> {
  const grams = new Set<number>();
  for (let i = 0; i + 3 <= text.length; i++) grams.add(text.charCodeAt(i) * 4294967296 + text.charCodeAt(i + 1) * 65536 + text.charCodeAt(i + 2));
  return grams;
}

const ASTRAL = /[\uD800-\uDFFF]/;

/** similarity() of two texts already passed through comparable(). */
export function comparableSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 3 || b.length < 3 || ASTRAL.test(a) || ASTRAL.test(b)) return dice(trigrams(a), trigrams(b));
  return dice(numericTrigrams(a), numericTrigrams(b));
}

function dice<T>(x: Set<T>, y: Set<T>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Dice coefficient of two texts' trigram sets: 1 for the same text, near 0 for unrelated ones. */
export function similarity(a: string, b: string): number {
  return comparableSimilarity(comparable(a), comparable(b));
}
