import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentWorkReport, spanText } from '../../electron/services/report/segment';
import { parseWorkReport } from '../../electron/services/workReport';

const SEED = fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-政府工作报告.txt'), 'utf8');
const SHARED_SEED = '/work/shared/seeds/000_e9b8dc235b083666.txt';

describe('segmenting the seed work report', () => {
  const s = segmentWorkReport(SEED);

  it('finds the four parts with their roles', () => {
    expect(s.parts.map((p) => [p.label, p.title, p.role])).toEqual([
      ['一', '2022 年工作回顾', 'review'],
      ['二', '2023 年总体要求和工作目标', 'goals'],
      ['三', '2023 年重点工作', 'work'],
      ['四', '切实提升政府治理能力', 'government'],
    ]);
  });

  it('gives part 三 its seven sections coded 1…7, as published (typos kept)', () => {
    const work = s.sections.filter((x) => x.partLabel === '三');
    expect(work.map((x) => [x.label, x.code, x.name])).toEqual([
      ['（一）', '1', '聚焦经济稳定增长,着力巩固良好发展态势'],
      ['（二）', '2', '聚焦深化动能转换,着力构建现代产业体系'],
      ['（三）', '3', '聚焦黄河国家战略,着力推进绿色低碳发展'],
      ['（四）', '4', '聚焦加快城乡融合,着力促进区域协调发展'],
      ['（五）', '5', '聚焦深化改革开放,着力激发发展动力活力'],
      ['（六）', '6', '聚焦统筹发展安全,着力维护大局和谐稳定'],
      ['（七）', '7', '聚焦保障改善民生,着力提升人民生活品质'],
    ]);
    // Part 一's sections review 2022 and carry no code; part 四's are the government's own.
    expect(s.sections.filter((x) => x.partLabel === '一').every((x) => x.code === null)).toBe(true);
    expect(s.sections.filter((x) => x.partLabel === '四').map((x) => x.code)).toEqual(['government', 'government', 'government', 'government']);
  });

  it.each([
    ['1', ['一是扩大有效投资', '二是力促消费提升', '三是强化政策供给']],
    ['2', ['一是推进重点产业突破', '二是全力打造企业梯队', '三是加快智改数转赋能']],
    ['3', ['一是强化科技创新引领', '二是大力推进绿色行动', '三是加强环境治理保护']],
    ['4', ['一是聚力打造区域中心城市', '二是不断提升城市功能品质', '三是着力加快乡村振兴步伐', '四是全面推动城乡融合发展']],
    ['5', ['一是大力支持民营经济发展', '二是深化重点领域改革', '三是扩大对外开放', '四是优化营商环境', '五是加快新区建设']],
    ['6', ['一是守牢疫情防控底线', '二是守牢安全生产底线', '三是守牢风险化解底线', '四是守牢社会安全稳定底线']],
    ['7', ['一是坚持就业优先', '二是突出教育为本', '三是打造健康菏泽', '四是推进文旅发展', '五是完善保障体系', '六是办好十项民生实事']],
  ])('section %s has its 一是/二是 items in order', (code, expected) => {
    const label = `（${'一二三四五六七'[Number(code) - 1]}）`;
    const items = s.items.filter((i) => i.sectionLabel === label && s.sections.find((x) => x.label === label && x.partLabel === '三')!.start <= i.start && i.start < s.sections.find((x) => x.label === label && x.partLabel === '三')!.end);
    expect(items.map((i) => i.label + i.title)).toEqual(expected);
  });

  it('spans an item from its marker to the next one', () => {
    const first = s.items.find((i) => i.code === '1' && i.label === '一是')!;
    const body = spanText(s.text, first);
    expect(body.startsWith('一是扩大有效投资。')).toBe(true);
    expect(body.endsWith('其中过 10 亿元项目 30 个以上。')).toBe(true);
  });

  it('splits the main expected targets into one indicator each, with numbers and comparators', () => {
    const numeric = s.indicators.filter((i) => i.quantity !== null);
    expect(numeric.map((i) => [i.text, i.quantity!.value, i.quantity!.unit, i.quantity!.comparator])).toEqual([
      ['地区生产总值增长 5.5%左右', 5.5, '%', 'about'],
      ['规模以上工业增加值增长 6%左右', 6, '%', 'about'],
      ['社会消费品零售总额增长 5%以上', 5, '%', 'at-least'],
      ['固定资产投资增长 10%左右', 10, '%', 'about'],
      ['一般公共预算收入增长 5.5%左右', 5.5, '%', 'about'],
      ['居民人均可支配收入增长 6%左右', 6, '%', 'about'],
      ['城镇调查失业率控制在 5.5%以内', 5.5, '%', 'at-most'],
    ]);
    expect(s.indicators.filter((i) => i.quantity === null).map((i) => i.text)).toEqual(['外贸外资促稳提质', '节能减排和大气、水环境质量完成省下达的目标任务', '安全发展水平持续提升']);
    expect(s.indicators.every((i) => i.code === 'main-targets' && spanText(s.text, i) === i.text)).toBe(true);
  });

  it('splits the 十项民生实事 into its ten numbered projects', () => {
    expect(s.projects).toHaveLength(10);
    expect(s.projects.map((p) => /^\((\d+)\)/.exec(p.text)![1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(s.projects[0]!.text).toBe('(1)新改建农村公路 1000 公里。');
    expect(s.projects[3]!.text).toBe('(4)加快乡镇寄宿制学校建设,新建、改扩建农村学校餐厅、宿舍 30 处;新招聘教师 3000 名。');
    expect(s.projects[9]!.quantity).toEqual({ value: 10, unit: '处', comparator: 'exact' });
    expect(s.projects.every((p) => p.code === 'livelihood')).toBe(true);
  });

  it('codes sections as the store does, with their names in report order', () => {
    expect(s.codes.map((c) => c.code)).toEqual(['main-targets', '1', '2', '3', '4', '5', '6', '7', 'livelihood', 'government']);
    expect(s.codes.find((c) => c.code === 'livelihood')!.name).toBe('十项民生实事');
    expect(s.codes.find((c) => c.code === 'government')!.name).toBe('切实提升政府治理能力');
  });

  it('takes commitments only from what the year commits to: not the review of 2022, not headings', () => {
    expect(s.commitments.some((c) => c.text.includes('预计全市地区生产总值可比增长'))).toBe(false);
    expect(s.commitments.some((c) => c.text === '一是扩大有效投资。')).toBe(false);
    expect(s.commitments.some((c) => c.text.startsWith('（一）'))).toBe(false);
    expect(s.commitments.find((c) => c.text.startsWith('坚持招大引强'))).toMatchObject({ code: '1', itemLabel: '一是', quantity: { value: 300, unit: '个', comparator: 'at-least' } });
  });

  it('joins a sentence cut by a page break and keeps the wording as published', () => {
    const broken = s.commitments.find((c) => c.text.startsWith('加快清洁能源“一基地两示范”建设'))!;
    expect(broken.text).toBe('加快清洁能源“一基地两示范”建设以及整县分布式光伏开发建设,新能源和可再生能源发电装机达到 460 万千瓦以上。');
    expect(SEED.slice(broken.start, broken.end)).toContain('\n');
    expect(s.commitments.some((c) => c.text.includes('鄆城'))).toBe(true);
  });

  it('gives the store its sections (as parseWorkReport), each with its commitments\' wording', () => {
    const sections = parseWorkReport(SEED);
    expect(sections.map((x) => [x.code, x.name])).toEqual(s.codes.map((c) => [c.code, c.name]));
    expect(sections.find((x) => x.code === 'main-targets')!.text.startsWith('地区生产总值增长 5.5%左右')).toBe(true);
    expect(sections.find((x) => x.code === 'livelihood')!.text.startsWith('(1)新改建农村公路')).toBe(true);
  });

  it('reads the shared seed 000_… the same way', () => {
    const other = segmentWorkReport(fs.readFileSync(SHARED_SEED, 'utf8'));
    expect(other.commitments.map((c) => c.text)).toEqual(s.commitments.map((c) => c.text));
  });
});

describe('segmenting other reports', () => {
  it('gives sentences of a text with no headings at all', () => {
    const s = segmentWorkReport('今年要新建学校5所。改造老旧小区30个，惠及居民1万户！\n\n持续优化营商环境；推进政务服务一网通办');
    expect(s.parts).toEqual([]);
    expect(s.sentences.map((x) => x.text)).toEqual(['今年要新建学校5所。', '改造老旧小区30个，惠及居民1万户！', '持续优化营商环境；', '推进政务服务一网通办']);
    expect(s.commitments.map((c) => [c.code, c.quantity?.value ?? null])).toEqual([['other', 5], ['other', 30], ['other', null], ['other', null]]);
    expect(s.codes).toEqual([{ code: 'other', name: '全文' }]);
  });

  it('reads 第一部分 parts with 一、 sections and （一） items under them', () => {
    const text = [
      '第一部分 2023年工作回顾',
      '一、经济运行稳中向好',
      '全市生产总值增长6%。',
      '第二部分 2024年重点工作',
      '一、坚定不移抓项目扩投资',
      '（一）强化项目支撑。新开工亿元以上项目200个。',
      '（二）扩大有效投资。固定资产投资增长8%左右。',
      '二、持续用力保障改善民生',
      '新增城镇就业3万人以上。',
    ].join('\n');
    const s = segmentWorkReport(text);
    expect(s.parts.map((p) => [p.label, p.title, p.role])).toEqual([
      ['一', '2023年工作回顾', 'review'],
      ['二', '2024年重点工作', 'work'],
    ]);
    expect(s.sections.map((x) => [x.label, x.code, x.name])).toEqual([
      ['一、', null, '经济运行稳中向好'],
      ['一、', '1', '坚定不移抓项目扩投资'],
      ['二、', '2', '持续用力保障改善民生'],
    ]);
    expect(s.items.map((i) => [i.label, i.title, i.code])).toEqual([['（一）', '强化项目支撑', '1'], ['（二）', '扩大有效投资', '1']]);
    expect(s.commitments.map((c) => [c.code, c.text, c.quantity?.value ?? null])).toEqual([
      ['1', '新开工亿元以上项目200个。', 200],
      ['1', '固定资产投资增长8%左右。', 8],
      ['2', '新增城镇就业3万人以上。', 3],
    ]);
  });

  it('reads 第一部分 parts, 1. sections and (1) items of another city', () => {
    const text = [
      '第一部分 过去一年工作回顾',
      '全市生产总值增长6%。',
      '第二部分 今年重点工作',
      '1.推动工业提质增效',
      '(1)壮大主导产业。新增规上工业企业50家以上。',
      '(2)强化项目建设。实施重点项目100个。',
      '2.办好民生实事',
      '新建幼儿园10所。',
      '第三部分 加强政府自身建设',
      '坚持依法行政。',
    ].join('\n');
    const s = segmentWorkReport(text);
    expect(s.parts.map((p) => [p.label, p.role])).toEqual([['一', 'review'], ['二', 'work'], ['三', 'government']]);
    expect(s.sections.map((x) => [x.label, x.code, x.name])).toEqual([['1.', '1', '推动工业提质增效'], ['2.', '2', '办好民生实事']]);
    expect(s.items.map((i) => [i.label, i.title, i.code])).toEqual([['(1)', '壮大主导产业', '1'], ['(2)', '强化项目建设', '1']]);
    expect(s.commitments.map((c) => [c.code, c.text])).toEqual([
      ['1', '新增规上工业企业50家以上。'],
      ['1', '实施重点项目100个。'],
      ['2', '新建幼儿园10所。'],
      ['government', '坚持依法行政。'],
    ]);
  });
});
