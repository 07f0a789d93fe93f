/**
 * Workbooks in the formats units send besides .xlsx, written by LibreOffice from tables other programs
 * wrote (otherWriters.py): Excel 97-2003 .xls, the same .xls renamed .xlsx (detected by content), WPS .et
 * (a BIFF8 workbook under WPS's extension: made here by renaming LibreOffice's .xls, which is what WPS
 * writes), OpenDocument .ods and macro-enabled .xlsm. Each is read directly into the grid the xlsx readers
 * give of the same table (LibreOffice's .xlsx of that very file as the reference) and imports to the
 * seed's own list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListedTarget } from '../../electron/services/listJson';
import { readSheetjsWorkbook } from '../../electron/excel/readers/sheetjs';
import { readSheetsLean } from '../../electron/excel/sheetXml';
import { sniffBytes } from '../../electron/excel/sniff';
import { saveAs } from '../helpers/libreoffice';
import { writeOtherWorkbooks } from '../helpers/otherWriters';
import { tempDir } from '../helpers/store';
import { expectChinese, listed, openCore, ROOT, seen, silentColumns, tableCounts, viaExceljs } from './helpers';

const SOURCES = ['openpyxl-published.xlsx', 'openpyxl-two-row-header.xlsx', 'merged-units-header.xlsx', 'quarter-sub-columns.xlsx', 'xlsxwriter-published.xlsx'];

let seedList: ListedTarget[];
/** Per source: the LibreOffice-written files, and LibreOffice's .xlsx of the .xls and of the .ods (the references). */
const files = new Map<string, { xls: string; ods: string; xlsm: string; xlsBack: string; odsBack: string }>();

beforeAll(async () => {
  const core = await openCore();
  await core.invoke('import.apply', { files: [{ name: 'seed.xlsx', data: fs.readFileSync(path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx')).toString('base64') }] });
  seedList = listed(core);
  core.close();
  const written = writeOtherWorkbooks(seedList, SOURCES);
  const sources = SOURCES.map((s) => written.get(s)!.file);
  const xls = saveAs(sources, 'xls');
  const ods = saveAs(sources, 'ods');
  const xlsm = saveAs(sources, 'xlsm');
  const back = saveAs([...xls, ...ods], 'xlsx');
  SOURCES.forEach((s, i) => files.set(s, { xls: xls[i]!, ods: ods[i]!, xlsm: xlsm[i]!, xlsBack: back[i]!, odsBack: back[SOURCES.length + i]! }));
}, 180_000);

async function reference(file: string) {
  const bytes = fs.readFileSync(file);
  return ((await readSheetsLean(bytes)) ?? (await viaExceljs(bytes))).map((s) => ({ name: s.name, state: s.state, seen: seen(s.grid) }));
}

/**
 * An .ods's text as ODF defines it (6.1.2): white space LibreOffice writes as itself, not as <text:s/>, is
 * collapsed, so a trailing space and a carriage return are not in the text, while LibreOffice's .xlsx of
 * the same file keeps them (the CR as _x000D_). Compared without those; every other character as is.
 */
function odf(sheets: { name: string; state: string; seen: ReturnType<typeof seen> }[]) {
  return sheets.map((s) => ({ ...s, seen: { ...s.seen, cells: s.seen.cells.map((c) => c.replace(/_x000D_|\r/g, '').replace(/ +\|/, '|')) } }));
}

describe('.xls, .et, .ods and .xlsm read directly', () => {
  it.each(SOURCES)('%s as .xls and .ods: the same grid as LibreOffice\'s .xlsx of the same file', async (source) => {
    const f = files.get(source)!;
    expect(sniffBytes(fs.readFileSync(f.xls).subarray(0, 8192), fs.readFileSync(f.xls))).toBe('xls');
    expect(sniffBytes(fs.readFileSync(f.ods).subarray(0, 8192), fs.readFileSync(f.ods))).toBe('ods');
    const xls = readSheetjsWorkbook('a.xls', fs.readFileSync(f.xls), 'xls').map((s) => ({ name: s.name, state: s.state, seen: seen(s.grid) }));
    expect(xls).toEqual(await reference(f.xlsBack));
    const ods = readSheetjsWorkbook('a.ods', fs.readFileSync(f.ods), 'ods').map((s) => ({ name: s.name, state: s.state, seen: seen(s.grid) }));
    expect(odf(ods)).toEqual(odf(await reference(f.odsBack)));
  });

  const KINDS = [
    ['.xls', (f: { xls: string }) => f.xls, '报送.xls'],
    ['.xls renamed .xlsx', (f: { xls: string }) => f.xls, '报送.xlsx'],
    ['WPS .et (LibreOffice\'s .xls renamed)', (f: { xls: string }) => f.xls, '报送.et'],
    ['.ods', (f: { ods: string }) => f.ods, '报送.ods'],
    ['.xlsm', (f: { xlsm: string }) => f.xlsm, '报送.xlsm'],
  ] as const;
  const CASES = SOURCES.flatMap((s) => KINDS.map(([what, pick, name]) => [`${s} ${what}`, s, pick, name] as const));

  it.each(CASES)('%s imports to the seed list, every column read or named', async (_, source, pick, name) => {
    const file = pick(files.get(source)!);
    const bytes = fs.readFileSync(file);
    const core = await openCore();
    try {
      const f = { name, data: bytes.toString('base64') };
      const preview = await core.invoke('import.preview', { files: [f] });
      expect(preview).toMatchObject({ year: 2023, quarter: 3 });
      expect(preview.summary).toMatchObject({ targetsNew: 39, linesNew: 40, errors: 0 });
      // Columns are checked against the reference grid (an .xlsx of the same table).
      const back = file.endsWith('.ods') ? files.get(source)!.odsBack : file.endsWith('.xlsm') ? file : files.get(source)!.xlsBack;
      expect(await silentColumns(fs.readFileSync(back), preview)).toEqual([]);
      await core.invoke('import.apply', { files: [f] });
      expect(listed(core)).toEqual(seedList);
      // Undone like any import.
      const [batch] = await core.invoke('import.batches', {});
      await core.invoke('import.undo', { batchId: batch!.id });
      expect(listed(core)).toEqual([]);
    } finally {
      core.close();
    }
  });
});

describe('files that stay refused, with a message naming the file', () => {
  it('an old Word .doc: save it as .docx', async () => {
    const dir = tempDir('doc-');
    // A Word document of LibreOffice's own (Writer opens a text file), saved as Word 97.
    const txt = path.join(dir, 'return.txt');
    fs.writeFileSync(txt, '市财政局关于2023年三季度责任目标完成情况的报告\n');
    const [doc] = saveAs([txt], 'doc');
    const core = await openCore();
    try {
      const before = tableCounts(core);
      const err = await core.invoke('import.preview', { files: [{ name: '财政局报告.doc', data: fs.readFileSync(doc!).toString('base64') }] }).catch((e: Error) => e);
      expect((err as Error).message).toContain('“财政局报告.doc”是旧版 Word 文档（.doc）');
      expect((err as Error).message).toContain('另存为” Word 文档（*.docx）');
      expectChinese((err as Error).message);
      expect(tableCounts(core)).toEqual(before);
    } finally {
      core.close();
    }
  });

  it('a damaged .xls: a clear message, nothing written', async () => {
    const f = files.get(SOURCES[0]!)!;
    const bytes = fs.readFileSync(f.xls);
    // The sheet's records cut off half-way: the compound file still lists a Workbook stream.
    const cut = Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(bytes.length - 4096, 0xff)]);
    const core = await openCore();
    try {
      const before = tableCounts(core);
      const err = await core.invoke('import.preview', { files: [{ name: '坏.xls', data: cut.toString('base64') }] }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/“坏\.xls”/);
      expectChinese((err as Error).message);
      expect(tableCounts(core)).toEqual(before);
    } finally {
      core.close();
    }
  });
});
