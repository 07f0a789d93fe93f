/**
 * Column typing by content (issue 13): the kind of each value, the score that combines a header with the
 * values under it, and the hand-out of roles in a block; and cells holding several roles.
 */
import { describe, expect, it } from 'vitest';
import { assignRoles, candidatesOf, kindOfValue, profileOf, type KnownNames } from '../../electron/excel/columnTypes';
import { namesWithRoles, plainNames } from '../../electron/excel/cellRoles';
import { roleOfHeader } from '../../electron/excel/headers';

const KNOWN: KnownNames = { leaders: new Set(['欧阳明']), units: new Set(['市发改委', '国网菏泽供电公司']) };

describe('the kind of a value', () => {
  it.each([
    ['12', 'serial'],
    ['１２', 'serial'],
    ['第3项', 'serial'],
    ['年底', 'deadline'],
    ['长期 坚持', 'deadline'],
    ['3月底前', 'deadline'],
    ['第四季度', 'deadline'],
    ['2024-2025', 'deadline'],
    ['是', 'status'],
    ['否', 'status'],
    ['达序推进', 'status'],
    ['按计划推进', 'status'],
    ['已完成', 'status'],
    ['部分滞后', 'status'],
    ['进度滞后', 'status'],
    ['65%', 'status'],
    ['80%（进度滞后）', 'status'],
    ['市财政局 市税务局', 'units'],
    ['市发展改革委、各县区人民政府', 'units'],
    ['团市委', 'units'],
    ['华瑞集团', 'units'],
    ['菏泽鲁西新区管委会', 'units'],
    ['牵头：市财政局；配合：市税务局、各县区人民政府', 'units'],
    ['市财政局（牵头）、市税务局', 'units'],
    ['市发改委', 'units'],
    ['李春英', 'leaders'],
    ['张　鹏', 'leaders'],
    ['聂元科 王昌华 张鹏 肖友华', 'leaders'],
    ['张三（牵头）、李四', 'leaders'],
    ['欧阳明', 'leaders'],
    ['前三季度,全市一般公共预算收入完成246.5亿元', 'text'],
    ['地区生产总值增长5.5%左右', 'text'],
    ['目标一', null],
    ['abc', null],
  ])('%s → %s', (value, kind) => {
    expect(kindOfValue(value, KNOWN)).toBe(kind);
  });
});

const profile = (values: string[], rows = values.length) => profileOf(values, rows, KNOWN);

describe('the score of a column: header and values', () => {
  it('an unknown header over status words is the status column', () => {
    const c = candidatesOf(roleOfHeader('目标研判'), profile(['达序推进', '按计划推进', '已完成', '部分滞后', '进度滞后']));
    expect(c[0]).toMatchObject({ role: 'onSchedule', source: 'content', score: 3 });
  });

  it('a known header confirmed by its values scores highest; an empty column keeps its header', () => {
    expect(candidatesOf('units', profile(['市财政局', '市税务局']))).toEqual([{ role: 'units', score: 5, source: 'header' }]);
    expect(candidatesOf('onSchedule', profile([], 10))).toEqual([{ role: 'onSchedule', score: 2, source: 'header' }]);
    // 配合单位 holding units stays 配合单位: values of the header's own kind only confirm it.
    expect(candidatesOf('cooperatingUnits', profile(['市财政局']))).toEqual([{ role: 'cooperatingUnits', score: 5, source: 'header' }]);
  });

  it('values override a known header only when nearly all say otherwise', () => {
    const all = candidatesOf('progress', profile(['是', '是', '否', '是', '基本']));
    expect(all[0]).toMatchObject({ role: 'onSchedule', source: 'content' });
    const most = candidatesOf('progress', profile(['是', '是', '否', '前三季度完成投资4.3亿元', '开工建设项目6个,完成投资']));
    expect(most[0]).toMatchObject({ role: 'progress', source: 'header' });
  });

  it('short progress texts naming a quarter or a month stay the progress of a 完成情况 column, not its deadlines', () => {
    // parseDeadline finds 三季度 / 9月 inside them: a column of deadlines by its values alone.
    const short = ['第3项前三季度推进情况', '三季度末已开工建设', '9月底前完成设备安装', '前三季度推进顺利'];
    expect(short.map((v) => kindOfValue(v, KNOWN))).toEqual(['deadline', 'deadline', 'deadline', 'deadline']);
    expect(candidatesOf('progress', profile(short))[0]).toMatchObject({ role: 'progress', source: 'header' });
    expect(candidatesOf('progress', profile(short)).map((c) => c.role)).toEqual(['progress']);
    // A column of deadlines under a header the rules do not know is still the deadline column.
    expect(candidatesOf(roleOfHeader('时间节点'), profile(['年底', '长期坚持', '9月底前', '三季度末']))[0]).toMatchObject({ role: 'deadline' });
  });

  it('a mostly empty column is not typed by its values; numbers that do not rise are not serials', () => {
    expect(candidatesOf(null, profile(['已核实', '是'], 8))).toEqual([]);
    expect(candidatesOf(null, profile(['15', '14', '11', '21', '9', '30']))).toEqual([]);
    expect(candidatesOf(null, profile(['1', '2', '3', '4', '5']))[0]).toMatchObject({ role: 'serial' });
  });

  it("the user's choice beats header and values", () => {
    expect(candidatesOf('progress', profile(['是']), 'onSchedule')).toEqual([{ role: 'onSchedule', score: 100, source: 'user' }]);
    expect(candidatesOf('progress', profile(['是']), 'ignore')).toEqual([]);
  });
});

describe('handing out the roles of a block', () => {
  const col = (column: number, header: string | null, values: string[], rows = values.length) => ({
    column,
    candidates: candidatesOf(header === null ? null : roleOfHeader(header), profile(values, rows)),
  });

  it('types a table whose headers are all unknown: serial, leaders, content, deadline, progress, status, units', () => {
    const roles = assignRoles([
      col(0, null, ['1', '2', '3']),
      col(1, null, ['李春英', '聂元科 王昌华', '张　鹏']),
      col(2, null, ['一般公共预算收入增长5.5%左右', '新增规模以上服务业企业100家以上', '城镇调查失业率控制在5.5%以内']),
      col(3, null, ['年底', '长期坚持', '9月底前']),
      col(4, null, ['前三季度,全市一般公共预算收入完成246.5亿元', '前三季度,新增规模以上服务业企业33家', '前三季度,城镇新增就业4.1万人']),
      col(5, null, ['达序推进', '部分滞后', '已完成']),
      col(6, null, ['市财政局', '市发展改革委 市统计局', '牵头：市人力资源社会保障局；配合：市统计局']),
    ]);
    expect(Object.fromEntries([...roles].map(([c, a]) => [c, `${a.role}/${a.source}`]))).toEqual({
      0: 'serial/content',
      1: 'leaders/content',
      2: 'content/content',
      3: 'deadline/content',
      4: 'progress/content',
      5: 'onSchedule/content',
      6: 'units/content',
    });
  });

  it('a header-named column keeps its role against an unknown column of the same kind', () => {
    const roles = assignRoles([col(0, '是否按计划完成进度', ['是', '否']), col(1, '进展评价', ['是', '否'])]);
    expect(roles.get(0)).toEqual({ role: 'onSchedule', source: 'header' });
    expect(roles.get(1)).toBeUndefined();
  });

  it('units found by their values beside a 牵头单位 column are its cooperating units', () => {
    const roles = assignRoles([col(0, '牵头单位', ['市财政局', '市统计局']), col(1, '落实部门', ['市税务局', '市统计局'])]);
    expect(roles.get(1)).toEqual({ role: 'cooperatingUnits', source: 'content' });
  });

  it('the later quarter of two progress columns is read', () => {
    const text = ['上半年,新增规模以上服务业企业21家', '上半年,地区生产总值增长6.8%'];
    const roles = assignRoles([
      { column: 0, candidates: candidatesOf('progress', profile(text), undefined, 2) },
      { column: 1, candidates: candidatesOf('progress', profile(text), undefined, 3) },
    ]);
    expect(roles.get(1)).toEqual({ role: 'progress', source: 'header' });
    expect(roles.get(0)).toBeUndefined();
  });
});

describe('cells with several roles', () => {
  it.each([
    ['牵头：市财政局；配合：市税务局、各县区人民政府', { lead: ['市财政局'], cooperating: ['市税务局', '各县区人民政府'] }],
    ['牵头单位：市发展改革委　配合单位：市财政局 市统计局', { lead: ['市发展改革委'], cooperating: ['市财政局', '市统计局'] }],
    ['牵头单位:市发展改革委;配合单位:市财政局', { lead: ['市发展改革委'], cooperating: ['市财政局'] }],
    ['市财政局（牵头）、市税务局', { lead: ['市财政局'], cooperating: ['市税务局'] }],
    ['市税务局、市财政局 (牵头)', { lead: ['市财政局'], cooperating: ['市税务局'] }],
    ['张三（牵头）、李四', { lead: ['张三'], cooperating: ['李四'] }],
    ['牵头：聂元科；协管：王昌华', { lead: ['聂元科'], cooperating: ['王昌华'] }],
    ['市财政局 市税务局', null],
  ])('%s', (cell, roles) => {
    expect(namesWithRoles(cell)).toEqual(roles);
  });

  it('plain names keep the lead first and drop the role words', () => {
    expect(plainNames('李四、张三（牵头）')).toEqual(['张三', '李四']);
    expect(plainNames('聂元科 王昌华')).toEqual(['聂元科', '王昌华']);
  });
});
