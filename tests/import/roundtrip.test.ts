/**
 * Round trip: 60 random targets (seeded, 1–3 lines each, Chinese text from the 2023 work report) created
 * through the service → written as an official 7-column overview with exceljs (serial, content and deadline
 * merged over a target's lines) → imported into a new store → `list --json` of both stores identical.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OnSchedule } from '../../shared/domain';
import { tempDir } from '../helpers/store';
import { allTargets, cli, listed, openCore, prng, reportClauses, type Core } from './helpers';

const LEADERS = ['李春英', '聂元科', '王昌华', '张鹏', '肖友华', '刘涛', '孙晓东', '赵立新'];
const UNITS = [
  '市发展改革委', '市财政局', '市税务局', '市统计局', '市自然资源和规划局', '市住房城乡建设局', '市人力资源社会保障局', '市大数据局',
  '市交通运输局', '市水务局', '团市委', '市政府办公室', '郓城县人民政府', '巨野县人民政府', '单县人民政府', '市商务局', '市农业农村局',
];
const DEADLINES = ['年底', '长期坚持', '6月底前', '2024年9月30日', '第三季度', '年内完成', '2024-2025', '3月底前'];
const FLAGS: (OnSchedule | null)[] = ['yes', 'yes', 'yes', 'no', 'basic', null];
const FLAG_TEXT: Record<OnSchedule, string> = { yes: '是', no: '否', basic: '基本' };

async function randomStore(seed: number, count: number): Promise<Core> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const some = <T>(xs: readonly T[], n: number): T[] => {
    const out = new Set<T>();
    while (out.size < n) out.add(pick(xs));
    return [...out];
  };
  const clauses = reportClauses();
  const core = await openCore();
  await core.invoke('plans.create', { year: 2024, city: '菏泽市' });
  for (let serial = 1; serial <= count; serial++) {
    const lines = 1 + Math.floor(rand() * 3);
    const assignments = Array.from({ length: lines }, () => {
      const units = some(UNITS, 1 + Math.floor(rand() * 3));
      return { leaders: some(LEADERS, 1 + Math.floor(rand() * 2)), leadUnits: units.slice(0, 1), cooperatingUnits: units.slice(1) };
    });
    const t = await core.invoke('targets.create', { year: 2024, serial, content: pick(clauses), deadline: pick(DEADLINES), assignments });
    for (const a of t.assignments) {
      const r = rand();
      if (r < 0.1) continue; // not reported
      const flag = pick(FLAGS);
      const text = r < 0.15 ? '' : pick(clauses);
      if (text === '' && flag === null) continue;
      await core.invoke('progress.save', { assignmentId: a.id, quarter: 3, text, onSchedule: flag });
    }
  }
  return core;
}

/** The store's Q3 overview in the official layout, as the office publishes it. */
async function writeOverview(core: Core, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一览表');
  ws.addRow(['菏泽市人民政府2024年经济社会发展责任目标三季度工作推进情况一览表']);
  ws.mergeCells(1, 1, 1, 7);
  ws.addRow(['市政府办公室对2024年《政府工作报告》确定的责任目标三季度工作推进情况进行了调度，现予公开。']);
  ws.mergeCells(2, 1, 2, 7);
  ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']);
  for (const t of await allTargets(core)) {
    const first = ws.rowCount + 1;
    t.assignments.forEach((a, i) => {
      const p = a.progress.find((x) => x.quarter === 3);
      ws.addRow([
        i === 0 ? t.serial : null,
        a.leaders.join('、'),
        i === 0 ? t.content : null,
        i === 0 ? t.deadline : null,
        p?.text ?? '',
        p?.onSchedule ? FLAG_TEXT[p.onSchedule] : '',
        [...a.leadUnits, ...a.cooperatingUnits].join(' '),
      ]);
    });
    if (t.assignments.length > 1) for (const c of [1, 3, 4]) ws.mergeCells(first, c, ws.rowCount, c);
  }
  await wb.xlsx.writeFile(file);
}

describe('round trip', () => {
  it('60 random targets → overview .xlsx → new store: list --json identical', async () => {
    const source = await randomStore(20240710, 60);
    const original = listed(source);
    expect(original).toHaveLength(60);
    const lines = original.reduce((n, t) => n + t.assignments.length, 0);
    expect(original.some((t) => t.assignments.length === 3)).toBe(true);
    const dir = tempDir('roundtrip-');
    const file = path.join(dir, '2024-三季度-一览表.xlsx');
    await writeOverview(source, file);

    const target = await openCore();
    const data = fs.readFileSync(file).toString('base64');
    const preview = await target.invoke('import.preview', { files: [{ name: '2024-三季度-一览表.xlsx', data }] });
    expect(preview).toMatchObject({ year: 2024, quarter: 3 });
    expect(preview.summary).toMatchObject({ targetsNew: 60, errors: 0, conflicts: 0, linesNew: lines });
    await target.invoke('import.apply', { files: [{ name: '2024-三季度-一览表.xlsx', data }] });

    // As the CLI prints it, for both stores.
    const a = cli('list', '--db', source.storePath, '--json');
    const b = cli('list', '--db', target.storePath, '--json');
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
    expect(b.stdout).toBe(a.stdout);
    expect(JSON.parse(a.stdout)).toEqual(original);
    // The "基本" reading survives too (list --json shows it as true).
    const flags = (c: Core) => c.db.prepare('SELECT on_schedule AS f, count(*) AS n FROM progress_reports GROUP BY on_schedule ORDER BY f').all();
    expect(flags(target)).toEqual(flags(source));
    source.close();
    target.close();
  });
});
