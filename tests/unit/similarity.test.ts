/** The Dice score on sorted numeric trigrams equals the score on sets of trigram strings it stands for. */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../helpers/fuzzRandom';
import { comparable, comparableSimilarity, trigrams } from '../../electron/services/text';

function byStrings(a: string, b: string): number {
  if (a === b) return 1;
  const x = trigrams(a);
  const y = trigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return (2 * shared) / (x.size + y.size);
}

describe('comparableSimilarity', () => {
  it('gives the score of the trigram strings on 5,000 pairs of texts with repeats, near copies and unrelated ones', () => {
    const { next } = makeRng(5);
    // Few characters, so that trigrams repeat within a text and are shared between texts.
    const alphabet = ['推', '进', '项', '目', '建', '设', '完', '成', '率', 'a', '1', '\uffff', '\u0001'];
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
    for (let i = 0; i < 5_000; i++) {
      const a = comparable(text(Math.floor(next() * 60)));
      const kind = next();
      const b = kind < 0.3 ? comparable(a.slice(0, Math.floor(next() * a.length)) + text(Math.floor(next() * 10))) : kind < 0.4 ? a : comparable(text(Math.floor(next() * 60)));
      expect(comparableSimilarity(a, b), `${a} | ${b}`).toBeCloseTo(byStrings(a, b), 12);
    }
  });
});
