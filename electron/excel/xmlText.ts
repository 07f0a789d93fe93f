/**
 * The text of XML: entities and character references decoded, as an XML parser gives them. openpyxl writes
 * every Chinese character as a numeric reference (`&#36131;`), so its parts are mostly references.
 */
import { XmlRefused } from './xmlTokens';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's entities and character references; line ends as an XML parser gives them. */
export function decode(text: string): string {
  // Past Excel's 32,767 characters a cell: a damaged or hostile part, left to exceljs.
  if (text.length > 100_000) throw new XmlRefused();
  const t = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return t.includes('&') ? decodeReferences(t) : t;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWord = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * `&(#x[0-9a-fA-F]+|#\d+|\w+);` replaced, scanned by hand: openpyxl writes every Chinese character as a
 * character reference (&#36131;), and a regular expression's callback per character was a tenth of an import.
 */
const RUN = new Uint16Array(8192);

function decodeReferences(t: string): string {
  const parts: string[] = [];
  // The decoded characters of a run of references, as UTF-16 units in one reused buffer: one string made
  // per run, not per character, and no array grown per text (a million references in openpyxl's sheet).
  let units = 0;
  const flushUnits = () => {
    if (units > 0) parts.push(String.fromCharCode.apply(null, RUN.subarray(0, units) as unknown as number[]));
    units = 0;
  };
  let last = 0;
  for (let at = t.indexOf('&'); at !== -1; at = t.indexOf('&', at + 1)) {
    let i = at + 1;
    let code = -1;
    if (t.charCodeAt(i) === 35 /* # */) {
      const hex = t.charCodeAt(i + 1) === 120; /* x */
      i += hex ? 2 : 1;
      const start = i;
      let value = 0;
      for (; i < t.length; i++) {
        const digit = digitOf(t.charCodeAt(i), hex);
        if (digit < 0) break;
        // Past the last code point the reference stays as written; the digits are still read to its end.
        value = value > 0x10ffff ? value : value * (hex ? 16 : 10) + digit;
      }
      if (i === start || t.charCodeAt(i) !== 59 /* ; */ || value > 0x10ffff) continue;
      code = value;
    } else {
      const start = i;
      while (i < t.length && isWord(t.charCodeAt(i))) i++;
      if (i === start || t.charCodeAt(i) !== 59 /* ; */) continue;
      const name = t.slice(start, i);
      if (!Object.hasOwn(ENTITIES, name)) continue;
      code = ENTITIES[name]!.charCodeAt(0);
    }
    if (at > last) {
      flushUnits();
      parts.push(t.slice(last, at));
    }
    if (units >= RUN.length - 2) flushUnits();
    if (code > 0xffff) {
      RUN[units++] = 0xd800 + ((code - 0x10000) >> 10);
      RUN[units++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
    } else RUN[units++] = code;
    last = i + 1;
    at = i;
  }
  if (last === 0) return t;
  flushUnits();
  if (last < t.length) parts.push(t.slice(last));
  return parts.length === 1 ? parts[0]! : parts.join('');
}

/** A digit's value in base 10 or 16, or -1. */
function digitOf(c: number, hex: boolean): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (!hex) return -1;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
