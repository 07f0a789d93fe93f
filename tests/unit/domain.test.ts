import { describe, expect, it } from 'vitest';
import { normalizeDeadline, parseDeadline, parseOnSchedule, splitNames, toHalfWidth } from '../../shared/domain';

describe('splitNames', () => {
  it.each([
    ['聂元科 王昌华 张鹏 肖友华', ['聂元科', '王昌华', '张鹏', '肖友华']],
    ['市财政局 市税务局', ['市财政局', '市税务局']],
    ['市财政局、市税务局', ['市财政局', '市税务局']],
    ['市财政局，市税务局;市统计局；市商务局', ['市财政局', '市税务局', '市统计局', '市商务局']],
    ['市财政局\n市税务局', ['市财政局', '市税务局']],
    ['张　鹏', ['张鹏']],
    ['张　鹏 李春英', ['张鹏', '李春英']],
    ['  聂元科  ', ['聂元科']],
    ['—', []],
    ['无', []],
    ['', []],
  ])('%j → %j', (cell, names) => {
    expect(splitNames(cell)).toEqual(names);
  });
});

describe('parseDeadline', () => {
  it.each([
    ['年底', 'year-end', '2023-12-31'],
    ['年内完成', 'year-end', '2023-12-31'],
    ['长期坚持', 'long-term', null],
    ['长期\n坚持', 'long-term', null],
    ['3月底前', 'month', '2023-03-31'],
    ['2月上旬前', 'month', '2023-02-10'],
    ['6月开工，年内完工', 'year-end', '2023-12-31'],
    ['第四季度', 'quarter', '2023-12-31'],
    ['二季度', 'quarter', '2023-06-30'],
    ['2023年6月30日', 'date', '2023-06-30'],
    ['2023-09-15', 'date', '2023-09-15'],
    ['2024-2025', 'multi-year', '2025-12-31'],
    ['', 'none', null],
    ['视情况而定', 'unknown', null],
  ])('%j', (text, kind, due) => {
    expect(parseDeadline(text, 2023)).toEqual({ kind, due });
  });

  it('joins a deadline broken over two lines, keeping its Chinese punctuation', () => {
    expect(normalizeDeadline('长期\n坚持')).toBe('长期坚持');
    expect(normalizeDeadline('长期 坚持')).toBe('长期坚持');
    expect(normalizeDeadline('６月开工，年内完工')).toBe('6月开工，年内完工');
  });
});

describe('parseOnSchedule', () => {
  it.each([
    ['是', 'yes', true],
    ['否', 'no', true],
    ['基本', 'basic', true],
    ['', null, true],
    ['/', null, true],
    [' 是 ', 'yes', true],
    ['达序推进', 'yes', false],
    ['顺利推进', 'yes', false],
    ['办结', 'yes', false],
    ['部分滞后', 'no', false],
    ['滞后1个月', 'no', false],
    ['80%（进度滞后）', 'no', false],
    ['65%', null, false],
  ])('%j', (text, value, recognized) => {
    expect(parseOnSchedule(text)).toEqual({ value, recognized });
  });
});

it('converts full-width digits and punctuation', () => {
  expect(toHalfWidth('１２．５％')).toBe('12.5%');
});
