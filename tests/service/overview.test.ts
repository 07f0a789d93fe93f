import { beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Invoker } from '../helpers/store';
import type { AppCore } from '../../electron/host/app';
import { searchIndexDrift, searchTargetIds, searchTargetIdsByScan } from '../../electron/db/repos/search';

let core: AppCore & { invoke: Invoker };

beforeAll(async () => {
  core = await openCore();
  await core.invoke('plans.create', { year: 2023 });
  const rows: [number, string, string[], string[], string, 'yes' | 'no' | null][] = [
    [1, '一般公共预算收入增长5.5%左右', ['李春英'], ['市财政局'], '前三季度完成年度预算的77.8%', 'yes'],
    [2, '新增规模以上服务业100家以上', ['聂元科'], ['市发展改革委', '市统计局'], '新增规上服务业33家', 'no'],
    [3, '增加市级储备粮8.6万吨', ['聂元科', '王昌华'], ['市发展改革委'], '', null],
    [4, '推动沿黄地区工业园区调区扩区，拓宽发展空间', ['张鹏'], ['市工业和信息化局'], '已完成园区调区扩区', 'yes'],
  ];
  for (const [serial, content, leaders, units, text, flag] of rows) {
    const t = await core.invoke('targets.create', { year: 2023, serial, content, assignments: [{ leaders, leadUnits: units.slice(0, 1), cooperatingUnits: units.slice(1) }] });
    if (text || flag) await core.invoke('progress.save', { assignmentId: t.assignments[0]!.id, quarter: 3, text, onSchedule: flag });
  }
});

const serials = async (filter: object, quarter: 1 | 2 | 3 | 4 = 3) => (await core.invoke('overview.get', { year: 2023, quarter, filter })).rows.map((r) => r.serial);

describe('overview', () => {
  it('searches what the screen shows: this quarter\'s progress, or every quarter when asked (issue 12)', async () => {
    const t3 = (await core.invoke('overview.get', { year: 2023, quarter: 3, filter: {} })).rows.find((r) => r.serial === 3)!;
    await core.invoke('progress.save', { assignmentId: t3.lines[0]!.id, quarter: 2, text: '二季度已完成储备粮轮换招标', onSchedule: 'yes' });
    for (const query of ['轮换招标', '轮换']) {
      expect(await serials({ query })).toEqual([]);
      expect(await serials({ query, searchAllQuarters: true })).toEqual([3]);
      expect(await serials({ query }, 2)).toEqual([3]);
    }
    // The content is searched whatever the quarter.
    expect(await serials({ query: '储备粮' })).toEqual([3]);
    expect(await serials({ query: '调区扩区' })).toEqual([4]);
  });

  it('lists targets in serial order with the quarter progress only', async () => {
    const o = await core.invoke('overview.get', { year: 2023, quarter: 3, filter: {} });
    expect(o.totalTargets).toBe(4);
    expect(o.totalLines).toBe(4);
    expect(o.rows.map((r) => r.serial)).toEqual([1, 2, 3, 4]);
    expect(o.rows[1]!.lines[0]!.progress).toMatchObject({ quarter: 3, text: '新增规上服务业33家', onSchedule: 'no' });
    expect((await core.invoke('overview.get', { year: 2023, quarter: 2, filter: {} })).rows[1]!.lines[0]!.progress).toBeNull();
  });

  it.each([
    [{ leader: '聂元科' }, [2, 3]],
    [{ leader: '王昌华' }, [3]],
    [{ unit: '市统计局' }, [2]],
    [{ onSchedule: 'no' }, [2]],
    [{ onSchedule: 'yes' }, [1, 4]],
    [{ onSchedule: 'blank' }, [3]],
    [{ leader: '聂元科', onSchedule: 'no' }, [2]],
    [{ query: '储备粮' }, [3]],
    [{ query: '调区扩区' }, [4]],
    [{ query: '33家' }, [2]],
    [{ query: '园区' }, [4]],
    [{ query: '粮' }, [3]],
    [{ query: '服务业 33' }, [2]],
    [{ query: '100%' }, []],
    [{ query: '"; DROP TABLE targets; --' }, []],
    [{ query: '不存在的内容' }, []],
  ])('filter %j → %j', async (filter, expected) => {
    expect(await serials(filter)).toEqual(expected);
  });

  it('treats blank as not reported in a quarter without reports', async () => {
    expect(await serials({ onSchedule: 'blank' }, 1)).toEqual([1, 2, 3, 4]);
  });

  it('finds the same targets through the index as by a plain scan', async () => {
    const planId = (core.db.prepare('SELECT id FROM plans WHERE year = 2023').get() as { id: number }).id;
    for (const q of ['调区扩区', '储备粮', '服务业', '预算的77', '年度预算']) {
      expect([...searchTargetIds(core.db, q)].sort()).toEqual([...searchTargetIdsByScan(core.db, planId, q)].sort());
    }
  });

  it('keeps the index in step with edits and deletes', async () => {
    const t = await core.invoke('targets.create', { year: 2023, serial: 99, content: '临时目标甲乙丙' });
    expect(await serials({ query: '甲乙丙' })).toEqual([99]);
    await core.invoke('progress.save', { assignmentId: t.assignments[0]!.id, quarter: 1, text: '独特进展文字' });
    expect(await serials({ query: '独特进展' }, 1)).toEqual([99]);
    await core.invoke('targets.update', { id: t.id, patch: { content: '改过的目标' } });
    expect(await serials({ query: '甲乙丙' })).toEqual([]);
    await core.invoke('targets.delete', { id: t.id });
    expect(await serials({ query: '独特进展', searchAllQuarters: true })).toEqual([]);
    expect(searchIndexDrift(core.db)).toEqual({ targets: 0, progress: 0 });
  });

  it('lists the year\'s leaders and units in the order they first appear', async () => {
    const d = await core.invoke('directory.get', { year: 2023 });
    expect(d.leaders).toEqual(['李春英', '聂元科', '王昌华', '张鹏']);
    expect(d.units.map((u) => u.name).slice(0, 3)).toEqual(['市财政局', '市发展改革委', '市统计局']);
    expect(await core.invoke('directory.get', { year: 2030 })).toEqual({ leaders: [], units: [] });
  });

  it('says in Chinese when the year has no plan', async () => {
    expect(await core.call('overview.get', { year: 2031, quarter: 1 })).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringMatching(/2031年/) } });
  });
});
