/**
 * decode() reads XML's entities and character references as the regular expression it replaced did, on
 * random texts of every kind of reference (malformed ones, astral, surrogates, past the last code point),
 * runs longer than its buffer, and the line ends an XML parser normalises.
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../helpers/fuzzRandom';
import { decode } from '../../electron/excel/xmlText';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function byRegex(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0x10ffff ? whole : String.fromCodePoint(code);
    }
    return Object.hasOwn(ENTITIES, ref) ? ENTITIES[ref]! : whole;
  });
}

const PIECES = ['&#20013;', '&#x4E2D;', '&#x4e2d;', '&#X4E2D;', '&#60;', '&#13;', '&#0;', '&#55296;', '&#xDC00;', '&#128512;', '&#x1F600;', '&#1114112;', '&#99999999999;', '&#;', '&#x;', '&#12', '&#', '&', '&amp;', '&lt;', '&nbsp;', '&amp', '&#00065;', 'a', ' ', '\r\n', '\r', '中', '😀', ';', '#'];

describe('decode', () => {
  it('reads 5,000 random texts as the regular expression does', () => {
    const { next } = makeRng(11);
    for (let i = 0; i < 5_000; i++) {
      const text = Array.from({ length: Math.floor(next() * 60) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join('');
      expect(decode(text), text).toBe(byRegex(text));
    }
  });

  it('reads a run of references longer than its buffer, and one ending in an astral character at the edge', () => {
    const long = '&#20013;'.repeat(12_000);
    expect(decode(long)).toBe('中'.repeat(12_000));
    const edge = `${'&#20013;'.repeat(8_191)}&#128512;tail`;
    expect(decode(edge)).toBe(`${'中'.repeat(8_191)}😀tail`);
  });
});
