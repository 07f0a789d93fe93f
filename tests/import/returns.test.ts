/**
 * Returns from units: a line's official progress is its lead unit's return, a cooperating unit's return is
 * kept beside it (配合单位报送); two returns making the same claim on a line are a conflict the user resolves,
 * whatever the order of the files; a template's fixed columns are the store's; a value that does not fit
 * its column is an error at its cell; an older file does not undo a newer edit (three values compared).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Target } from '../../shared/contract';
import { loadTarget } from '../../electron/db/repos/targets';
import { TEMPLATE_COLUMNS, TEMPLATE_SHEET } from '../../electron/excel/templateWriter';
import { applyImport, previewImport, undoBatch } from '../../electron/services/import';
import { exportTemplates } from '../../electron/services/templates';
import { closingStores } from '../helpers/store';
import { ROOT, listed, type Core } from './helpers';

const store = closingStores();

type Filler = (row: { serial: number; assignmentId: number; role: string; unit: string }) => { progress?: string; onSchedule?: string; units?: string; content?: string } | null;

/** A returned template: the unit fills its lines as `fill` says. */
async function filledTemplate(bytes: Buffer, unit: string, fill: Filler): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
  for (let r = 4; r <= ws.rowCount; r++) {
    const assignmentId = ws.getCell(r, TEMPLATE_COLUMNS.assignmentId).value as number;
    if (typeof assignmentId !== 'number') continue;
    // Merged serial: a continuation line's serial is on the first line of the target.
    let serialRow = r;
    while (typeof ws.getCell(serialRow, TEMPLATE_COLUMNS.serial).value !== 'number') serialRow--;
    const v = fill({ serial: ws.getCell(serialRow, TEMPLATE_COLUMNS.serial).value as number, assignmentId, role: String(ws.getCell(r, TEMPLATE_COLUMNS.role).value ?? ''), unit });
    if (!v) continue;
    if (v.progress !== undefined) ws.getCell(r, TEMPLATE_COLUMNS.progress).value = v.progress;
    if (v.onSchedule !== undefined) ws.getCell(r, TEMPLATE_COLUMNS.onSchedule).value = v.onSchedule;
    if (v.units !== undefined) ws.getCell(r, TEMPLATE_COLUMNS.units).value = v.units;
    if (v.content !== undefined) ws.getCell(serialRow, TEMPLATE_COLUMNS.content).value = v.content;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ownText = (unit: string, assignmentId: number) => `${unit}报送：四季度分工${assignmentId}已完成年度任务的百分之九十，正在收尾`;

async function allReturned(core: Core, quarter: 1 | 2 | 3 | 4 = 4): Promise<{ name: string; bytes: Buffer }[]> {
  const files = await exportTemplates(core, { year: 2023, quarter, by: 'unit' });
  return Promise.all(
    files.map(async (f) => {
      const unit = f.fileName.split('_')[0]!;
      return { name: f.fileName, bytes: await filledTemplate(f.bytes, unit, ({ assignmentId }) => ({ progress: ownText(unit, assignmentId), onSchedule: '是' })) };
    }),
  );
}

function line(core: Core, assignmentId: number): { serial: number; lead: string[]; cooperating: string[] } {
  const targetId = (core.db.prepare('SELECT target_id AS t FROM assignments WHERE id = ?').get(assignmentId) as { t: number }).t;
  const t = loadTarget(core.db, targetId)!;
  const a = t.assignments.find((x) => x.id === assignmentId)!;
  return { serial: t.serial, lead: a.leadUnits, cooperating: a.cooperatingUnits };
}

function q4(core: Core, assignmentId: number): { text: string; on_schedule_text: string } | undefined {
  return core.db.prepare('SELECT text, on_schedule_text FROM progress_reports WHERE assignment_id = ? AND quarter = 4').get(assignmentId) as { text: string; on_schedule_text: string } | undefined;
}

describe('returns from lead and cooperating units', () => {
  it('every unit returns its template at once: each line gets its lead unit\'s text, cooperating returns are kept beside it, in any file order', async () => {
    const a = await store(true);
    const b = await store(true);
    const filesA = await allReturned(a);
    const filesB = await allReturned(b);
    expect(filesA.length).toBeGreaterThan(10);
    const batchA = await applyImport(a, filesA, {});
    await applyImport(b, [...filesB].reverse(), {});
    expect(listed(a)).toEqual(listed(b));
    // No "the later file wins" warnings: a lead and a cooperating unit on one line are not duplicates.
    expect(batchA.notes.filter((n) => n.code === 'duplicate-line' || n.code === 'return-conflict')).toEqual([]);

    const ids = (a.db.prepare('SELECT id FROM assignments').all() as { id: number }[]).map((r) => r.id);
    let cooperatingLines = 0;
    for (const id of ids) {
      const l = line(a, id);
      const lead = l.lead[0]!;
      expect(q4(a, id)?.text, `line ${id} of ${l.serial}`).toBe(ownText(lead, id));
      const coop = a.db.prepare('SELECT unit, text FROM cooperating_returns WHERE assignment_id = ? AND quarter = 4 ORDER BY unit').all(id) as { unit: string; text: string }[];
      const expected = l.cooperating.filter((u) => !l.lead.includes(u)).sort();
      expect(coop.map((c) => c.unit).sort()).toEqual(expected);
      for (const c of coop) expect(c.text).toBe(ownText(c.unit, id));
      if (coop.length > 0) cooperatingLines++;
    }
    expect(cooperatingLines).toBeGreaterThan(3);

    // Shown with the target, and taken back with the import.
    const withCoop = ids.find((id) => line(a, id).cooperating.length > 0)!;
    const targetId = (a.db.prepare('SELECT target_id AS t FROM assignments WHERE id = ?').get(withCoop) as { t: number }).t;
    const shown = await a.invoke('returns.forTarget', { targetId });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]).toMatchObject({ assignmentId: withCoop, quarter: 4, file: expect.stringContaining('_2023年四季度') });
    await undoBatch(a, batchA.id);
    expect(await a.invoke('returns.forTarget', { targetId })).toEqual([]);
  });

  it('a template by leader carries the lead unit\'s return: it is the line\'s progress', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'leader' });
    const f = files.find((x) => x.fileName.startsWith('肖友华_'))!;
    const bytes = await filledTemplate(f.bytes, '肖友华', ({ assignmentId }) => ({ progress: `肖友华同志分管：分工${assignmentId}四季度按计划推进`, onSchedule: '是' }));
    const batch = await applyImport(core, [{ name: f.fileName, bytes }], {});
    expect(batch.summary.conflicts).toBe(0);
    const ids = (core.db.prepare("SELECT a.id FROM assignments a JOIN assignment_leaders al ON al.assignment_id = a.id JOIN leaders l ON l.id = al.leader_id WHERE l.name = '肖友华'").all() as { id: number }[]).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(q4(core, id)?.text).toBe(`肖友华同志分管：分工${id}四季度按计划推进`);
    expect(core.db.prepare('SELECT count(*) AS n FROM cooperating_returns').get()).toEqual({ n: 0 });
  });

  it('a cooperating unit\'s template says which lines it only cooperates on', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const wb = new ExcelJS.Workbook();
    // 市税务局 cooperates with 市财政局 in the seed.
    const coopFile = files.find((f) => f.fileName.startsWith('市税务局_'))!;
    await wb.xlsx.load(coopFile.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    expect(ws.getCell(3, TEMPLATE_COLUMNS.role).value).toBe('本单位职责');
    const roles = new Set<string>();
    for (let r = 4; r <= ws.rowCount; r++) roles.add(String(ws.getCell(r, TEMPLATE_COLUMNS.role).value));
    expect(roles.has('配合')).toBe(true);
    expect(String(ws.getCell(2, 1).value)).toContain('“本单位职责”为“配合”的目标由牵头单位报送');
  });

  it('two returns of the lead unit for one line that differ are a conflict: neither lands until the user takes one', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const f = files.find((x) => x.fileName.startsWith('市应急局_'))!;
    const first = await filledTemplate(f.bytes, '市应急局', () => ({ progress: '初稿：四季度已完成年度任务的百分之八十，正在推进', onSchedule: '是' }));
    const second = await filledTemplate(f.bytes, '市应急局', () => ({ progress: '终稿：四季度已完成年度任务的百分之九十五，基本完成', onSchedule: '是' }));
    for (const order of [
      [{ name: '初稿.xlsx', bytes: first }, { name: '终稿.xlsx', bytes: second }],
      [{ name: '终稿.xlsx', bytes: second }, { name: '初稿.xlsx', bytes: first }],
    ]) {
      const preview = await previewImport(core, order, {});
      const conflicts = preview.items.filter((i) => i.status === 'conflict');
      expect(conflicts).toHaveLength(6);
      expect(conflicts[0]!.notes.find((n) => n.code === 'return-conflict')).toMatchObject({ message: expect.stringContaining('冲突'), where: { sheet: TEMPLATE_SHEET, column: 'F' } });
    }
    const ids = (core.db.prepare("SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial IN (36, 37, 38) ORDER BY t.serial").all() as { id: number }[]).map((r) => r.id);
    await applyImport(core, [{ name: '初稿.xlsx', bytes: first }, { name: '终稿.xlsx', bytes: second }], {});
    for (const id of ids) expect(q4(core, id)).toBeUndefined();

    const preview = await previewImport(core, [{ name: '初稿.xlsx', bytes: first }, { name: '终稿.xlsx', bytes: second }], {});
    const finals = preview.items.filter((i) => i.file === '终稿.xlsx').map((i) => i.key);
    await expect(applyImport(core, [{ name: '初稿.xlsx', bytes: first }, { name: '终稿.xlsx', bytes: second }], { take: preview.items.map((i) => i.key) })).rejects.toThrow(/只采用其中一份/);
    await applyImport(core, [{ name: '初稿.xlsx', bytes: first }, { name: '终稿.xlsx', bytes: second }], { take: finals });
    for (const id of ids) expect(q4(core, id)?.text).toMatch(/^终稿/);
  });
});

describe('returns under one file name', () => {
  it('every unit sends 附件1.xlsx: each is named by its folder in the preview, its notes and the history, and taken by it', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const f = files.find((x) => x.fileName.startsWith('市应急局_'))!;
    const draft = (await filledTemplate(f.bytes, '市应急局', () => ({ progress: '初稿：四季度已完成年度任务的百分之八十，正在推进', onSchedule: '是' }))).toString('base64');
    const final = (await filledTemplate(f.bytes, '市应急局', () => ({ progress: '终稿：四季度已完成年度任务的百分之九十五，基本完成', onSchedule: '是' }))).toString('base64');
    const sent = [
      { name: '附件1.xlsx', place: '应急局初稿/附件1.xlsx', data: draft },
      { name: '附件1.xlsx', place: '应急局终稿/附件1.xlsx', data: final },
    ];
    const preview = await core.invoke('import.preview', { files: sent });
    expect(preview.files.map((x) => x.name)).toEqual(['应急局初稿/附件1.xlsx', '应急局终稿/附件1.xlsx']);
    const conflicts = preview.items.filter((i) => i.status === 'conflict');
    expect(new Set(conflicts.map((i) => i.file))).toEqual(new Set(['应急局初稿/附件1.xlsx', '应急局终稿/附件1.xlsx']));
    for (const i of conflicts) expect(i.notes.every((n) => n.where.file === i.file)).toBe(true);
    const take = conflicts.filter((i) => i.file === '应急局终稿/附件1.xlsx').map((i) => i.key);
    const { batch } = await core.invoke('import.apply', { files: sent, take });
    expect(batch.files).toEqual(['应急局初稿/附件1.xlsx', '应急局终稿/附件1.xlsx']);
    const serials = core.db.prepare("SELECT p.text FROM progress_reports p JOIN assignments a ON a.id = p.assignment_id JOIN targets t ON t.id = a.target_id WHERE t.serial IN (36, 37, 38) AND p.quarter = 4").all() as { text: string }[];
    expect(serials.length).toBeGreaterThan(0);
    for (const r of serials) expect(r.text).toMatch(/^终稿/);
    // A host that sends no path: the second file is told apart by its number.
    const bare = await core.invoke('import.preview', { files: sent.map(({ name, data }) => ({ name, data })) });
    expect(bare.files.map((x) => x.name)).toEqual(['附件1.xlsx', '附件1.xlsx（2）']);
  });
});

describe('an untouched template', () => {
  it('sent back as it went out, it claims nothing: beside an edited copy it is no conflict', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 3, by: 'unit' });
    const f = files.find((x) => x.fileName.startsWith('市应急局_'))!;
    const edited = await filledTemplate(f.bytes, '市应急局', ({ serial }) => (serial === 36 ? { progress: '终稿：三季度隐患排查整治全部完成' } : null));
    for (const order of [
      [{ name: '原样.xlsx', bytes: f.bytes }, { name: '终稿.xlsx', bytes: edited }],
      [{ name: '终稿.xlsx', bytes: edited }, { name: '原样.xlsx', bytes: f.bytes }],
    ]) {
      const preview = await previewImport(core, order, {});
      expect(preview.summary.conflicts).toBe(0);
      expect(preview.items.filter((i) => i.status === 'updated').map((i) => [i.serial, i.file])).toEqual([[36, '终稿.xlsx']]);
    }
  });
});

describe('a template\'s fixed columns', () => {
  it('a changed fixed column is a conflict, never an update; 否 as a unit and a paragraph as a status are errors at their cells', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const f = files.find((x) => x.fileName.startsWith('市应急局_'))!;
    const before = listed(core);
    const bytes = await filledTemplate(f.bytes, '市应急局', ({ serial }) =>
      serial === 36
        ? { progress: '四季度已完成隐患排查整治，按计划推进', onSchedule: '是', content: '这是被改动过的目标内容，与库中不同' }
        : serial === 37
          ? { progress: '四季度推进中', onSchedule: '否', units: '否' }
          : { progress: '是', onSchedule: '四季度已组织应急演练三次，完成了全部的年度演练任务，并对演练中发现的问题逐项整改。' },
    );
    const preview = await previewImport(core, [{ name: '应急局.xlsx', bytes }], {});
    const bySerial = new Map(preview.items.map((i) => [i.serial, i]));
    const i36 = bySerial.get(36)!;
    expect(i36.status).toBe('updated');
    expect(i36.changes.map((c) => c.field)).toEqual(['progress', 'onSchedule']);
    expect(i36.notes.find((n) => n.code === 'fixed-column-conflict')).toMatchObject({ where: { file: '应急局.xlsx', sheet: TEMPLATE_SHEET, column: 'C' } });
    const i37 = bySerial.get(37)!;
    expect(i37.status).toBe('error');
    expect(i37.notes.find((n) => n.code === 'cell-misfit')).toMatchObject({ severity: 'error', where: { file: '应急局.xlsx', sheet: TEMPLATE_SHEET, column: 'H' } });
    const i38 = bySerial.get(38)!;
    expect(i38.status).toBe('error');
    expect(i38.notes.find((n) => n.code === 'cell-misfit')).toMatchObject({ where: { column: 'G' } });
    expect(preview.newNames.units).not.toContain('否');

    await applyImport(core, [{ name: '应急局.xlsx', bytes }], {});
    const after = listed(core);
    const t36 = after.find((t) => t.serial === 36)!;
    expect(t36.content).toBe(before.find((t) => t.serial === 36)!.content);
    expect(t36.assignments[0]!.progress['4']?.text).toBe('四季度已完成隐患排查整治，按计划推进');
    expect(after.find((t) => t.serial === 37)).toEqual(before.find((t) => t.serial === 37));
    expect(after.find((t) => t.serial === 38)).toEqual(before.find((t) => t.serial === 38));
    expect(core.db.prepare("SELECT count(*) AS n FROM units WHERE name = '否'").get()).toEqual({ n: 0 });
  });

  it('another unit typed into a template\'s 责任单位 is a conflict at its cell, and the line keeps its units', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const f = files.find((x) => x.fileName.startsWith('市应急局_'))!;
    const before = listed(core).find((t) => t.serial === 37)!;
    const bytes = await filledTemplate(f.bytes, '市应急局', ({ serial }) => (serial === 37 ? { progress: '四季度按计划推进，完成了年度任务', onSchedule: '是', units: '市财政局' } : null));
    const preview = await previewImport(core, [{ name: '应急局.xlsx', bytes }], {});
    const item = preview.items.find((i) => i.serial === 37)!;
    expect(item.changes.map((c) => c.field)).toEqual(['progress', 'onSchedule']);
    expect(item.notes.find((n) => n.code === 'fixed-column-conflict')).toMatchObject({ message: expect.stringContaining('文件中为“市财政局”'), where: { row: expect.any(Number), column: 'H' } });
    await applyImport(core, [{ name: '应急局.xlsx', bytes }], {});
    const after = listed(core).find((t) => t.serial === 37)!;
    expect(after.assignments[0]!.leadUnits).toEqual(before.assignments[0]!.leadUnits);
    expect(after.assignments[0]!.cooperatingUnits).toEqual(before.assignments[0]!.cooperatingUnits);
  });

  it('a date in the serial column is an error at its cell, and that target is not imported', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 4, by: 'unit' });
    const f = files.find((x) => x.fileName.startsWith('市应急局_'))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await filledTemplate(f.bytes, '市应急局', () => ({ progress: '四季度按计划推进，完成了年度任务', onSchedule: '是' }))) as unknown as ArrayBuffer);
    wb.getWorksheet(TEMPLATE_SHEET)!.getCell(5, TEMPLATE_COLUMNS.serial).value = new Date(Date.UTC(2023, 11, 1));
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await previewImport(core, [{ name: '应急局.xlsx', bytes }], {});
    // exceljs writes the date as its serial number (45261) with no date format: read back, a number.
    const item = preview.items.find((i) => i.status === 'error')!;
    expect(item.notes.find((n) => n.code === 'cell-misfit')).toMatchObject({ severity: 'error', message: expect.stringContaining('2023年12月1日'), where: { file: '应急局.xlsx', sheet: TEMPLATE_SHEET, row: 5, column: 'A' } });
    expect(preview.items.filter((i) => i.status !== 'error').map((i) => i.serial)).toEqual([36, 38]);
  });
});

async function seedOverview(edit?: (ws: ExcelJS.Worksheet) => void): Promise<{ name: string; bytes: Buffer }> {
  const file = path.join(ROOT, 'seeds', '2023-三季度-一览表.xlsx');
  const bytes = fs.readFileSync(file);
  if (!edit) return { name: '2023-三季度-一览表.xlsx', bytes };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(wb.worksheets[0]!);
  return { name: '2023-三季度-一览表（改）.xlsx', bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

function replaceText(ws: ExcelJS.Worksheet, from: string, to: string): void {
  let found = 0;
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value === from) {
        cell.value = to;
        found++;
      }
    }),
  );
  expect(found).toBe(1);
}

describe('an older file does not undo a newer edit', () => {
  it('seed: an edit in the app, then the older table: kept; a third value: a conflict with the three values, taken only when chosen', async () => {
    const core = await store(true);
    const t1 = listed(core).find((t) => t.serial === 1)!;
    const original = t1.assignments[0]!.progress['3']!.text;
    const id = (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = 1').get() as { id: number }).id;
    await core.invoke('progress.save', { assignmentId: id, quarter: 3, text: '督查科核实后改写的三季度完成情况，数据以统计局为准' });

    // The seed table again: it is what was imported, the edit is newer.
    const older = await previewImport(core, [await seedOverview()], {});
    const item = older.items.find((i) => i.serial === 1)!;
    expect(item.status).toBe('unchanged');
    expect(item.notes.some((n) => n.code === 'kept-newer')).toBe(true);
    await applyImport(core, [await seedOverview()], {});
    expect((await core.invoke('targets.get', { id: (await targetIdOf(core, 1)) })).assignments[0]!.progress.find((p) => p.quarter === 3)!.text).toBe('督查科核实后改写的三季度完成情况，数据以统计局为准');

    // A third text in the file: the three values are shown, nothing is ticked.
    const third = await seedOverview((ws) => replaceText(ws, original, '单位另报的第三种三季度完成情况文字，与前两者都不同'));
    const preview = await previewImport(core, [third], {});
    const conflict = preview.items.find((i) => i.serial === 1)!;
    expect(conflict.status).toBe('conflict');
    expect(conflict.changes.find((c) => c.field === 'progress')).toEqual({
      field: 'progress',
      line: 0,
      before: '督查科核实后改写的三季度完成情况，数据以统计局为准',
      after: '单位另报的第三种三季度完成情况文字，与前两者都不同',
      base: original,
    });
    await applyImport(core, [third], {});
    expect(progressOf(await core.invoke('targets.get', { id: await targetIdOf(core, 1) }))).toBe('督查科核实后改写的三季度完成情况，数据以统计局为准');
    await applyImport(core, [third], { take: [conflict.key] });
    expect(progressOf(await core.invoke('targets.get', { id: await targetIdOf(core, 1) }))).toBe('单位另报的第三种三季度完成情况文字，与前两者都不同');
  });

  it('a returned template left as it was sent does not undo an edit made after it went out', async () => {
    const core = await store(true);
    const files = await exportTemplates(core, { year: 2023, quarter: 3, by: 'unit' });
    const f = files.find((x) => x.fileName.startsWith('市应急局_'))!;
    const id = (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = 36').get() as { id: number }).id;
    await core.invoke('progress.save', { assignmentId: id, quarter: 3, text: '模板发出后督查科修改的三季度完成情况' });
    const preview = await previewImport(core, [{ name: f.fileName, bytes: f.bytes }], {});
    expect(preview.items.find((i) => i.serial === 36)!.status).toBe('unchanged');
    // The unit wrote its own text over the cell: the office's edit and the unit's both moved away from what was sent.
    const changed = await filledTemplate(f.bytes, '市应急局', ({ serial }) => (serial === 36 ? { progress: '单位填报的三季度完成情况，与发出时不同' } : null));
    const conflict = (await previewImport(core, [{ name: f.fileName, bytes: changed }], {})).items.find((i) => i.serial === 36)!;
    expect(conflict.status).toBe('conflict');
    expect(conflict.changes[0]).toMatchObject({ before: '模板发出后督查科修改的三季度完成情况', after: '单位填报的三季度完成情况，与发出时不同' });
  });
});

async function targetIdOf(core: Core, serial: number): Promise<number> {
  return (core.db.prepare('SELECT id FROM targets WHERE serial = ?').get(serial) as { id: number }).id;
}

function progressOf(t: Target): string {
  return t.assignments[0]!.progress.find((p) => p.quarter === 3)!.text;
}
