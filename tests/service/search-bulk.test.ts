import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOverviewFile } from '../../bench/overviewFile';
import { searchIndexDrift, searchIndexStale, searchTargetIds, searchTargetIdsByScan } from '../../electron/db/repos/search';
import { openCore } from '../helpers/store';

describe('the search index after a bulk import', () => {
  it('is left to the first search, which rebuilds it to match the tables; small writes keep it current', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-search-bulk-'));
    const file = path.join(dir, 'overview.xlsx');
    await writeOverviewFile(file, 400, 5);
    const core = await openCore();
    const files = [{ name: '一览表.xlsx', data: fs.readFileSync(file).toString('base64') }];
    await core.invoke('import.apply', { files, year: 2025, quarter: 3 });
    expect(searchIndexStale(core.db)).toBe(true);

    // A single edit while the index is pending stays pending and is found after the rebuild.
    const [first] = (await core.invoke('overview.get', { year: 2025, quarter: 3, filter: {} })).rows;
    await core.invoke('targets.update', { id: first!.id, patch: { content: '改过的目标甲乙丙丁' } });
    expect(searchIndexStale(core.db)).toBe(true);

    const planId = (core.db.prepare('SELECT id FROM plans WHERE year = 2025').get() as { id: number }).id;
    const hits = await core.invoke('overview.get', { year: 2025, quarter: 3, filter: { query: '甲乙丙丁' } });
    expect(hits.rows.map((r) => r.id)).toEqual([first!.id]);
    expect(searchIndexStale(core.db)).toBe(false);
    expect(searchIndexDrift(core.db)).toEqual({ targets: 0, progress: 0 });
    for (const q of ['项目', '建设', '完成', '改革']) expect([...searchTargetIds(core.db, q)].sort()).toEqual([...searchTargetIdsByScan(core.db, planId, q)].sort());

    // Once rebuilt, a small write indexes at once again.
    await core.invoke('targets.update', { id: first!.id, patch: { content: '又改过的目标戊己庚' } });
    expect(searchIndexStale(core.db)).toBe(false);
    expect(searchIndexDrift(core.db)).toEqual({ targets: 0, progress: 0 });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
