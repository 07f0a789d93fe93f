/**
 * The plan's steps one by one, each on its own table: rows (checks that need no store, data-quality notes),
 * match (which target and which line a row stands for), compare (changes and the three-way base), warn
 * (two returns disagreeing, progress unchanged, copies between targets, the notes about a file as a whole).
 * The store's side is given as a PlanContext of plain targets, the readers' side as ParsedTarget.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../shared/contract';
import type { Quarter } from '../../shared/domain';
import type { ImportedValue } from '../../electron/db/repos/returns';
import type { ParsedLine, ParsedOverview, ParsedTarget } from '../../electron/excel/overviewReader';
import { compareLine, compareRow, roleOn } from '../../electron/services/import/compare';
import { emptyFieldWarnings, quarterMismatchNote } from '../../electron/services/import/fileWarnings';
import { emptyMatchTally, matchLine, matchRow } from '../../electron/services/import/match';
import type { PlanContext } from '../../electron/services/import/planContext';
import { dateSerialOf, qualityNotes, refusals, rowsOf, whereOf } from '../../electron/services/import/rows';
import { duplicateProgress, returnConflicts, unchangedProgress } from '../../electron/services/import/warn';

type Line = Target['assignments'][number];
const NOW = '2024-01-01T00:00:00.000Z';

function line(id: number, leaders: string[], leadUnits: string[], progress: [Quarter, string, string][] = [], cooperatingUnits: string[] = []): Line {
  return { id, leaders, leadUnits, cooperatingUnits, progress: progress.map(([quarter, text, onScheduleText]) => ({ quarter, text, onSchedule: onScheduleText === '是' ? 'yes' : onScheduleText === '否' ? 'no' : null, onScheduleText, updatedAt: NOW })) };
}

function target(id: number, serial: number, content: string, assignments: Line[], deadline = '年底'): Target {
  return { id, year: 2024, serial, content, deadline, deadlineKind: 'year-end', deadlineDue: null, sectionId: null, sourceText: '', version: 1, updatedAt: NOW, assignments };
}

function parsedLine(row: number, p: Partial<ParsedLine> = {}): ParsedLine {
  return { leaders: [], units: [], cooperatingUnits: null, progressText: '', onScheduleText: '', assignmentId: null, ref: { file: 'a.xlsx', sheet: 'S', row, column: 'A' }, ...p };
}

function parsed(serial: number, p: Partial<ParsedTarget> = {}, lines: Partial<ParsedLine>[] = [{}]): ParsedTarget {
  const row = p.ref?.row ?? serial + 3;
  return {
    serial,
    content: '',
    deadline: '年底',
    targetId: null,
    ref: { file: 'a.xlsx', sheet: 'S', row, column: 'A' },
    columns: { serial: 'A', leaders: 'B', content: 'C', deadline: 'D', progress: 'E', onSchedule: 'F', units: 'G' },
    ...p,
    lines: lines.map((l, i) => parsedLine(row + i, l)),
  };
}

function ctxOf(targets: Target[], quarter: Quarter = 3, imported: [number, ImportedValue][] = []): PlanContext {
  return {
    year: 2024,
    quarter,
    names: { isKnownLeader: () => true, isKnownUnit: () => true, canonicalUnit: (n: string) => n },
    existing: targets,
    bySerial: new Map(targets.map((t) => [t.serial, t])),
    byId: new Map(targets.map((t) => [t.id, t])),
    maxSerial: targets.reduce((m, t) => Math.max(m, t.serial), 0),
    serialOfAssignment: new Map(targets.flatMap((t) => t.assignments.map((a) => [a.id, t.serial] as const))),
    imported: new Map(imported),
    cooperatingNow: new Map(),
  };
}

function overview(targets: ParsedTarget[], p: Partial<ParsedOverview> = {}): ParsedOverview {
  return { file: 'a.xlsx', sheets: [], title: '', city: null, year: 2024, quarter: 3, targets, notes: [], ...p };
}

const codes = (notes: { code: string }[]) => notes.map((n) => n.code);

describe('rows: refused whatever the store holds', () => {
  it.each([
    ['a plain target', parsed(1, { content: '新增规上企业100家' }, [{ units: ['市工信局'], leaders: ['李春英'], onScheduleText: '是' }]), []],
    ['a serial that is an Excel date', parsed(45261), ['cell-misfit']],
    ['a paragraph as the status', parsed(2, {}, [{ onScheduleText: '上半年已完成全年任务的百分之六十，预计年底前可全面完成。' }]), ['cell-misfit']],
    ['否 as a unit', parsed(3, {}, [{ units: ['否'] }]), ['cell-misfit']],
    ['a date as a leader', parsed(4, {}, [{ leaders: ['2024-06-30'] }]), ['cell-misfit']],
    ['content longer than a cell takes', parsed(5, { content: '长'.repeat(40_000) }), ['cell-too-long']],
  ])('%s', (_, t, expected) => {
    expect(codes(refusals(t, 39, whereOf(t)))).toEqual(expected);
  });

  it.each([
    [45261, 39, '2023年12月1日'],
    [45261, 40_000, null],
    [40, 39, null],
  ])('dateSerialOf(%i) beside serials up to %i', (serial, max, expected) => {
    expect(dateSerialOf(serial, max)).toBe(expected);
  });
});

describe('rows: data-quality notes', () => {
  it.each([
    ['nothing to say', parsed(1, { content: '新增规上企业100家' }, [{ progressText: '新增42家', onScheduleText: '是' }]), []],
    ['empty content', parsed(1, { content: '' }, [{ progressText: '新增42家', onScheduleText: '是' }]), ['empty-content']],
    ['an unreadable deadline', parsed(1, { content: '甲', deadline: '看情况' }, [{}]), ['deadline-unreadable']],
    ['content equal to progress', parsed(1, { content: '新增42家' }, [{ progressText: '新增42家', onScheduleText: '是' }]), ['content-equals-progress']],
    ['progress without status', parsed(1, { content: '甲' }, [{ progressText: '新增42家' }]), ['on-schedule-missing']],
    ['a status in words of its own', parsed(1, { content: '甲' }, [{ progressText: '新增42家', onScheduleText: '达序推进' }]), ['on-schedule-mapped']],
    ['a status that says nothing', parsed(1, { content: '甲' }, [{ progressText: '新增42家', onScheduleText: '见附件' }]), ['on-schedule-unknown']],
  ])('%s', (_, t, expected) => {
    const notes = qualityNotes(t, 2024, whereOf(t));
    expect(codes(notes).filter((c) => c !== 'on-schedule-mapped' || expected.includes(c))).toEqual(expected);
  });

  it('rowsOf keeps the order read, refuses the unreadable, and tallies the names the store lacks', () => {
    const ctx = { ...ctxOf([]), names: { isKnownLeader: (n: string) => n === '李春英', isKnownUnit: () => false, canonicalUnit: (n: string) => n } };
    const { rows, tally } = rowsOf([overview([parsed(2, { content: '乙' }, [{ leaders: ['王五'], units: ['市新局'] }]), parsed(45261)])], ctx);
    expect(rows.map((r) => [r.t.serial, r.readable, r.item.status])).toEqual([
      [2, true, 'unchanged'],
      [45261, false, 'error'],
    ]);
    expect([...tally.newLeaders]).toEqual(['王五']);
    expect([...tally.newUnits]).toEqual(['市新局']);
  });
});

describe('match', () => {
  const t6 = target(6, 6, '地区生产总值增长5.5%左右', [line(61, ['李春英'], ['市发展改革委']), line(62, ['聂元科'], ['市统计局'])]);
  it.each([
    ['by hidden id', parsedLine(1, { assignmentId: 62 }), 0, [], [], 62],
    ['by lead unit', parsedLine(1, { units: ['市统计局'] }), 0, ['市统计局'], [], 62],
    ['by leaders', parsedLine(1, { leaders: ['聂元科'] }), 0, [], [], 62],
    ['by position', parsedLine(1), 1, [], [], 62],
    ['by position, already taken', parsedLine(1), 1, [], [62], undefined],
    ['a unit the target lacks, past its lines', parsedLine(1, { units: ['市财政局'] }), 2, ['市财政局'], [], undefined],
  ])('a line %s', (_, l, index, lead, taken, expected) => {
    expect(matchLine(t6, l, index, lead, new Set(taken))?.id).toBe(expected);
  });

  it.each([
    ['a serial the store lacks is new', parsed(40, { content: '新建城乡书房10处' }), 'new', 'new'],
    ['the same content is the same target', parsed(6, { content: '地区生产总值增长5.5%左右' }), 'existing', 'unchanged'],
    ['content far from its serial\'s target is a conflict', parsed(6, { content: '新建城乡书房10处，改造乡镇综合文化站' }), 'refused', 'conflict'],
    ['an unknown hidden id falls back to the serial', parsed(6, { content: '地区生产总值增长5.5%左右', targetId: 999 }), 'existing', 'unchanged'],
  ])('%s', (_, t, kind, status) => {
    const [row] = rowsOf([overview([t])], ctxOf([t6])).rows;
    const m = matchRow(row!, ctxOf([t6]), emptyMatchTally());
    expect([m.kind, row!.item.status]).toEqual([kind, status]);
  });

  it('a serial twice among new rows: the second is an error; a new line met in a second file is added once', () => {
    const ctx = ctxOf([t6]);
    const tally = emptyMatchTally();
    const { rows } = rowsOf([overview([parsed(40, { content: '甲' }), parsed(40, { content: '甲', ref: { file: 'a.xlsx', sheet: 'S', row: 50, column: 'A' } })])], ctx);
    expect(rows.map((r) => matchRow(r, ctx, tally).kind)).toEqual(['new', 'refused']);
    expect(codes(rows[1]!.item.notes)).toEqual(['duplicate-serial']);
    const extra = [{}, {}, { units: ['市财政局'] }];
    const twice = rowsOf([overview([parsed(6, { content: '地区生产总值增长5.5%左右' }, extra)]), overview([parsed(6, { content: '地区生产总值增长5.5%左右' }, extra)], { file: 'b.xlsx' })], ctx).rows;
    const lines = twice.map((r) => matchRow(r, ctx, tally)).map((m) => (m.kind === 'existing' ? m.lines.map((l) => l.match?.id ?? null) : []));
    expect(lines).toEqual([[61, 62, null], [61, 62]]);
    expect(codes(twice[1]!.item.notes)).toEqual(['duplicate-line']);
  });
});

describe('compare', () => {
  const l = line(61, ['李春英'], ['市发展改革委'], [[3, '增长5.2%', '是']]);
  const names = ctxOf([]).names;
  const at = { file: 'a.xlsx', row: 4 };
  it.each([
    ['the same as the store', { progressText: '增长5.2%', onScheduleText: '是' }, undefined, [], null],
    ['new progress', { progressText: '增长5.6%' }, undefined, [['progress', '增长5.2%', '增长5.6%']], null],
    ['a status changed', { onScheduleText: '否' }, undefined, [['onSchedule', '是', '否']], null],
    ['other leaders', { leaders: ['聂元科'] }, undefined, [['leaders', '李春英', '聂元科']], null],
    ['the file as its base while the store moved on: kept', { progressText: '增长5.0%' }, { text: '增长5.0%', onScheduleText: '' }, [], 'kept-newer'],
    ['all three differ: a conflict', { progressText: '增长5.9%' }, { text: '增长5.0%', onScheduleText: '是' }, [['progress', '增长5.2%', '增长5.9%']], 'three-way-conflict'],
    ['the store as the base: the file is taken', { progressText: '增长5.9%' }, { text: '增长5.2%', onScheduleText: '是' }, [['progress', '增长5.2%', '增长5.9%']], null],
  ])('%s', (_, p, base, expected, noteCode) => {
    const changes: { field: string; before: string; after: string }[] = [];
    const notes: { code: string }[] = [];
    const r = compareLine(parsedLine(4, p), l, 3, names, { index: 0, fixed: false, base, serial: 6, at }, changes as never, notes as never);
    expect(changes.map((c) => [c.field, c.before, c.after])).toEqual(expected);
    expect(notes.map((n) => n.code)[0] ?? null).toBe(noteCode);
    expect(r.threeWay).toBe(noteCode === 'three-way-conflict');
  });

  it('a fixed (template) line changes neither leaders nor units', () => {
    const changes: never[] = [];
    compareLine(parsedLine(4, { leaders: ['聂元科'], units: ['市统计局'] }), l, 3, names, { index: 0, fixed: true, base: undefined, serial: 6, at }, changes, []);
    expect(changes).toEqual([]);
  });

  it.each([
    ['an overview speaks for the lead unit', { owner: null, by: null }, 'lead'],
    ['the lead unit\'s template', { owner: '市发展改革委', by: 'unit' }, 'lead'],
    ['a cooperating unit\'s template', { owner: '市统计局', by: 'unit' }, 'cooperating'],
    ['a leader\'s template', { owner: '李春英', by: 'leader' }, 'lead'],
  ] as const)('%s', (_, who, role) => {
    const withCo = line(61, ['李春英'], ['市发展改革委'], [], ['市统计局']);
    expect(roleOn(withCo, { ...who, metaLines: new Map(), generatedAt: null })).toBe(role);
  });

  it('compareRow: a new target, an update with its changes, an unchanged row without action', () => {
    const t6 = target(6, 6, '地区生产总值增长5.5%左右', [l]);
    const ctx = ctxOf([t6]);
    const tally = emptyMatchTally();
    const { rows } = rowsOf([overview([parsed(6, { content: '地区生产总值增长5.5%左右' }, [{ progressText: '增长5.6%', onScheduleText: '是' }]), parsed(7, { content: '乙' }), parsed(6, { content: '地区生产总值增长5.5%左右', ref: { file: 'a.xlsx', sheet: 'S', row: 60, column: 'A' } })])], ctx);
    const out = rows.map((r) => compareRow(matchRow(r, ctx, tally), ctx));
    expect(out.map((c) => [c.matched.row.item.status, c.action?.status ?? null, c.claims.length])).toEqual([
      ['updated', 'updated', 1],
      ['new', 'new', 0],
      ['unchanged', null, 0],
    ]);
  });
});

describe('warn', () => {
  const t6 = target(6, 6, '地区生产总值增长5.5%左右', [line(61, ['李春英'], ['市发展改革委'], [[2, '增长5.1%', '是']])]);
  const planned = (files: ParsedOverview[], quarter: Quarter = 3) => {
    const ctx = ctxOf([t6], quarter);
    const tally = emptyMatchTally();
    const r = rowsOf(files, ctx);
    return { ctx, tally: r.tally, compared: r.rows.filter((x) => x.readable).map((x) => compareRow(matchRow(x, ctx, tally), ctx)) };
  };
  const q3 = (progressText: string, file = 'a.xlsx') => overview([parsed(6, { content: '地区生产总值增长5.5%左右', ref: { file, sheet: 'S', row: 9, column: 'A' } }, [{ progressText, onScheduleText: '是' }])], { file });

  it.each([
    ['two files saying the same', ['增长5.6%', '增长5.6%'], ['updated', 'updated']],
    ['two files disagreeing', ['增长5.6%', '增长5.8%'], ['conflict', 'conflict']],
  ])('returnConflicts: %s', (_, texts, statuses) => {
    const { compared } = planned([q3(texts[0]!, 'a.xlsx'), q3(texts[1]!, 'b.xlsx')]);
    returnConflicts(compared);
    expect(compared.map((c) => c.matched.row.item.status)).toEqual(statuses);
  });

  it.each([
    ['Q3 text equal to Q2, a Q3 file: warned at the line', 3, 3, ['unchanged-progress'], [0]],
    ['Q2 text in a Q2 file going into Q3: counted, not warned', 2, 3, [], [1]],
    ['new text', 3, 3, [], [0]],
  ] as const)('unchangedProgress: %s', (name, fileQuarter, quarter, expected, counted) => {
    const file = { ...q3(name === 'new text' ? '增长5.9%' : '增长5.1%'), quarter: fileQuarter as Quarter };
    const { compared, ctx } = planned([file], quarter);
    expect(unchangedProgress(compared, [file], ctx)).toEqual(counted);
    expect(codes(compared[0]!.matched.row.item.notes)).toEqual(expected);
  });

  it('duplicateProgress: the same text on two targets', () => {
    const file = overview([parsed(6, { content: '地区生产总值增长5.5%左右' }, [{ progressText: '全市上下共同努力完成目标', onScheduleText: '是' }]), parsed(7, { content: '乙' }, [{ progressText: '全市上下共同努力完成目标', onScheduleText: '是' }])]);
    const { tally, compared } = planned([file]);
    duplicateProgress(tally);
    expect(compared.map((c) => codes(c.matched.row.item.notes))).toEqual([['duplicate-progress'], ['duplicate-progress']]);
  });

  const sheet = (columns: ParsedOverview['sheets'][number]['columns']) => ({ sheet: 'S', headerRow: 2, signature: 'x', columns });
  it.each([
    ['leaders empty, a column with values ignored', [{ column: 'B', header: '经办科室', role: null, source: null, hasValues: true }], [{}], ['市政府领导', '责任单位', '是否按计划完成进度']],
    ['the ignored column is empty', [{ column: 'B', header: '备注', role: null, source: null, hasValues: false }], [{}], []],
    ['set aside by the user', [{ column: 'B', header: '经办科室', role: null, source: 'user', hasValues: true }], [{}], []],
    ['fields filled on most lines', [{ column: 'B', header: '经办科室', role: null, source: null, hasValues: true }], [{ leaders: ['甲'], units: ['市局'], onScheduleText: '是' }, { leaders: ['乙'], units: ['市局'], onScheduleText: '是' }, {}], []],
  ] as const)('emptyFieldWarnings: %s', (_, columns, lines, fields) => {
    const file = overview([parsed(1, {}, lines as unknown as Partial<ParsedLine>[])], { sheets: [sheet(columns as never)] });
    expect(emptyFieldWarnings(file).map((n) => /没有读到“(.+?)”/.exec(n.message)![1])).toEqual(fields);
  });

  it.each([
    [3, 3, 0, null],
    [null, 4, 0, null],
    [3, 4, 0, '文件“a.xlsx”的完成情况列是“三季度完成情况”，是三季度的表，本次却要导入四季度'],
    [3, 4, 39, '其中 39 条完成情况与库中三季度的完全相同'],
  ] as const)('quarterMismatchNote: file of Q%s into Q%s', (own, into, same, expected) => {
    const file = overview([], { quarter: own, sheets: [sheet([{ column: 'E', header: '三季度完成情况', role: 'progress', source: 'header' }])] });
    const n = quarterMismatchNote(file, into, same);
    if (expected === null) expect(n).toBeNull();
    else expect(n!.message).toContain(expected);
  });
});
