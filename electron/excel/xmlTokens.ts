/**
 * The tokens of a workbook's XML part, one at a time, scanned by hand: a tag (`<c r="A1" t="s">`, `</c>`,
 * `<v/>`, namespace prefixes such as `x:c` dropped), a run of text, a CDATA section, or a declaration or
 * comment. It reads exactly what the regular expression
 * `<(\/?)(?:[\w.-]+:)?([\w.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)`
 * read before (tests/unit/xmlTokens.test.ts compares them), without a match object per token: openpyxl's
 * sheets are millions of characters, and those objects were a fifth of an import's garbage.
 *
 * What is not well-formed (a part cut short, a closing tag misspelt, a stray `<`) throws XmlRefused: the
 * lean reader must not read a part exceljs refuses, and leaves it to exceljs and its messages.
 */
export class XmlRefused extends Error {}

export const TAG = 0;
export const TEXT = 1;
export const CDATA = 2;
/** A declaration (`<?xml …?>`) or a comment: read past. */
export const OTHER = 3;

const LT = 60;
const GT = 62;
const SLASH = 47;
const COLON = 58;
const QUOTE = 34;
const APOSTROPHE = 39;

/** `[\w.-]`: a character of a tag's name. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** `\s` of a JavaScript regular expression. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export class XmlTokens {
  /** TAG, TEXT, CDATA or OTHER. */
  kind = OTHER;
  /** A tag's: `</c>`, `<c/>`, its name without a prefix. */
  close = false;
  selfClose = false;
  name = '';
  /** A tag's attributes, or a text's or CDATA section's content: `xml.slice(from, to)`. */
  from = 0;
  to = 0;
  private at = 0;
  private readonly open: string[] = [];
  private root = false;

  constructor(readonly xml: string) {}

  /** Reads the next token; false at the end of a well-formed part. */
  next(): boolean {
    const xml = this.xml;
    const p = this.at;
    if (p >= xml.length) {
      if (this.open.length > 0 || !this.root) throw new XmlRefused();
      return false;
    }
    if (xml.charCodeAt(p) !== LT) {
      const end = xml.indexOf('<', p);
      this.kind = TEXT;
      this.from = p;
      this.to = end === -1 ? xml.length : end;
      this.at = this.to;
      return true;
    }
    if (this.readTag(p)) {
      this.nest();
      return true;
    }
    if (xml.startsWith('<?', p)) return this.skipTo(p + 2, '?>', OTHER);
    if (xml.startsWith('<!--', p)) return this.skipTo(p + 4, '-->', OTHER);
    if (xml.startsWith('<![CDATA[', p)) return this.skipTo(p + 9, ']]>', CDATA);
    throw new XmlRefused();
  }

  /** A tag at `p`, or false when `<` does not start one (a declaration, a comment, CDATA, or nothing). */
  private readTag(p: number): boolean {
    const xml = this.xml;
    let q = p + 1;
    const close = xml.charCodeAt(q) === SLASH;
    if (close) q++;
    let r = q;
    while (r < xml.length && isNameChar(xml.charCodeAt(r))) r++;
    if (r === q) return false;
    let nameFrom = q;
    if (xml.charCodeAt(r) === COLON && isNameChar(xml.charCodeAt(r + 1))) {
      nameFrom = r + 1;
      r = nameFrom;
      while (r < xml.length && isNameChar(xml.charCodeAt(r))) r++;
    }
    const attrsFrom = r;
    let i = r;
    for (;;) {
      if (i >= xml.length) throw new XmlRefused();
      const c = xml.charCodeAt(i);
      if (c === GT) break;
      if (c === QUOTE || c === APOSTROPHE) {
        const shut = xml.indexOf(c === QUOTE ? '"' : "'", i + 1);
        if (shut === -1) throw new XmlRefused();
        i = shut + 1;
      } else i++;
    }
    // An unquoted `/` just before `>` closes the tag itself; a quoted one ends in its quote.
    const selfClose = i > attrsFrom && xml.charCodeAt(i - 1) === SLASH;
    this.kind = TAG;
    this.close = close;
    this.selfClose = selfClose;
    this.name = xml.slice(nameFrom, r);
    this.from = attrsFrom;
    this.to = selfClose ? i - 1 : i;
    this.at = i + 1;
    return true;
  }

  /** A tag must close the element open last, and nothing may open after the root element closed. */
  private nest(): void {
    if (this.selfClose) return;
    if (this.close) {
      if (this.open.pop() !== this.name) throw new XmlRefused();
      if (this.open.length === 0) this.root = true;
    } else {
      if (this.root) throw new XmlRefused();
      this.open.push(this.name);
    }
  }

  private skipTo(from: number, end: string, kind: number): boolean {
    const at = this.xml.indexOf(end, from);
    if (at === -1) throw new XmlRefused();
    this.kind = kind;
    this.from = from;
    this.to = at;
    this.at = at + end.length;
    return true;
  }
}

/**
 * An attribute's value as written, from `s.slice(from, to)`: what `(?:^|\s)(?:[\w.-]+:)?NAME\s*=\s*("([^"]*)"|'([^']*)')`
 * finds first, prefix dropped.
 */
export function attrIn(s: string, from: number, to: number, name: string): string | undefined {
  const first = name.charCodeAt(0);
  // Scanned within the tag: indexOf would search the rest of the part for a name the tag does not have.
  for (let at = from; at + name.length <= to; at++) {
    if (s.charCodeAt(at) !== first || !s.startsWith(name, at) || !startsAttribute(s, from, at)) continue;
    let i = at + name.length;
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (i >= to || s.charCodeAt(i) !== 61 /* = */) continue;
    i++;
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    const q = s.charCodeAt(i);
    if (i >= to || (q !== QUOTE && q !== APOSTROPHE)) continue;
    const shut = s.indexOf(q === QUOTE ? '"' : "'", i + 1);
    if (shut === -1 || shut >= to) continue;
    return s.slice(i + 1, shut);
  }
  return undefined;
}

/** Whether a name at `at` starts an attribute: at the start or after a space, or after such a prefix (`x:`). */
function startsAttribute(s: string, from: number, at: number): boolean {
  if (at === from || isSpace(s.charCodeAt(at - 1))) return true;
  if (s.charCodeAt(at - 1) !== COLON) return false;
  let i = at - 1;
  while (i > from && isNameChar(s.charCodeAt(i - 1))) i--;
  return i < at - 1 && (i === from || isSpace(s.charCodeAt(i - 1)));
}
