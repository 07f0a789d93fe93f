/**
 * Export figures for `npm run bench`, each against a baseline in the same run:
 * - the overview (一览表) of N targets, writeOverview + writeBuffer, against exceljs writing the same cell
 *   values with no styling, merges or page setup (the cost of the official layout);
 * - the collection templates of 60 units that share those targets' lines between them (each line has one
 *   unit, so the templates hold exactly the overview's rows), templatesBytes over the units as the
 *   service does, against one overview of the same rows (the cost of 60 workbooks instead of one).
 * Targets are built in memory (no store): what is measured is the writing.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { Target } from '../shared/contract';
import { ON_SCHEDULE_LABELS, QUARTERS, type OnSchedule, type Quarter } from '../shared/domain';
import { overviewTexts, writeOverview, type OverviewInput } from '../electron/excel/overviewWriter';
import { templatesBytes } from '../electron/excel/templateWriter';
import { groupTargets } from '../electron/services/templates';
import { rng } from './synthetic';
import { percentile, type Stat } from './stats';

const LEADERS = ['李春英', '聂元科', '王昌华', '张鹏', '肖友华', '曹临', '刘连栋', '赵明', '孙立', '周健'];
const QUARTER: Quarter = 3;

/** Unit names: the city's departments and counties, then numbered offices until there are `count`. */
function unitNames(count: number): string[] {
  const base = ['市发展改革委', '市财政局', '市教育局', '市科技局', '市工业和信息化局', '市公安局', '市民政局', '市司法局', '市自然资源和规划局', '市生态环境局', '市住房城乡建设局', '市交通运输局', '市水务局', '市农业农村局', '市商务局', '市文化和旅游局', '市卫生健康委', '市应急局', '市审计局', '市市场监管局', '市统计局', '市医保局', '市大数据局', '团市委', '市妇联', '牡丹区人民政府', '定陶区人民政府', '曹县人民政府', '单县人民政府', '成武县人民政府'];
  const names = base.slice(0, count);
  for (let i = names.length; i < count; i++) names.push(`市第${i + 1}工作专班办公室`);
  return names;
}

/** N targets with 1–2 lines each, one responsible unit per line, progress in quarters 1–3 (as a third-quarter store holds). */
export function syntheticTargets(count: number, units: number, seed = 5): Target[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pool = fs
    .readFileSync(path.resolve(__dirname, '../seeds/2023-政府工作报告.txt'), 'utf8')
    .split(/[。；\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
  const names = unitNames(units);
  let id = 1;
  const targets: Target[] = [];
  for (let serial = 1; serial <= count; serial++) {
    const lines = random() < 0.4 ? 2 : 1;
    targets.push({
      id: serial,
      year: 2025,
      serial,
      content: `${pick(pool)}（第${serial}项）`,
      deadline: random() < 0.85 ? '年底' : `${1 + Math.floor(random() * 12)}月底前`,
      deadlineKind: 'year-end' as Target['deadlineKind'],
      deadlineDue: null,
      sectionId: null,
      sourceText: '',
      version: 1,
      updatedAt: '2025-10-01T00:00:00Z',
      assignments: Array.from({ length: lines }, () => ({
        id: id++,
        leaders: [pick(LEADERS)],
        leadUnits: [pick(names)],
        cooperatingUnits: [],
        progress: QUARTERS.filter((q) => q <= QUARTER && random() > 0.1).map((quarter) => {
          const r = random();
          const onSchedule: OnSchedule | null = r < 0.8 ? 'yes' : r < 0.92 ? 'no' : r < 0.96 ? 'basic' : null;
          return { quarter, text: `${pick(pool)}，${pick(pool)}`, onSchedule, onScheduleText: onSchedule ? ON_SCHEDULE_LABELS[onSchedule] : '', updatedAt: '2025-10-01T00:00:00Z' };
        }),
      })),
    });
  }
  return targets;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const stat = (samples: number[]): Stat => ({ p50: percentile(samples, 50), p95: percentile(samples, 95) });

/** The overview's cell values, as plain rows (title, paragraph, header, one row per line). */
function plainRows(input: OverviewInput): (string | number)[][] {
  const texts = overviewTexts(input);
  const rows: (string | number)[][] = [[texts.title], [texts.paragraph], texts.header];
  for (const t of input.targets) {
    (t.assignments.length > 0 ? t.assignments : [null]).forEach((a, i) => {
      const p = a?.progress.find((x) => x.quarter === input.quarter);
      rows.push([
        i === 0 ? t.serial : '',
        a ? a.leaders.join(' ') : '',
        i === 0 ? t.content : '',
        i === 0 ? t.deadline : '',
        p?.text ?? '',
        p?.onSchedule ? ON_SCHEDULE_LABELS[p.onSchedule] : '',
        a ? [...a.leadUnits, ...a.cooperatingUnits].join(' ') : '',
      ]);
    });
  }
  return rows;
}

async function writePlain(rows: (string | number)[][]): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一览表');
  for (const r of rows) ws.addRow(r);
  return (await wb.xlsx.writeBuffer()).byteLength;
}

async function writeOverviewFile(input: OverviewInput): Promise<number> {
  return (await writeOverview(input).xlsx.writeBuffer()).byteLength;
}

async function writeTemplates(groups: Map<string, Target[]>): Promise<number> {
  const files = await templatesBytes([...groups].map(([unit, targets]) => ({ city: '示例市', year: 2025, quarter: QUARTER, unit, targets })));
  return files.reduce((sum, f) => sum + f.byteLength, 0);
}

export interface ExportFigures {
  targets: number;
  lines: number;
  units: number;
  overview: Stat;
  plain: Stat;
  templates: Stat;
  /** The overview measured in the templates' rounds, as their baseline. */
  overviewForTemplates: Stat;
  bytes: { overview: number; plain: number; templates: number };
}

export async function measureExport(count: number, units = 60, runs = 7): Promise<ExportFigures> {
  const targets = syntheticTargets(count, units);
  // As the service calls it, minus the summary sheet: the baseline writes the overview's cells only.
  const input: OverviewInput = { city: '示例市', year: 2025, quarter: QUARTER, targets, layout: 'single', paper: 'A3', summary: false };
  const rows = plainRows(input);
  const groups = groupTargets(targets, 'unit');
  // Every unit named on a line gets its template; a small BENCH_TARGETS may not reach all of the list's units.
  const named = new Set(targets.flatMap((t) => t.assignments.flatMap((a) => [...a.leadUnits, ...a.cooperatingUnits])));
  if (groups.size !== named.size) throw new Error(`expected ${named.size} units, got ${groups.size}`);
  const lines = targets.reduce((n, t) => n + t.assignments.length, 0);
  const templateLines = [...groups.values()].reduce((n, list) => n + list.reduce((m, t) => m + t.assignments.length, 0), 0);
  if (templateLines !== lines) throw new Error(`the templates hold ${templateLines} lines, the overview ${lines}`);

  const bytes = { overview: await writeOverviewFile(input), plain: await writePlain(rows), templates: await writeTemplates(groups) };
  const overview: number[] = [];
  const plain: number[] = [];
  const templates: number[] = [];
  const overviewForTemplates: number[] = [];
  // Alternated, so that a busy moment of the machine (or a garbage collection) hurts both alike.
  for (let i = 0; i < runs; i++) {
    plain.push(await timed(() => writePlain(rows)));
    overview.push(await timed(() => writeOverviewFile(input)));
    templates.push(await timed(() => writeTemplates(groups)));
    overviewForTemplates.push(await timed(() => writeOverviewFile(input)));
  }
  return { targets: count, lines, units: groups.size, overview: stat(overview), plain: stat(plain), templates: stat(templates), overviewForTemplates: stat(overviewForTemplates), bytes };
}

// `npx tsx bench/exportBench.ts [targets]`: these figures alone (for profiling: node --cpu-prof --import tsx …).
if (require.main === module) {
  measureExport(Number(process.argv[2] ?? 5000))
    .then((f) => console.log(JSON.stringify(f, null, 2)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
