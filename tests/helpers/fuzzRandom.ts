/**
 * The fuzzer's building blocks shared by every format's mutators (tests/helpers/fuzz.ts for .xlsx,
 * fuzzFormats.ts for .xls and .docx): seeded randomness, the mutator shape, and text edits on XML parts.
 */

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness

export interface Rng {
  /** [0, 1) */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast and good enough to pick mutations; the same seed gives the same run everywhere. */
export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    range: (lo, hi) => lo + int(hi - lo + 1),
    pick: <T>(xs: readonly T[]): T => {
      if (xs.length === 0) throw new Error('pick from an empty list');
      return xs[int(xs.length)]!;
    },
    chance: (p) => next() < p,
  };
}

/** Each input gets its own stream, so input i does not depend on how many random numbers input i-1 drew. */
export function inputSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------
// Mutators and XML edits

export type Files = Map<string, Buffer>;

export interface Mutator {
  name: string;
  weight: number;
  /** Changes `files` in place and says what it did, or null when the workbook has nothing it applies to. */
  apply(files: Files, r: Rng): string | null;
}

/** Picks an entry matching `pattern` and rewrites its text; null when none matches or `edit` declines. */
export function editXml(files: Files, r: Rng, pattern: RegExp, label: string, edit: (xml: string, r: Rng) => string | null): string | null {
  const names = [...files.keys()].filter((n) => pattern.test(n));
  if (names.length === 0) return null;
  const name = r.pick(names);
  const xml = files.get(name)!.toString('utf8');
  const out = edit(xml, r);
  if (out === null || out === xml) return null;
  files.set(name, Buffer.from(out, 'utf8'));
  return `${label} @ ${name}`;
}

/** Replaces one match (or every match, sometimes) of `re` with what `fn` makes of it. */
export function replaceSome(xml: string, r: Rng, re: RegExp, fn: (m: RegExpExecArray) => string, allChance = 0.2): string | null {
  const matches = [...xml.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))];
  if (matches.length === 0) return null;
  const chosen = r.chance(allChance) ? matches : [r.pick(matches)];
  let out = '';
  let at = 0;
  for (const m of chosen.sort((a, b) => a.index - b.index)) {
    out += xml.slice(at, m.index) + fn(m as RegExpExecArray);
    at = m.index + m[0].length;
  }
  return out + xml.slice(at);
}

/** A whole element: self-closing, or open tag to the first matching close tag (the formats do not nest a tag in itself). */
export function elementRe(tag: string): RegExp {
  return new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g');
}

/** Text a user might have pasted, and text no user could: invalid XML characters, lone surrogates, RTL marks. */
export function randomUnicode(r: Rng): string {
  const pieces = ['\u0000', '\u0001', '\u0008', '\u000b', '\u001f', '\ufffe', '\uffff', '\ud800', '\udfff', '\u200b', '\u202e', '\u2028', '\ufeff', '😀', '👨‍👩‍👧', '𠀀', '\u0301\u0301\u0301', '序号', '责任目标内容', '完成情况', '　', ']]>', '<![CDATA[', '</t>', '&', '<', '>'];
  let s = '';
  const n = r.range(1, 12);
  for (let i = 0; i < n; i++) s += r.chance(0.6) ? r.pick(pieces) : String.fromCharCode(r.int(0x10000));
  return s;
}

export function randomBytes(r: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = r.int(256);
  return b;
}

/** A position just before a tag, so an insertion lands between elements rather than inside a name. */
export function tagBoundary(xml: string, r: Rng): number {
  const positions = [...xml.matchAll(/</g)].map((m) => m.index);
  return positions.length > 1 ? r.pick(positions.slice(1)) : xml.length;
}
