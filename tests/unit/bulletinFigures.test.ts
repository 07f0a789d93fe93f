/** The bulletin's wording of a goal against its actual, and a lagging return's reason: table tests. */
import { describe, expect, it } from 'vitest';
import { figureOf, reasonOf } from '../../shared/bulletin/figures';
import { fillTemplate } from '../../shared/bulletin/wording';
import { shareOf } from '../../shared/bulletin/draft';
import { parseGoals, readActualFor } from '../../shared/review/quantity';

function figure(content: string, actual: string, pace: number | null = 0.75): string {
  const goal = parseGoals(content)[0]!;
  return figureOf(goal, readActualFor(goal, actual)!, pace);
}

describe('figureOf', () => {
  it.each([
    ['固定资产投资增长10%左右', '增长8.5%', '增长8.5%，低于目标1.5个百分点'],
    ['地区生产总值增长5.5%左右', '增长6.1%', '增长6.1%，达到目标'],
    ['地区生产总值增长7%', '增长6.1%', '增长6.1%，低于目标0.9个百分点'],
    ['城镇调查失业率控制在5.5%以内', '5.8%', '为5.8%，高于目标上限0.3个百分点'],
    ['城镇调查失业率控制在5.5%以内', '5.2%', '为5.2%，在目标5.5%以内'],
    ['新增规模以上服务业100家以上', '33家', '完成33家，为目标100家以上的33%，低于序时进度（75%）42个百分点'],
    ['增加市级储备粮8.6万吨', '1.71万吨', '完成1.71万吨，为目标8.6万吨的19.9%，低于序时进度（75%）55.1个百分点'],
    ['增加市级储备粮8.6万吨', '7万吨', '完成7万吨，为目标8.6万吨的81.4%，达到序时进度（75%）'],
    ['新建城市公园10个', '12个', '完成12个，为目标10个的120%，已完成目标'],
    ['煤炭消费总量控制在100万吨以内', '120万吨', '120万吨，超出目标上限100万吨'],
  ])('%s against %s', (content, actual, expected) => {
    expect(figure(content, actual)).toBe(expected);
  });

  it('says no gap when there is no pace to hold an amount against', () => {
    expect(figure('新增规模以上服务业100家以上', '33家', null)).toBe('完成33家，为目标100家以上的33%');
  });
});

describe('reasonOf', () => {
  it.each([
    ['新增33家，主要原因是部分企业未达到入库标准。', '部分企业未达到入库标准'],
    ['受原材料价格上涨影响，项目开工推迟。', '受原材料价格上涨影响，项目开工推迟'],
    ['原因为资金未到位；正在协调。', '资金未到位'],
    ['已完成年度任务的80%。', ''],
  ])('%s', (text, expected) => {
    expect(reasonOf(text)).toBe(expected);
  });
});

describe('fillTemplate and shareOf', () => {
  it('fills what it is given and leaves an unknown placeholder as written', () => {
    expect(fillTemplate('{季度}共{目标总数}项，{错字}', { 季度: '三季度', 目标总数: 39 })).toBe('三季度共39项，{错字}');
  });
  it.each([
    [5, 39, '12.8%'],
    [0, 39, '0%'],
    [39, 39, '100%'],
    [0, 0, '0%'],
  ])('%i of %i is %s', (n, total, expected) => {
    expect(shareOf(n, total)).toBe(expected);
  });
});
