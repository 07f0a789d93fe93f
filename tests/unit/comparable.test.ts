import { describe, expect, it } from 'vitest';
import { comparable, similarity } from '../../electron/services/text';

/** What comparable() is defined as; the scan by hand must give the same text. */
const byRegExp = (text: string) => text.replace(/[\s\p{P}\p{S}]/gu, '');

describe('comparable', () => {
  it('drops white space, punctuation and symbols as the Unicode classes say', () => {
    expect(comparable('推进“放管服”改革，完成率≥95%。')).toBe('推进放管服改革完成率95');
    expect(comparable('　全年 GDP 增长 6.5%\n左右')).toBe('全年GDP增长65左右');
    expect(comparable('𠀋字（扩展B）🙂完成')).toBe('𠀋字扩展B完成');
    expect(comparable('纯文字')).toBe('纯文字');
    expect(comparable('')).toBe('');
  });

  it('agrees with the regular expression on random text of every plane', () => {
    let seed = 20261207;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pools = [
      [0x20, 0x7f],
      [0xa0, 0x2fff],
      [0x3000, 0x303f],
      [0x4e00, 0x9fff],
      [0xff00, 0xffef],
      [0xd800, 0xdfff],
      [0x1f300, 0x1faff],
      [0x20000, 0x2a6df],
    ] as const;
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) {
        const [from, to] = pools[Math.floor(next() * pools.length)]!;
        const code = from + Math.floor(next() * (to - from));
        text += code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : String.fromCodePoint(code);
      }
      expect(comparable(text)).toBe(byRegExp(text));
    }
  });

  it('keeps similarity() on the texts it compares', () => {
    expect(similarity('完成全年目标任务。', '完成全年目标任务')).toBe(1);
    expect(similarity('完成全年目标任务', '新建学校三所')).toBe(0);
  });
});
