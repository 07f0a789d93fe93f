/** The sample data set: marked as such, removed in one step with a backup first and a change-log entry. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDirFor } from '../../electron/services/backups';
import { closingStores } from '../helpers/store';

const open = closingStores();

describe('sample data', () => {
  it('is marked as 示例数据, in the plan list and the export’s file name', async () => {
    const core = await open(true);
    expect((await core.invoke('plans.list', {}))[0]).toMatchObject({ year: 2023, sample: true, targetCount: 39 });
    const file = await core.invoke('export.overview', { year: 2023, quarter: 3 });
    expect(file.fileName).toBe('菏泽市2023年三季度责任目标工作推进情况一览表（示例数据）.xlsx');
    await core.invoke('plans.create', { year: 2024, city: '郓城县' });
    expect((await core.invoke('plans.list', {})).find((p) => p.year === 2024)).toMatchObject({ sample: false });
  });

  it('is removed in one step: a backup first, one change-log entry with every target, nothing of it left', async () => {
    const core = await open(true);
    await core.invoke('plans.create', { year: 2024, city: '菏泽市' });
    const removed = await core.invoke('sample.remove', { year: 2023 });
    expect(removed).toMatchObject({ year: 2023, targets: 39 });

    // The backup holds the sample as it was.
    const backupFile = path.join(backupDirFor(core.storePath), removed.backup.name);
    const copy = new Database(backupFile, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM targets').get() as { n: number }).n).toBe(39);
    copy.close();

    const entry = core.db.prepare('SELECT kind, entity, before_json, after_json FROM change_log WHERE id = ?').get(removed.changeId) as Record<string, string | null>;
    expect(entry).toMatchObject({ kind: 'delete', entity: 'plan', after_json: 'null' });
    const before = JSON.parse(entry.before_json!) as { year: number; sample: boolean; backup: string; targets: { serial: number; content: string }[] };
    expect(before).toMatchObject({ year: 2023, sample: true, backup: removed.backup.name });
    expect(before.targets).toHaveLength(39);
    expect(before.targets[0]!.serial).toBe(1);

    expect((await core.invoke('plans.list', {})).map((p) => p.year)).toEqual([2024]);
    for (const table of ['targets', 'assignments', 'progress_reports', 'leaders', 'units', 'import_batches', 'target_search', 'progress_search']) {
      expect((core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
    }
    expect(await core.invoke('directory.get', {})).toEqual({ leaders: [], units: [] });
    // The user's own year keeps the city it was given.
    expect((await core.invoke('plans.list', {}))[0]!.city).toBe('菏泽市');
  });

  it('removes only the sample, and respects a published quarter', async () => {
    const core = await open(true);
    await core.invoke('plans.create', { year: 2024 });
    await expect(core.invoke('sample.remove', { year: 2024 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(core.invoke('sample.remove', { year: 2022 })).rejects.toMatchObject({ code: 'not-found' });
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    const backups = () => (fs.existsSync(backupDirFor(core.storePath)) ? fs.readdirSync(backupDirFor(core.storePath)).length : 0);
    const before = backups();
    await expect(core.invoke('sample.remove', { year: 2023 })).rejects.toMatchObject({ code: 'locked', message: expect.stringContaining('三季度已发布锁定') });
    expect(backups()).toBe(before);
    expect((await core.invoke('plans.list', {})).find((p) => p.year === 2023)?.targetCount).toBe(39);
  });

  it('the welcome is due once per store', async () => {
    const core = await open(true);
    expect((await core.invoke('app.startState', {})).welcome).toBe(true);
    expect((await core.invoke('app.welcomeSeen', {})).welcome).toBe(false);
    expect((await core.invoke('app.startState', {})).welcome).toBe(false);
  });
});
