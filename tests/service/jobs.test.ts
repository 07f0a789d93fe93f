import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../helpers/store';

const SEED = fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx')).toString('base64');
const files = Array.from({ length: 6 }, (_, i) => ({ name: `第${i + 1}份.xlsx`, data: SEED }));

function counts(db: import('better-sqlite3').Database) {
  return db.prepare('SELECT (SELECT count(*) FROM targets) AS t, (SELECT count(*) FROM change_log) AS c, (SELECT count(*) FROM import_batches) AS b').get();
}

describe('long work: progress and cancel', () => {
  it('reports progress while an import reads its files', async () => {
    const core = await openCore();
    // A store something was written to: one nothing was written to is not backed up first.
    await core.invoke('settings.update', { city: '示例市' });
    const seen: string[] = [];
    const pending = core.call('import.apply', { files, jobId: 'job-progress-1' });
    let settled = false;
    void pending.then(() => (settled = true));
    // The job first backs the store up (on a worker thread), then reads: poll until it is done.
    while (!settled) {
      const r = await core.call('jobs.progress', { jobId: 'job-progress-1' });
      if (r.ok && r.value) seen.push((r.value as { label: string }).label);
      await new Promise((res) => setTimeout(res, 1));
    }
    expect((await pending).ok).toBe(true);
    expect(seen).toContain('导入前备份数据');
    expect(seen.some((l) => l.includes('正在读取'))).toBe(true);
  });

  it('a cancelled import writes nothing and says so in Chinese', async () => {
    const core = await openCore();
    const before = counts(core.db);
    const pending = core.call('import.apply', { files, jobId: 'job-cancel-1' });
    await new Promise((res) => setImmediate(res));
    expect(await core.call('jobs.cancel', { jobId: 'job-cancel-1' })).toEqual({ ok: true, value: { cancelled: true } });
    const result = await pending;
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled', message: expect.stringMatching(/已取消/) } });
    expect(counts(core.db)).toEqual(before);
    expect(await core.call('jobs.cancel', { jobId: 'job-cancel-1' })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
