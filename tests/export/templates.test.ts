/**
 * Collection templates (报送模板): one per unit, the unit's lines only, hidden id columns, the two input
 * columns unlocked under a password-less protection, the 是/否 list; a filled template (by exceljs, and
 * re-saved by LibreOffice) imports onto exactly the lines it lists; the CLI.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargets } from '../../electron/db/repos/targets';
import { TEMPLATE_COLUMNS, TEMPLATE_SHEET, writeTemplate } from '../../electron/excel/templateWriter';
import { applyImport } from '../../electron/services/import';
import { toListed } from '../../electron/services/listJson';
import { exportTemplates, sanitizeFileName } from '../../electron/services/templates';
import { tempDir } from '../helpers/store';
import { cli, expectChinese, listed, type Core } from '../import/helpers';
import { closingStores } from '../helpers/store';

const store = closingStores();


async function sheetOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(TEMPLATE_SHEET);
  expect(ws).toBeDefined();
  return ws!;
}

const text = (ws: ExcelJS.Worksheet, r: number, c: number): string => {
  const v = ws.getCell(r, c).value;
  return v === null || v === undefined ? '' : String(v);
};

function distinctUnits(core: Core): string[] {
  return [...new Set(listed(core).flatMap((t) => t.assignments.flatMap((a) => [...a.leadUnits, ...a.cooperatingUnits])))];
}

function fileFor(files: { fileName: string; bytes: Buffer }[], unit: string, quarter = '三季度'): Buffer {
  const f = files.find((x) => x.fileName === `${unit}_2023年${quarter}责任目标推进情况.xlsx`);
  expect(f, unit).toBeDefined();
  return f!.bytes;
}

/** Fills every body line of a template as a unit would: a progress text per line and 否; returns the saved bytes and what was filled by 分工ID. */
async function fill(bytes: Buffer): Promise<{ bytes: Buffer; filled: Map<number, string>; cooperating: Map<number, string> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
  const filled = new Map<number, string>();
  const cooperating = new Map<number, string>();
  for (let r = 4; r <= ws.rowCount; r++) {
    const id = ws.getCell(r, TEMPLATE_COLUMNS.assignmentId).value as number;
    const progress = `四季度已完成第${r - 3}项工作，分工${id}推进顺利但个别环节滞后`;
    ws.getCell(r, TEMPLATE_COLUMNS.progress).value = progress;
    ws.getCell(r, TEMPLATE_COLUMNS.onSchedule).value = '否';
    // The lines the unit only cooperates on are marked: their return is kept beside the lead unit's.
    (ws.getCell(r, TEMPLATE_COLUMNS.role).value === '配合' ? cooperating : filled).set(id, progress);
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), filled, cooperating };
}

/** The store after the import must be the store before, with Q4 progress on exactly the filled lines. */
function expectOnlyFilled(before: ReturnType<typeof loadTargets>, core: Core, filled: Map<number, string>): void {
  const expected = before.map((t) =>
    toListed({
      ...t,
      assignments: t.assignments.map((a) =>
        filled.has(a.id) ? { ...a, progress: [...a.progress.filter((p) => p.quarter !== 4), { quarter: 4, text: filled.get(a.id)!, onSchedule: 'no', onScheduleText: '否' } as (typeof a.progress)[number]] } : a,
      ),
    }),
  );
  expect(listed(core)).toEqual(expected);
}

/** The unit's returns on the lines it only cooperates on: beside the official progress, as 配合单位报送. */
function expectCooperating(core: Core, cooperating: Map<number, string>): void {
  const rows = core.db.prepare("SELECT assignment_id AS id, unit, text FROM cooperating_returns WHERE quarter = 4 ORDER BY assignment_id").all() as { id: number; unit: string; text: string }[];
  expect(rows).toEqual([...cooperating].sort((a, b) => a[0] - b[0]).map(([id, text]) => ({ id, unit: '市自然资源和规划局', text })));
}

function allTargets(core: Core): ReturnType<typeof loadTargets> {
  const plan = core.db.prepare('SELECT id FROM plans WHERE year = 2023').get() as { id: number };
  return loadTargets(core.db, { planId: plan.id });
}

function lineIds(core: Core, serial: number): number[] {
  return (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = ? ORDER BY a.ord').all(serial) as { id: number }[]).map((r) => r.id);
}

/** Whether a cell of the first sheet is locked, read from the file's XML (cellXfs protection). */
async function lockedInXml(bytes: Buffer, ref: string): Promise<boolean> {
  const zip = await JSZip.loadAsync(bytes);
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const styles = await zip.file('xl/styles.xml')!.async('string');
  const s = Number(new RegExp(`<c r="${ref}"[^>]*?\\ss="(\\d+)"`).exec(sheet)?.[1] ?? 0);
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!;
  const xf = cellXfs.match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)![s]!;
  const locked = /<protection[^>]*\blocked="([^"]*)"/.exec(xf)?.[1];
  return !(locked === '0' || locked === 'false');
}

describe('collection templates', () => {
  it('one template per unit; 市应急局 lists 36, 37, 38 with hidden ids, unlocked inputs and the 是/否 list', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 3, by: 'unit' });
    const units = distinctUnits(core);
    expect(files).toHaveLength(units.length);
    expect(files.map((f) => f.fileName).sort()).toEqual(units.map((u) => `${u}_2023年三季度责任目标推进情况.xlsx`).sort());

    const ws = await sheetOf(fileFor(files, '市应急局'));
    expect(text(ws, 1, 1)).toBe('市应急局2023年责任目标三季度工作推进情况报送表');
    expect(text(ws, 2, 1)).toBe('请在“三季度完成情况”和“是否按计划完成进度”两列填写，其余各列请勿修改；是否按计划请从下拉列表选择“是”或“否”。');
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((c) => text(ws, 3, c))).toEqual(['序号', '市政府领导', '责任目标内容', '完成时限', '上季度完成情况', '三季度完成情况', '是否按计划完成进度', '责任单位', '本单位职责', '目标ID', '分工ID']);
    expect(ws.rowCount).toBe(3 + 3);
    expect([4, 5, 6].map((r) => ws.getCell(r, 1).value)).toEqual([36, 37, 38]);
    expect(ws.getColumn(10).hidden).toBe(true);
    expect(ws.getColumn(11).hidden).toBe(true);
    for (const c of [1, 3, 6, 7, 8, 9]) expect(ws.getColumn(c).hidden).toBe(false);
    const byTarget = new Map(allTargets(core).map((t) => [t.serial, t]));
    for (const [i, serial] of [36, 37, 38].entries()) {
      const r = 4 + i;
      const t = byTarget.get(serial)!;
      expect(ws.getCell(r, 10).value).toBe(t.id);
      expect(ws.getCell(r, 11).value).toBe(t.assignments[0]!.id);
      // Q3 as reported is prefilled; the seed has no Q2, so the previous column is empty.
      expect(text(ws, r, 6)).toBe(t.assignments[0]!.progress.find((p) => p.quarter === 3)?.text ?? '');
      expect(text(ws, r, 5)).toBe('');
      expect(text(ws, r, 8)).toContain('市应急局');
      for (const c of [6, 7]) expect(ws.getCell(r, c).protection?.locked, `row ${r} col ${c}`).toBe(false);
      for (const c of [1, 2, 3, 4, 5, 8, 9, 10, 11]) expect(ws.getCell(r, c).protection?.locked ?? true, `row ${r} col ${c}`).toBe(true);
      expect(ws.getCell(r, 7).dataValidation).toMatchObject({ type: 'list', allowBlank: true, formulae: ['"是,否"'] });
      expect(ws.getCell(r, 6).dataValidation?.type).toBeUndefined();
      expect(ws.getRow(r).height).toBeGreaterThan(15);
    }
    // exceljs reads an allowed selection back as undefined (the XML only marks a forbidden one).
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true, formatRows: true });
    expect(protection.selectLockedCells).not.toBe(false);
    expect(protection.selectUnlockedCells).not.toBe(false);
    expect(protection.hashValue).toBeUndefined();
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:3' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });

    // By leader: 肖友华's template holds only target 26's second line.
    const byLeader = await exportTemplates(core, { year: 2023, quarter: 3, by: 'leader' });
    const leaders = [...new Set(listed(core).flatMap((t) => t.assignments.flatMap((a) => a.leaders)))];
    expect(byLeader).toHaveLength(leaders.length);
    const xiao = await sheetOf(fileFor(byLeader, '肖友华'));
    const rows26: number[] = [];
    for (let r = 4; r <= xiao.rowCount; r++) if (xiao.getCell(r, 1).value === 26) rows26.push(r);
    expect(rows26).toHaveLength(1);
    expect(xiao.getCell(rows26[0]!, 11).value).toBe(lineIds(core, 26)[1]);
    expect(text(xiao, rows26[0]!, 2)).toBe('肖友华');

    // A target with both lines merges serial, content and deadline, as the overview does.
    const wb = writeTemplate({ city: '菏泽市', year: 2023, quarter: 3, unit: '测试', targets: [byTarget.get(26)!] });
    const both = wb.getWorksheet(TEMPLATE_SHEET)!;
    for (const c of [1, 3, 4]) expect(both.getCell(5, c).isMerged, `col ${c}`).toBe(true);
    for (const c of [2, 5, 6, 7, 8, 9, 10, 11]) expect(both.getCell(5, c).isMerged, `col ${c}`).toBe(false);
    expect([both.getCell(4, 11).value, both.getCell(5, 11).value]).toEqual(lineIds(core, 26));
    expect(both.getCell(5, 6).protection).toEqual({ locked: false });
  });

  it('Q4: previous progress shown; a filled template imports onto exactly its lines, 26 by 分工ID', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const template = fileFor(files, '市自然资源和规划局', '四季度');
    const ws = await sheetOf(template);
    expect(text(ws, 3, 6)).toBe('四季度完成情况');
    const [, second] = lineIds(core, 26);
    let row26 = 0;
    for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === 26) row26 = r;
    expect(ws.getCell(row26, 11).value).toBe(second);
    const t26 = allTargets(core).find((t) => t.serial === 26)!;
    expect(text(ws, row26, 5)).toBe(t26.assignments[1]!.progress.find((p) => p.quarter === 3)!.text);
    expect(text(ws, row26, 6)).toBe('');

    const before = allTargets(core);
    const reports = () => (core.db.prepare('SELECT count(*) AS n FROM progress_reports').get() as { n: number }).n;
    const count = reports();
    const { bytes, filled, cooperating } = await fill(template);
    expect(filled.has(second!)).toBe(true);
    expect(filled.has(lineIds(core, 26)[0]!)).toBe(false);
    expect(cooperating.size).toBeGreaterThan(0);
    await applyImport(core, [{ name: '市自然资源和规划局_2023年四季度责任目标推进情况.xlsx', bytes }], {});
    expect(reports()).toBe(count + filled.size);
    expectOnlyFilled(before, core, filled);
    expectCooperating(core, cooperating);
  });

  // LibreOffice (Debian's libreoffice-calc-nogui, installed by .ci/run) plays the unit that fills the template in.
  it('a template filled and re-saved by LibreOffice imports the same way', { timeout: 120_000 }, async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const { bytes, filled, cooperating } = await fill(fileFor(files, '市自然资源和规划局', '四季度'));
    const dir = tempDir('tpl-lo-');
    const source = path.join(dir, 'filled.xlsx');
    fs.writeFileSync(source, bytes);
    const out = path.join(dir, 'out');
    const profile = path.join(dir, `lo-tpl-${crypto.randomBytes(4).toString('hex')}`);
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', out, source], { encoding: 'utf8', timeout: 110_000 });
    expect(r.status, r.stderr).toBe(0);
    const resaved = fs.readFileSync(path.join(out, 'filled.xlsx'));
    expect(resaved.equals(bytes)).toBe(false);
    const ws = await sheetOf(resaved);
    expect(ws.getColumn(11).hidden).toBe(true);
    // LibreOffice keeps the 是/否 list and the unlocked input cells.
    expect(ws.getCell(4, 7).dataValidation.type).toBe('list');
    expect(ws.getCell(4, 7).dataValidation.formulae?.[0]).toBe('"是,否"');
    // exceljs does not read LibreOffice's locked="false" (it expects "0"): look at the styles themselves.
    expect(await lockedInXml(resaved, 'F4')).toBe(false);
    expect(await lockedInXml(resaved, 'G4')).toBe(false);
    expect(await lockedInXml(resaved, 'C4')).toBe(true);
    const before = allTargets(core);
    await applyImport(core, [{ name: '市自然资源和规划局_2023年四季度责任目标推进情况.xlsx', bytes: resaved }], {});
    expectOnlyFilled(before, core, filled);
    expectCooperating(core, cooperating);
  });

  it('the 是/否 list is one range over the input column, whatever the number of lines', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const biggest = [...files].sort((a, b) => b.bytes.length - a.bytes.length)[0]!;
    const ws = await sheetOf(biggest.bytes);
    const last = ws.rowCount;
    expect(last).toBeGreaterThan(10);
    const sheet = await (await JSZip.loadAsync(biggest.bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    const ranges = [...sheet.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
    expect(ranges).toEqual([`G4:G${last}`]);
  });

  it('file names are safe on Windows', () => {
    expect(sanitizeFileName('市a/b:局?_2023年.xlsx')).toBe('市a_b_局__2023年.xlsx');
    expect(sanitizeFileName('con')).toBe('con_');
  });

  it('CLI: export templates writes one file per unit; Chinese errors', async () => {
    const core = await store(true);
    const storePath = core.storePath;
    const n = distinctUnits(core).length;
    core.close();
    const out = path.join(tempDir('tpl-cli-'), '报送模板');
    const ok = cli('export', 'templates', '--db', storePath, '--year', '2023', '--quarter', '4', '--out-dir', out);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe(`已生成 ${n} 个报送模板到 ${out}`);
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.xlsx'))).toHaveLength(n);
    const missing = cli('export', 'templates', '--db', storePath, '--year', '2023', '--quarter', '4');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('--out-dir');
    expectChinese(missing.stderr);
    const blocker = path.join(tempDir('tpl-cli-'), 'a-file');
    fs.writeFileSync(blocker, 'x');
    const bad = cli('export', 'templates', '--db', storePath, '--year', '2023', '--quarter', '4', '--out-dir', path.join(blocker, 'sub'));
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('无法创建文件夹');
    expectChinese(bad.stderr);
    const byBad = cli('export', 'templates', '--db', storePath, '--year', '2023', '--quarter', '4', '--out-dir', out, '--by', 'x');
    expect(byBad.status).not.toBe(0);
    expectChinese(byBad.stderr);
  });
});

describe('all templates of a round in one zip, for the renderer', () => {
  it('zips one workbook per unit with the file names units see', async () => {
    const core = await store(true);
    const r = await core.invoke('export.templates', { year: 2023, quarter: 4 });
    expect(r.fileName).toBe('2023年四季度责任目标报送模板（按责任单位）.zip');
    const zip = await JSZip.loadAsync(Buffer.from(r.data, 'base64'));
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(r.count);
    expect(names).toContain('市应急局_2023年四季度责任目标推进情况.xlsx');
  });

  it('dates each file in the zip with the local time it was made, as unzip shows it', async () => {
    const core = await store(true);
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai'; // eight hours from UTC, so a zone mix-up cannot pass unseen
    try {
      const before = new Date();
      const r = await core.invoke('export.templates', { year: 2023, quarter: 4 });
      const file = path.join(tempDir(), 't.zip');
      fs.writeFileSync(file, Buffer.from(r.data, 'base64'));
      // unzip -l prints each entry's stored date and time: YYYY-MM-DD HH:MM
      const listing = spawnSync('unzip', ['-l', file], { encoding: 'utf8' }).stdout;
      const stamps = [...listing.matchAll(/(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d)/g)];
      expect(stamps).toHaveLength(r.count);
      for (const [, yyyy, mm, dd, hh, mi] of stamps) {
        const shown = new Date(Number(yyyy), Number(mm) - 1, Number(dd), Number(hh), Number(mi));
        expect(Math.abs(shown.getTime() - before.getTime())).toBeLessThan(3 * 60_000);
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});
