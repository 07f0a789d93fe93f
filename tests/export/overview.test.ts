/**
 * The official overview export (一览表): layout and page setup as the office prints it, a round trip
 * through the importer into a new store, formula-looking text kept as text, the CLI, and row heights.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportOverview } from '../../electron/services/export';
import { applyImport } from '../../electron/services/import';
import { OVERVIEW_COLUMN_WIDTHS, linesNeeded, writeOverview } from '../../electron/excel/overviewWriter';
import { tempDir } from '../helpers/store';
import { cli, expectChinese, listed, type Core } from '../import/helpers';
import { closingStores } from '../helpers/store';

const store = closingStores();

async function readBack(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('一览表');
  expect(ws).toBeDefined();
  return ws!;
}

const text = (ws: ExcelJS.Worksheet, r: number, c: number): string => {
  const v = ws.getCell(r, c).value;
  return v === null || v === undefined ? '' : String(v);
};

/** Merged ranges of the sheet as [top, left, bottom, right]. */
function merges(ws: ExcelJS.Worksheet): [number, number, number, number][] {
  const model = (ws as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges;
  return Object.values(model).map(({ model: m }) => [m.top, m.left, m.bottom, m.right]);
}

describe('overview export', () => {
  it('writes the seed Q3 table in the official layout', async () => {
    const core = await store(true);
    const ws = await readBack(await exportOverview(core, { year: 2023, quarter: 3 }));
    expect(text(ws, 1, 1)).toBe('菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表');
    expect(text(ws, 2, 1)).toBe(
      '市政府办公室对2023年《政府工作报告》确定的39项经济社会发展责任目标三季度工作推进情况进行了调度。依据政务公开有关规定，现将工作完成情况向社会公开，接受群众监督。',
    );
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => text(ws, 3, c))).toEqual(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']);
    expect(ws.rowCount).toBe(3 + 40);
    expect(merges(ws)).toEqual(expect.arrayContaining([[1, 1, 1, 7], [2, 1, 2, 7]]));
    expect(ws.getCell(1, 1).font.name).toBe('方正小标宋简体');
    expect(ws.getCell(3, 1).font).toMatchObject({ name: '黑体', size: 12 });
    expect(ws.getCell(4, 3).font).toMatchObject({ name: '仿宋_GB2312', size: 11 });
    expect(ws.getCell(4, 5).alignment).toMatchObject({ wrapText: true, vertical: 'middle' });
    expect(ws.getCell(4, 5).border.top?.style).toBe('thin');
    expect(ws.columns.map((c) => c.width)).toEqual([...OVERVIEW_COLUMN_WIDTHS]);

    // Target 26: two lines, serial, content and deadline merged over both.
    let row26 = 0;
    for (let r = 4; r <= ws.rowCount && row26 === 0; r++) if (ws.getCell(r, 1).value === 26) row26 = r;
    expect(row26).toBeGreaterThan(3);
    for (const c of [1, 3, 4]) expect(merges(ws)).toContainEqual([row26, c, row26 + 1, c]);
    expect(ws.getCell(row26 + 1, 1).isMerged).toBe(true);
    expect(text(ws, row26 + 1, 2)).toBe('肖友华');
    expect(merges(ws).filter(([top]) => top > 3)).toHaveLength(3);

    expect(ws.pageSetup).toMatchObject({
      paperSize: 8,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
      printArea: 'A1:G43',
    });
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('round trip: seed → export → import into a new store gives the same list --json', async () => {
    const source = await store(true);
    const bytes = await exportOverview(source, { year: 2023, quarter: 3 });
    const target = await store();
    await applyImport(target, [{ name: '2023-三季度-一览表.xlsx', bytes }], {});
    const a = listed(source);
    expect(a).toHaveLength(39);
    expect(listed(target)).toEqual(a);
    // The seed's quirks survive: 13 has no content, 26 has two lines, 长期\n坚持 stays as stored.
    const t13 = a.find((t) => t.serial === 13)!;
    expect(listed(target).find((t) => t.serial === 13)!.content).toBe(t13.content);
    expect(listed(target).find((t) => t.serial === 26)!.assignments).toHaveLength(2);
    const flags = (c: Core) => c.db.prepare('SELECT on_schedule AS f, count(*) AS n FROM progress_reports GROUP BY on_schedule ORDER BY f').all();
    expect(flags(target)).toEqual(flags(source));
  });

  it('filters by leader, unit and behind schedule', async () => {
    const core = await store(true);
    const ws = await readBack(await exportOverview(core, { year: 2023, quarter: 3, leader: '肖友华' }));
    for (let r = 4; r <= ws.rowCount; r++) expect(text(ws, r, 2)).toContain('肖友华');
    // The paragraph still speaks of the plan's 39 targets.
    expect(text(ws, 2, 1)).toContain('39项');
    // The seed has no line behind schedule: mark target 5's and 26's second line 否.
    const lineOf = (serial: number, ord: number) =>
      (core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial = ? ORDER BY a.ord LIMIT 1 OFFSET ?').get(serial, ord) as { id: number }).id;
    for (const [serial, ord] of [[5, 0], [26, 1]] as const) await core.invoke('progress.save', { assignmentId: lineOf(serial, ord), quarter: 3, text: '进度滞后', onSchedule: 'no' });
    const wb = await readBack(await exportOverview(core, { year: 2023, quarter: 3, behindOnly: true }));
    const serials = new Set<number>();
    for (let r = 4; r <= wb.rowCount; r++) if (typeof wb.getCell(r, 1).value === 'number') serials.add(wb.getCell(r, 1).value as number);
    expect([...serials]).toEqual([5, 26]);
    // A target is shown with all its lines: 26 keeps the one on schedule.
    expect(wb.rowCount).toBe(3 + 3);
    expect(text(wb, 5, 6)).toBe('是');
    expect(text(wb, 6, 6)).toBe('否');
    await expect(exportOverview(core, { year: 2023, quarter: 3, unit: '不存在的单位' })).rejects.toThrow(/没有符合条件/);
    await expect(exportOverview(core, { year: 2030, quarter: 3 })).rejects.toThrow(/2030年/);
  });

  it('keeps text that looks like a formula as literal text', async () => {
    const core = await store();
    await core.invoke('plans.create', { year: 2024, city: '菏泽市' });
    const t = await core.invoke('targets.create', {
      year: 2024,
      serial: 1,
      content: '=1+1',
      deadline: '年底',
      assignments: [{ leaders: ['李春英'], leadUnits: ['市财政局'], cooperatingUnits: [] }],
    });
    await core.invoke('progress.save', { assignmentId: t.assignments[0]!.id, quarter: 2, text: '+SUM(A1:A2) @x -3', onSchedule: 'yes' });
    const bytes = await exportOverview(core, { year: 2024, quarter: 2 });
    const ws = await readBack(bytes);
    expect(ws.getCell(4, 3).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(4, 3).value).toBe('=1+1');
    expect(ws.getCell(4, 5).value).toBe('+SUM(A1:A2) @x -3');
    const target = await store();
    await applyImport(target, [{ name: 'x.xlsx', bytes }], {});
    expect(listed(target)).toEqual(listed(core));
  });

  it('CLI: export overview writes the file; a missing --out fails in Chinese', async () => {
    const core = await store(true);
    const storePath = core.storePath;
    core.close();
    const out = path.join(tempDir('export-'), '一览表.xlsx');
    const ok = cli('export', 'overview', '--db', storePath, '--year', '2023', '--quarter', '3', '--out', out);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe(`已导出 39 项目标到 ${out}`);
    const ws = await readBack(fs.readFileSync(out));
    expect(ws.rowCount).toBe(43);
    const missing = cli('export', 'overview', '--db', storePath, '--year', '2023', '--quarter', '3');
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('--out');
    expectChinese(missing.stderr);
    const badQuarter = cli('export', 'overview', '--db', storePath, '--year', '2023', '--quarter', '5', '--out', out);
    expect(badQuarter.status).not.toBe(0);
    expectChinese(badQuarter.stderr);
  });

  it('rows are tall enough for their wrapped text', async () => {
    const core = await store(true);
    const ws = await readBack(await exportOverview(core, { year: 2023, quarter: 3 }));
    const ranges = merges(ws).filter(([top]) => top > 3);
    const mergedAt = (r: number, c: number) => ranges.find(([t, l, b]) => l === c && r >= t && r <= b);
    for (let r = 4; r <= ws.rowCount; r++) {
      const height = ws.getRow(r).height;
      for (let c = 1; c <= 7; c++) {
        const need = 15 * linesNeeded(text(ws, r, c), OVERVIEW_COLUMN_WIDTHS[c - 1]!);
        const range = mergedAt(r, c);
        if (!range) expect(height, `row ${r} col ${c}`).toBeGreaterThanOrEqual(need);
        else if (range[0] === r) {
          let sum = 0;
          for (let i = range[0]; i <= range[2]; i++) sum += ws.getRow(i).height;
          expect(sum, `rows ${range[0]}-${range[2]} col ${c}`).toBeGreaterThanOrEqual(need);
        }
      }
    }
  });

  it('writeOverview builds a workbook without the database', () => {
    const wb = writeOverview({ city: '菏泽市', year: 2024, quarter: 1, targets: [] });
    const ws = wb.getWorksheet('一览表')!;
    expect(ws.getCell(1, 1).value).toBe('菏泽市人民政府2024年经济社会发展责任目标一季度工作推进情况一览表');
    expect(ws.getCell(3, 5).value).toBe('一季度完成情况');
  });
});
