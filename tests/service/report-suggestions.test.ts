/**
 * 建议牵头单位 on the seeded year, with the keyword table empty: the year's own assignments teach it. A
 * clause already linked to a target suggests that target's lead unit; an open clause like a target of the
 * year suggests its unit, saying which target.
 */
import { describe, expect, it } from 'vitest';
import { unitNameCore } from '../../electron/services/report';
import { closingStores } from '../helpers/store';

const open = closingStores();

describe('suggested lead units without a keyword table', () => {
  it('learns from this year’s assignments', async () => {
    const core = await open(true);
    expect(await core.invoke('report.keywords', {})).toEqual([]);
    const { candidates } = await core.invoke('report.worklist', { year: 2023 });
    const targets = await core.invoke('targets.list', { year: 2023 });
    const six = targets.find((t) => t.serial === 6)!;

    const gdp = candidates.find((c) => c.text.includes('地区生产总值增长'))!;
    expect(gdp.coveredBy.map((t) => t.serial)).toEqual([6]);
    expect(gdp.suggestedUnits[0]).toMatchObject({ unit: six.assignments[0]!.leadUnits[0], reason: expect.stringContaining('第6项的牵头单位') });

    const open_ = candidates.filter((c) => c.status === 'open');
    // Every linked clause has one (its target's unit); some unlinked ones too, by likeness to a target.
    for (const c of open_.filter((x) => x.coveredBy.length > 0)) expect(c.suggestedUnits.length, c.text).toBeGreaterThan(0);
    // An unlinked clause naming the field of one of the year's units suggests that unit, saying so.
    const byName = open_.filter((c) => c.coveredBy.length === 0 && c.suggestedUnits.length > 0);
    expect(byName.length).toBeGreaterThan(5);
    for (const c of byName) {
      const s = c.suggestedUnits.find((x) => x.reason.includes('（单位名称）'))!;
      expect(c.text).toContain(s.reason.match(/含“(.+?)”/)![1]);
      expect(targets.some((t) => t.assignments.some((a) => [...a.leadUnits, ...a.cooperatingUnits].includes(s.unit)))).toBe(true);
    }
    const finance = open_.find((c) => c.coveredBy.length === 0 && c.text.includes('财政'));
    if (finance) expect(finance.suggestedUnits.map((x) => x.unit)).toContain('市财政局');
  });
});

describe('the core of a unit’s name', () => {
  it.each([
    ['市交通运输局', '交通运输'],
    ['菏泽市财政局', '财政'],
    ['市发展改革委', '发展改革'],
    ['市政府办公室', '政府'],
    ['菏泽鲁西新区管委会', '菏泽鲁西新区'],
  ])('%s → %s', (unit, core) => expect(unitNameCore(unit)).toBe(core));
});
