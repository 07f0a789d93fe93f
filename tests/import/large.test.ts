/**
 * A large Chinese overview (20,000 lines), generated at test time (too big to commit): every row is read,
 * and no character is corrupted — exceljs's streaming reader turns multi-byte characters at chunk borders
 * into U+FFFD (exceljs #2063/#2084/#2316), which is why the importer uses the non-streaming reader.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../electron/services/import/plan';
import { parseWorkbooks } from '../../electron/services/import';
import { tempDir } from '../helpers/store';
import { openCore, prng, reportClauses } from './helpers';

const LINES = 20_000;
const LEADERS = ['李春英', '聂元科', '王昌华', '张鹏', '肖友华'];
const UNITS = ['市发展改革委', '市财政局', '市税务局', '市统计局', '市自然资源和规划局', '市住房城乡建设局', '市人力资源社会保障局'];

interface Generated {
  serial: number;
  content: string;
  lines: { leader: string; progress: string; units: string }[];
}

/** Every 19th target has two lines (serial, content and deadline merged), the rest one: 20,000 lines. */
function generate(): Generated[] {
  const rand = prng(42);
  const clauses = reportClauses();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const targets: Generated[] = [];
  let lines = 0;
  for (let serial = 1; lines < LINES; serial++) {
    const n = serial % 19 === 0 && lines + 2 <= LINES ? 2 : 1;
    targets.push({
      serial,
      // Unique, long, all multi-byte: the shared-strings part runs to megabytes.
      content: `第${serial}项：${pick(clauses)}，${pick(clauses)}`,
      lines: Array.from({ length: n }, (_, i) => ({ leader: pick(LEADERS), progress: `截至三季度，${pick(clauses)}；${pick(clauses)}（第${serial}项第${i + 1}条）`, units: `${pick(UNITS)} ${pick(UNITS)}` })),
    });
    lines += n;
  }
  return targets;
}

async function write(targets: Generated[], file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('一览表');
  ws.addRow(['菏泽市人民政府2024年经济社会发展责任目标三季度工作推进情况一览表']).commit();
  ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']).commit();
  for (const t of targets) {
    // A merge needs its rows still open: merged first, committed after.
    const rows = t.lines.map((l, i) => ws.addRow([i === 0 ? t.serial : null, l.leader, i === 0 ? t.content : null, i === 0 ? '年底' : null, l.progress, '是', l.units]));
    if (rows.length > 1) for (const c of [1, 3, 4]) ws.mergeCells(rows[0]!.number, c, rows[rows.length - 1]!.number, c);
    for (const row of rows) row.commit();
  }
  ws.commit();
  await wb.commit();
}

describe('a large workbook', () => {
  it(`${LINES.toLocaleString()} lines: all read, no U+FFFD anywhere, in reasonable time`, { timeout: 120_000 }, async () => {
    const t0 = performance.now();
    const targets = generate();
    const dir = tempDir('large-');
    const file = path.join(dir, '2024-三季度-一览表-大.xlsx');
    await write(targets, file);
    const bytes = fs.readFileSync(file);
    const t1 = performance.now();

    // What import.preview does, with the parsed data kept for checking.
    const parsed = await parseWorkbooks([{ name: path.basename(file), bytes }]);
    const t2 = performance.now();
    const core = await openCore();
    const preview = buildPlan(core.db, parsed, {}).preview;
    const t3 = performance.now();

    const read = parsed[0]!.targets;
    expect(read).toHaveLength(targets.length);
    expect(read.reduce((n, t) => n + t.lines.length, 0)).toBe(LINES);
    const bad = read.filter((t) => t.content.includes('\ufffd') || t.lines.some((l) => l.progressText.includes('\ufffd')));
    expect(bad.map((t) => t.serial)).toEqual([]);
    // Not only no replacement character: every text exactly as written.
    const mismatched = read.filter((t, i) => {
      const g = targets[i]!;
      return t.serial !== g.serial || t.content !== g.content || t.lines.some((l, j) => l.progressText !== g.lines[j]!.progress || l.leaders[0] !== g.lines[j]!.leader);
    });
    expect(mismatched.map((t) => t.serial)).toEqual([]);
    expect(preview.summary).toMatchObject({ targetsNew: targets.length, linesNew: LINES, errors: 0 });
    expect(preview.items.some((i) => i.content.includes('\ufffd'))).toBe(false);
    core.close();

    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`large workbook: ${(bytes.length / 1e6).toFixed(1)} MB, ${targets.length} targets / ${LINES} lines; write ${s(t1 - t0)}, read ${s(t2 - t1)}, plan ${s(t3 - t2)}`);
    expect(t3 - t1).toBeLessThan(30_000);
  });
});
