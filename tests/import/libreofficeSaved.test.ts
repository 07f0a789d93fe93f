/**
 * Tables a unit saved through LibreOffice: workbooks written by other programs (otherWriters.py) saved as
 * .xls and as .ods (what a unit on an old Office or on LibreOffice sends), then opened and saved as .xlsx
 * again (what the office does before importing). LibreOffice rewrites every part: shared strings split into
 * runs, its own styles, merges, hidden rows, columns and sheets as it keeps them. Each must read in the lean
 * reader as exceljs reads it, import to the seed's own list and leave no column with values unsaid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListedTarget } from '../../electron/services/listJson';
import { readSheetsLean } from '../../electron/excel/sheetXml';
import { saveAs } from '../helpers/libreoffice';
import { writeOtherWorkbooks } from '../helpers/otherWriters';
import { listed, openCore, ROOT, seen, silentColumns, viaExceljs } from './helpers';

const SOURCES = ['openpyxl-published.xlsx', 'openpyxl-two-row-header.xlsx', 'merged-units-header.xlsx', 'quarter-sub-columns.xlsx', 'unheaded-right.xlsx', 'xlsxwriter-published.xlsx'];
const SAVED = SOURCES.flatMap((s) => ['xls', 'ods'].map((via) => `${s} → .${via} → .xlsx`));

let seedList: ListedTarget[];
const files = new Map<string, string>();

beforeAll(async () => {
  const core = await openCore();
  await core.invoke('import.apply', { files: [{ name: 'seed.xlsx', data: fs.readFileSync(path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx')).toString('base64') }] });
  seedList = listed(core);
  core.close();
  const written = writeOtherWorkbooks(seedList, SOURCES);
  const sources = SOURCES.map((s) => written.get(s)!.file);
  const back = saveAs([...saveAs(sources, 'xls'), ...saveAs(sources, 'ods')], 'xlsx');
  ['xls', 'ods'].forEach((via, k) => SOURCES.forEach((s, i) => files.set(`${s} → .${via} → .xlsx`, back[k * SOURCES.length + i]!)));
}, 120_000);

describe('workbooks saved through LibreOffice as .xls and .ods, then as .xlsx', () => {
  it.each(SAVED)('%s: the lean reader reads it as exceljs does', async (name) => {
    const bytes = fs.readFileSync(files.get(name)!);
    const lean = await readSheetsLean(bytes);
    const reference = await viaExceljs(bytes);
    expect(lean).not.toBeNull();
    expect(lean!.map((s) => [s.name, s.state])).toEqual(reference.map((s) => [s.name, s.state]));
    expect(lean!.map((s) => seen(s.grid))).toEqual(reference.map((s) => seen(s.grid)));
  });

  it.each(SAVED)('%s imports to the seed list, every column read or named', async (name) => {
    const core = await openCore();
    try {
      const f = { name: path.basename(name.split(' ')[0]!), data: fs.readFileSync(files.get(name)!).toString('base64') };
      const preview = await core.invoke('import.preview', { files: [f] });
      expect(preview).toMatchObject({ year: 2023, quarter: 3 });
      expect(preview.summary).toMatchObject({ targetsNew: 39, linesNew: 40, errors: 0 });
      expect(await silentColumns(fs.readFileSync(files.get(name)!), preview)).toEqual([]);
      await core.invoke('import.apply', { files: [f] });
      expect(listed(core)).toEqual(seedList);
    } finally {
      core.close();
    }
  });
});
