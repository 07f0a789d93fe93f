/**
 * From the last closing note: the work report's import takes a verified backup first, like every other
 * import; the sections (篇章) a report adds to a plan are each in the change log, in the import's batch;
 * `check` leaves no empty -wal/-shm beside a closed store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closingStores, tempStorePath, openCore } from '../helpers/store';
import { cli } from '../helpers/cli';

const open = closingStores();
const SEED_TEXT = fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-政府工作报告.txt'), 'utf8');

describe('report.import', () => {
  it('takes a verified backup of the store as it was, before the report goes in', async () => {
    const core = await open();
    await core.invoke('settings.update', { city: '示例市' });
    expect((await core.invoke('backups.list', {})).backups).toEqual([]);
    await core.invoke('report.import', { year: 2023, text: SEED_TEXT, name: '2023-政府工作报告.txt' });
    const { backups } = await core.invoke('backups.list', {});
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ reason: 'import' });
    // The backup is of the store before the report: the settings' change, no plan in it yet.
    expect(backups[0]).toMatchObject({ counts: { plans: 0, changeLog: 1 } });
  });

  it('takes none of a store nothing was written to: it could bring nothing back', async () => {
    const core = await open();
    await core.invoke('report.import', { year: 2023, text: SEED_TEXT, name: '2023-政府工作报告.txt' });
    expect((await core.invoke('backups.list', {})).backups).toEqual([]);
    const files = [{ name: '一览表.xlsx', data: fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx')).toString('base64') }];
    await core.invoke('import.apply', { files, year: 2023, quarter: 3 });
    // Now the store holds the report: the import backs it up first.
    expect((await core.invoke('backups.list', {})).backups).toMatchObject([{ reason: 'import', counts: { targets: 0 } }]);
  });

  it('logs each section it adds to the plan, in the batch of the import, so the history shows them', async () => {
    const core = await open();
    await core.invoke('report.import', { year: 2023, text: SEED_TEXT, name: '2023-政府工作报告.txt' });
    const sections = core.db.prepare('SELECT id, code, name FROM sections ORDER BY ord').all() as { id: number; code: string; name: string }[];
    expect(sections.length).toBeGreaterThan(3);
    const logged = core.db.prepare("SELECT entity_id AS id, after_json, batch_id FROM change_log WHERE kind = 'section-add' AND entity = 'section' ORDER BY id").all() as { id: number; after_json: string; batch_id: string }[];
    expect(logged.map((r) => r.id)).toEqual(sections.map((s) => s.id));
    expect(logged.map((r) => (JSON.parse(r.after_json) as { name: string }).name)).toEqual(sections.map((s) => s.name));
    const importBatch = (core.db.prepare("SELECT batch_id FROM change_log WHERE kind = 'report-import'").get() as { batch_id: string }).batch_id;
    expect(new Set(logged.map((r) => r.batch_id))).toEqual(new Set([importBatch]));
  });
});

describe('cli check', () => {
  it('leaves no -wal or -shm beside a closed store', async () => {
    const db = tempStorePath();
    const core = await openCore(db, true);
    core.close();
    const companions = () => ['-wal', '-shm'].filter((s) => fs.existsSync(`${db}${s}`));
    expect(companions()).toEqual([]);
    const r = cli('check', '--db', db);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('数据文件完好');
    expect(companions()).toEqual([]);
  });
});
