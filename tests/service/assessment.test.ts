/**
 * The year-end assessment of the sample year (2023, Q3 reported): every score recomputed here from the
 * quarter's review as the review screen shows it, ranks checked, rules and hand-entered values logged,
 * a 督办通知 answered late and a late return counted, and the .xlsx re-read by exceljs and LibreOffice.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/assessment/score';
import type { Assessment, Review } from '../../shared/contract';
import { closingStores } from '../helpers/store';
import { toCsv } from '../helpers/libreoffice';

const store = closingStores();
type Core = Awaited<ReturnType<typeof store>>;

/** The sample's scores by hand from the Q3 review: lead units all the points, cooperating units half of 滞后. */
function expectedScores(review: Review): Map<string, number> {
  const tally = new Map<string, { behind: number; contradiction: number; copied: number; missing: boolean }>();
  const of = (u: string) => tally.get(u) ?? (tally.set(u, { behind: 0, contradiction: 0, copied: 0, missing: false }), tally.get(u)!);
  for (const item of review.items) {
    const seen = new Set<string>();
    for (const line of item.lines) {
      for (const u of line.leadUnits) {
        of(u);
        const key = (k: string) => `${k}|${u}`;
        if (line.status === 'behind' && !seen.has(key('b'))) (seen.add(key('b')), (of(u).behind += 2));
        if (line.flags.includes('contradiction') && !seen.has(key('c'))) (seen.add(key('c')), (of(u).contradiction += 5));
        if (line.flags.includes('unchanged') && !seen.has(key('u'))) (seen.add(key('u')), (of(u).copied += 5));
        if (line.status === 'not-reported') of(u).missing = true;
      }
      for (const u of line.cooperatingUnits) {
        if (line.status === 'behind' && !seen.has(`b|${u}`) && !seen.has(`cb|${u}`)) (seen.add(`cb|${u}`), (of(u).behind += 1));
        of(u);
      }
    }
  }
  return new Map([...tally].map(([u, t]) => [u, 100 - Math.min(20, t.behind) - Math.min(20, t.contradiction) - Math.min(20, t.copied) - (t.missing ? 10 : 0)]));
}

function planId(core: Core): number {
  return core.db.prepare('SELECT id FROM plans WHERE year = 2023').pluck().get() as number;
}

function unitId(core: Core, name: string): number {
  return core.db.prepare('SELECT id FROM units WHERE name = ?').pluck().get(name) as number;
}

const scoreOf = (a: Assessment, unit: string) => a.units.find((u) => u.unit === unit)!;

describe('the assessment of the sample year', () => {
  it('recomputes every unit’s score from the Q3 review, ranks ties together, and traces each point', async () => {
    const core = await store(true);
    const a = await core.invoke('assessment.get', { year: 2023, asOf: '2024-01-15' });
    const review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    const expected = expectedScores(review);
    expect(a.base).toBe(100);
    expect(a.quarters).toEqual([3]);
    expect(a.notes.join()).toContain('四季度尚无报送');
    expect(new Map(a.units.map((u) => [u.unit, u.score]))).toEqual(expected);
    // Some units lost points, some none: the sample tells units apart.
    expect(a.units.some((u) => u.score < 100)).toBe(true);
    expect(a.units.some((u) => u.score === 100)).toBe(true);
    for (const u of a.units) {
      expect(a.base + u.events.reduce((n, e) => n + e.points, 0)).toBeCloseTo(u.score, 6);
      expect(u.rank).toBe(1 + a.units.filter((o) => o.score > u.score).length);
      for (const e of u.events) {
        expect(e.quarter).toBe(3);
        expect(e.reason).toMatch(/扣\d+(\.\d+)?分|不再扣分/);
        if (e.kind !== 'return-missing') expect(review.items.some((i) => i.serial === e.serial)).toBe(true);
      }
    }
    const ranks = a.units.map((u) => u.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });

  it('counts a 督办通知 answered late and a late return; a change of the rules is logged and the scores follow', async () => {
    const core = await store(true);
    const before = await core.invoke('assessment.get', { year: 2023, asOf: '2024-01-15' });
    const top = before.units[0]!.unit;
    const target = core.db.prepare('SELECT t.id, t.serial FROM targets t WHERE serial = 16').get() as { id: number; serial: number };
    // As the bulletin's service writes them: one answered late, one never answered, one in time.
    const insert = core.db.prepare('INSERT INTO supervision_notices(plan_id, quarter, unit_id, target_ids, issued_at, reply_due, replied_at) VALUES (?, 3, ?, ?, ?, ?, ?)');
    insert.run(planId(core), unitId(core, top), JSON.stringify([target.id]), '2023-10-10T09:00:00.000Z', '2023-10-20', '2023-10-25');
    insert.run(planId(core), unitId(core, top), '[]', '2023-10-11T09:00:00.000Z', '2023-10-30', null);
    insert.run(planId(core), unitId(core, top), '[]', '2023-10-12T09:00:00.000Z', '2023-10-30', '2023-10-29');
    // A round with a due date: the unit's return (marked by hand) came two days late.
    await core.invoke('round.update', { year: 2023, quarter: 3, dueDate: '2023-09-25' });
    const owner = before.units.find((u) => u.unit !== top && u.events.length === 0)!.unit;
    await core.invoke('round.mark', { year: 2023, quarter: 3, owner, returned: true });
    core.db.prepare('UPDATE round_returns SET returned_at = ? WHERE owner = ?').run('2023-09-27T08:00:00.000Z', owner);

    const after = await core.invoke('assessment.get', { year: 2023, asOf: '2024-01-15' });
    const late = scoreOf(after, top).events.filter((e) => e.kind === 'notice-late');
    expect(late).toHaveLength(2);
    expect(late.map((e) => e.reason)).toEqual(expect.arrayContaining([
      `三季度督办通知（第16项）要求2023-10-20前回复，2023-10-25回复，逾期5天，扣3分`,
      `三季度督办通知要求2023-10-30前回复，至2024-01-15未回复，扣3分`,
    ]));
    expect(late.map((e) => e.serial)).toEqual(expect.arrayContaining([16, null]));
    expect(scoreOf(after, owner).events.map((e) => e.reason)).toContain('三季度逾期2天报送（截止2023-09-25，2023-09-27报送），扣2分');
    // With a round, a unit that returned nothing by the due date misses its return.
    expect(after.units.filter((u) => u.unit !== owner).every((u) => u.events.some((e) => e.kind === 'return-missing' && e.reason.startsWith('三季度未报送（报送截止2023-09-25）')))).toBe(true);

    // The office changes its rules after seeing the scores: 未报 costs 8, late notices 5.
    const rules = { ...after.rules, kinds: { ...after.rules.kinds, 'return-missing': { points: -8, cap: null }, 'notice-late': { points: -5, cap: 15 } } };
    await core.invoke('assessment.saveRules', { year: 2023, rules });
    const log = core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'assessment-rules'").all() as { before_json: string; after_json: string }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.before_json).rules).toEqual(DEFAULT_RULES);
    expect(JSON.parse(log[0]!.after_json).rules.kinds['return-missing']).toEqual({ points: -8, cap: null });
    const changed = await core.invoke('assessment.get', { year: 2023, asOf: '2024-01-15' });
    expect(scoreOf(changed, top).score).toBe(scoreOf(after, top).score + 2 - 4);
    // Saving the same rules again changes and logs nothing.
    await core.invoke('assessment.saveRules', { year: 2023, rules });
    expect(core.db.prepare("SELECT count(*) FROM change_log WHERE kind = 'assessment-rules'").pluck().get()).toBe(1);
  });

  it('a leaders’ evaluation typed in weighs its share, is logged, and refuses what is not an item or a unit', async () => {
    const core = await store(true);
    const a = await core.invoke('assessment.get', { year: 2023 });
    const unit = a.units.at(-1)!;
    await core.invoke('assessment.saveEntry', { year: 2023, item: 'leaders', unit: unit.unit, value: 100 });
    const b = await core.invoke('assessment.get', { year: 2023 });
    expect(scoreOf(b, unit.unit).score).toBeCloseTo(0.8 * unit.score + 0.2 * 100, 6);
    expect(scoreOf(b, unit.unit).items.leaders).toBe(100);
    const row = core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'assessment-entry'").get() as { before_json: string; after_json: string };
    expect([JSON.parse(row.before_json).value, JSON.parse(row.after_json).value]).toEqual([null, 100]);
    await expect(core.invoke('assessment.saveEntry', { year: 2023, item: 'other', unit: unit.unit, value: 90 })).rejects.toThrow('2023年考核细则中没有“other”这一手工录入项目');
    await expect(core.invoke('assessment.saveEntry', { year: 2023, item: 'leaders', unit: '市不存在局', value: 90 })).rejects.toThrow('找不到责任单位“市不存在局”');
    await expect(core.invoke('assessment.saveEntry', { year: 2023, item: 'leaders', unit: unit.unit, value: 120 })).rejects.toThrow('分数应在0至100之间');
    await expect(core.invoke('assessment.saveRules', { year: 2023, rules: { ...a.rules, items: [{ id: 'leaders', name: '市政府领导评价', share: 0.7 }, { id: 'masses', name: '群众评议', share: 0.5 }] } })).rejects.toThrow('手工录入项目的占比合计不能超过100%');
  });

  it('with a fourth quarter: a target behind at year end costs its lead unit 5 and its cooperating unit half, a text copied from Q3 5', async () => {
    const core = await store(true);
    const id = core.db.prepare('SELECT id FROM targets WHERE serial = 16').pluck().get() as number;
    const t16 = await core.invoke('targets.get', { id });
    const line = t16.assignments[0]!;
    const q3 = line.progress.find((p) => p.quarter === 3)!;
    // Q4 of target 16: the Q3 text sent again (照抄), its numbers far behind the goal.
    await core.invoke('progress.save', { assignmentId: line.id, quarter: 4, text: q3.text, onSchedule: 'no' });
    await core.invoke('targets.saveAssignments', { targetId: id, assignments: [{ id: line.id, leaders: line.leaders, leadUnits: line.leadUnits, cooperatingUnits: ['市统计局'] }] });
    const a = await core.invoke('assessment.get', { year: 2023, asOf: '2024-01-15' });
    expect(a.quarters).toEqual([3, 4]);
    const lead = scoreOf(a, line.leadUnits[0]!).events.filter((e) => e.quarter === 4 && e.serial === 16);
    expect(lead.map((e) => [e.kind, e.points])).toEqual([
      ['year-end-not-done', -5],
      ['copied', -5],
    ]);
    expect(lead[0]!.reason).toMatch(/^第16项年底未完成：/);
    expect(lead[1]!.reason).toBe('第16项四季度完成情况与上季度相同，扣5分');
    const cooperating = scoreOf(a, '市统计局');
    expect(cooperating.events.filter((e) => e.quarter === 4).map((e) => [e.kind, e.points, e.role])).toEqual([['year-end-not-done', -2.5, 'cooperating']]);
    expect(cooperating.events.find((e) => e.quarter === 4)!.rule).toBe('年底未完成每次扣5分，配合单位按50%计，全年最多30分');
    // Every other lead line left empty in Q4 is its unit's missing report (no round with a due date).
    expect(a.units.filter((u) => u.events.some((e) => e.kind === 'return-missing' && e.quarter === 4)).length).toBeGreaterThan(10);
  });

  it('exports the official table: title, 单位, 得分, 排名 and the points by kind, read back by exceljs and LibreOffice', async () => {
    const core = await store(true);
    const a = await core.invoke('assessment.get', { year: 2023 });
    const file = await core.invoke('assessment.export', { year: 2023 });
    expect(file.fileName).toBe('菏泽市2023年责任目标落实情况考核结果.xlsx');
    expect(file.units).toBe(a.units.length);
    const bytes = Buffer.from(file.data, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核结果')!;
    expect(ws.getCell('A1').value).toBe('菏泽市人民政府2023年经济社会发展责任目标落实情况考核结果');
    expect(ws.getCell('A1').font.name).toBe('方正小标宋简体');
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['单位', '得分', '排名']);
    expect(header).toContain('季度进度滞后');
    expect(header).toContain('自报与数据不符');
    expect(header).toContain('市政府领导评价（占20%）');
    expect(ws.getCell('B3').font.name).toBe('仿宋_GB2312');
    expect(ws.getCell('B3').border.top?.style).toBe('thin');
    const behindColumn = header.indexOf('季度进度滞后') + 1;
    a.units.forEach((u, i) => {
      const row = ws.getRow(3 + i);
      expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(behindColumn).value]).toEqual([u.unit, u.score, u.rank, u.byKind.behind]);
    });
    const details = wb.getWorksheet('计分明细')!;
    expect(details.rowCount - 2).toBe(a.units.reduce((n, u) => n + u.events.length, 0));

    const [sheets] = toCsv([bytes]);
    const rows = sheets!.get('考核结果')!;
    expect(rows[0]![0]).toBe('菏泽市人民政府2023年经济社会发展责任目标落实情况考核结果');
    expect(rows.slice(2, 2 + a.units.length).map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(a.units.map((u) => [u.unit, u.score, u.rank]));
  }, 60_000);

  it('changes nothing in a published quarter: the Q3 table still carries its stamp after the assessment’s writes', async () => {
    const core = await store(true);
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    const a = await core.invoke('assessment.get', { year: 2023 });
    await core.invoke('assessment.saveRules', { year: 2023, rules: { ...a.rules, base: 90 } });
    await core.invoke('assessment.saveEntry', { year: 2023, item: 'leaders', unit: a.units[0]!.unit, value: 80 });
    expect(await core.invoke('quarters.locks', { year: 2023 })).toMatchObject([{ quarter: 3, publishedOn: '2023-10-20' }]);
    const file = await core.invoke('export.overview', { year: 2023, quarter: 3 });
    expect(file.notice).toBeUndefined();
  });
});
