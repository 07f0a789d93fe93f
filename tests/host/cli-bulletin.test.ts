/**
 * `bulletin` and `notices` as a user runs them: the built CLI as a child process on a seeded store, its
 * --json piped into a JSON parser, the files it wrote read back.
 */
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { openCore, tempDir, tempStorePath } from '../helpers/store';

function seeded(): string {
  const db = tempStorePath();
  expect(cli('seed', '--db', db).status).toBe(0);
  return db;
}

async function laggingOf(db: string): Promise<{ serials: number[]; units: Map<string, number[]> }> {
  const core = await openCore(db);
  try {
    const review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    const items = review.items.filter((i) => i.status === 'behind' || i.flags.includes('contradiction'));
    const units = new Map<string, number[]>();
    for (const i of items) for (const l of i.lines) for (const u of l.leadUnits) units.set(u, [...(units.get(u) ?? []), i.serial]);
    return { serials: items.map((i) => i.serial), units };
  } finally {
    core.close();
  }
}

describe('cli bulletin and notices', () => {
  it('bulletin writes the .docx and prints its JSON', async () => {
    const db = seeded();
    const out = path.join(tempDir(), '通报.docx');
    const r = cli('bulletin', '--db', db, '--year', '2023', '--quarter', '3', '--out', out, '--date', '2023-10-20', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { file: string; targets: number; lagging: number[] };
    const { serials } = await laggingOf(db);
    expect(json).toEqual({ file: out, targets: 39, lagging: serials });
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(out) })).value;
    expect(text).toContain('关于2023年《政府工作报告》责任目标三季度推进情况的督查通报');
    for (const s of serials) expect(text).toMatch(new RegExp(`\\d+\\.第${s}项：`));
  });

  it('notices writes one file per lagging unit into the folder and records them', async () => {
    const db = seeded();
    const dir = path.join(tempDir(), '督办通知');
    const r = cli('notices', '--db', db, '--year', '2023', '--quarter', '3', '--out-dir', dir, '--date', '2023-10-20', '--reply-due', '2023-10-31', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { dir: string; files: string[]; notices: { id: number; unit: string; serials: number[]; replyDue: string }[] };
    const { units } = await laggingOf(db);
    expect(json.dir).toBe(dir);
    expect(fs.readdirSync(dir).sort()).toEqual([...json.files].sort());
    expect(new Map(json.notices.map((n) => [n.unit, n.serials]))).toEqual(units);
    for (const n of json.notices) {
      const file = json.files.find((f) => f.includes(`_${n.unit}_`))!;
      const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(path.join(dir, file)) })).value;
      expect(text).toContain(`${n.unit}：`);
      expect(text).toContain('于2023年10月31日前');
      expect(n.replyDue).toBe('2023-10-31');
    }
    const core = await openCore(db);
    try {
      expect((await core.invoke('notices.list', { year: 2023, quarter: 3 })).length).toBe(units.size);
    } finally {
      core.close();
    }
  });

  it.each([
    [['bulletin', '--year', '2023', '--quarter', '3'], /缺少 --out 参数/],
    [['bulletin', '--year', '2023', '--quarter', '3', '--out', 'x.pdf'], /应保存为 \.docx/],
    [['notices', '--year', '2023', '--quarter', '3'], /缺少 --out-dir 参数/],
    [['notices', '--year', '2023', '--quarter', '3', '--out-dir', 'd', '--reply-due', '10月31日'], /日期格式应为 YYYY-MM-DD/],
  ])('%j fails in Chinese', (args, message) => {
    const db = seeded();
    const r = cli(...args, '--db', db);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
