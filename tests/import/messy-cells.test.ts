/**
 * messy-cells.xlsx (re-saved by LibreOffice): every kind of dirty cell DOMAIN.md lists, one per row, and
 * what a user must see for each after the import.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, Note, Target } from '../../shared/contract';
import { parseOnSchedule } from '../../shared/domain';
import { expectNotesChinese, fixture, openCore, targetBySerial, type Core } from './helpers';

const FILE = 'messy-cells.xlsx';
let core: Core;
let preview: ImportPreview;
let notes: Note[];
const t: Record<number, Target> = {};

beforeAll(async () => {
  core = await openCore();
  preview = await core.invoke('import.preview', { files: [fixture(FILE)] });
  notes = [...preview.notes, ...preview.items.flatMap((i) => i.notes)];
  await core.invoke('import.apply', { files: [fixture(FILE)] });
  for (const s of [1, 2, 3, 4, 5, 6, 7, 8, 9, 12]) t[s] = await targetBySerial(core, s);
  return () => core.close();
});

const line = (serial: number) => t[serial]!.assignments[0]!;
const report = (serial: number) => line(serial).progress.find((p) => p.quarter === 3);

describe('messy-cells.xlsx', () => {
  it('reads 10 targets for Q3 2024, serials in order (full-width １２, text "2", a formula giving 3)', () => {
    expect(preview).toMatchObject({ year: 2024, quarter: 3 });
    expect(preview.summary).toMatchObject({ targetsNew: 10, targetsUpdated: 0, targetsUnchanged: 0, conflicts: 0, errors: 0, linesNew: 10 });
    expect(preview.items.map((i) => i.serial)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 12]);
    expect(preview.items.map((i) => i.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('rich text is read as its plain text; stray spaces are trimmed', () => {
    expect(t[1]!.content).toBe('统筹抓好青年发展友好型城市创建');
    expect(t[9]!.content).toBe('新签约过亿元项目300个以上');
    expect(line(9)).toMatchObject({ leaders: ['王昌华'], leadUnits: ['市投资促进局'] });
  });

  it('names separated by spaces, 、, ，, ; and line breaks; 张　鹏 is one name', () => {
    const names = (s: number) => [line(s).leaders, line(s).leadUnits, line(s).cooperatingUnits];
    expect(names(1)).toEqual([['聂元科', '王昌华'], ['团市委'], ['市人力资源社会保障局']]);
    expect(names(2)).toEqual([['李春英', '张鹏'], ['市财政局'], ['市税务局']]);
    expect(names(3)).toEqual([['张鹏'], ['市人力资源社会保障局'], ['市统计局']]);
    // Units stacked one per line: the first leads.
    expect(names(4)).toEqual([['肖友华', '聂元科'], ['市自然资源和规划局'], ['市住房城乡建设局', '市水务局']]);
    expect(names(12)).toEqual([['张三'], ['市住房城乡建设局'], []]);
    expect(preview.newNames.leaders).toContain('张鹏');
    expect(preview.newNames.leaders.some((n) => /\s|\u3000/.test(n) || [...n].length < 2)).toBe(false);
  });

  it('"/", "—" and "无" are empty cells', () => {
    expect(line(7).leaders).toEqual([]);
    expect(report(7)).toMatchObject({ text: '', onSchedule: 'yes', onScheduleText: '办结' });
    expect(line(8)).toMatchObject({ leadUnits: [], cooperatingUnits: [] });
    expect(JSON.stringify(t)).not.toMatch(/"\/"|"—"|"无"/);
  });

  it('a number stored as text stays text', () => {
    expect(report(9)).toMatchObject({ text: '286', onSchedule: 'yes', onScheduleText: '是' });
  });

  it('deadlines: the typed text kept (line break removed), with its reading', () => {
    expect([1, 2, 3, 4, 5, 7, 8, 12].map((s) => [s, t[s]!.deadline, t[s]!.deadlineKind, t[s]!.deadlineDue])).toEqual([
      [1, '3月底前', 'month', '2024-03-31'],
      // normalizeDeadline makes the full-width comma half-width.
      [2, '6月开工，年内完工', 'year-end', '2024-12-31'],
      [3, '第四季度', 'quarter', '2024-12-31'],
      [4, '2024-2025', 'multi-year', '2025-12-31'],
      [5, '年底', 'year-end', '2024-12-31'],
      [7, '长期坚持', 'long-term', null],
      [8, '待研究', 'unknown', null],
      [12, '9月底前', 'month', '2024-09-30'],
    ]);
  });

  it('an unreadable deadline is a warning at its cell', () => {
    expect(notes).toContainEqual({
      severity: 'warning',
      code: 'deadline-unreadable',
      message: expect.stringMatching(/第8项.*“待研究”/),
      where: { file: FILE, sheet: 'Sheet1', row: 10, column: 'D' },
    });
  });

  it('status words keep their wording and map as parseOnSchedule says', () => {
    const words: [number, string, 'yes' | 'no' | 'basic' | null][] = [
      [1, '达序推进', 'yes'],
      [2, '顺利推进', 'yes'],
      [3, '部分滞后', 'no'],
      [4, '滞后1个月', 'no'],
      [5, '65%', null],
      [6, '80%（进度滞后）', 'no'],
      [7, '办结', 'yes'],
      [12, '正常推进', 'yes'],
    ];
    for (const [serial, text, value] of words) {
      expect(parseOnSchedule(text).value).toBe(value);
      expect(report(serial), `第${serial}项`).toMatchObject({ onScheduleText: text, onSchedule: value });
    }
  });

  it('65% cannot be read as 是/否: a warning at Sheet1 row 7 column F, kept as typed', () => {
    expect(notes).toContainEqual({
      severity: 'warning',
      code: 'on-schedule-unknown',
      message: expect.stringMatching(/第5项.*“65%”/),
      where: { file: FILE, sheet: 'Sheet1', row: 7, column: 'F' },
    });
    expect(report(5)).toMatchObject({ text: '前三季度,新增规模以上服务业企业33家', onSchedule: null, onScheduleText: '65%' });
  });

  it('other wordings are said to be mapped, each at its cell', () => {
    const mapped = notes.filter((n) => n.code === 'on-schedule-mapped');
    expect(mapped.map((n) => [n.where.row, n.where.column, n.where.sheet, n.where.file])).toEqual(
      [3, 4, 5, 6, 8, 9, 12].map((row) => [row, 'F', 'Sheet1', FILE]),
    );
    expect(mapped.find((n) => n.where.row === 8)!.message).toMatch(/“80%（进度滞后）”按“否”处理/);
  });

  it('every message is Chinese', () => {
    expectNotesChinese(notes);
    expect(notes.filter((n) => n.severity === 'error')).toEqual([]);
  });
});
