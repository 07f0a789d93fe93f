import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, Target } from '../../shared/contract';
import type { OnSchedule, Quarter } from '../../shared/domain';
import { planByYear } from '../../electron/db/repos/plans';
import { loadTargets } from '../../electron/db/repos/targets';
import { timePace } from '../../shared/review/pace';
import { parseActuals } from '../../shared/review/quantity';
import {
  assessTarget,
  assessTargets,
  DEFAULT_THRESHOLDS,
  FLAG_LABELS,
  LIGHT_LABELS,
  STATUS_LABELS,
  worstLight,
  worstStatus,
  type TargetReview,
} from '../../shared/review/status';
import { openCore } from '../helpers/store';

interface LineSpec {
  text?: string;
  onSchedule?: OnSchedule | null;
  onScheduleText?: string;
  /** The same line's text in the quarter before. */
  previous?: string;
  leaders?: string[];
  /** No report at all for the quarter. */
  missing?: boolean;
}

let nextId = 1;

/** A target as loadTargets gives it, with the reports of one quarter (and optionally the one before). */
function target(content: string, deadline: string, lines: LineSpec[], quarter: Quarter = 3, serial = 1): Target {
  const assignments: Assignment[] = lines.map((l) => {
    const progress: Assignment['progress'] = [];
    if (l.previous !== undefined && quarter > 1) {
      progress.push({ quarter: (quarter - 1) as Quarter, text: l.previous, onSchedule: 'yes', onScheduleText: '是', updatedAt: '' });
    }
    if (!l.missing) {
      const onSchedule = l.onSchedule === undefined ? 'yes' : l.onSchedule;
      const onScheduleText = l.onScheduleText ?? (onSchedule === null ? '' : { yes: '是', no: '否', basic: '基本' }[onSchedule]);
      progress.push({ quarter, text: l.text ?? '', onSchedule, onScheduleText, updatedAt: '' });
    }
    return { id: nextId++, leaders: l.leaders ?? ['聂元科'], leadUnits: ['市发展改革委'], cooperatingUnits: [], progress };
  });
  return {
    id: nextId++,
    year: 2023,
    serial,
    content,
    deadline,
    deadlineKind: 'year-end',
    deadlineDue: null,
    sectionId: null,
    sourceText: '',
    version: 1,
    updatedAt: '',
    assignments,
  };
}

const one = (content: string, line: LineSpec, quarter: Quarter = 3, deadline = '年底'): TargetReview =>
  assessTarget(target(content, deadline, [line], quarter), quarter);

describe('timePace', () => {
  it.each<[string, number, Quarter, number | null]>([
    ['年底', 2023, 1, 0.25],
    ['年底', 2023, 2, 0.5],
    ['年底', 2023, 3, 0.75],
    ['年底', 2023, 4, 1],
    ['年内完成', 2023, 3, 0.75],
    ['6月底', 2023, 1, 0.5],
    ['6月底', 2023, 2, 1],
    ['6月底', 2023, 3, 1],
    ['3月底前', 2023, 1, 1],
    ['2月上旬前', 2023, 1, 1],
    ['9月底', 2023, 1, 1 / 3],
    ['第四季度', 2023, 3, 0.75],
    ['二季度', 2023, 1, 0.5],
    ['2023-09-15', 2023, 2, 6 / 8.5],
    ['2024年6月底', 2023, 3, 9 / 18],
    ['2023-2025', 2023, 4, 12 / 36],
    ['2023-2025', 2024, 2, 18 / 36],
    ['2024-2025', 2025, 4, 1],
    ['2024-2025', 2023, 4, 0],
    ['长期坚持', 2023, 3, null],
    ['长期\n坚持', 2023, 3, null],
    ['', 2023, 3, null],
    ['视情况而定', 2023, 3, null],
  ])('%j in %i at Q%i → %s', (deadline, year, quarter, expected) => {
    const pace = timePace(deadline, year, quarter);
    if (expected === null) expect(pace.fraction).toBeNull();
    else expect(pace.fraction).toBeCloseTo(expected, 10);
  });

  it('explains itself in Chinese', () => {
    expect(timePace('年底', 2023, 3).note).toBe('年底完成，三季度末序时进度75%');
    expect(timePace('6月底', 2023, 3).note).toBe('6月底完成，三季度末序时进度100%，已到完成时限');
    expect(timePace('长期 坚持', 2023, 3).note).toBe('长期坚持，不计序时进度');
    expect(timePace('视情况而定', 2023, 3).note).toBe('完成时限“视情况而定”无法识别，不计序时进度');
    expect(timePace('', 2023, 3).note).toBe('未填写完成时限，不计序时进度');
  });
});

describe('seed 001: the issue #6 cases, self-contained', () => {
  it('flags target 16 (100家以上, 33 by Q3, 是) as a contradiction', () => {
    const r = one('精心培育“种子”“幼苗”“准四上”企业,新增规模以上服务业100家以上', {
      text: '对“种子”“幼苗”“准四上”企业加强扶持和动态监测,组织召开专题培训工作会议,前三季度,全市新增规模以上服务业企业33家',
    });
    expect(r).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'] });
    expect(r.rule).toBe("实际33家/目标100家 = 33%，序时进度75%；自报“是”与数据不符");
    const c = r.lines[0]!.comparisons[0]!;
    expect(c.attainment).toBeCloseTo(0.33);
    expect(c.score).toBeCloseTo(0.44);
    expect(c.actual.text).toBe('33家');
  });

  it('flags target 39 (8.6万吨, 1.71万吨 by Q3, 是) as a contradiction', () => {
    const r = one('增加市级储备粮8.6万吨', { text: '前三季度,增加市级储备粮1.71万吨' });
    expect(r).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'] });
    expect(r.rule).toBe("实际1.71万吨/目标8.6万吨 = 19.9%，序时进度75%；自报“是”与数据不符");
    expect(r.lines[0]!.comparisons[0]!.actual.span).toEqual({ start: 12, end: 18 });
    expect(r.goals[0]!.span).toEqual({ start: 7, end: 12 });
  });

  it.each([
    ['地区生产总值增长5.5%左右', '前三季度,地区生产总值增长7.0%'],
    ['居民人均可支配收入增长6%左右', '前三季度,城乡居民人均可支配收入增长7.2%'],
    ['一般公共预算收入增长5.5%左右', '前三季度,全市一般公共预算收入完成246.5亿元,增长6.9%,完成年度预算的77.8%'],
  ])('does not flag a met growth target: %s', (content, text) => {
    const r = one(content, { text });
    expect(r.flags).toEqual([]);
    expect(r.light).toBe('green');
    expect(['ahead', 'on-pace']).toContain(r.status);
  });

  it('compares a growth rate with the goal rate, not with the time pace', () => {
    const r = one('地区生产总值增长5.5%左右', { text: '前三季度,地区生产总值增长7.0%' });
    expect(r.status).toBe('ahead');
    expect(r.rule).toBe('实际增长7.0%/目标增长5.5%左右 = 127.3%，已达到目标（增速不按序时折算）');
    expect(one('地区生产总值增长5.5%左右', { text: '全年地区生产总值增长5.6%' }, 4).status).toBe('done');
    expect(one('地区生产总值增长5.5%左右', { text: '一季度地区生产总值增长5.6%' }, 1).status).toBe('on-pace');
  });

  it('flags a growth rate below its goal (target 7: 8.5% against 10%左右) as behind, yellow', () => {
    const r = one('固定资产投资增长10%左右', { text: '前三季度,固定资产投资增长8.5%,居全省第1位' });
    expect(r).toMatchObject({ status: 'behind', light: 'yellow', flags: ['contradiction'] });
  });
});

describe('status rules', () => {
  it("self-report 否 is behind and red until a person confirms numbers that say otherwise; the contradiction is flagged", () => {
    const r = one('推进某项工作', { text: '受资金影响，项目尚未开工建设，正在协调推进', onSchedule: 'no' });
    expect(r).toMatchObject({ status: 'behind', light: 'red', rule: "自报“否”", flags: [] });
    const done = one('完成投资20亿元以上', { text: '能源基础设施投资完成31.028亿元', onSchedule: 'no' });
    expect(done).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'] });
    expect(done.rule).toBe("实际31.028亿元/目标20亿元 = 155.1%，已完成目标；自报“否”与数据不符");
    const behind = one('完成投资20亿元以上', { text: '能源基础设施投资完成10亿元', onSchedule: 'no' });
    expect(behind).toMatchObject({ status: 'behind', light: 'red', flags: [] });
  });

  it("flags target 6 (增长5.5%左右, 7.0%, 否) and lets the confirmed numbers decide its status", () => {
    const t = target('地区生产总值增长5.5%左右', '年底', [{ text: '前三季度,地区生产总值增长7.0%', onSchedule: 'no', onScheduleText: '否' }]);
    const unconfirmed = assessTarget(t, 3);
    expect(unconfirmed).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'] });
    expect(unconfirmed.rule).toBe("实际增长7.0%/目标增长5.5%左右 = 127.3%，已达到目标（增速不按序时折算）；自报“否”与数据不符");
    const confirmed = new Map([[t.assignments[0]!.id, new Map([[0, parseActuals('地区生产总值增长7.0%')[0]!]])]]);
    const r = assessTarget(t, 3, { confirmed });
    expect(r).toMatchObject({ status: 'ahead', light: 'green', flags: ['contradiction'] });
    expect(r.rule).toBe("实际增长7.0%/目标增长5.5%左右 = 127.3%，已达到目标（增速不按序时折算）（人工确认）；自报“否”与数据不符，按确认的数据判断");
  });

  it('holds a share of a multi-year plan against that plan\'s pace (target 20: 82% of 2021-2023 at Q3 2023)', () => {
    const text = '《菏泽市创建儿童友好城市三年行动计划(2021-2023年)》既定任务已完成82%,单元试点建设全面铺开';
    const r = one('统筹抓好国家儿童友好城市建设', { text });
    expect(r.lines[0]!.comparisons[0]!.pace).toBeCloseTo(33 / 36);
    expect(r).toMatchObject({ status: 'behind', light: 'yellow', flags: ['contradiction'] });
    expect(r.rule).toBe("已完成82%，2021-2023年计划序时进度91.7%；自报“是”与数据不符");
    // Without the plan's years the share is a share of the year.
    expect(one('某项工作', { text: '既定任务已完成82%' }).rule).toBe("已完成82%，序时进度75%");
  });

  it('says 未能识别数字 when the content has digits and nothing was read', () => {
    const r = one('推进“231”特色产业集群升级', { text: '巨野县精细化工等2个产业集群入选省集群库' });
    expect(r.rule).toBe("未能识别数字（“231”）；自报“是”");
    expect(one('推进某项工作', { text: '召开推进会议，安排部署全年重点任务' }).rule).toBe("自报“是”");
  });

  it('reads the goals written in other ways and compares them', () => {
    expect(one('PM2.5平均浓度控制在40微克/立方米以内', { text: 'PM2.5平均浓度为42微克每立方米' })).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'] });
    expect(one('新增城镇就业十万人', { text: '前三季度新增城镇就业9万人' })).toMatchObject({ status: 'ahead', light: 'green' });
    expect(one('粮食总产量稳定在150亿斤以上', { text: '全年粮食总产量达到760万吨' }).status).toBe('done');
  });

  it("self-report 是 without numbers is on pace and green", () => {
    expect(one('推进某项工作', { text: '召开推进会议，安排部署全年重点任务，各项工作按计划推进' })).toMatchObject({
      status: 'on-pace',
      light: 'green',
      rule: "自报“是”",
    });
  });

  it("self-report 基本 is yellow; a blank self-report is yellow with its own rule", () => {
    expect(one('推进某项工作', { text: '召开推进会议，安排部署全年重点任务，各项工作按计划推进', onSchedule: 'basic' })).toMatchObject({
      status: 'on-pace',
      light: 'yellow',
      rule: "自报“基本”",
    });
    expect(one('推进某项工作', { text: '召开推进会议，安排部署全年重点任务，各项工作按计划推进', onSchedule: null })).toMatchObject({
      status: 'on-pace',
      light: 'yellow',
      rule: '未填写是否按计划完成进度',
    });
  });

  it('keeps the wording of the self-report and reads 已完工 and 超进度 from it', () => {
    const done = one('建成某项目', { text: '项目主体工程全部完成并已投入使用运行', onScheduleText: '已完工' });
    expect(done).toMatchObject({ status: 'done', rule: "自报“已完工”" });
    expect(one('建成某项目', { text: '项目主体工程全部完成并已投入使用运行', onScheduleText: '超进度' }).status).toBe('ahead');
  });

  it('an amount reached is done; over the pace is ahead', () => {
    expect(one('持续推进“七网”建设,能源基础设施完成投资20亿元以上', { text: '能源基础设施投资完成31.028亿元' })).toMatchObject({
      status: 'done',
      light: 'green',
      rule: '实际31.028亿元/目标20亿元 = 155.1%，已完成目标',
    });
    expect(one('发展新个体经济,新登记市场主体20万户以上', { text: '前三季度,累计增加新登记市场主体16.9万户' })).toMatchObject({
      status: 'ahead',
      light: 'green',
    });
  });

  it('compares amounts written in different magnitudes', () => {
    expect(one('增加储备粮0.86万吨', { text: '已增加储备粮8600吨' }).status).toBe('done');
    expect(one('增加储备粮8600吨', { text: '已增加储备粮0.5万吨' }, 2).lines[0]!.comparisons[0]!.attainment).toBeCloseTo(5000 / 8600);
  });

  it('pairs a goal with the actual whose wording is closest', () => {
    const r = one('新能源和可再生能源发电装机达到460万千瓦以上', {
      text: '东明绿能15万千瓦风力发电并网。全市新能源和可再生能源发电装机达537.4万千瓦',
    });
    expect(r.lines[0]!.comparisons[0]!.actual.text).toBe('537.4万千瓦');
    expect(r.status).toBe('done');
  });

  it('holds a share of the plan against the pace', () => {
    expect(one('某项工作', { text: '已完成年度投资计划的77.8%' }).lines[0]!.rule).toBe('已完成年度投资计划的77.8%，序时进度75%');
    expect(one('某项工作', { text: '已完成年度投资计划的90.6%' }).status).toBe('ahead');
    const low = one('某项工作', { text: '已完成年度投资计划的60%' });
    expect(low).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'] });
  });

  it('reads a ceiling: within it on pace, over it behind', () => {
    expect(one('城镇调查失业率控制在5.5%以内', { text: '前三季度,城镇调查失业率控制在5.5%以内' })).toMatchObject({
      status: 'on-pace',
      light: 'green',
      rule: '实际5.5%/目标5.5%以内，在目标以内',
    });
    const over = one('城镇调查失业率控制在5.5%以内', { text: '前三季度,城镇调查失业率为5.8%' });
    expect(over).toMatchObject({ status: 'behind', light: 'yellow', flags: ['contradiction'] });
    expect(one('新增建设用地控制在100亩以内', { text: '前三季度新增建设用地120亩' })).toMatchObject({ status: 'behind', light: 'red' });
  });

  it('reads a decline goal against a decline or a rise', () => {
    expect(one('单位地区生产总值能耗下降3%', { text: '前三季度,单位地区生产总值能耗同比下降3.5%' }).flags).toEqual([]);
    expect(one('单位地区生产总值能耗下降3%', { text: '前三季度,单位地区生产总值能耗同比增长1%' })).toMatchObject({ status: 'behind', light: 'red' });
  });

  it('uses the pace of a month deadline', () => {
    const r = one('新增规模以上企业100家', { text: '一季度新增规模以上企业40家' }, 1, '6月底');
    expect(r.pace.fraction).toBe(0.5);
    expect(r).toMatchObject({ status: 'behind', light: 'red' });
    expect(r.rule).toBe("实际40家/目标100家 = 40%，序时进度50%；自报“是”与数据不符");
  });

  it('without a pace judges the numbers only once the goal is reached', () => {
    const r = one('新增规模以上企业100家', { text: '前三季度新增规模以上企业40家' }, 3, '视情况而定');
    expect(r).toMatchObject({ status: 'on-pace', light: 'green', flags: [] });
    expect(r.rule).toBe("实际40家/目标100家 = 40%，无序时进度可比；自报“是”");
    expect(one('新增规模以上企业100家', { text: '前三季度新增规模以上企业120家' }, 3, '视情况而定').status).toBe('done');
  });

  it('says when the report has no number to compare with the goal', () => {
    const r = one('全年完成固定资产投资200亿元以上、新增产值100亿元以上', { text: '前三季度,菏泽鲁西新区固定资产投资同比增长17.3%' });
    expect(r.rule).toBe("目标200亿元以上、100亿元以上在完成情况中无可比对的数据；自报“是”");
    expect(r.lines[0]!.unmatchedGoals).toHaveLength(2);
    expect(r.status).toBe('on-pace');
  });

  it('does not compare a content pasted into the progress cell', () => {
    const text = '实施15个县城城镇化补短板强弱项重点项目,新增规模以上企业100家';
    const r = one(text, { text: ` ${text}\n` });
    expect(r.lines[0]!.comparisons).toEqual([]);
    expect(r.rule).toBe("责任目标内容与完成情况相同，未比对数据；自报“是”");
  });

  it('judges a long-term target by the report only', () => {
    const r = one('严格落实安全生产措施,新增规模以上企业100家', { text: '前三季度新增规模以上企业10家' }, 3, '长期\n坚持');
    expect(r).toMatchObject({ status: 'ongoing', light: 'green', flags: [], rule: "长期坚持，按报送情况判断：自报“是”" });
    expect(r.lines[0]!.comparisons).toEqual([]);
    expect(one('严格落实安全生产措施', { text: '前三季度发生事故较多，整改工作尚未完成', onSchedule: 'no' }, 3, '长期坚持')).toMatchObject({
      status: 'behind',
      light: 'red',
    });
  });
});

describe('thresholds', () => {
  const at = (n: number, thresholds?: Parameters<typeof assessTarget>[2]) =>
    assessTarget(target('新增规模以上企业100家', '年底', [{ text: `全年新增规模以上企业${n}家` }], 4), 4, thresholds);

  it.each([
    [100, 'done', 'green'],
    [96, 'on-pace', 'green'],
    [95, 'on-pace', 'green'],
    [94, 'behind', 'yellow'],
    [85, 'behind', 'yellow'],
    [84, 'behind', 'red'],
    [0, 'behind', 'red'],
  ])('%i of 100 at the deadline → %s, %s', (n, status, light) => {
    expect(at(n)).toMatchObject({ status, light });
  });

  it('exports the defaults', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({ green: 0.95, yellow: 0.85, ahead: 1.1, overdueYellowDays: 1, overdueRedDays: 7, minReportChars: 15 });
  });

  it('can be changed per call', () => {
    expect(at(84, { thresholds: { green: 0.8, yellow: 0.6 } })).toMatchObject({ status: 'on-pace', light: 'green' });
    expect(at(70, { thresholds: { green: 0.8, yellow: 0.6 } })).toMatchObject({ status: 'behind', light: 'yellow' });
    const t16 = target('新增规模以上服务业100家以上', '年底', [{ text: '前三季度,全市新增规模以上服务业企业33家' }]);
    expect(assessTarget(t16, 3, { thresholds: { green: 0.4, yellow: 0.3 } })).toMatchObject({ status: 'on-pace', light: 'green', flags: [] });
    const ahead = target('新增规模以上服务业100家以上', '年底', [{ text: '前三季度,全市新增规模以上服务业企业80家' }]);
    expect(assessTarget(ahead, 3).status).toBe('on-pace');
    expect(assessTarget(ahead, 3, { thresholds: { ahead: 1.05 } }).status).toBe('ahead');
  });

  it('refuses thresholds out of order', () => {
    expect(() => at(50, { thresholds: { yellow: 0.99 } })).toThrow(RangeError);
    expect(() => at(50, { thresholds: { overdueYellowDays: 10, overdueRedDays: 5 } })).toThrow(RangeError);
  });
});

describe('not reported', () => {
  const missing = () => target('推进某项工作', '年底', [{ missing: true }]);

  it.each<[number | undefined, string, string]>([
    [undefined, 'yellow', '未报送'],
    [-3, 'green', '未报送（未到报送截止日期）'],
    [0, 'green', '未报送（未到报送截止日期）'],
    [1, 'yellow', '未报送（已超过报送截止日期1天）'],
    [6, 'yellow', '未报送（已超过报送截止日期6天）'],
    [7, 'red', '未报送（已超过报送截止日期7天）'],
  ])('%s days overdue → %s', (daysOverdue, light, rule) => {
    const r = assessTarget(missing(), 3, daysOverdue === undefined ? {} : { daysOverdue });
    expect(r).toMatchObject({ status: 'not-reported', light, rule, flags: ['not-reported'] });
  });

  it('uses the configured days', () => {
    expect(assessTarget(missing(), 3, { daysOverdue: 3, thresholds: { overdueRedDays: 3 } }).light).toBe('red');
    expect(assessTarget(missing(), 3, { daysOverdue: 3, thresholds: { overdueYellowDays: 5, overdueRedDays: 9 } }).light).toBe('green');
  });

  it('counts a blank or a dash without a self-report as not reported', () => {
    expect(one('推进某项工作', { text: '  ', onSchedule: null }).status).toBe('not-reported');
    expect(one('推进某项工作', { text: '—', onSchedule: null }).status).toBe('not-reported');
    expect(one('推进某项工作', { text: '', onSchedule: 'yes' }).status).toBe('on-pace');
  });

  it('a target without lines is not reported', () => {
    expect(assessTarget(target('推进某项工作', '年底', []), 3)).toMatchObject({ status: 'not-reported', light: 'yellow', rule: '未设置分工', lines: [] });
  });
});

describe('flags', () => {
  const long = '召开推进会议，安排部署全年重点任务，各项工作按计划推进';

  it('flags a report unchanged from last quarter, whatever the spaces', () => {
    expect(one('推进某项工作', { text: `${long}\n`, previous: long.replace('，', '，\u3000 ') }).flags).toEqual(['unchanged']);
    expect(one('推进某项工作', { text: long, previous: `${long}。` }).flags).toEqual([]);
    expect(one('推进某项工作', { text: long, previous: '' }).flags).toEqual([]);
  });

  it('takes last quarter from the options when given', () => {
    const t = target('推进某项工作', '年底', [{ text: long }]);
    const previous = new Map([[t.assignments[0]!.id, long]]);
    expect(assessTarget(t, 3, { previousProgress: previous }).flags).toEqual(['unchanged']);
    expect(assessTarget(t, 3).flags).toEqual([]);
  });

  it('flags a report too short to say anything, unless it carries a number', () => {
    expect(one('推进某项工作', { text: '正在推进。' }).flags).toEqual(['too-short']);
    expect(one('推进某项工作', { text: '已完成' }).flags).toEqual(['too-short']);
    expect(one('推进某项工作', { text: '', onSchedule: 'yes' }).flags).toEqual(['too-short']);
    // 14 meaningful characters, but the number says what happened.
    expect(one('地区生产总值增长5.5%左右', { text: '前三季度,地区生产总值增长7.0%' }).flags).toEqual([]);
    expect(one('推进某项工作', { text: '一二三四五六七八九十一二三四五' }).flags).toEqual([]);
    expect(one('推进某项工作', { text: '一二三四五六七八九十一二三四！' }).flags).toEqual(['too-short']);
    expect(one('推进某项工作', { text: long }).flags).toEqual([]);
    expect(assessTarget(target('推进某项工作', '年底', [{ text: long }]), 3, { thresholds: { minReportChars: 40 } }).flags).toEqual(['too-short']);
  });
});

describe('a target of several lines', () => {
  it('is as bad as its worst line, and names that line in its rule', () => {
    const t = target('积极推动20个重点镇快速发展', '年底', [
      { text: '前三季度,重点镇一般公共预算收入16.36亿元,已完成年度投资计划的90.6%', leaders: ['聂元科'] },
      { text: '受征地影响，规划编制进展缓慢，正在与有关部门协调推进', onSchedule: 'no', leaders: ['肖友华'], previous: '受征地影响，规划编制进展缓慢，正在与有关部门协调推进' },
    ]);
    const r = assessTarget(t, 3);
    expect(r.lines.map((l) => [l.status, l.light])).toEqual([
      ['ahead', 'green'],
      ['behind', 'red'],
    ]);
    expect(r).toMatchObject({ status: 'behind', light: 'red', flags: ['unchanged'], rule: "肖友华：自报“否”" });
  });

  it('lists the flags of all lines once, in a fixed order', () => {
    const t = target('新增规模以上企业100家', '年底', [
      { text: '已完成' },
      { text: '前三季度新增规模以上企业10家' },
      { missing: true },
    ]);
    expect(assessTarget(t, 3).flags).toEqual(['contradiction', 'not-reported', 'too-short']);
  });
});

describe('labels and helpers', () => {
  it('labels statuses, lights and flags in Chinese', () => {
    expect(STATUS_LABELS).toEqual({ done: '已完成', ahead: '超进度', 'on-pace': '序时推进', behind: '滞后', 'not-reported': '未报送', ongoing: '长期坚持' });
    expect(LIGHT_LABELS).toEqual({ green: '绿灯', yellow: '黄灯', red: '红灯' });
    expect(Object.keys(FLAG_LABELS).sort()).toEqual(['contradiction', 'not-reported', 'too-short', 'unchanged']);
  });

  it('finds the worst status and light', () => {
    expect(worstStatus(['done', 'on-pace', 'not-reported'])).toBe('not-reported');
    expect(worstStatus(['ahead', 'behind'])).toBe('behind');
    expect(worstStatus([])).toBeNull();
    expect(worstLight(['green', 'yellow'])).toBe('yellow');
    expect(worstLight(['yellow', 'red', 'green'])).toBe('red');
  });
});

describe('the sample data (seed 001 in the store)', () => {
  let reviews: TargetReview[] = [];
  let close = (): void => {};
  beforeAll(async () => {
    const core = await openCore(undefined, true);
    close = () => core.close();
    reviews = assessTargets(loadTargets(core.db, { planId: planByYear(core.db, 2023)!.id }, 3), 3);
  });
  afterAll(() => close());

  const bySerial = (serial: number): TargetReview => reviews.find((r) => r.serial === serial)!;

  it('flags 16 and 39 (amounts behind pace), 7 (growth below its goal) and 20, 21 (a three-year plan behind its pace) as contradictions, and nothing else', () => {
    expect(reviews).toHaveLength(39);
    expect(reviews.filter((r) => r.flags.includes('contradiction')).map((r) => r.serial)).toEqual([7, 16, 20, 21, 39]);
    expect(bySerial(16)).toMatchObject({ status: 'behind', light: 'red', rule: "实际33家/目标100家 = 33%，序时进度75%；自报“是”与数据不符" });
    expect(bySerial(39)).toMatchObject({ status: 'behind', light: 'red', rule: "实际1.71万吨/目标8.6万吨 = 19.9%，序时进度75%；自报“是”与数据不符" });
    expect(bySerial(7)).toMatchObject({ status: 'behind', light: 'yellow' });
  });

  it('does not flag the met growth targets', () => {
    for (const serial of [2, 6, 8]) {
      expect(bySerial(serial).flags).toEqual([]);
      expect(bySerial(serial).light).toBe('green');
    }
  });

  it('gives every target its status and light', () => {
    const table = Object.fromEntries(reviews.map((r) => [r.serial, `${STATUS_LABELS[r.status]} ${LIGHT_LABELS[r.light]}`]));
    const expected: Record<number, string> = {};
    for (let s = 1; s <= 39; s += 1) expected[s] = '序时推进 绿灯';
    Object.assign(expected, {
      6: '超进度 绿灯',
      7: '滞后 黄灯',
      8: '超进度 绿灯',
      12: '已完成 绿灯',
      16: '滞后 红灯',
      17: '长期坚持 绿灯',
      18: '长期坚持 绿灯',
      19: '已完成 绿灯',
      20: '滞后 黄灯',
      21: '滞后 黄灯',
      28: '超进度 绿灯',
      36: '长期坚持 绿灯',
      39: '滞后 红灯',
    });
    expect(table).toEqual(expected);
  });

  it('reviews both lines of target 26', () => {
    const r = bySerial(26);
    expect(r.lines.map((l) => [l.leaders.join(' '), l.status])).toEqual([
      ['聂元科', 'ahead'],
      ['肖友华', 'on-pace'],
    ]);
    expect(r.status).toBe('on-pace');
  });
});
