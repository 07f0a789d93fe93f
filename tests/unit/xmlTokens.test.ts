/**
 * The hand-written XML scanner reads what the regular expression it replaced read, token by token, and
 * refuses what that one's well-formedness check refused: on real parts, and on random strings made of the
 * pieces XML is made of (quotes, prefixes, slashes, declarations, comments, CDATA, stray brackets).
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../helpers/fuzzRandom';
import { attrIn, CDATA, TAG, TEXT, XmlTokens } from '../../electron/excel/xmlTokens';

const TOKEN = /<(\/?)(?:[\w.-]+:)?([\w.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;

/** The tokens as the regular expression and its well-formedness check read them, or 'refused'. */
function byRegex(xml: string): string[] | 'refused' {
  const out: string[] = [];
  const open: string[] = [];
  let end = 0;
  let root = false;
  for (const m of xml.matchAll(TOKEN)) {
    if (m.index !== end) return 'refused';
    end = m.index + m[0].length;
    const [, close, name, attrs, selfClose, cdata, chars] = m;
    if (name !== undefined) {
      out.push(`tag ${close ? '/' : ''}${name} [${attrs}]${selfClose ? '/' : ''}`);
      if (selfClose) continue;
      if (close) {
        if (open.pop() !== name) return 'refused';
        if (open.length === 0) root = true;
      } else {
        if (root) return 'refused';
        open.push(name);
      }
    } else if (cdata !== undefined) out.push(`cdata ${cdata}`);
    else if (chars !== undefined) out.push(`text ${chars}`);
    else out.push('other');
  }
  if (end !== xml.length || open.length > 0 || !root) return 'refused';
  return out;
}

function byScanner(xml: string): string[] | 'refused' {
  const out: string[] = [];
  const t = new XmlTokens(xml);
  try {
    while (t.next()) {
      const content = xml.slice(t.from, t.to);
      if (t.kind === TAG) out.push(`tag ${t.close ? '/' : ''}${t.name} [${content}]${t.selfClose ? '/' : ''}`);
      else if (t.kind === CDATA) out.push(`cdata ${content}`);
      else if (t.kind === TEXT) out.push(`text ${content}`);
      else out.push('other');
    }
  } catch {
    return 'refused';
  }
  return out;
}

const PIECES = ['<', '>', '/', '"', "'", '=', ' ', '\n', 'c', 'row', 'x:', 'a:b:', 'r', 't', '.', '-', ':', '<?', '?>', '<!--', '-->', '<![CDATA[', ']]>', '&#20013;', '&amp;', '中', 'v', '1', '<c r="A1">', '</c>', '<v/>', '<row>', '</row>', '<x:c/>'];

function randomXml(next: () => number): string {
  // Mostly well-formed: a root with random content, so that both accepting and refusing paths are drawn.
  const inner = Array.from({ length: Math.floor(next() * 14) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join('');
  return next() < 0.7 ? `<?xml version="1.0"?><root a="1">${inner}</root>` : inner;
}

describe('XmlTokens', () => {
  it('reads a real sheet and its shared strings token for token as the regular expression did', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx')));
    for (const entry of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']) {
      const xml = await zip.file(entry)!.async('string');
      const tokens = byScanner(xml);
      expect(tokens).not.toBe('refused');
      expect(tokens).toEqual(byRegex(xml));
    }
  });

  it('agrees with it on 20,000 random strings, refusals included', () => {
    const { next } = makeRng(20261207);
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const xml = randomXml(next);
      const expected = byRegex(xml);
      if (expected === 'refused') refused++;
      expect(byScanner(xml), xml).toEqual(expected);
    }
    // Both kinds were drawn in numbers.
    expect(refused).toBeGreaterThan(2_000);
    expect(refused).toBeLessThan(18_000);
  });
});

describe('attrIn', () => {
  const regexAttr = (attrs: string, name: string) => new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs)?.slice(2, 4).find((v) => v !== undefined);

  it('finds what the regular expression found, within the tag only', () => {
    const { next } = makeRng(7);
    const pieces = [' ', 'r', 's', 't', 'ref', '=', '"', "'", 'A1', 'x:', 'ab:', '$', ' hidden="1"', '\t', '\u3000', 'rr'];
    for (let i = 0; i < 20_000; i++) {
      const attrs = Array.from({ length: Math.floor(next() * 10) }, () => pieces[Math.floor(next() * pieces.length)]!).join('');
      for (const name of ['r', 't', 'hidden']) {
        // Framed by other text: only the range counts.
        const framed = `<c${attrs}>r="9" hidden="0"`;
        expect(attrIn(framed, 2, 2 + attrs.length, name), `${attrs} ${name}`).toBe(regexAttr(attrs, name));
      }
    }
  });
});
