/**
 * Every export read back by another program: LibreOffice converts the workbooks to CSV (one run for all of
 * them) and each cell is compared with what the store holds — serial, leaders, content, deadline, progress,
 * 是/否/基本, units, and nothing in the cells a merge covers. The expected rows are built here from the
 * targets the service loads, not by the writer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, Target } from '../../shared/contract';
import { quarterLabel, type Quarter } from '../../shared/domain';
import { loadTargets } from '../../electron/db/repos/targets';
import { exportOverview, overviewExportInput, type OverviewExportOptions } from '../../electron/services/export';
import { exportTemplates } from '../../electron/services/templates';
import { parseCsv, toCsv } from '../helpers/libreoffice';
import { openCore } from '../helpers/store';

type Core = Awaited<ReturnType<typeof openCore>>;

const LABEL = { yes: '是', no: '否', basic: '基本' } as const;
const units = (a: Assignment) => [...a.leadUnits, ...a.cooperatingUnits].join(' ');

/** The overview's body as the store says it should read: one row per line, serial/content/deadline on a target's first line only. */
function overviewRows(targets: Target[], quarter: Quarter): string[][] {
  return targets.flatMap((t) =>
    (t.assignments.length > 0 ? t.assignments : [null]).map((a, i) => {
      const p = a?.progress.find((x) => x.quarter === quarter);
      return [
        i === 0 ? String(t.serial) : '',
        a ? a.leaders.join(' ') : '',
        i === 0 ? t.content : '',
        i === 0 ? t.deadline : '',
        p?.text ?? '',
        p?.onSchedule ? LABEL[p.onSchedule] : '',
        a ? units(a) : '',
      ];
    }),
  );
}

/** A unit's template body: its lines only, the previous quarter's progress beside this one's, the hidden ids last. */
function templateRows(targets: Target[], unit: string, quarter: Quarter): string[][] {
  return targets.flatMap((t) =>
    t.assignments
      .filter((a) => a.leadUnits.includes(unit) || a.cooperatingUnits.includes(unit))
      .map((a, i) => {
        const previous = a.progress.find((p) => p.quarter === quarter - 1);
        // A line the unit only cooperates on starts from its own return (none here), never the lead unit's text.
        const cooperates = !a.leadUnits.includes(unit);
        const current = cooperates ? undefined : a.progress.find((p) => p.quarter === quarter);
        return [
          i === 0 ? String(t.serial) : '',
          a.leaders.join(' '),
          i === 0 ? t.content : '',
          i === 0 ? t.deadline : '',
          previous?.text ?? '',
          current?.text ?? '',
          current?.onSchedule ? LABEL[current.onSchedule] : (current?.onScheduleText ?? ''),
          units(a),
          cooperates ? '配合' : '牵头',
          String(t.id),
          String(a.id),
        ];
      }),
  );
}

const HEADER = (q: Quarter) => ['序号', '市政府领导', '责任目标内容', '完成时限', `${quarterLabel(q)}完成情况`, '是否按计划完成进度', '责任单位'];

interface Export {
  name: string;
  bytes: Buffer;
  options?: OverviewExportOptions;
}

let core: Core;
let sheets: Map<string, Map<string, string[][]>>;
const lineOf = (serial: number, ord: number) =>
  (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = ? ORDER BY a.ord LIMIT 1 OFFSET ?').get(serial, ord) as { id: number }).id;
const storeTargets = () => loadTargets(core.db, { planId: (core.db.prepare('SELECT id FROM plans WHERE year = 2023').get() as { id: number }).id });
let templateUnit = '';

beforeAll(async () => {
  core = await openCore(undefined, true);
  // The seed says 是 on every line: give the store every value a cell can hold, and text that CSV must
  // quote (comma, quote, line break) or that looks like a formula.
  await core.invoke('progress.save', { assignmentId: lineOf(5, 0), quarter: 3, text: '进度滞后，"双引号"与英文逗号, 在一格\n第二行', onSchedule: 'no' });
  await core.invoke('progress.save', { assignmentId: lineOf(26, 1), quarter: 3, onSchedule: 'basic' });
  await core.invoke('progress.save', { assignmentId: lineOf(7, 0), quarter: 3, text: '=SUM(A1:A2)', onSchedule: null });
  await core.invoke('progress.save', { assignmentId: lineOf(36, 0), quarter: 4, text: '四季度已完成', onSchedule: 'yes' });
  const exports: Export[] = [];
  for (const [name, options] of [
    ['single', { year: 2023, quarter: 3, layout: 'single' }],
    ['two-block', { year: 2023, quarter: 3, layout: 'two-block' }],
    ['by leader', { year: 2023, quarter: 3, layout: 'single', leader: '聂元科' }],
    ['behind schedule', { year: 2023, quarter: 3, layout: 'two-block', behindOnly: true }],
  ] as [string, OverviewExportOptions][]) {
    exports.push({ name, options, bytes: await exportOverview(core, options) });
  }
  // The template of the unit with most lines, in the fourth quarter (the third shown as the previous one).
  const templates = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
  const lines = new Map<string, number>();
  for (const t of storeTargets()) for (const a of t.assignments) for (const u of new Set([...a.leadUnits, ...a.cooperatingUnits])) lines.set(u, (lines.get(u) ?? 0) + 1);
  templateUnit = [...lines].sort((a, b) => b[1] - a[1])[0]![0];
  const file = templates.find((f) => f.fileName.startsWith(`${templateUnit}_`));
  if (!file) throw new Error(`no template for ${templateUnit}`);
  exports.push({ name: 'template', bytes: file.bytes });
  const csv = toCsv(exports.map((e) => e.bytes));
  sheets = new Map(exports.map((e, i) => [e.name, csv[i]!]));
}, 120_000);

afterAll(() => core.close());

const sheet = (name: string, title = '一览表'): string[][] => {
  const rows = sheets.get(name)?.get(title);
  if (!rows) throw new Error(`${name}: no sheet ${title}`);
  return rows;
};

/** Title, paragraph and header as the service's input words them, the merged cells after them empty. */
function expectHead(rows: string[][], options: OverviewExportOptions, blocks: number): void {
  const input = overviewExportInput(core, options);
  const width = 7 * blocks;
  expect(rows[0]).toEqual([expect.stringContaining(`${input.year}年`), ...Array<string>(width - 1).fill('')]);
  expect(rows[0]![0]).toContain(quarterLabel(input.quarter));
  expect(rows[1]).toEqual([expect.stringContaining('39项'), ...Array<string>(width - 1).fill('')]);
  expect(rows[2]).toEqual(Array.from({ length: blocks }, () => HEADER(input.quarter)).flat());
}

describe('exports read back by LibreOffice (CSV)', () => {
  it('the parser reads RFC 4180: quoted commas, doubled quotes, line breaks inside a field, CRLF', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\r\ny",,z\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x\ny', '', 'z'],
    ]);
    expect(parseCsv('\ufeff1,2')).toEqual([['1', '2']]);
    expect(() => parseCsv('"open')).toThrow(/quoted/);
  });

  it('single table: every line of the store, cell by cell', () => {
    const options: OverviewExportOptions = { year: 2023, quarter: 3, layout: 'single' };
    const rows = sheet('single');
    expectHead(rows, options, 1);
    const targets = overviewExportInput(core, options).targets;
    expect(targets).toHaveLength(39);
    const body = overviewRows(targets, 3);
    expect(body).toHaveLength(40);
    expect(rows.slice(3)).toEqual(body);
    // What the store was given survives: quotes, commas and the line break; the formula-looking text as text.
    expect(rows.slice(3).map((r) => r[4])).toContain('进度滞后，"双引号"与英文逗号, 在一格\n第二行');
    expect(rows.slice(3).map((r) => r[4])).toContain('=SUM(A1:A2)');
    expect(new Set(rows.slice(3).map((r) => r[5]))).toEqual(new Set(['是', '否', '基本', '']));
  });

  it('two blocks: the left block then the right one read as the single table, split between targets', () => {
    const options: OverviewExportOptions = { year: 2023, quarter: 3, layout: 'two-block' };
    const rows = sheet('two-block');
    expectHead(rows, options, 2);
    const body = overviewRows(overviewExportInput(core, options).targets, 3);
    const left = rows.slice(3).map((r) => r.slice(0, 7));
    const right = rows.slice(3).map((r) => r.slice(7, 14));
    const filled = (block: string[][]) => {
      // A shorter block ends in empty rows, never has one in between.
      const n = block.findIndex((r) => r.every((c) => c === ''));
      if (n >= 0) expect(block.slice(n).every((r) => r.every((c) => c === ''))).toBe(true);
      return n < 0 ? block : block.slice(0, n);
    };
    const l = filled(left);
    const r = filled(right);
    expect([...l, ...r]).toEqual(body);
    expect(rows.length - 3).toBe(Math.max(l.length, r.length));
    // The right block starts with a target's first line; the blocks hold about half the lines each.
    expect(r[0]![0]).not.toBe('');
    expect(Math.abs(l.length - r.length)).toBeLessThanOrEqual(2);
  });

  it('filtered by leader and behind schedule: exactly the lines the filter keeps, target fields on each target’s first kept line', () => {
    const byLeader: OverviewExportOptions = { year: 2023, quarter: 3, layout: 'single', leader: '聂元科' };
    const rows = sheet('by leader');
    expectHead(rows, byLeader, 1);
    const kept = overviewExportInput(core, byLeader).targets;
    expect(rows.slice(3)).toEqual(overviewRows(kept, 3));
    // The same lines the store has for that leader, counted without the service.
    const theirs = storeTargets().flatMap((t) => t.assignments.filter((a) => a.leaders.includes('聂元科')));
    expect(rows.length - 3).toBe(theirs.length);
    for (const r of rows.slice(3)) expect(r[1]!.split(' ')).toContain('聂元科');

    const behind: OverviewExportOptions = { year: 2023, quarter: 3, layout: 'two-block', behindOnly: true };
    const b = sheet('behind schedule');
    expectHead(b, behind, 2);
    const late = overviewExportInput(core, behind).targets;
    expect(late.map((t) => t.serial)).toEqual([5]);
    const all = b.slice(3).flatMap((r) => [r.slice(0, 7), r.slice(7, 14)]).filter((r) => r.some((c) => c !== ''));
    expect(all).toEqual(overviewRows(late, 3));
    expect(all[0]![5]).toBe('否');
  });

  it('a unit’s template: its lines with both quarters, the 是/否 cell, the hidden ids; merged cells empty', () => {
    const rows = sheet('template', '报送表');
    expect(rows[0]![0]).toBe(`${templateUnit}2023年责任目标四季度工作推进情况报送表`);
    expect(rows[2]).toEqual(['序号', '市政府领导', '责任目标内容', '完成时限', '上季度完成情况', '四季度完成情况', '是否按计划完成进度', '责任单位', '本单位职责', '目标ID', '分工ID']);
    const expected = templateRows(storeTargets(), templateUnit, 4);
    expect(expected.length).toBeGreaterThan(3);
    expect(rows.slice(3)).toEqual(expected);
    // The previous quarter is the seed's third: every line shows it.
    expect(rows.slice(3).every((r) => r[4] !== '')).toBe(true);
  });
});
