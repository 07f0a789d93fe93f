/** Text comparison shared by the work-report matcher and the importer: character trigrams, punctuation ignored. */

const DROPPED = /^[\s\p{P}\p{S}]$/u;
/** The regular expression's answer per BMP code point, asked once each: 0 not yet asked, 1 kept, 2 dropped. */
const BMP_DROPPED = new Uint8Array(0x10000);

function dropped(code: number): boolean {
  if (code > 0xffff) return DROPPED.test(String.fromCodePoint(code));
  if (BMP_DROPPED[code] === 0) BMP_DROPPED[code] = DROPPED.test(String.fromCharCode(code)) ? 2 : 1;
  return BMP_DROPPED[code] === 2;
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
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (dropped(code)) {
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
 * The trigrams of an already comparable text as numbers, sorted: three UTF-16 units fit a double exactly, so
 * they stand for the trigram strings when the text is all in the BMP (the importer compares every line's
 * content with its progress). The Dice score is then a merge of two sorted arrays, with neither strings nor
 * a Set of boxed numbers made per trigram.
 */
function sortedTrigrams(text: string): Float64Array {
  const keys = new Float64Array(Math.max(0, text.length - 2));
  for (let i = 0; i + 3 <= text.length; i++) keys[i] = text.charCodeAt(i) * 4294967296 + text.charCodeAt(i + 1) * 65536 + text.charCodeAt(i + 2);
  return keys.sort();
}

/** dice() of two sorted key lists, each key counted once as in a set. */
function sortedDice(x: Float64Array, y: Float64Array): number {
  let distinctX = 0;
  let distinctY = 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const a = i < x.length ? x[i]! : Infinity;
    const b = j < y.length ? y[j]! : Infinity;
    if (a <= b) {
      distinctX++;
      while (i < x.length && x[i] === a) i++;
    }
    if (b <= a) {
      distinctY++;
      while (j < y.length && y[j] === b) j++;
    }
    if (a === b) shared++;
  }
  if (distinctX === 0 || distinctY === 0) return 0;
  return (2 * shared) / (distinctX + distinctY);
}

const ASTRAL = /[\uD800-\uDFFF]/;

/** similarity() of two texts already passed through comparable(). */
export function comparableSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 3 || b.length < 3 || ASTRAL.test(a) || ASTRAL.test(b)) return dice(trigrams(a), trigrams(b));
  return sortedDice(sortedTrigrams(a), sortedTrigrams(b));
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
