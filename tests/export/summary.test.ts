/**
 * What the settings change in the overview export (title, paragraph and column wording, A4, the default
 * layout) and the summary sheet (汇总): counts by status, leader and unit that agree with the store.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { applyImport } from '../../electron/services/import';
import { exportOverview } from '../../electron/services/export';
import { SUMMARY_SHEET, summarize } from '../../electron/excel/summarySheet';
import { loadTargets } from '../../electron/db/repos/targets';
import { closingStores } from '../helpers/store';
import { listed } from '../import/helpers';

const store = closingStores();

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The rows of one titled table of the summary sheet, as label → numbers. */
function table(ws: ExcelJS.Worksheet, heading: string): Map<string, number[]> {
  let r = 1;
  while (r <= ws.rowCount && ws.getCell(r, 1).value !== heading) r++;
  expect(r, heading).toBeLessThanOrEqual(ws.rowCount);
  const rows = new Map<string, number[]>();
  for (r += 2; r <= ws.rowCount && ws.getCell(r, 1).value !== null; r++) {
    const values = [2, 3, 4, 5, 6, 7].map((c) => ws.getCell(r, c).value).filter((v): v is number => typeof v === 'number');
    rows.set(String(ws.getCell(r, 1).value), values);
  }
  return rows;
}

describe('overview export settings and summary', () => {
  it('the summary sheet counts the seed table: by status, by leader, by unit', async () => {
    const core = await store(true);
    const wb = await load(await exportOverview(core, { year: 2023, quarter: 3 }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['一览表', SUMMARY_SHEET]);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(ws.getCell(1, 1).value).toBe('菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况汇总表');

    // Counted independently of the writer: straight from the store.
    const statuses = core.db
      .prepare(
        `SELECT coalesce(p.on_schedule, 'blank') AS s, count(*) AS n FROM assignments a JOIN targets t ON t.id = a.target_id
         LEFT JOIN progress_reports p ON p.assignment_id = a.id AND p.quarter = 3 GROUP BY 1`,
      )
      .all() as { s: string; n: number }[];
    const lines = (s: string) => statuses.find((x) => x.s === s)?.n ?? 0;
    const byStatus = table(ws, '一、按是否按计划完成进度');
    expect(byStatus.get('是')![1]).toBe(lines('yes'));
    expect(byStatus.get('否')![1]).toBe(lines('no'));
    expect(byStatus.get('未填报')![1]).toBe(lines('blank'));
    expect(byStatus.get('合计')).toEqual([39, 40]);
    expect([...byStatus.values()].slice(0, 4).reduce((n, v) => n + v[0]!, 0)).toBe(39);

    const leaders = table(ws, '二、按市政府领导');
    const targets = listed(core);
    for (const [leader, [targetCount, lineCount]] of leaders) {
      expect(targetCount, leader).toBe(targets.filter((t) => t.assignments.some((a) => a.leaders.includes(leader))).length);
      expect(lineCount, leader).toBe(targets.flatMap((t) => t.assignments).filter((a) => a.leaders.includes(leader)).length);
    }
    expect(leaders.size).toBe(new Set(targets.flatMap((t) => t.assignments.flatMap((a) => a.leaders))).size);
    const units = table(ws, '三、按责任单位');
    expect(units.get('市应急局')![1]).toBe(3);
  });

  it('a filtered export summarises its own rows; --no-summary leaves it out; the importer skips the summary sheet', async () => {
    const core = await store(true);
    // Every seed line says 是: two lines fall behind.
    const ids = core.db.prepare('SELECT a.id FROM assignments a JOIN targets t ON t.id = a.target_id WHERE t.serial IN (16, 39)').all() as { id: number }[];
    for (const { id } of ids) await core.invoke('progress.save', { assignmentId: id, quarter: 3, onSchedule: 'no' });
    const wb = await load(await exportOverview(core, { year: 2023, quarter: 3, behindOnly: true }));
    const byStatus = table(wb.getWorksheet(SUMMARY_SHEET)!, '一、按是否按计划完成进度');
    const plan = core.db.prepare('SELECT id FROM plans WHERE year = 2023').get() as { id: number };
    const behind = loadTargets(core.db, { planId: plan.id }, 3).filter((t) => t.assignments.some((a) => a.progress.some((p) => p.quarter === 3 && p.onSchedule === 'no')));
    expect(behind.map((t) => t.serial)).toEqual([16, 39]);
    expect(byStatus.get('合计')).toEqual([2, 2]);
    expect(byStatus.get('否')![0]).toBe(behind.length);
    expect(summarize(behind, 3).targets.no).toBe(behind.length);

    const bare = await load(await exportOverview(core, { year: 2023, quarter: 3, summary: false }));
    expect(bare.worksheets.map((w) => w.name)).toEqual(['一览表']);

    const target = await store();
    await applyImport(target, [{ name: 'with-summary.xlsx', bytes: await exportOverview(core, { year: 2023, quarter: 3 }) }], {});
    expect(listed(target)).toEqual(listed(core));
  });

  it('wording, paper and layout come from the settings; an invalid setting is refused in Chinese', async () => {
    const core = await store(true);
    await core.invoke('settings.update', {
      exportTitle: '{城市}{年}年{季度}重点工作责任目标推进情况表',
      exportParagraph: '共{目标数}项，现予通报。',
      exportHeaders: ['编号', '分管市领导', '目标任务', '时限', '{季度}进展情况', '是否按序时推进', '责任部门'],
      paperSize: 'A4',
      exportLayout: 'two-block',
    });
    const settings = await core.invoke('settings.get', {});
    expect(settings).toMatchObject({ paperSize: 'A4', exportLayout: 'two-block', exportHeaders: expect.arrayContaining(['编号']) });
    const ws = (await load(await exportOverview(core, { year: 2023, quarter: 3, unit: '市应急局' }))).getWorksheet('一览表')!;
    expect(ws.getCell(1, 1).value).toBe('菏泽市2023年三季度重点工作责任目标推进情况表');
    // The plan's count, not the filtered rows'.
    expect(ws.getCell(2, 1).value).toBe('共39项，现予通报。');
    expect(ws.getCell(3, 5).value).toBe('三季度进展情况');
    expect(ws.getCell(3, 12).value).toBe('三季度进展情况');
    expect(ws.pageSetup.paperSize).toBe(9);
    // The call's own layout wins over the setting.
    const single = (await load(await exportOverview(core, { year: 2023, quarter: 3, layout: 'single' }))).getWorksheet('一览表')!;
    expect(single.getCell(3, 12).value).toBeNull();

    // Reworded headers still import back (the importer knows these synonyms).
    const target = await store();
    await applyImport(target, [{ name: 'reworded.xlsx', bytes: await exportOverview(core, { year: 2023, quarter: 3 }) }], { year: 2023, quarter: 3 });
    expect(listed(target)).toEqual(listed(core));

    await expect(core.invoke('settings.update', { exportHeaders: ['序号'] })).rejects.toThrow(/一览表应有7列/);
    await expect(core.invoke('settings.update', { exportTitle: '  ' })).rejects.toThrow(/标题不能为空/);
    await expect(core.invoke('settings.update', { paperSize: 'B5' as 'A4' })).rejects.toThrow();
    // A user name that looks like a number stays a name.
    await core.invoke('settings.update', { userName: '2023' });
    expect((await core.invoke('settings.get', {})).userName).toBe('2023');
  });
});
