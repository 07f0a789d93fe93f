import { describe, expect, it } from 'vitest';
import type { AssessmentRules } from '../../shared/contract';
import { competitionRanks, DEFAULT_RULES, scoreAssessment, type RawEvent } from '../../shared/assessment/score';

const ev = (kind: RawEvent['kind'], unit: string, extra: Partial<RawEvent> = {}): RawEvent => ({ kind, unit, role: 'lead', serial: 1, quarter: 3, date: null, detail: `${kind}事件`, ...extra });
const rules = (patch: Partial<AssessmentRules> = {}): AssessmentRules => ({ ...DEFAULT_RULES, items: [], ...patch });
const none = new Map<string, Map<string, number>>();

describe('competition ranking', () => {
  it.each([
    [[100, 95, 95, 90], [1, 2, 2, 4]],
    [[90, 90, 90], [1, 1, 1]],
    [[80, 100, 90], [3, 1, 2]],
    [[], []],
  ])('%j ranks as %j', (scores, ranks) => expect(competitionRanks(scores)).toEqual(ranks));
});

describe('scoring events by the rules', () => {
  it.each<[string, RawEvent[], AssessmentRules, number]>([
    ['no events: the base', [], rules(), 100],
    ['未报扣10分', [ev('return-missing', 'A', { serial: null })], rules(), 90],
    ['a cooperating unit bears its share of a line behind plan', [ev('behind', 'A', { role: 'cooperating' })], rules(), 99],
    ['the share is the rule’s', [ev('behind', 'A', { role: 'cooperating' })], rules({ cooperatingShare: 0.25 }), 99.5],
    ['a cap stops the deductions of a kind', [1, 2, 3, 4, 5].map((s) => ev('contradiction', 'A', { serial: s })), rules({ kinds: { ...DEFAULT_RULES.kinds, contradiction: { points: -5, cap: 12 } } }), 88],
    ['no cap', [1, 2, 3, 4, 5].map((s) => ev('contradiction', 'A', { serial: s })), rules({ kinds: { ...DEFAULT_RULES.kinds, contradiction: { points: -5, cap: null } } }), 75],
    ['a bonus for completion', [ev('year-end-done', 'A', { quarter: 4 })], rules({ kinds: { ...DEFAULT_RULES.kinds, 'year-end-done': { points: 1, cap: 5 } } }), 101],
    ['another base', [ev('return-late', 'A')], rules({ base: 60 }), 58],
  ])('%s', (_name, events, r, score) => {
    const [unit] = scoreAssessment({ units: ['A'], events, rules: r, entries: none });
    expect(unit!.score).toBe(score);
    // Every point traced: the events' points add up to the score.
    expect(r.base + unit!.events.reduce((n, e) => n + e.points, 0)).toBeCloseTo(score, 6);
  });

  it('names the event, the rule and a reached cap in each reason', () => {
    const r = rules({ kinds: { ...DEFAULT_RULES.kinds, copied: { points: -5, cap: 7 } } });
    const [unit] = scoreAssessment({ units: ['A'], events: [ev('copied', 'A', { serial: 2, detail: '第2项三季度完成情况与上季度相同' }), ev('copied', 'A', { serial: 5 }), ev('copied', 'A', { serial: 9 })], rules: r, entries: none });
    expect(unit!.events.map((e) => [e.serial, e.points, e.uncapped])).toEqual([
      [2, -5, -5],
      [5, -2, -5],
      [9, 0, -5],
    ]);
    expect(unit!.events[0]!.reason).toBe('第2项三季度完成情况与上季度相同，扣5分');
    expect(unit!.events[0]!.rule).toBe('照抄上季度每次扣5分，全年最多7分');
    expect(unit!.events[1]!.reason).toMatch(/扣2分（达到上限7分）$/);
    expect(unit!.events[2]!.reason).toMatch(/已达上限7分，不再扣分$/);
    expect(unit!.byKind.copied).toBe(-7);
  });

  it('a hand-entered item weighs its share against the event score', () => {
    const r = rules({ items: [{ id: 'leaders', name: '市政府领导评价', share: 0.2 }] });
    const entries = new Map([['leaders', new Map([['A', 95]])]]);
    const units = scoreAssessment({ units: ['A', 'B'], events: [ev('return-missing', 'A'), ev('return-missing', 'B')], rules: r, entries });
    const a = units.find((u) => u.unit === 'A')!;
    const b = units.find((u) => u.unit === 'B')!;
    // 0.8 × 90 + 0.2 × 95 = 91; B has no value entered: its event score stands.
    expect(a.score).toBe(91);
    expect(a.items).toEqual({ leaders: 95 });
    expect(a.events.at(-1)).toMatchObject({ kind: 'item', points: 1 });
    expect(b.score).toBe(90);
    expect(b.items).toEqual({ leaders: null });
    expect(units.map((u) => [u.unit, u.rank])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
  });

  it('ranks ties together and in name order, events of units not listed are scored too', () => {
    const units = scoreAssessment({ units: ['乙', '甲', '丙'], events: [ev('behind', '丙'), ev('behind', '丁')], rules: rules(), entries: none });
    expect(units.map((u) => [u.unit, u.score, u.rank])).toEqual([
      ['甲', 100, 1],
      ['乙', 100, 1],
      ['丙', 98, 3],
      ['丁', 98, 3],
    ]);
  });

  it('a kind worth 0 points lists no events', () => {
    const [unit] = scoreAssessment({ units: ['A'], events: [ev('year-end-done', 'A')], rules: rules(), entries: none });
    expect(unit!.events).toEqual([]);
  });
});
