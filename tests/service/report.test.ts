import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../electron/db/migrate';
import { MIGRATIONS } from '../../electron/db/migrations';
import { closingStores, openCore, tempStorePath } from '../helpers/store';
import { docxOf } from '../helpers/docx';

const open = closingStores();
const SEED_TEXT = fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-政府工作报告.txt'), 'utf8');

/**
 * The clause each of the seed's 39 targets comes from, by reading the report (null: not in the excerpt,
 * or nothing to link). 13 has no content; 23 (新型智慧城市四星级试点) is not in the report excerpt; 25's
 * content is its progress text (a copy error).
 */
const RIGHT_SPANS: Record<number, string | null> = {
  1: '依法接受市人大及其常委会监督,自觉接受市政协民主监督',
  2: '一般公共预算收入增长 5.5%左右',
  3: '深入落实国务院和省稳经济政策,积极为企业办理增值税留抵退税,精准落实稳就业保基本民生的税费支持政策',
  4: '加强财政政务系统筹、创新财政支持方式,引导金融资本、社会资本投入经济发展“主战场”',
  5: '强化预算约束和绩效管理,建立健全厉行节约各项制度,推进节约型机关建设',
  6: '地区生产总值增长 5.5%左右',
  7: '固定资产投资增长 10%左右',
  8: '居民人均可支配收入增长 6%左右',
  9: '城镇调查失业率控制在 5.5%以内',
  10: '节能减排和大气、水环境质量完成省下达的目标任务',
  11: '围绕“三十个十大”行动,精准谋划实施项目,着力推进“四个一批”,争取“四类”省级重点项目个数、专项债券获批额度继续位居全省前列',
  12: '持续推进“七网”建设,综合交通基础设施、能源基础设施、水利工程建设分别完成投资 180 亿元、20 亿元、30 亿元以上',
  13: null,
  14: '聚焦产业生态“建圈”“强链”,支持各县区重点打造 2—3 个特色产业,推进“231”特色产业体系裂变升级',
  15: '支持各县区至少打造 1 处功能特色鲜明、辐射带动力强的规范化现代服务业集聚区',
  16: '精心培育“种子”“幼苗”“准四上”企业、新增“四上”企业 1000 家以上',
  17: '抢抓实施黄河流域生态保护和高质量发展战略机遇,省建设绿色低碳高质量发展先行区重大机遇,加快构建节约资源、保护环境的产业结构和生产方式',
  18: '持续抓好“两高”项目管理,严控沿黄重点县区上新“三高”项目,淘汰低端落后产能和“散乱污”企业',
  19: '加快清洁能源“一基地两示范”建设以及整县分布式光伏开发建设,新能源和可再生能源发电装机达到 460 万千瓦以上',
  20: '推动沿黄地区工业园区调区扩区,拓宽发展空间',
  21: '国家儿童友好城市',
  22: '青年发展友好型城市等六个方面城市创建',
  23: null,
  24: '强化人才支撑,实施“村村都有好青年”选培计划',
  25: null,
  26: '积极推动 20 个重点镇快速发展',
  27: '有序推进鄆城、巨野、单县、成武压煤村迁搬迁',
  28: '发展新个体经济,新登记市场主体 20 万 户以上',
  29: '大力实施数字强基工程,推进企业和个人全生命周期政务服务事项“一件事一次办”,擦亮“荷心意”政务服务品牌',
  30: '年内推动 50 个政务服务事项“县乡通办”,实现全市乡镇(街道)全覆盖',
  31: '健全守信“红名单”、失信“黑名单”制度,推动法治政府、诚信政府一体建设',
  32: '坚持高点定位、超前谋划,高标准推进起步区建设',
  33: '深入实施产业突破、科技创新等八大重点工程',
  34: '加快中科来、中丰田光电等 30 个在建项目投产达效',
  35: '全年完成固定资产投资 200 亿元以上,新增产值 100 亿元以上',
  36: '严格落实国务院安委会 15 条和省委省政府“八抓 20 条”措施',
  37: '大力实施“机械化换人、自动化减人”工程',
  38: '深入开展煤矿、工贸等重点行业领域专项整治行动,坚决防范化解重大安全风险',
  39: '增加市县级储备粮 8.6 万吨',
};

function changes(core: Awaited<ReturnType<typeof open>>): number {
  return (core.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
}

describe('linking the seed targets to the report', () => {
  it('suggests for each of the 39 targets its clause, not the paragraph', async () => {
    const core = await open(true);
    const suggestions = await core.invoke('report.linkSuggestions', { year: 2023 });
    expect(suggestions).toHaveLength(39);
    const got = Object.fromEntries(suggestions.map((s) => [s.serial, s.suggestion && s.suggestion.score >= 0.4 ? s.suggestion.text : null]));
    expect(got).toEqual(RIGHT_SPANS);
    // The indicators each have their own span, inside the one 主要预期目标 sentence.
    const indicators = suggestions.filter((s) => [2, 6, 7, 8, 9, 10].includes(s.serial)).map((s) => s.suggestion!.start);
    expect(new Set(indicators).size).toBe(6);
  });

  it('links the seed at clause level when the sample data is loaded (the importer uses the same linker)', async () => {
    const core = await open(true);
    const suggestions = await core.invoke('report.linkSuggestions', { year: 2023 });
    const current = Object.fromEntries(suggestions.map((s) => [s.serial, s.current?.text ?? null]));
    expect(current).toEqual(RIGHT_SPANS);
  });

  it('confirms links above a threshold in one undoable batch, in the change log', async () => {
    const core = await open(true);
    // Unlink three targets by hand first, as if they had come from a table without a report.
    const ids = (await core.invoke('report.linkSuggestions', { year: 2023 })).filter((s) => [6, 21, 22].includes(s.serial)).map((s) => s.targetId);
    for (const id of ids) await core.invoke('targets.update', { id, patch: { sourceText: '' } });
    expect((await core.invoke('report.coverage', { year: 2023 })).linkedTargets).toBe(33);
    const before = changes(core);
    const result = await core.invoke('report.confirmLinks', { year: 2023, minScore: 0.6 });
    expect(result.linked).toBe(3);
    expect(changes(core)).toBe(before + 3);
    const t6 = await core.invoke('targets.get', { id: ids[0]! });
    expect(t6.sourceText).toBe('地区生产总值增长 5.5%左右');
    const history = await core.invoke('history.forTarget', { targetId: ids[0]! });
    expect(history[0]).toMatchObject({ kind: 'report-link' });
    expect((await core.invoke('report.coverage', { year: 2023 })).linkedTargets).toBe(36);
    await core.invoke('report.undo', { batchId: result.batchId });
    expect((await core.invoke('targets.get', { id: ids[0]! })).sourceText).toBe('');
    expect((await core.invoke('report.coverage', { year: 2023 })).linkedTargets).toBe(33);
  });

  it('links one target to a span the user chose, and shows it in its paragraph', async () => {
    const core = await open(true);
    const s = (await core.invoke('report.linkSuggestions', { year: 2023 })).find((x) => x.serial === 39)!;
    const source = await core.invoke('report.targetSource', { id: s.targetId });
    expect(source.span!.section).toEqual({ code: '6', name: '聚焦统筹发展安全,着力维护大局和谐稳定' });
    expect(source.span!.paragraph.slice(source.span!.start, source.span!.end)).toBe('增加市县级储备粮 8.6 万吨');
    expect(source.span!.paragraph.startsWith('（六）聚焦统筹发展安全')).toBe(false);
    const view = await core.invoke('report.view', { year: 2023 });
    const other = view.commitments.find((c) => c.text.startsWith('推进房地产市场平稳发展'))!;
    await core.invoke('report.confirmLinks', { year: 2023, links: [{ targetId: s.targetId, start: other.start, end: other.end - 1 }] });
    expect((await core.invoke('targets.get', { id: s.targetId })).sourceText).toBe('推进房地产市场平稳发展,扎实做好保交楼、保民生、保稳定各项工作');
  });
});

describe('candidates from the report', () => {
  it('proposes each main expected target and each livelihood project, in the stable JSON shape', async () => {
    const core = await open(true);
    const list = await core.invoke('report.candidates', { year: 2023 });
    for (const c of list) expect(Object.keys(c).sort()).toEqual(['quantity', 'section', 'span', 'suggestedUnits', 'text']);
    const main = list.filter((c) => c.section.code === 'main-targets' && c.quantity);
    expect(main.map((c) => [c.text, c.quantity])).toEqual([
      ['地区生产总值增长 5.5%左右', { value: 5.5, unit: '%', comparator: 'about' }],
      ['规模以上工业增加值增长 6%左右', { value: 6, unit: '%', comparator: 'about' }],
      ['社会消费品零售总额增长 5%以上', { value: 5, unit: '%', comparator: 'at-least' }],
      ['固定资产投资增长 10%左右', { value: 10, unit: '%', comparator: 'about' }],
      ['一般公共预算收入增长 5.5%左右', { value: 5.5, unit: '%', comparator: 'about' }],
      ['居民人均可支配收入增长 6%左右', { value: 6, unit: '%', comparator: 'about' }],
      ['城镇调查失业率控制在 5.5%以内', { value: 5.5, unit: '%', comparator: 'at-most' }],
    ]);
    const projects = list.filter((c) => c.section.code === 'livelihood');
    expect(projects).toHaveLength(10);
    expect(projects[0]).toMatchObject({ section: { code: 'livelihood', name: '十项民生实事' }, quantity: { value: 1000, unit: '公里', comparator: 'exact' } });
    expect(SEED_TEXT.slice(projects[0]!.span.start, projects[0]!.span.end)).toBe('(1)新改建农村公路 1000 公里。');
    expect(new Set(list.map((c) => c.section.code))).toEqual(new Set(['main-targets', '1', '2', '3', '4', '5', '6', '7', 'livelihood', 'government']));
  });

  it('suggests lead units from the keyword table and from last year\'s similar targets, with the reason', async () => {
    const core = await open(true);
    await core.invoke('report.saveKeywords', { keywords: [{ keyword: '财政', unit: '市财政局', leader: '张鹏' }, { keyword: '招商', unit: '市商务局' }] });
    await core.invoke('report.import', { year: 2024, text: SEED_TEXT, name: '2024年政府工作报告.txt' });
    const list = await core.invoke('report.candidates', { year: 2024 });
    const revenue = list.find((c) => c.text === '一般公共预算收入增长 5.5%左右')!;
    expect(revenue.suggestedUnits[0]).toMatchObject({ unit: '市财政局', reason: expect.stringMatching(/^与2023年第2项相似/) });
    const fiscal = list.find((c) => c.text.startsWith('加强财政政务系统筹'))!;
    expect(fiscal.suggestedUnits[0]).toMatchObject({ unit: '市财政局', reason: expect.stringMatching(/^与2023年第4项相似（\d+%）；含“财政”$/) });
    const other = list.find((c) => c.text.startsWith('深化国资国企改革'))!;
    expect(other.suggestedUnits).toEqual([]);
    const investment = list.find((c) => c.text.startsWith('靶向招商'))!;
    expect(investment.suggestedUnits).toEqual([{ unit: '市商务局', leader: '', reason: '含“招商”' }]);
    // The keyword table is in the change log.
    const log = core.db.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'unit-keywords'").get() as { n: number };
    expect(log.n).toBe(1);
  });

  it('accepts candidates as targets in report order, linked to their span, and undoes the acceptance as a unit', async () => {
    const core = await open();
    await core.invoke('report.saveKeywords', { keywords: [{ keyword: '公路', unit: '市交通运输局', leader: '' }] });
    const summary = await core.invoke('report.import', { year: 2024, text: SEED_TEXT, name: '报告.txt' });
    expect(summary).toMatchObject({ year: 2024, parts: 4, indicators: 10, projects: 10 });
    const work = await core.invoke('report.worklist', { year: 2024 });
    const roads = work.candidates.find((c) => c.text.startsWith('(1)新改建农村公路'))!;
    const gdp = work.candidates.find((c) => c.text.startsWith('地区生产总值'))!;
    const result = await core.invoke('report.acceptCandidates', { year: 2024, ids: [roads.id, gdp.id] });
    // Report order: the indicator (part 二) before the project (part 三), whatever order they were picked in.
    expect(result.targets.map((t) => [t.serial, t.content, t.sourceText])).toEqual([
      [1, '地区生产总值增长 5.5%左右', '地区生产总值增长 5.5%左右'],
      [2, '新改建农村公路 1000 公里', '(1)新改建农村公路 1000 公里。'],
    ]);
    expect(result.targets[1]!.assignments[0]!.leadUnits).toEqual(['市交通运输局']);
    const sections = (await core.invoke('plans.list', {})).find((p) => p.year === 2024)!.sections;
    expect(sections.find((x) => x.id === result.targets[1]!.sectionId)!.code).toBe('livelihood');
    const after = await core.invoke('report.worklist', { year: 2024 });
    expect(after.candidates.find((c) => c.id === roads.id)).toMatchObject({ status: 'accepted', targetSerial: 2 });
    const coverage = await core.invoke('report.coverage', { year: 2024 });
    expect(Object.keys(coverage).sort()).toEqual(['linkedTargets', 'sections', 'targets']);
    expect(coverage).toMatchObject({ targets: 2, linkedTargets: 2 });
    expect(coverage.sections.find((x) => x.code === 'livelihood')).toEqual({ code: 'livelihood', name: '十项民生实事', commitments: 10, covered: 1 });
    expect(coverage.sections.find((x) => x.code === 'main-targets')).toEqual({ code: 'main-targets', name: '主要预期目标', commitments: 10, covered: 1 });

    await core.invoke('report.undo', { batchId: result.batchId });
    expect((await core.invoke('plans.list', {})).find((p) => p.year === 2024)!.targetCount).toBe(0);
    expect((await core.invoke('report.worklist', { year: 2024 })).candidates.find((c) => c.id === roads.id)!.status).toBe('open');
    const again = await core.call('report.undo', { batchId: result.batchId });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('edits, splits, merges and rejects candidates, each undoable', async () => {
    const core = await open();
    await core.invoke('report.import', { year: 2024, text: SEED_TEXT });
    const list = (await core.invoke('report.worklist', { year: 2024 })).candidates;
    const jobs = list.find((c) => c.text.startsWith('持续抓好高校毕业生'))!;
    expect(jobs.text).toBe('持续抓好高校毕业生、农民工、退役军人等重点群体就业,推动就业友好型示范城市建设,实现城镇新增就业 6.5 万人以上,高校毕业生总体就业率 85%以上。');

    const split = await core.invoke('report.splitCandidate', { year: 2024, id: jobs.id, at: jobs.text.indexOf('实现城镇') });
    let now = (await core.invoke('report.worklist', { year: 2024 })).candidates;
    const [head, tail] = split.ids.map((id) => now.find((c) => c.id === id)!);
    expect(head!.text).toBe('持续抓好高校毕业生、农民工、退役军人等重点群体就业,推动就业友好型示范城市建设,');
    expect(tail!.text).toBe('实现城镇新增就业 6.5 万人以上,高校毕业生总体就业率 85%以上。');
    expect(tail!.quantity).toEqual({ value: 6.5, unit: '万人', comparator: 'at-least' });
    expect(SEED_TEXT.slice(tail!.span.start, tail!.span.end)).toBe(tail!.text);

    const merged = await core.invoke('report.mergeCandidates', { year: 2024, ids: [tail!.id, head!.id] });
    now = (await core.invoke('report.worklist', { year: 2024 })).candidates;
    expect(now.find((c) => c.id === merged.id)!.text).toBe(jobs.text);
    expect(now.find((c) => c.id === tail!.id)!.status).toBe('merged');

    const edited = await core.invoke('report.editCandidate', { year: 2024, id: merged.id, text: '实现城镇新增就业6.5万人以上' });
    const rejected = await core.invoke('report.rejectCandidates', { year: 2024, ids: [merged.id] });
    expect((await core.call('report.editCandidate', { year: 2024, id: merged.id, text: 'x' })).ok).toBe(false);
    for (const b of [rejected, edited, merged, split]) await core.invoke('report.undo', { batchId: b.batchId });
    now = (await core.invoke('report.worklist', { year: 2024 })).candidates;
    expect(now.filter((c) => c.text.includes('高校毕业生总体就业率'))).toEqual([expect.objectContaining({ id: jobs.id, text: jobs.text, status: 'open', span: jobs.span })]);
    expect(now).toHaveLength(list.length);
  });

  it('renumbers the year\'s targets in report order, and the renumbering is undoable', async () => {
    const core = await open(true);
    const before = await core.invoke('report.linkSuggestions', { year: 2023 });
    const result = await core.invoke('report.renumber', { year: 2023 });
    expect(result.changed).toBeGreaterThan(0);
    const after = await core.invoke('report.linkSuggestions', { year: 2023 });
    const bySerial = [...after].sort((a, b) => a.serial - b.serial);
    // The main indicators come first (part 二), in the order of the sentence; the unlinked go last.
    expect(bySerial.slice(0, 6).map((t) => t.content)).toEqual(['地区生产总值增长5.5%左右', '固定资产投资增长10%左右', '一般公共预算收入增长5.5%左右', '居民人均可支配收入增长6%左右', '城镇调查失业率控制在5.5%以内', '节能减排和大气、水环境质量完成省下达的目标任务']);
    expect(bySerial.slice(-3).map((t) => t.current)).toEqual([null, null, null]);
    await core.invoke('report.undo', { batchId: result.batchId });
    const back = await core.invoke('report.linkSuggestions', { year: 2023 });
    expect(back.map((t) => [t.targetId, t.serial])).toEqual(before.map((t) => [t.targetId, t.serial]));
  });
});

describe('importing a report', () => {
  it('reads the same structure from a .docx as from the text', async () => {
    const core = await open();
    const fromText = await core.invoke('report.import', { year: 2024, text: SEED_TEXT });
    const textCandidates = (await core.invoke('report.candidates', { year: 2024 })).map((c) => [c.text, c.section.code]);
    const bytes = await docxOf(SEED_TEXT);
    const fromDocx = await core.invoke('report.import', { year: 2025, name: '2025年政府工作报告.docx', data: bytes.toString('base64') });
    expect({ ...fromDocx, year: 0, fileName: '', importedAt: '' }).toEqual({ ...fromText, year: 0, fileName: '', importedAt: '' });
    expect((await core.invoke('report.candidates', { year: 2025 })).map((c) => [c.text, c.section.code])).toEqual(textCandidates);
  });

  it('gives the sentences of a report with no headings', async () => {
    const core = await open();
    const summary = await core.invoke('report.import', { year: 2024, text: '新建学校5所。改造老旧小区30个；推进政务服务一网通办' });
    expect(summary).toMatchObject({ parts: 0, sections: 0, sentences: 3, commitments: 3 });
    const list = await core.invoke('report.candidates', { year: 2024 });
    expect(list.map((c) => [c.text, c.section])).toEqual([
      ['新建学校5所。', { code: 'other', name: '全文' }],
      ['改造老旧小区30个；', { code: 'other', name: '全文' }],
      ['推进政务服务一网通办', { code: 'other', name: '全文' }],
    ]);
  });

  it.each([
    ['an old .doc', '报告.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /报告\.doc 是旧版 Word（\.doc）或 WPS 文档.*另存为 \.docx/],
    ['a truncated .docx', '报告.docx', Buffer.from('PK\u0003\u0004broken'), /报告\.docx 不是有效的 Word 文档/],
    ['an empty text', '报告.txt', Buffer.from('   \n'), /报告\.txt 中没有文字/],
  ])('refuses %s with a Chinese message naming the file, and writes nothing', async (_label, name, bytes, message) => {
    const core = await open();
    const before = changes(core);
    const result = await core.call('report.import', { year: 2024, name, data: bytes.toString('base64') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(changes(core)).toBe(before);
    expect((await core.invoke('plans.list', {})).length).toBe(0);
  });

  it('reads a GB18030 text file as Chinese Windows saves it', async () => {
    const core = await open();
    // 新建学校5所。 in GB18030.
    const gbk = Buffer.from([0xd0, 0xc2, 0xbd, 0xa8, 0xd1, 0xa7, 0xd0, 0xa3, 0x35, 0xcb, 0xf9, 0xa1, 0xa3]);
    await core.invoke('report.import', { year: 2024, name: '报告.txt', data: gbk.toString('base64') });
    expect((await core.invoke('report.candidates', { year: 2024 })).map((c) => c.text)).toEqual(['新建学校5所。']);
  });

  it('refuses to replace a report whose candidates were accepted', async () => {
    const core = await open();
    await core.invoke('report.import', { year: 2024, text: SEED_TEXT });
    const first = (await core.invoke('report.worklist', { year: 2024 })).candidates[0]!;
    await core.invoke('report.acceptCandidates', { year: 2024, ids: [first.id] });
    const result = await core.call('report.import', { year: 2024, text: '新建学校5所。' });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await core.invoke('report.candidates', { year: 2024 })).length).toBeGreaterThan(100);
  });
});

describe('coverage', () => {
  it('counts covered commitments per section on the seed and exports the uncovered ones', async () => {
    const core = await open(true);
    const coverage = await core.invoke('report.coverage', { year: 2023 });
    expect(coverage.targets).toBe(39);
    expect(coverage.linkedTargets).toBe(36);
    expect(coverage.sections.map((x) => x.code)).toEqual(['main-targets', '1', '2', '3', '4', '5', '6', '7', 'livelihood', 'government']);
    expect(coverage.sections.find((x) => x.code === 'main-targets')).toMatchObject({ commitments: 10, covered: 6 });
    expect(coverage.sections.find((x) => x.code === 'livelihood')).toMatchObject({ commitments: 10, covered: 0 });
    const view = await core.invoke('report.view', { year: 2023 });
    expect(view.headings.map((h) => view.text.slice(h.start, h.end)).slice(0, 3)).toEqual(['一、2022 年工作回顾', '（一）全力以赴攻坚克难,经济持续稳定增长。', '一是疫情防控有力有效。']);
    // Headings and commitments never overlap: the screen colours one and sets the other in bold.
    for (const h of view.headings) expect(view.commitments.some((c) => c.start < h.end && h.start < c.end)).toBe(false);
    const total = coverage.sections.reduce((n, x) => n + x.commitments, 0);
    const covered = coverage.sections.reduce((n, x) => n + x.covered, 0);
    const file = await core.invoke('report.exportUncovered', { year: 2023 });
    expect(file.count).toBe(total - covered);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.data, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('2023年政府工作报告未分解事项清单');
    expect(ws.getRow(2).values).toEqual([undefined, '序号', '所属部分', '报告原文']);
    expect(ws.rowCount).toBe(2 + file.count);
    expect(ws.getCell('C3').value).toBe('规模以上工业增加值增长 6%左右');
  });
});

describe('the published-quarter lock', () => {
  it('refuses to renumber a year with a published quarter (the serial is in the table), still links it, and never touches the published progress', async () => {
    const core = await open(true);
    const progress = () => core.db.prepare('SELECT assignment_id, quarter, text, on_schedule FROM progress_reports ORDER BY id').all();
    const serials = () => core.db.prepare('SELECT id, serial FROM targets ORDER BY id').all();
    const before = progress();
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    // A link puts target 39 first in report order, so renumbering would move serials the published table shows.
    const first = (await core.invoke('report.view', { year: 2023 })).commitments[0]!;
    const id39 = core.db.prepare('SELECT id FROM targets WHERE serial = 39').pluck().get() as number;
    const linked = await core.invoke('report.confirmLinks', { year: 2023, links: [{ targetId: id39, start: first.start, end: first.end }] });
    expect(linked.linked).toBe(1);
    const current = (await core.invoke('report.linkSuggestions', { year: 2023 })).find((l) => l.targetId === id39)!.current;
    expect(current).toMatchObject({ start: first.start, end: first.end });
    const serialsBefore = serials();
    const logged = changes(core);
    await expect(core.invoke('report.renumber', { year: 2023 })).rejects.toThrow(/^2023年三季度已于2023年10月20日发布并锁定，第\d{1,2}项的序号不能修改（会改变已发布的三季度一览表）。如确需修改，请先在“导出”中解除2023年三季度的锁定并说明理由。$/);
    // Refused as a whole: no serial moved, nothing logged.
    expect(serials()).toEqual(serialsBefore);
    expect(changes(core)).toBe(logged);
    await core.invoke('plans.carryOver', { from: 2023, to: 2024 });
    await core.invoke('report.undo', { batchId: linked.batchId });
    expect(progress()).toEqual(before);
  });

  it('undoes a link in a year with a published quarter, logging the target as it was (not with a moved serial)', async () => {
    const core = await open(true);
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    const first = (await core.invoke('report.view', { year: 2023 })).commitments[0]!;
    const id39 = core.db.prepare('SELECT id FROM targets WHERE serial = 39').pluck().get() as number;
    const source = (await core.invoke('targets.get', { id: id39 })).sourceText;
    const linked = await core.invoke('report.confirmLinks', { year: 2023, links: [{ targetId: id39, start: first.start, end: first.end }] });
    await core.invoke('report.undo', { batchId: linked.batchId });
    const t = await core.invoke('targets.get', { id: id39 });
    expect([t.serial, t.sourceText]).toEqual([39, source]);
    const undo = core.db.prepare("SELECT before_json FROM change_log WHERE kind = 'report-undo'").pluck().get() as string;
    expect(JSON.parse(undo).serial).toBe(39);
  });

  it('refuses to undo an acceptance once the new target has progress in a published quarter', async () => {
    const core = await open();
    await core.invoke('report.import', { year: 2024, text: SEED_TEXT });
    const first = (await core.invoke('report.worklist', { year: 2024 })).candidates[0]!;
    const accepted = await core.invoke('report.acceptCandidates', { year: 2024, ids: [first.id] });
    const target = accepted.targets[0]!;
    await core.invoke('progress.save', { assignmentId: target.assignments[0]!.id, quarter: 1, text: '一季度增长5.8%', onSchedule: 'yes' });
    await core.invoke('quarters.publish', { year: 2024, quarter: 1, publishedOn: '2024-04-20' });
    const result = await core.call('report.undo', { batchId: accepted.batchId });
    expect(result.ok).toBe(false);
    expect((await core.invoke('targets.get', { id: target.id })).assignments[0]!.progress[0]!.text).toBe('一季度增长5.8%');
  });
});

describe('carry-over at year end', () => {
  it('starts next year with the unfinished and 长期坚持 targets, linked to last year\'s, and matches next year\'s report to them', async () => {
    const core = await open(true);
    const last = await core.invoke('report.linkSuggestions', { year: 2023 });
    const result = await core.invoke('plans.carryOver', { from: 2023, to: 2024 });
    // Only Q3 is reported in the seed: nothing is finished yet.
    expect(result).toMatchObject({ year: 2024, carried: 39, finished: 0 });
    const plan = (await core.invoke('plans.list', {})).find((p) => p.year === 2024)!;
    expect(plan.targetCount).toBe(39);
    const overview = await core.invoke('overview.get', { year: 2024, quarter: 1, filter: {} });
    const copy = overview.rows.find((r) => r.content === '增加市级储备粮8.6万吨')!;
    const source = await core.invoke('report.targetSource', { id: copy.id });
    expect(source.carriedFrom).toEqual({ targetId: last.find((t) => t.serial === 39)!.targetId, year: 2023, serial: 39 });
    // Last year's target keeps its history; the copy has none of last year's progress.
    expect((await core.invoke('history.forTarget', { targetId: source.carriedFrom!.targetId })).length).toBeGreaterThan(0);
    expect((await core.invoke('targets.get', { id: copy.id })).assignments.every((a) => a.progress.length === 0)).toBe(true);
    // Carrying again copies nothing twice.
    expect((await core.invoke('plans.carryOver', { from: 2023, to: 2024 })).carried).toBe(0);

    await core.invoke('report.import', { year: 2024, text: SEED_TEXT });
    const work = await core.invoke('report.worklist', { year: 2024 });
    const grain = work.candidates.find((c) => c.text.startsWith('加快重要农产品仓储物流设施建设'))!;
    expect(grain.carriedOver).toEqual({ targetId: copy.id, serial: copy.serial, fromYear: 2023, fromSerial: 39 });
    const accepted = await core.invoke('report.acceptCandidates', { year: 2024, ids: [grain.id] });
    expect(accepted.targets.map((t) => t.id)).toEqual([copy.id]);
    expect((await core.invoke('plans.list', {})).find((p) => p.year === 2024)!.targetCount).toBe(39);
    expect((await core.invoke('targets.get', { id: copy.id })).sourceText).toBe('加快重要农产品仓储物流设施建设,增加市县级储备粮 8.6 万吨。');
  });

  it('matches the candidates of a report imported before the carry-over, and the carry-over is undoable', async () => {
    const core = await open(true);
    await core.invoke('report.import', { year: 2024, text: SEED_TEXT });
    const result = await core.invoke('plans.carryOver', { from: 2023, to: 2024 });
    const matched = (await core.invoke('report.worklist', { year: 2024 })).candidates.filter((c) => c.carriedOver !== null);
    // One carried target per commitment: 36 linked targets, several sharing a sentence (21/22, 26/27, 33–35, 36–38).
    expect(matched.length).toBeGreaterThanOrEqual(25);
    expect(matched.find((c) => c.text.startsWith('加快重要农产品仓储物流设施建设'))!.carriedOver).toMatchObject({ fromYear: 2023, fromSerial: 39 });
    await core.invoke('report.undo', { batchId: result.batchId });
    expect((await core.invoke('plans.list', {})).find((p) => p.year === 2024)!.targetCount).toBe(0);
    expect((await core.invoke('report.worklist', { year: 2024 })).candidates.filter((c) => c.carriedOver !== null)).toEqual([]);
  });

  it('does not carry a target finished by year end', async () => {
    const core = await open();
    await core.invoke('plans.create', { year: 2024 });
    const done = await core.invoke('targets.create', { year: 2024, serial: 1, content: '新建学校5所', deadline: '年底' });
    const open1 = await core.invoke('targets.create', { year: 2024, serial: 2, content: '改造老旧小区30个', deadline: '年底' });
    await core.invoke('targets.create', { year: 2024, serial: 3, content: '持续优化营商环境', deadline: '长期坚持' });
    await core.invoke('progress.save', { assignmentId: done.assignments[0]!.id, quarter: 4, text: '5所学校已建成', onSchedule: 'yes' });
    await core.invoke('progress.save', { assignmentId: open1.assignments[0]!.id, quarter: 4, text: '完成20个', onSchedule: 'no' });
    const result = await core.invoke('plans.carryOver', { from: 2024, to: 2025 });
    expect(result).toMatchObject({ carried: 2, finished: 1 });
    const rows = (await core.invoke('overview.get', { year: 2025, quarter: 1, filter: {} })).rows;
    expect(rows.map((r) => [r.serial, r.content, r.deadline])).toEqual([
      [1, '改造老旧小区30个', '年底'],
      [2, '持续优化营商环境', '长期坚持'],
    ]);
  });
});

describe('a report text from before the work report was segmented (a store older than migration 008)', () => {
  it('is segmented once when the store is opened, logged as an import, and the report screen then only reads', async () => {
    const file = tempStorePath();
    const old = new Database(file);
    migrate(old, MIGRATIONS.filter((m) => m.version < 8));
    old.prepare("INSERT INTO plans(year, city, report_title, report_text, created_at) VALUES (2023, '菏泽市', '政府工作报告', ?, '2023-01-10T00:00:00.000Z')").run(SEED_TEXT);
    old.close();
    const core = await openCore(file);
    try {
      const logged = core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'report-import'").all() as { before_json: string; after_json: string }[];
      expect(logged).toEqual([{ before_json: 'null', after_json: JSON.stringify({ fileName: '', length: SEED_TEXT.length }) }]);
      const total = () => core.db.prepare('SELECT total_changes()').pluck().get();
      const before = total();
      const candidates = await core.invoke('report.candidates', { year: 2023 });
      expect(candidates.length).toBeGreaterThan(30);
      expect((await core.invoke('report.worklist', { year: 2023 })).candidates.every((c) => c.status === 'open')).toBe(true);
      expect(total()).toBe(before);
    } finally {
      core.close();
    }
    // Opened again: nothing left to segment, nothing logged twice.
    const again = await openCore(file);
    try {
      expect(again.db.prepare("SELECT count(*) FROM change_log WHERE kind = 'report-import'").pluck().get()).toBe(1);
    } finally {
      again.close();
    }
  });
});
