/**
 * Tables written by other programs (tests/helpers/otherWriters.py): the seed's 39 targets written by
 * openpyxl (normal and write_only), xlsxwriter (shared strings, constant_memory's inline strings,
 * strings_to_numbers) and packages shaped by hand as other writers shape them (.NET's `x:` prefixes and
 * BOM, no `r` attributes, t="str"/"b"/"e" cells, character references, `_x000D_`, parts at other paths or
 * in other letter case). Each must read in the lean reader as exceljs reads it, or be declined by it, or
 * be one exceljs gets wrong that the lean reader gets right; and each must import to the seed's own list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportFile } from '../../shared/contract';
import type { ListedTarget } from '../../electron/services/listJson';
import { readSheetsLean } from '../../electron/excel/sheetXml';
import { writeOtherWorkbooks } from '../helpers/otherWriters';
import { expectNotesChinese, listed, openCore, ROOT, seen, silentColumns, viaExceljs } from './helpers';

/**
 * How the lean reader stands to exceljs on each file. same: the same texts, merges and hidden rows and
 * columns; exceljs-reads-nothing: exceljs throws or finds no cell (prefixed elements, rows without `r`,
 * sheets it looks for only at xl/worksheets/sheetN.xml); exceljs-keeps-escapes: exceljs shows `_x000D_`
 * of inline strings as text; exceljs-false-is-true: exceljs reads a boolean written `false` as true;
 * exceljs-misreads-dates: exceljs shows 2023-12-31 as 45291 (a built-in format of Chinese Excel it has no
 * code for) or as 2023 (an ISO date cell, t="d").
 */
const READS: Record<string, 'same' | 'exceljs-reads-nothing' | 'exceljs-keeps-escapes' | 'exceljs-false-is-true' | 'exceljs-misreads-dates'> = {
  'openpyxl-published.xlsx': 'same',
  'openpyxl-write-only.xlsx': 'same',
  'openpyxl-dates.xlsx': 'same',
  'chinese-builtin-dates.xlsx': 'exceljs-misreads-dates',
  'iso-dates.xlsx': 'exceljs-misreads-dates',
  'openpyxl-percent-status.xlsx': 'same',
  'openpyxl-two-row-header.xlsx': 'same',
  'xlsxwriter-published.xlsx': 'same',
  'xlsxwriter-constant-memory.xlsx': 'exceljs-keeps-escapes',
  'xlsxwriter-strings-to-numbers.xlsx': 'same',
  'unheaded-middle.xlsx': 'same',
  'unheaded-right.xlsx': 'same',
  'merged-units-header.xlsx': 'same',
  'header-crlf-fullwidth.xlsx': 'same',
  'quarter-sub-columns.xlsx': 'same',
  'sdk-prefixed.xlsx': 'exceljs-reads-nothing',
  'boolean-words.xlsx': 'exceljs-false-is-true',
  'workbook-elsewhere.xlsx': 'exceljs-reads-nothing',
  'no-refs-inline.xlsx': 'exceljs-reads-nothing',
  'rows-unnumbered.xlsx': 'exceljs-reads-nothing',
  'formula-strings.xlsx': 'same',
  'odd-paths.xlsx': 'exceljs-reads-nothing',
  'char-refs.xlsx': 'same',
  'upper-case-parts.xlsx': 'exceljs-reads-nothing',
  'case-mismatch.xlsx': 'exceljs-reads-nothing',
};

let seedList: ListedTarget[];
let files: Map<string, { file: string; what: string }>;

beforeAll(async () => {
  const core = await openCore();
  await core.invoke('import.apply', { files: [{ name: 'seed.xlsx', data: fs.readFileSync(path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx')).toString('base64') }] });
  seedList = listed(core);
  core.close();
  files = writeOtherWorkbooks(seedList);
});

/** Files with the header on row 1 and no title: the year and quarter are given, as the import screen asks for them. */
const NO_TITLE = new Set(['openpyxl-write-only.xlsx', 'xlsxwriter-strings-to-numbers.xlsx']);
const period = (name: string) => (NO_TITLE.has(name) ? { year: 2023, quarter: 3 as const } : {});

const importFile = (name: string): ImportFile => ({ name, data: fs.readFileSync(files.get(name)!.file).toString('base64') });

describe('workbooks written by other programs', () => {
  it('are every one the script writes, and each is in the table', () => {
    expect([...files.keys()].sort()).toEqual(Object.keys(READS).sort());
  });

  it.each(Object.entries(READS))('%s: the lean reader reads it as exceljs does (%s)', async (name, how) => {
    const bytes = fs.readFileSync(files.get(name)!.file);
    const lean = await readSheetsLean(bytes);
    const reference = await viaExceljs(bytes).catch(() => null);
    expect(lean).not.toBeNull();
    const leanSeen = lean!.map((s) => seen(s.grid));
    if (how === 'exceljs-reads-nothing') {
      expect(reference === null || reference.every((s) => seen(s.grid).cells.length === 0)).toBe(true);
      return;
    }
    expect(reference!.map((s) => [s.name, s.state])).toEqual(lean!.map((s) => [s.name, s.state]));
    const referenceSeen = reference!.map((s) => seen(s.grid));
    if (how === 'same') {
      expect(leanSeen).toEqual(referenceSeen);
    } else if (how === 'exceljs-misreads-dates') {
      // Equal but for the deadlines of 年底, which the lean reader shows as the date they are.
      const misread = name.startsWith('iso') ? '2023' : '45291';
      const at = (cells: string[], text: string) => cells.filter((c) => new RegExp(`^\\d+:3=${text}\\|$`).test(c)).map((c) => c.split('=')[0]);
      expect(at(leanSeen[0]!.cells, '2023-12-31').length).toBeGreaterThan(20);
      expect(at(referenceSeen[0]!.cells, misread)).toEqual(at(leanSeen[0]!.cells, '2023-12-31'));
      const rest = (cells: string[]) => cells.filter((c) => !/^\d+:3=(2023-12-31|2023|45291)\|$/.test(c));
      expect(rest(leanSeen[0]!.cells)).toEqual(rest(referenceSeen[0]!.cells));
    } else if (how === 'exceljs-keeps-escapes') {
      // Equal once exceljs's leftover escapes are read as the characters they stand for.
      const unescaped = referenceSeen.map((s) => ({ ...s, cells: s.cells.map((c) => c.replace(/_x000D_/g, '\r')) }));
      expect(referenceSeen).not.toEqual(leanSeen);
      expect(leanSeen).toEqual(unescaped);
    } else {
      const leanOnly = leanSeen[0]!.cells.filter((c) => !referenceSeen[0]!.cells.includes(c));
      const referenceOnly = referenceSeen[0]!.cells.filter((c) => !leanSeen[0]!.cells.includes(c));
      expect(leanOnly.length).toBeGreaterThan(0);
      expect(leanOnly.every((c) => /^\d+:7=否\|$/.test(c))).toBe(true);
      expect(referenceOnly).toEqual(leanOnly.map((c) => c.replace('否', '是')));
      // The script writes `true` on odd rows and `false` on even ones (an error on every seventh).
      const column = leanSeen[0]!.cells.filter((c) => /^\d+:7=[是否]\|$/.test(c));
      expect(column.length).toBeGreaterThan(30);
      for (const c of column) expect(c.endsWith(Number(c.split(':')[0]) % 2 === 1 ? '是|' : '否|')).toBe(true);
    }
  });

  /** Files whose cells say something else than the seed on purpose: tested on their own below. */
  const OWN_VALUES = new Set(['openpyxl-percent-status.xlsx']);
  /** Files with 年底 written as the date 2023-12-31: that is the deadline they import to. */
  const DATED = new Set(['openpyxl-dates.xlsx', 'chinese-builtin-dates.xlsx', 'iso-dates.xlsx']);
  const expected = (name: string) => (DATED.has(name) ? seedList.map((t) => (t.deadline === '年底' ? { ...t, deadline: '2023-12-31' } : t)) : seedList);

  it.each(Object.keys(READS).filter((n) => !OWN_VALUES.has(n)))('%s imports to the seed list, every column read or named', async (name) => {
    const core = await openCore();
    try {
      const f = importFile(name);
      const preview = await core.invoke('import.preview', { files: [f], ...period(name) });
      expect(preview).toMatchObject({ year: 2023, quarter: 3 });
      expect(preview.summary).toMatchObject({ targetsNew: 39, linesNew: 40, errors: 0 });
      expectNotesChinese([...preview.notes, ...preview.items.flatMap((i) => i.notes)]);
      expect(await silentColumns(fs.readFileSync(files.get(name)!.file), preview)).toEqual([]);
      await core.invoke('import.apply', { files: [f], ...period(name) });
      expect(listed(core)).toEqual(expected(name));
    } finally {
      core.close();
    }
  });

  it('has 年底 as a date in more than twenty targets of the dated files', () => {
    expect(expected('openpyxl-dates.xlsx').filter((t) => t.deadline === '2023-12-31').length).toBeGreaterThan(20);
  });

  it('percentages typed in Excel read as Excel shows them (65.5%, not 0.655), and tell the status column', async () => {
    const bytes = fs.readFileSync(files.get('openpyxl-percent-status.xlsx')!.file);
    const lean = (await readSheetsLean(bytes))!;
    const shown = new Set(lean[0]!.grid.cells.slice(2).map((row) => row[5]!.text));
    expect(shown).toEqual(new Set(['100%', '100.0%', '66%', '65.5%']));
    const core = await openCore();
    try {
      const preview = await core.invoke('import.preview', { files: [importFile('openpyxl-percent-status.xlsx')] });
      expect(preview.files[0]!.sheets[0]!.columns.find((c) => c.column === 'F')).toEqual({ column: 'F', header: '完成进度', role: 'onSchedule', source: 'content' });
      expect(await silentColumns(bytes, preview)).toEqual([]);
    } finally {
      core.close();
    }
  });

  it('says what it did not read: the hidden 备注 column, the hidden row, the hidden sheet', async () => {
    const core = await openCore();
    try {
      const preview = await core.invoke('import.preview', { files: [importFile('openpyxl-published.xlsx')] });
      expect(preview.notes.map((n) => n.message)).toEqual(expect.arrayContaining(['第H列「备注」是“备注”列，不导入，已忽略', '工作表“一览表”有 1 个隐藏行（第10行），已一并读取', '工作表“填表说明”是隐藏的，未读取']));
    } finally {
      core.close();
    }
  });

  it('reads `_x000D_` as the CR it stands for, and `_x005F_x000D_` as the literal text', async () => {
    const lean = (await readSheetsLean(fs.readFileSync(files.get('xlsxwriter-published.xlsx')!.file)))!;
    const texts = lean[0]!.grid.cells.flatMap((row) => row.map((c) => c.text));
    expect(texts).toContain('长期\r\n坚持');
    expect(texts).toContain('见附件_x000D_说明');
    expect(texts.filter((t) => t.includes('_x000D_'))).toEqual(texts.filter((t) => t === '见附件_x000D_说明'));
  });
  it('places a row written without its number where its cells say, past a row left out', async () => {
    const lean = (await readSheetsLean(fs.readFileSync(files.get('rows-unnumbered.xlsx')!.file)))!;
    expect(lean[0]!.grid.cells[1]!.every((c) => c.text === '')).toBe(true);
    expect(lean[0]!.grid.cells[2]![0]!.text).toBe('序号');
  });});

describe('no column is lost without a word', () => {
  async function preview(name: string) {
    const core = await openCore();
    try {
      return await core.invoke('import.preview', { files: [importFile(name)] });
    } finally {
      core.close();
    }
  }
  const ignored = (p: Awaited<ReturnType<typeof preview>>) => p.notes.filter((n) => /已忽略/.test(n.message)).map((n) => n.message);
  const roles = (p: Awaited<ReturnType<typeof preview>>) => Object.fromEntries(p.files[0]!.sheets[0]!.columns.map((c) => [c.column, c.role]));

  it('a column with no name between named ones is named as not read, and listed for the user to correct', async () => {
    const p = await preview('unheaded-middle.xlsx');
    expect(ignored(p)).toEqual(['第E列（无列名）未识别，已忽略']);
    expect(p.files[0]!.sheets[0]!.columns.find((c) => c.column === 'E')).toEqual({ column: 'E', header: '', role: null, source: null });
    const core = await openCore();
    try {
      const corrected = await core.invoke('import.preview', { files: [importFile('unheaded-middle.xlsx')], mapping: { 'unheaded-middle.xlsx': { E: 'ignore' } } });
      expect(ignored(corrected)).toEqual([]);
      expect(corrected.files[0]!.sheets[0]!.columns.find((c) => c.column === 'E')).toEqual({ column: 'E', header: '', role: null, source: 'user' });
    } finally {
      core.close();
    }
  });

  it('columns with no name right of the table, hidden or holding one cell, are named as not read', async () => {
    expect(ignored(await preview('unheaded-right.xlsx'))).toEqual(['第H列（无列名）未识别，已忽略', '第J列（无列名）未识别，已忽略']);
  });

  it('责任单位 merged over two columns is read as the lead unit and the cooperating units', async () => {
    const p = await preview('merged-units-header.xlsx');
    expect(roles(p)).toMatchObject({ G: 'leadUnits', H: 'cooperatingUnits' });
    expect(ignored(p)).toEqual([]);
  });

  it("完成情况 over 一季度 | 二季度 | 三季度: the quarter's column is read, the others are named", async () => {
    const p = await preview('quarter-sub-columns.xlsx');
    expect(roles(p)).toMatchObject({ E: null, F: null, G: 'progress' });
    expect(ignored(p)).toEqual(['第E列「一季度完成情况」与第G列同为“完成情况”，已忽略', '第F列「二季度完成情况」与第G列同为“完成情况”，已忽略']);
  });

  it('header words broken by CR LF and full-width spaces on row 4 name every column', async () => {
    const p = await preview('header-crlf-fullwidth.xlsx');
    expect(Object.values(roles(p))).toEqual(['serial', 'leaders', 'content', 'deadline', 'progress', 'onSchedule', 'units']);
    expect(ignored(p)).toEqual([]);
  });


});
