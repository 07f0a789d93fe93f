/**
 * The work report's CLI commands as a script runs them: the --json output read whole from the pipe and
 * parsed, in the shapes issue 15 fixes, the same as the service answers; and a report imported from a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { docxOf } from '../helpers/docx';
import { openCore, tempDir, tempStorePath } from '../helpers/store';

const SEED_TEXT = fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-政府工作报告.txt'), 'utf8');

async function seededStore(): Promise<string> {
  const db = tempStorePath();
  (await openCore(db, true)).close();
  return db;
}

/** The whole of stdout as one JSON value: nothing else printed, nothing cut. */
function json(...args: string[]): unknown {
  const r = cli(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

async function serviceAnswer<T>(db: string, call: (core: Awaited<ReturnType<typeof openCore>>) => Promise<T>): Promise<T> {
  const core = await openCore(db);
  try {
    return await call(core);
  } finally {
    core.close();
  }
}

const logCount = (db: string) => serviceAnswer(db, async (core) => core.db.prepare('SELECT count(*) FROM change_log').pluck().get() as number);

describe('cli report', () => {
  it('prints the candidates and the coverage of the sample year as stable JSON, and writes nothing', async () => {
    const db = await seededStore();
    const logged = await logCount(db);

    const candidates = json('report', 'candidates', '--db', db, '--year', '2023') as Record<string, unknown>[];
    expect(candidates.length).toBeGreaterThan(100);
    for (const c of candidates) {
      expect(Object.keys(c)).toEqual(['text', 'section', 'span', 'quantity', 'suggestedUnits']);
      expect(Object.keys(c.section as object)).toEqual(['code', 'name']);
      expect(Object.keys(c.span as object)).toEqual(['start', 'end']);
      if (c.quantity !== null) expect(Object.keys(c.quantity as object)).toEqual(['value', 'unit', 'comparator']);
      expect(Array.isArray(c.suggestedUnits)).toBe(true);
    }
    expect(candidates[0]).toMatchObject({ text: '地区生产总值增长 5.5%左右', section: { code: 'main-targets', name: '主要预期目标' }, quantity: { value: 5.5, unit: '%', comparator: 'about' } });
    expect(candidates).toEqual(await serviceAnswer(db, (core) => core.invoke('report.candidates', { year: 2023 })));

    const coverage = json('report', 'coverage', '--db', db, '--year', '2023') as { targets: number; linkedTargets: number; sections: Record<string, unknown>[] };
    expect(Object.keys(coverage)).toEqual(['targets', 'linkedTargets', 'sections']);
    expect(coverage.targets).toBe(39);
    for (const s of coverage.sections) expect(Object.keys(s)).toEqual(['code', 'name', 'commitments', 'covered']);
    expect(coverage.sections[0]).toEqual({ code: 'main-targets', name: '主要预期目标', commitments: 10, covered: 6 });
    expect(coverage).toEqual(await serviceAnswer(db, (core) => core.invoke('report.coverage', { year: 2023 })));

    expect(await logCount(db)).toBe(logged);
  });

  it('imports a .docx report into a new store under its file name, logged, and its candidates follow', async () => {
    const dir = tempDir();
    const file = path.join(dir, '2025年政府工作报告.docx');
    fs.writeFileSync(file, await docxOf(SEED_TEXT));
    const db = path.join(dir, '数据', 'store.sqlite');
    const summary = json('report', 'import', file, '--db', db, '--year', '2025') as { year: number; fileName: string; candidates: number };
    expect(summary).toMatchObject({ year: 2025, fileName: '2025年政府工作报告.docx' });
    expect(summary.candidates).toBeGreaterThan(100);
    expect((json('report', 'candidates', '--db', db, '--year', '2025') as unknown[]).length).toBe(summary.candidates);
    const logged = await serviceAnswer(db, async (core) => core.db.prepare("SELECT after_json FROM change_log WHERE kind = 'report-import'").pluck().all());
    expect(logged.map((a) => JSON.parse(a as string).fileName)).toEqual(['2025年政府工作报告.docx']);
  });

  it('carries the unfinished targets over into next year, and refuses a year that is not later', async () => {
    const db = await seededStore();
    const carried = json('plan', 'carry-over', '--db', db, '--from', '2023', '--to', '2024') as { year: number; carried: number; finished: number };
    expect(carried).toMatchObject({ year: 2024, carried: 39, finished: 0 });
    expect((json('list', '--db', db, '--year', '2024') as unknown[]).length).toBe(39);
    const refused = cli('plan', 'carry-over', '--db', db, '--from', '2023', '--to', '2023');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('结转的目标年度应晚于2023年');
  });

  it('says in Chinese what is missing: the year, the file', async () => {
    const db = await seededStore();
    const noYear = cli('report', 'coverage', '--db', db);
    expect(noYear.status).not.toBe(0);
    expect(noYear.stderr).toContain('缺少 --year 参数');
    const noFile = cli('report', 'import', path.join(tempDir(), '没有的报告.docx'), '--db', db, '--year', '2023');
    expect(noFile.status).not.toBe(0);
    expect(noFile.stderr).toContain('找不到文件“没有的报告.docx”');
    expect(noFile.stderr).not.toMatch(/ENOENT/);
  });
});
