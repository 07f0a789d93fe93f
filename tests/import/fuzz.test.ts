/**
 * Fuzzing the importer (issue #7, and #18 for .xls and .docx): mutated real workbooks and Word returns — bytes
 * flipped, XML altered, zip entries removed, BIFF records cut, repeated and overwritten —
 * each end in a successful preview or a clear Chinese error naming the file; never a crash, a hang or a
 * write. The short run is here (fixed seed); the full one is `npm run stress:fuzz` (scripts/fuzz-import.ts).
 * Below it, one test per distinct failure the fuzzing found, each building its damaged workbook in the test.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ImportFile, ImportPreview } from '../../shared/contract';
import { closingStores } from '../helpers/store';
import { formatFigures, inputSeed, loadCorpus, makeInput, makeRng, ROOT, runFuzz, unclearError } from '../helpers/fuzz';
import { cfbFile, cfbStreams } from '../helpers/fuzzFormats';
import { expectChinese, storeFingerprint, tableCounts } from './helpers';

describe('the fuzz harness', () => {
  it('rebuilds the same input from the same seed and index, and different inputs otherwise', async () => {
    const corpus = await loadCorpus();
    const a = await makeInput(corpus, 99, 17);
    const b = await makeInput(corpus, 99, 17);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(b.mutations).toEqual(a.mutations);
    const others = await Promise.all([18, 19, 20].map((i) => makeInput(corpus, 99, i)));
    for (const o of others) expect(o.bytes.equals(a.bytes)).toBe(false);
    expect(inputSeed(1, 2)).not.toBe(inputSeed(2, 1));
    const r = makeRng(5);
    expect([r.next(), r.next()]).toEqual(((s) => [s.next(), s.next()])(makeRng(5)));
  });

  it('tells a clear error from an unclear one', () => {
    const ok = { code: 'validation', message: '文件“a.xlsx”已损坏或不完整，无法作为 Excel 工作簿打开（压缩包结构损坏）。' };
    expect(unclearError(ok, 'a.xlsx')).toBeNull();
    expect(unclearError({ ...ok, message: 'Corrupted zip' }, 'a.xlsx')).toMatch(/not Chinese/);
    expect(unclearError({ ...ok, message: '无法判断年度。' }, 'a.xlsx')).toMatch(/does not name the file/);
    expect(unclearError({ ...ok, message: '文件“a.xlsx”无法打开（Cannot read properties of undefined）。' }, 'a.xlsx')).toMatch(/programmer/);
    // A sheet may well be called "null": what the file says is quoted, and is not the program talking.
    expect(unclearError({ ...ok, message: '文件“a.xlsx”中未找到表头：工作表“null”。' }, 'a.xlsx')).toBeNull();
  });
});

describe('mutated real workbooks through import.preview (and a sample through import.apply)', () => {
  it('600 inputs: every one ends in a preview or a clear error; no crash, hang or write', { timeout: 180_000 }, async () => {
    const figures = await runFuzz({ seed: 20240707, count: 600, workers: 2, timeoutMs: 10_000 });
    const report = formatFigures(figures);
    expect(figures.inputs, report).toBe(600);
    expect(figures.failures, report).toEqual([]);
    expect({ crashes: figures.crashes, hangs: figures.hangs, writes: figures.writes, unclear: figures.unclear, badOutputs: figures.badOutputs }, report).toEqual({
      crashes: 0,
      hangs: 0,
      writes: 0,
      unclear: 0,
      badOutputs: 0,
    });
    // The run means something only if mutations both break files and leave some readable, and if applies ran.
    expect(figures.okPreviews, report).toBeGreaterThan(60);
    expect(figures.clearErrors, report).toBeGreaterThan(200);
    expect(figures.applies.batches, report).toBeGreaterThan(10);
    // Every format a unit sends is in the run, and its mutations both break files and leave some readable.
    for (const format of ['xlsx', 'xls', 'docx']) {
      const f = figures.byFormat[format];
      expect(f?.inputs ?? 0, `${format}\n${report}`).toBeGreaterThan(80);
      expect(f!.ok, `${format}\n${report}`).toBeGreaterThan(10);
      expect(f!.clear, `${format}\n${report}`).toBeGreaterThan(20);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Regressions: each failure the fuzzing found, rebuilt from a workbook made here.

const TITLE = '菏泽市人民政府2024年经济社会发展责任目标二季度工作推进情况一览表';

/** A small, valid overview: title, header, two targets. */
async function overview(title = TITLE, edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一览表');
  ws.addRow([title]);
  ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '二季度完成情况', '是否按计划完成进度', '责任单位']);
  ws.addRow([1, '李春英', '一般公共预算收入增长5.5%左右', '年底', '上半年完成168.2亿元，增长6.1%', '是', '市财政局']);
  ws.addRow([2, '聂元科', '地区生产总值增长5.5%左右', '年底', '上半年地区生产总值增长6.8%', '是', '市发展改革委']);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The workbook with one part's XML rewritten, or the part removed (`edit` returns null). */
async function patch(bytes: Buffer, part: string, edit: (xml: string) => string | null): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(part)!.async('string');
  const out = edit(xml);
  if (out === null) zip.remove(part);
  else {
    expect(out, `the edit of ${part} changed nothing`).not.toBe(xml);
    zip.file(part, out);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const SHEET = 'xl/worksheets/sheet1.xml';
const afterSheetData = (extra: string) => (xml: string) => xml.replace('</sheetData>', `</sheetData>${extra}`);
const file = (name: string, bytes: Buffer): ImportFile => ({ name, data: bytes.toString('base64') });

describe('failures the fuzzing found', () => {
  const open = closingStores();

  /** Preview, timed; the store must not change. */
  async function preview(core: Awaited<ReturnType<typeof open>>, f: ImportFile) {
    const before = { bytes: storeFingerprint(core), counts: tableCounts(core) };
    const t0 = performance.now();
    const result = await core.call('import.preview', { files: [f] });
    const ms = performance.now() - t0;
    expect(tableCounts(core)).toEqual(before.counts);
    expect(storeFingerprint(core)).toBe(before.bytes);
    return { result, ms };
  }

  function expectClearError(result: Awaited<ReturnType<typeof preview>>['result'], name: string, message: RegExp): void {
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.message).toContain(`“${name}”`);
    expect(result.error.message).toMatch(message);
    expectChinese(result.error.message);
  }

  it('a date-formatted cell holding 1e21 (an invalid date) is read as empty, not an internal error "Invalid time value"', async () => {
    const core = await open(true);
    const bytes = await overview(TITLE, (ws) => {
      ws.getCell('D3').value = 1e21;
      ws.getCell('D3').numFmt = 'yyyy-mm-dd';
    });
    const { result } = await preview(core, file('日期格式.xlsx', bytes));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const value = (result as { value: ImportPreview }).value;
    expect(value.items.map((i) => i.serial).sort()).toEqual([1, 2]);
  });

  it('a lone cell on row 1,048,576 (the last row Excel has) previews in seconds, not out of memory', async () => {
    const core = await open(true);
    const bytes = await patch(await overview(), SHEET, (xml) => xml.replace('</sheetData>', '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>注</t></is></c></row></sheetData>'));
    const { result, ms } = await preview(core, file('末行.xlsx', bytes));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });

  it('a merge from row 3 down to a lone cell on row 1,048,576 is refused as too large, rather than filling a million rows', async () => {
    const core = await open(true);
    const bytes = await patch(await overview(), SHEET, (xml) =>
      xml
        .replace('</sheetData>', '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>注</t></is></c></row></sheetData>')
        .replace(/<mergeCells[^>]*\/>|(<\/sheetData>)/, '$1<mergeCells count="1"><mergeCell ref="A3:G1048576"/></mergeCells>'),
    );
    const { result, ms } = await preview(core, file('合并过大.xlsx', bytes));
    expectClearError(result, '合并过大.xlsx', /数据范围过大（1048576行 × 7列）/);
    expect(ms).toBeLessThan(10_000);
  });

  it.each([['1048577'], ['1000000000']])('a row numbered %s (past Excel\'s last row) is refused as damaged, at once', async (row) => {
    const core = await open(true);
    const bytes = await patch(await overview(), SHEET, (xml) => xml.replace(/<row r="4"/, `<row r="${row}"`).replace(/r="([A-G])4"/g, `r="$1${row}"`));
    const { result, ms } = await preview(core, file('行号.xlsx', bytes));
    expectClearError(result, '行号.xlsx', new RegExp(`第${row}行，超出了 Excel 的最大行数`));
    expect(ms).toBeLessThan(10_000);
  });

  it('a column range past column 16,384 (<col max="1000000000">) previews, rather than exceljs running out of memory', async () => {
    const core = await open(true);
    const bytes = await patch(await overview(), SHEET, (xml) => xml.replace('<sheetData', '<cols><col min="1" max="1000000000" width="9" customWidth="1"/></cols><sheetData'));
    const { result, ms } = await preview(core, file('列宽.xlsx', bytes));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });

  it.each([
    // Drop-downs on five whole columns, as a template sent out for filling in may have: exceljs took 1 s
    // and 120 MB per column to load them.
    { sqref: 'B3:B1048576 C3:C1048576 D3:D1048576 F3:F1048576 G3:G1048576', limit: 2_500 },
    // Over the whole sheet: exceljs never finished.
    { sqref: 'A1:XFD1048576', limit: 10_000 },
  ])('a drop-down (data validation) over $sqref previews at once, rather than exceljs expanding it cell by cell', async ({ sqref, limit }) => {
    const core = await open(true);
    const dv = `<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="${sqref}"><formula1>"是,否"</formula1></dataValidation></dataValidations>`;
    const bytes = await patch(await overview(), SHEET, afterSheetData(dv));
    const { result, ms } = await preview(core, file('下拉列表.xlsx', bytes));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(ms).toBeLessThan(limit);
  });

  it('a defined name over the whole sheet previews in seconds, rather than exceljs expanding it cell by cell', async () => {
    const core = await open(true);
    const bytes = await patch(await overview(), 'xl/workbook.xml', (xml) =>
      xml.replace(/<\/sheets>(<definedNames\/>)?/, "</sheets><definedNames><definedName name=\"区域\">'一览表'!$A$1:$XFD$1048576</definedName></definedNames>"),
    );
    const { result, ms } = await preview(core, file('名称.xlsx', bytes));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });

  it.each([['20244'], ['0000'], ['9999']])('a title saying %s年 gives no year (it was read as the year 244, 0 or 9999, and applied as such)', async (year) => {
    const core = await open(true);
    const name = `年份${year}.xlsx`;
    const f = file(name, await overview(TITLE.replace('2024', year)));
    const { result } = await preview(core, f);
    expectClearError(result, name, /无法从文件“[^”]+”的标题或表头判断年度，请指定年度/);
    const before = storeFingerprint(core);
    const applied = await core.call('import.apply', { files: [f] });
    expect(applied.ok).toBe(false);
    expect(storeFingerprint(core)).toBe(before);
    // With the year given, the same file imports.
    expect((await core.call('import.preview', { files: [f], year: 2024 })).ok).toBe(true);
  });

  it.each([
    { what: 'xl/workbook.xml emptied', part: 'xl/workbook.xml', edit: () => '', message: /缺少必需的组成部分或结构不完整/ },
    { what: 'xl/sharedStrings.xml emptied', part: 'xl/sharedStrings.xml', edit: () => '', message: /缺少必需的组成部分或结构不完整/ },
    { what: 'the sheet cut in half', part: SHEET, edit: (xml: string) => xml.slice(0, xml.length >> 1), message: /缺少必需的组成部分或结构不完整/ },
    { what: 'a closing tag misspelt', part: SHEET, edit: (xml: string) => xml.replace('</sheetData>', '</sheetDta>'), message: /XML 内容损坏/ },
    { what: 'a cell in column XFE', part: SHEET, edit: (xml: string) => xml.replace('<c r="A3"', '<c r="XFE3"'), message: /单元格地址超出 Excel 的范围/ },
    { what: 'a sheet called a/b', part: 'xl/workbook.xml', edit: (xml: string) => xml.replace('name="一览表"', 'name="a/b"'), message: /工作表名称不合规范/ },
  ])('$what: refused in Chinese, without exceljs\'s English ("Cannot read properties of undefined")', async ({ part, edit, message }) => {
    const core = await open(true);
    const bytes = await patch(await overview(), part, edit);
    const { result } = await preview(core, file('损坏.xlsx', bytes));
    expectClearError(result, '损坏.xlsx', /已损坏或不完整，无法作为 Excel 工作簿打开/);
    expectClearError(result, '损坏.xlsx', message);
  });

  it('a zip damaged in transfer is refused in Chinese, without JSZip\'s English ("Corrupted zip")', async () => {
    const core = await open(true);
    const bytes = await overview();
    // The end of central directory record gone: the zip cannot be listed at all.
    const { result } = await preview(core, file('传输中断.xlsx', bytes.subarray(0, bytes.length - 30)));
    expectClearError(result, '传输中断.xlsx', /压缩包结构损坏/);
  });

  it('a workbook.xml listing its sheet 3,000 times reads the sheet once, in seconds', async () => {
    const core = await open(true);
    const bytes = await patch(await overview(), 'xl/workbook.xml', (xml) => xml.replace(/<sheet\b[^>]*\/>/, (m) => m.repeat(3000)));
    const { result, ms } = await preview(core, file('重复工作表.xlsx', bytes));
    expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(true);
    expect((result as { value: ImportPreview }).value.items.map((i) => i.serial).sort()).toEqual([1, 2]);
    expect(ms).toBeLessThan(10_000);
  });

  it('a .xls whose sheet is listed but whose records are gone (BOUNDSHEET pointing past the stream) is a clear error, not "reading \'!data\'"', async () => {
    const core = await open(true);
    const streams = cfbStreams(fs.readFileSync(path.join(ROOT, 'tests/fixtures/fuzz/seed-libreoffice.xls')))!;
    const workbook = streams.find(([n]) => /Workbook$/.test(n))!;
    const data = Buffer.from(workbook[1]);
    // BOUNDSHEET (0x0085): its first field is where the sheet's BOF is; point every sheet past the end.
    let pointed = 0;
    for (let at = 0; at + 4 <= data.length; at += 4 + data.readUInt16LE(at + 2)) {
      if (data.readUInt16LE(at) === 0x0085) {
        data.writeUInt32LE(0xfffffff0, at + 4);
        pointed++;
      }
    }
    expect(pointed).toBeGreaterThan(0);
    workbook[1] = data;
    const { result } = await preview(core, file('工作表丢失.xls', cfbFile(streams)));
    expectClearError(result, '工作表丢失.xls', /表头|损坏/);
  });

  it('a .xls cell record pointing past column IV (BIFF8 has 256) previews in seconds, not minutes (a grid 65,536 rows by tens of thousands of columns)', async () => {
    const core = await open(true);
    const streams = cfbStreams(fs.readFileSync(path.join(ROOT, 'tests/fixtures/fuzz/seed-libreoffice.xls')))!;
    const workbook = streams.find(([n]) => /Workbook$/.test(n))!;
    const data = Buffer.from(workbook[1]);
    // The first cell record (LABELSST 0x00FD) moved to row 65,536, column 65,535.
    let at = 0;
    while (data.readUInt16LE(at) !== 0x00fd) at += 4 + data.readUInt16LE(at + 2);
    data.writeUInt16LE(0xffff, at + 4);
    data.writeUInt16LE(0xffff, at + 6);
    workbook[1] = data;
    const { result, ms } = await preview(core, file('错位单元格.xls', cfbFile(streams)));
    expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });

  it('a Word return\'s cooperating lines are logged as part of its import batch, and its undo takes them back', async () => {
    const core = await open(true);
    const last = core.db.prepare('SELECT coalesce(max(id), 0) FROM change_log').pluck().get() as number;
    const docx = file('市财政局报送.docx', fs.readFileSync(path.join(ROOT, 'tests/fixtures/fuzz/return-python-docx.docx')));
    const applied = await core.invoke('import.apply', { files: [docx] });
    const rows = core.db.prepare('SELECT entity, target_id AS targetId, batch_id AS batchId FROM change_log WHERE id > ? ORDER BY id').all(last) as { entity: string; targetId: number; batchId: string | null }[];
    const cooperating = rows.filter((r) => r.entity === 'cooperating-return');
    expect(cooperating.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.batchId !== applied.batch.id)).toEqual([]);
    const returnsOf = async (id: number) => (await core.invoke('returns.forTarget', { targetId: id })).filter((r) => r.unit === '市财政局');
    expect((await returnsOf(cooperating[0]!.targetId)).length).toBe(1);
    await core.invoke('import.undo', { batchId: applied.batch.id });
    expect(await returnsOf(cooperating[0]!.targetId)).toEqual([]);
  });
});
