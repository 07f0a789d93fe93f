/**
 * The change log's after-state of a target an import creates is built from what was written, not read back:
 * it must be exactly what loadTargets reads back, names as kept (an alias under its unit's name, a name
 * written twice once, padded names closed up), timestamps and all.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTarget } from '../../electron/db/repos/targets';
import { closingStores } from '../helpers/store';

const open = closingStores();
type Core = Awaited<ReturnType<typeof open>>;

/** Every target the batch logged, its after-state beside the target as the store reads it now. */
function logged(core: Core, batchId: string): { after: unknown; now: unknown }[] {
  const rows = core.db.prepare("SELECT entity_id AS id, after_json FROM change_log WHERE batch_id = ? AND entity = 'target' ORDER BY id").all(batchId) as { id: number; after_json: string }[];
  return rows.map((r) => ({ after: JSON.parse(r.after_json) as unknown, now: JSON.parse(JSON.stringify(loadTarget(core.db, r.id))) as unknown }));
}

async function table(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一览表');
  ws.addRow(['示例市2023年责任目标三季度工作推进情况一览表']);
  ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('the after-state of the targets an import creates', () => {
  it('is what the store reads back, for the sample table', async () => {
    const core = await open();
    const data = fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx')).toString('base64');
    const { batch } = await core.invoke('import.apply', { files: [{ name: '一览表.xlsx', data }], year: 2023, quarter: 3 });
    const pairs = logged(core, batch.id);
    expect(pairs).toHaveLength(batch.summary.targetsNew);
    for (const { after, now } of pairs) expect(after).toEqual(now);
  });

  it('names kept as stored: an alias as its unit, a repeated name once, a padded one closed up; lines without progress', async () => {
    const core = await open();
    await core.invoke('plans.create', { year: 2023 });
    await core.invoke('targets.create', { year: 2023, serial: 90, content: '已有的目标', assignments: [{ leaders: ['王昌华'], leadUnits: ['市财政局'], cooperatingUnits: [] }] });
    await core.invoke('units.addAlias', { unit: '市财政局', alias: '财政局' });
    const data = await table([
      [1, '张　鹏、张鹏', '推进第一项工作', '年底', '已完成年度任务的80%', '是', '财政局（牵头）、市税务局、市财政局'],
      [2, '王昌华', '推进第二项工作', '长期坚持', '', '', '市第１中学'],
      [2, '聂元科', '推进第二项工作', '长期坚持', '第二条分工的进展', '否', '市商务局'],
    ]);
    const { batch } = await core.invoke('import.apply', { files: [{ name: '一览表.xlsx', data }], year: 2023, quarter: 3 });
    expect(batch.summary.targetsNew).toBe(2);
    const pairs = logged(core, batch.id);
    expect(pairs).toHaveLength(2);
    for (const { after, now } of pairs) expect(after).toEqual(now);
    const first = pairs[0]!.now as { assignments: { leaders: string[]; leadUnits: string[]; cooperatingUnits: string[] }[] };
    expect(first.assignments[0]).toMatchObject({ leaders: ['张鹏'], leadUnits: ['市财政局'], cooperatingUnits: ['市税务局'] });
    const second = pairs[1]!.now as { assignments: { leadUnits: string[]; progress: unknown[] }[] };
    expect(second.assignments.map((a) => a.leadUnits)).toEqual([['市第1中学'], ['市商务局']]);
    expect(second.assignments[0]!.progress).toEqual([]);
  });
});
