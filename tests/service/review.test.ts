/**
 * The review service on the sample data: the contradictions the issue names, the counts, the per-target
 * cache agreeing with a fresh computation after edits by every path, thresholds from the settings, the
 * overdue rule from the round's due date, 督办意见 stored and exported, and the review CLI.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { getReview } from '../../electron/services/review';
import { closingStores } from '../helpers/store';
import { cli } from '../import/helpers';

const store = closingStores();

const bySerial = (review: ReturnType<typeof getReview>, serial: number) => review.items.find((i) => i.serial === serial)!;
const lineOf = (core: { db: import('better-sqlite3').Database }, serial: number) =>
  (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = ? ORDER BY a.ord').get(serial) as { id: number }).id;

describe('review service', () => {
  it('flags 16 and 39 as contradictions with their rules; met growth targets are not flagged', async () => {
    const core = await store(true);
    const review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    expect(bySerial(review, 16)).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'], rule: expect.stringContaining('实际33家/目标100家 = 33%，序时进度75%') });
    expect(bySerial(review, 39)).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'] });
    expect(bySerial(review, 6).flags).toEqual([]);
    expect(['ahead', 'done', 'on-pace']).toContain(bySerial(review, 6).status);
    expect(review.counts.total).toBe(39);
    expect(Object.values(review.counts.statuses).reduce((a, b) => a + b, 0)).toBe(39);
    // Q2 had no reports at all: no change against it, no 上季度 per item, Q3 alone in each history.
    expect(review.previousCounts).toBeNull();
    expect(review.items.every((i) => i.previous === null)).toBe(true);
    expect(bySerial(review, 16).history).toEqual([{ quarter: 3, status: 'behind', light: 'red' }]);
    const leaders = review.byLeader.find((g) => g.name === '聂元科')!;
    expect(leaders.statuses.behind).toBe(review.items.filter((i) => i.status === 'behind' && i.lines.some((l) => l.leaders.includes('聂元科'))).length);
  });

  it('the cached review equals a fresh computation after edits, imports of notes, deletes and reverts', async () => {
    const core = await store(true);
    const fresh = () => getReview(core, 2023, 3, { useCache: false });
    await core.invoke('review.get', { year: 2023, quarter: 3 });
    const saved = await core.invoke('progress.save', { assignmentId: lineOf(core, 16), quarter: 3, text: '前三季度,全市新增规模以上服务业企业76家', onSchedule: 'yes' });
    expect(bySerial(getReview(core, 2023, 3), 16)).toMatchObject({ status: 'on-pace', light: 'green', flags: [] });
    expect(getReview(core, 2023, 3)).toEqual(fresh());
    await core.invoke('history.revert', { changeId: saved.changeId!, to: 'before', strict: true });
    expect(bySerial(getReview(core, 2023, 3), 16).flags).toEqual(['contradiction']);
    const t39 = core.db.prepare('SELECT id FROM targets WHERE serial = 39').get() as { id: number };
    await core.invoke('targets.delete', { id: t39.id });
    expect(getReview(core, 2023, 3)).toEqual(fresh());
    expect(getReview(core, 2023, 3).items.some((i) => i.serial === 39)).toBe(false);
  });

  it('thresholds come from the settings; a missing report turns red after the due date', async () => {
    const core = await store(true);
    // 7: 8.5% against 10%左右 = 85%: yellow by default, red when yellow starts at 90%.
    expect(bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 7).light).toBe('yellow');
    await core.invoke('settings.update', { reviewThresholds: { green: 0.95, yellow: 0.9, overdueYellowDays: 1, overdueRedDays: 7 } });
    expect(bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 7).light).toBe('red');
    await expect(core.invoke('settings.update', { reviewThresholds: { green: 0.8, yellow: 0.9, overdueYellowDays: 1, overdueRedDays: 7 } })).rejects.toThrow(/黄灯阈值不能高于绿灯阈值/);

    await core.invoke('progress.save', { assignmentId: lineOf(core, 5), quarter: 3, text: '', onSchedule: null });
    expect(bySerial(getReview(core, 2023, 3), 5)).toMatchObject({ status: 'not-reported', light: 'yellow' });
    await core.invoke('round.update', { year: 2023, quarter: 3, dueDate: '2023-10-10' });
    expect(bySerial(getReview(core, 2023, 3, { today: new Date(2023, 9, 12) }), 5).light).toBe('yellow');
    expect(bySerial(getReview(core, 2023, 3, { today: new Date(2023, 9, 30) }), 5).light).toBe('red');
    expect(bySerial(getReview(core, 2023, 3, { today: new Date(2023, 9, 9) }), 5).light).toBe('green');
  });

  it('督办意见 is stored, in the target history, and in the exported list by leader', async () => {
    const core = await store(true);
    const t16 = core.db.prepare('SELECT id FROM targets WHERE serial = 16').get() as { id: number };
    await core.invoke('review.saveNote', { targetId: t16.id, quarter: 3, note: '  请市发展改革委牵头制定追赶计划  ' });
    expect(bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 16).note).toBe('请市发展改革委牵头制定追赶计划');
    expect((await core.invoke('history.forTarget', { targetId: t16.id }))[0]).toMatchObject({ kind: 'review-note', after: { quarter: 3, note: '请市发展改革委牵头制定追赶计划' } });
    const file = await core.invoke('review.export', { year: 2023, quarter: 3 });
    expect(file.fileName).toBe('2023年三季度责任目标调度清单.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.data, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('调度清单')!;
    const rows = Array.from({ length: file.count }, (_, i) => ws.getRow(3 + i).values as unknown[]);
    const row16 = rows.find((r) => r[2] === 16)!;
    expect(row16[1]).toBe('聂元科');
    expect(row16[8]).toBe('请市发展改革委牵头制定追赶计划');
    expect(rows.map((r) => r[2])).toEqual(expect.arrayContaining([7, 16, 39]));
  });

  it('CLI: review --json gives serial, status, light, rule and flags', async () => {
    const core = await store(true);
    const db = core.storePath;
    core.close();
    const r = cli('review', '--db', db, '--year', '2023', '--quarter', '3', '--json');
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { serial: number; status: string; light: string; rule: string; flags: string[] }[];
    expect(rows).toHaveLength(39);
    expect(rows.find((x) => x.serial === 16)).toMatchObject({ status: 'behind', light: 'red', flags: ['contradiction'], rule: expect.stringContaining('33家') });
    expect(rows.find((x) => x.serial === 6)!.flags).toEqual([]);
    const text = cli('review', '--db', db, '--year', '2023', '--quarter', '3');
    expect(text.stdout).toMatch(/ 16 {2}红灯 {2}滞后 {2}实际33家/);
  });
});

describe('confirming the numbers', () => {
  it('a correction replaces the automatic reading, survives restarts of the cache, and is logged', async () => {
    const core = await store(true);
    const line16 = lineOf(core, 16);
    const before = bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 16);
    expect(before.lines[0]!.checks).toEqual([{ goalIndex: 0, goal: '100家以上', actual: '33家', confirmed: false }]);

    // The unit's report said 33家 but the office knows 80 were added: 80% against a 75% pace.
    await core.invoke('review.confirmActual', { assignmentId: line16, quarter: 3, goalIndex: 0, actual: '80家' });
    const after = bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 16);
    expect(after).toMatchObject({ status: 'on-pace', light: 'green', flags: [] });
    expect(after.rule).toContain('实际80家/目标100家 = 80%，序时进度75%（人工确认）');
    expect(after.lines[0]!.checks[0]).toMatchObject({ actual: '80家', confirmed: true });
    expect(getReview(core, 2023, 3)).toEqual(getReview(core, 2023, 3, { useCache: false }));

    // "The report has no number for it": the goal is unmatched, the self-report decides.
    await core.invoke('review.confirmActual', { assignmentId: line16, quarter: 3, goalIndex: 0, actual: '' });
    expect(bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 16)).toMatchObject({ light: 'green', lines: [{ checks: [{ actual: null, confirmed: true }] }] });
    // Back to the automatic reading.
    await core.invoke('review.confirmActual', { assignmentId: line16, quarter: 3, goalIndex: 0, actual: null });
    expect(bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 16)).toMatchObject({ light: 'red', flags: ['contradiction'] });

    await expect(core.invoke('review.confirmActual', { assignmentId: line16, quarter: 3, goalIndex: 0, actual: '八十' })).rejects.toThrow(/无法与目标“100家以上”比较/);
    await expect(core.invoke('review.confirmActual', { assignmentId: line16, quarter: 3, goalIndex: 3, actual: '5家' })).rejects.toThrow(/没有第4个可比对的数量目标/);
    const t16 = core.db.prepare('SELECT id FROM targets WHERE serial = 16').get() as { id: number };
    const kinds = (await core.invoke('history.forTarget', { targetId: t16.id })).map((h) => h.kind);
    expect(kinds.filter((k) => k === 'confirm-actual')).toHaveLength(3);
  });

  it('a confirmation no longer applies once the goal is reworded', async () => {
    const core = await store(true);
    const line16 = lineOf(core, 16);
    await core.invoke('review.confirmActual', { assignmentId: line16, quarter: 3, goalIndex: 0, actual: '80家' });
    const t16 = core.db.prepare('SELECT id FROM targets WHERE serial = 16').get() as { id: number };
    await core.invoke('targets.update', { id: t16.id, patch: { content: '精心培育“种子”“幼苗”“准四上”企业,新增规模以上服务业120家以上' } });
    const item = bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 16);
    expect(item.lines[0]!.checks[0]).toMatchObject({ goal: '120家以上', actual: '33家', confirmed: false });
  });

  it('a correction takes what the field offers and any comparable form (7.0%, 7.1%, 增长7.1%, 7.1 for a % goal)', async () => {
    const core = await store(true);
    const line6 = lineOf(core, 6);
    const check = async () => bySerial(await core.invoke('review.get', { year: 2023, quarter: 3 }), 6);
    expect((await check()).lines[0]!.checks[0]).toMatchObject({ goal: '5.5%左右', actual: '7.0%', confirmed: false });
    for (const [typed, shown] of [['7.0%', '7.0%'], ['7.1%', '7.1%'], ['增长7.1%', '7.1%'], ['7.1', '7.1%'], ['５', '5%']] as const) {
      await core.invoke('review.confirmActual', { assignmentId: line6, quarter: 3, goalIndex: 0, actual: typed });
      const item = await check();
      expect(item.rule).toContain(`实际增长${shown}/目标增长5.5%左右`);
      expect(item.rule).toContain('（人工确认）');
    }
    // 5% of 5.5%左右 is 90.9%: the confirmed number makes it behind (yellow), though the unit said 是.
    expect(await check()).toMatchObject({ status: 'behind', light: 'yellow', flags: ['contradiction'] });
    await expect(core.invoke('review.confirmActual', { assignmentId: line6, quarter: 3, goalIndex: 0, actual: '7.1亿元' })).rejects.toThrow(/无法与目标“5.5%左右”比较/);
  });

  it('gives each item its light per quarter with reports, and a change only against a quarter with reports', async () => {
    const core = await store(true);
    const line16 = lineOf(core, 16);
    await core.invoke('progress.save', { assignmentId: line16, quarter: 1, text: '一季度,全市新增规模以上服务业企业30家', onSchedule: 'yes' });
    const q2 = await core.invoke('review.get', { year: 2023, quarter: 2 });
    // Q2 has no reports anywhere: nothing to compare Q2 with in Q3 either.
    expect(q2.previousCounts).not.toBeNull();
    expect(bySerial(q2, 16).history).toEqual([
      { quarter: 1, status: 'ahead', light: 'green' },
      { quarter: 2, status: 'not-reported', light: 'yellow' },
    ]);
    const q3 = await core.invoke('review.get', { year: 2023, quarter: 3 });
    expect(q3.previousCounts).toBeNull();
    expect(bySerial(q3, 16).history).toEqual([
      { quarter: 1, status: 'ahead', light: 'green' },
      { quarter: 3, status: 'behind', light: 'red' },
    ]);
    await core.invoke('progress.save', { assignmentId: line16, quarter: 2, text: '上半年,全市新增规模以上服务业企业20家', onSchedule: 'yes' });
    const after = await core.invoke('review.get', { year: 2023, quarter: 3 });
    expect(after.previousCounts!.total).toBe(39);
    expect(bySerial(after, 16).history.map((h) => h.light)).toEqual(['green', 'red', 'red']);
    expect(bySerial(after, 16).previous).toEqual({ status: 'behind', light: 'red' });
    expect(after).toEqual(getReview(core, 2023, 3, { useCache: false }));
  });
});
