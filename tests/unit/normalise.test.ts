/** The "normalise values" step (electron/excel/normalise.ts) and the readings it feeds: names, status, quarters. */
import { describe, expect, it } from 'vitest';
import { bareName, namesOf } from '../../electron/excel/normalise';
import { otherColumnOf, quarterIn, roleOfHeader } from '../../electron/excel/headers';
import { kindOfValue } from '../../electron/excel/columnTypes';
import { parseOnSchedule } from '../../shared/domain';

describe('namesOf', () => {
  it.each([
    ['聂元科同志', ['聂元科']],
    ['聂元科副市长、王昌华同志', ['聂元科', '王昌华']],
    ['【聂元科】/[王昌华]', ['聂元科', '王昌华']],
    ['（张鹏）｜肖友华', ['张鹏', '肖友华']],
    ['①聂元科②王昌华', ['聂元科', '王昌华']],
    ['1.聂元科\n2.王昌华', ['聂元科', '王昌华']],
    ['(1)市财政局 (2)市税务局', ['市财政局', '市税务局']],
    ['张　鹏和肖友华', ['张鹏', '肖友华']],
    ['聂元科及曹　临', ['聂元科', '曹临']],
    ['市商务局和市自然资源和规划局', ['市商务局', '市自然资源和规划局']],
    ['定陶区人民政府及郓城县人民政府', ['定陶区人民政府', '郓城县人民政府']],
    ['市住房和城乡建设局', ['市住房和城乡建设局']],
    ['市财政局／市税务局；各县区人民政府', ['市财政局', '市税务局', '各县区人民政府']],
    ['市长', ['市长']],
    ['/', []],
  ])('%j → %j', (cell, names) => {
    expect(namesOf(cell)).toEqual(names);
  });

  it('takes decorations off one name, nested too', () => {
    expect(bareName('1.【聂元科同志】')).toBe('聂元科');
  });

  it('types a column of decorated leaders as leaders, and of numbered units as units', () => {
    expect(kindOfValue('聂元科副市长／王昌华同志')).toBe('leaders');
    expect(kindOfValue('①市财政局②市税务局')).toBe('units');
  });
});

describe('status as written', () => {
  it.each([
    ['√', 'yes'],
    ['✓', 'yes'],
    ['●', 'yes'],
    ['★', 'yes'],
    ['100%', 'yes'],
    ['进展顺利', 'yes'],
    ['达到序时进度', 'yes'],
    ['按进度推进', 'yes'],
    ['×', 'no'],
    ['不正常', 'no'],
    ['65%', null],
    ['', null],
  ])('%j → %j', (text, value) => {
    expect(parseOnSchedule(text).value).toBe(value);
  });
});

describe('the quarter a progress header names', () => {
  it.each([
    ['三季度完成情况', 3],
    ['1-9月完成情况', 3],
    ['1—9月份进展情况', 3],
    ['1至6月推进情况', 2],
    ['截至9月底完成情况', 3],
    ['截至2023年9月30日完成情况', 3],
    ['2023年12月31日前工作进展', 4],
    ['1-8月完成情况', null],
    ['2023年9月5日进展', null],
    ['完成情况', null],
  ])('%j → %j', (header, quarter) => {
    expect(quarterIn(header)).toBe(quarter);
  });
});

describe('columns named, not imported', () => {
  it.each([
    ['存在问题', 'problems'],
    ['下一步工作打算', 'nextSteps'],
    ['备 注', 'remarks'],
    ['联系人', 'contact'],
    ['联系电话', 'phone'],
    ['是否完成（√）', 'checkMark'],
    ['三季度完成情况', null],
    ['是否按计划完成进度', null],
  ])('%j → %j', (header, other) => {
    expect(otherColumnOf(header)).toBe(other);
  });

  it('knows status and leader headers other offices use', () => {
    expect(['完成状态', '推进状态', '进展评价', '是否达到序时进度'].map(roleOfHeader)).toEqual(['onSchedule', 'onSchedule', 'onSchedule', 'onSchedule']);
    expect(['分管副市长', '落实单位', '具体目标'].map(roleOfHeader)).toEqual(['leaders', 'units', 'content']);
  });
});
