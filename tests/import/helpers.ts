/**
 * Shared by the importer's tests: fixtures as the renderer sends them (name + base64), a store per test,
 * the store as `cli list --json` prints it, and a byte-for-byte fingerprint of the store file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { ImportFile, ImportPreview, Note, Target } from '../../shared/contract';
import { isEmptyMarker } from '../../shared/domain';
import { loadTargets } from '../../electron/db/repos/targets';
import { toListed, type ListedTarget } from '../../electron/services/listJson';
import { openCore, type Invoker } from '../helpers/store';
import type { AppCore } from '../../electron/host/app';
import { readGrid, type Grid } from '../../electron/excel/grid';
import { takeOutMerges } from '../../electron/excel/unmerge';
import { readSheetsLean } from '../../electron/excel/sheetXml';
import { columnLetter } from '../../electron/excel/grid';

export const ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(ROOT, 'tests/fixtures/import');

export type Core = AppCore & { invoke: Invoker };

export function fixture(name: string): ImportFile {
  return { name, data: fs.readFileSync(path.join(FIXTURES, name)).toString('base64') };
}

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export { openCore };

/** What `cli list --json` prints for the store: every year's targets in the stable shape. */
export function listed(core: Core): ListedTarget[] {
  const plans = core.db.prepare('SELECT id FROM plans ORDER BY year').all() as { id: number }[];
  return plans.flatMap((p) => loadTargets(core.db, { planId: p.id }).map(toListed));
}

/** Every target in full, as `targets.get` returns it, in serial order. */
export async function allTargets(core: Core): Promise<Target[]> {
  const ids = core.db.prepare('SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id ORDER BY p.year, t.serial').all() as { id: number }[];
  const out: Target[] = [];
  for (const { id } of ids) out.push(await core.invoke('targets.get', { id }));
  return out;
}

export async function targetBySerial(core: Core, serial: number, year = 2024): Promise<Target> {
  const row = core.db.prepare('SELECT t.id FROM targets t JOIN plans p ON p.id = t.plan_id WHERE t.serial = ? AND p.year = ?').get(serial, year) as { id: number } | undefined;
  if (!row) throw new Error(`no target ${serial} in ${year}`);
  return core.invoke('targets.get', { id: row.id });
}

/** Row counts of every table: what a refused import must leave as it was. */
export function tableCounts(core: Core): Record<string, number> {
  const tables = core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (core.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

/** The store file's bytes after a checkpoint (the WAL folded in), as a hash. */
export function storeFingerprint(core: Core): string {
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  return crypto.createHash('sha256').update(fs.readFileSync(core.storePath)).digest('hex');
}

export function fileHash(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

const CJK = /[\u4e00-\u9fa5]/;

/** A message a user reads: Chinese, and no programmer's words leaking through. */
export function expectChinese(message: string): void {
  expect(message).toMatch(CJK);
  expect(message).not.toMatch(/\b(undefined|null|NaN|Error|TypeError|Cannot|object Object)\b/);
}

export function expectNotesChinese(notes: Note[]): void {
  for (const n of notes) expectChinese(n.message);
}

/** Runs the CLI as a user would, from its sources (tests/helpers/cli.ts). */
export { cli } from '../helpers/cli';

/** The base data set (scripts/make-fixtures.ts BASE) as `list --json` shows it after a Q2 import. */
export const BASE_LISTED: ListedTarget[] = [
  {
    serial: 1,
    content: '一般公共预算收入增长5.5%左右',
    deadline: '年底',
    assignments: [{ leaders: ['李春英'], leadUnits: ['市财政局'], cooperatingUnits: [], progress: { '2': { text: '上半年,全市一般公共预算收入完成168.2亿元,增长6.1%,完成年度预算的52.3%', onSchedule: true } } }],
  },
  {
    serial: 2,
    content: '地区生产总值增长5.5%左右',
    deadline: '年底',
    assignments: [{ leaders: ['聂元科'], leadUnits: ['市发展改革委'], cooperatingUnits: [], progress: { '2': { text: '上半年,地区生产总值增长6.8%', onSchedule: true } } }],
  },
  {
    serial: 3,
    content: '积极推动20个重点镇快速发展',
    deadline: '年底',
    assignments: [
      { leaders: ['聂元科'], leadUnits: ['市政府办公室'], cooperatingUnits: ['市发展改革委', '市财政局'], progress: { '2': { text: '上半年,重点镇一般公共预算收入10.2亿元,同比增长18.5%', onSchedule: true } } },
      { leaders: ['肖友华'], leadUnits: ['市自然资源和规划局'], cooperatingUnits: ['市住房城乡建设局'], progress: { '2': { text: '20个重点镇国土空间规划已形成初步成果,其中9个已进行规划公示', onSchedule: true } } },
    ],
  },
  {
    serial: 4,
    content: '新增规模以上服务业企业100家以上',
    deadline: '年底',
    assignments: [{ leaders: ['王昌华'], leadUnits: ['市发展改革委'], cooperatingUnits: ['市统计局'], progress: { '2': { text: '上半年,新增规模以上服务业企业21家', onSchedule: false } } }],
  },
  {
    serial: 5,
    content: '城镇调查失业率控制在5.5%以内',
    deadline: '长期坚持',
    assignments: [{ leaders: ['张鹏'], leadUnits: ['市人力资源社会保障局'], cooperatingUnits: [], progress: { '2': { text: '上半年,城镇新增就业3.2万人,城镇调查失业率4.9%', onSchedule: true } } }],
  },
  {
    serial: 6,
    content: '有序推进郓城、巨野、单县、成武压煤村庄搬迁',
    deadline: '年底',
    assignments: [
      { leaders: ['聂元科', '王昌华'], leadUnits: ['市发展改革委'], cooperatingUnits: ['郓城县人民政府', '巨野县人民政府'], progress: { '2': { text: '完成巨野县龙堌镇奚楼村和田桥镇邬庄村2个村避险安置工作', onSchedule: true } } },
    ],
  },
  {
    serial: 7,
    content: '增加市级储备粮8.6万吨',
    deadline: '年底',
    assignments: [{ leaders: ['李春英'], leadUnits: ['市发展改革委'], cooperatingUnits: ['市财政局'], progress: { '2': { text: '上半年,新增市级储备粮1.2万吨', onSchedule: true } } }],
  },
];

/** A seeded PRNG: the same "random" data on every run (the benchmark's own). */
export { rng as prng } from '../../bench/synthetic';

/** Clauses of the 2023 work report (seeds/), for realistic Chinese content and progress text. */
export function reportClauses(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'seeds/2023-政府工作报告.txt'), 'utf8');
  const clauses = text
    .split(/[。；;，,！？\n]/)
    .map((s) => s.replace(/[\s\u3000]+/g, ''))
    .filter((s) => [...s].length >= 8 && [...s].length <= 60 && !/^[（(一二三四五六七八九十]+[)）、]/.test(s));
  return [...new Set(clauses)];
}

/** A workbook's sheets as the exceljs path reads them (the lean reader's reference, sheetXml.ts). */
export async function viaExceljs(bytes: Buffer): Promise<{ name: string; state: string; grid: Grid }[]> {
  const unmerged = await takeOutMerges(bytes);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(unmerged.bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ({ name: ws.name, state: ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible', grid: readGrid(ws, unmerged.merges.get(ws.name) ?? [], 'x') }));
}

/** What a person sees: every non-empty cell with its text and merge, and what is hidden. */
export function seen(grid: Grid): { cells: string[]; hiddenRows: number[]; hiddenColumns: number[] } {
  const cells: string[] = [];
  grid.cells.forEach((row, r) => row.forEach((c, k) => (c.text !== '' || c.mergedFrom) && cells.push(`${r}:${k}=${c.text}|${c.mergedFrom ?? ''}`)));
  return { cells, hiddenRows: grid.hiddenRows, hiddenColumns: grid.hiddenColumns };
}

/**
 * The columns of a one-file preview that hold values under the header but were neither read nor named in a
 * note (`第H列「备注」未识别，已忽略`): the columns a user would lose without a word. As `Sheet!H`.
 */
export async function silentColumns(bytes: Buffer, preview: ImportPreview): Promise<string[]> {
  const sheets = (await readSheetsLean(bytes)) ?? (await viaExceljs(bytes));
  const read = preview.files[0]!.sheets;
  const silent: string[] = [];
  for (const { name, grid } of sheets) {
    const found = read.find((s) => s.sheet === name);
    // A hidden sheet or one without a header is named as a whole in the notes.
    if (!found) {
      expect(preview.notes.some((n) => n.where.sheet === name)).toBe(true);
      continue;
    }
    for (let c = 0; c < grid.columnCount; c++) {
      const letter = columnLetter(c);
      const filled = grid.cells.slice(found.headerRow).some((row) => !row[c]!.mergedFrom && row[c]!.text.trim() !== '' && !isEmptyMarker(row[c]!.text));
      if (!filled) continue;
      if (found.columns.some((k) => k.column === letter && k.role !== null)) continue;
      const named = preview.notes.some((n) => (n.where.sheet === undefined || n.where.sheet === name) && (n.where.column === letter || n.message.includes(`第${letter}列`)));
      if (!named) silent.push(`${name}!${letter}`);
    }
  }
  return silent;
}
