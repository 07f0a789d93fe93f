/**
 * Self-tests on the seed (issue 13): the seed's 39 targets in twelve layouts (tests/fixtures/seed-layouts,
 * scripts/make-seed-layouts.ts) must each import to exactly the list the seed itself gives; and with the
 * header's words changed (synonyms, spaces, line breaks, a dropped word, words the rules do not know) the
 * typing by content still finds every column.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnRole, ImportFile } from '../../shared/contract';
import type { ListedTarget } from '../../electron/services/listJson';
import { HEADER, newBook, SEED_LAYOUTS, TITLE } from '../../scripts/seedLayouts';
import { expectNotesChinese, listed, openCore, ROOT } from './helpers';

const DIR = path.join(ROOT, 'tests/fixtures/seed-layouts');
const SEED = '2023-三季度-一览表.xlsx';

function file(dir: string, name: string): ImportFile {
  return { name, data: fs.readFileSync(path.join(dir, name)).toString('base64') };
}

async function importList(f: ImportFile): Promise<ListedTarget[]> {
  const core = await openCore();
  try {
    await core.invoke('import.apply', { files: [f] });
    return listed(core);
  } finally {
    core.close();
  }
}

let seedList: ListedTarget[];

beforeAll(async () => {
  seedList = await importList(file(path.join(ROOT, 'seeds'), SEED));
});

describe('the seed in twelve layouts', () => {
  it('has twelve layouts, each a file', () => {
    expect(SEED_LAYOUTS).toHaveLength(12);
    for (const l of SEED_LAYOUTS) expect(fs.existsSync(path.join(DIR, l.file))).toBe(true);
    expect(seedList).toHaveLength(39);
    expect(seedList.find((t) => t.serial === 26)!.assignments).toHaveLength(2);
  });

  it.each(SEED_LAYOUTS.map((l) => l.file))('%s imports to the same list --json as the seed', async (name) => {
    const core = await openCore();
    const f = file(DIR, name);
    const preview = await core.invoke('import.preview', { files: [f] });
    expect(preview).toMatchObject({ year: 2023, quarter: 3 });
    expect(preview.summary).toMatchObject({ targetsNew: 39, errors: 0, linesNew: 40 });
    expectNotesChinese([...preview.notes, ...preview.items.flatMap((i) => i.notes)]);
    await core.invoke('import.apply', { files: [f] });
    expect(listed(core)).toEqual(seedList);
    core.close();
  });
});

describe('the three layouts of the issue', () => {
  it('a status column headed 推进状态 is read as the status (its header is known now, its values agree)', async () => {
    const core = await openCore();
    const p = await core.invoke('import.preview', { files: [file(DIR, '09-status-column-tuijin.xlsx')] });
    const column = p.files[0]!.sheets[0]!.columns.find((c) => c.column === 'F');
    expect(column).toEqual({ column: 'F', header: '推进状态', role: 'onSchedule', source: 'header' });
    const notes = p.items.flatMap((i) => i.notes);
    expect(notes.filter((n) => n.code === 'on-schedule-missing')).toEqual([]);
    core.close();
  });

  it('units in one cell (牵头：…；配合：…) keep no role word in a name', async () => {
    const list = await importList(file(DIR, '10-units-one-cell.xlsx'));
    const names = list.flatMap((t) => t.assignments.flatMap((a) => [...a.leadUnits, ...a.cooperatingUnits]));
    expect(names.filter((n) => /牵头|配合|[:：]/.test(n))).toEqual([]);
    expect(list.find((t) => t.serial === 3)!.assignments[0]).toMatchObject({ leadUnits: ['市财政局'], cooperatingUnits: ['市税务局'] });
  });

  it('grouped by leader with a 配合市领导 column: the group leader stays first on all 7 targets with further leaders', async () => {
    const list = await importList(file(DIR, '11-grouped-by-leader-cooperating.xlsx'));
    const several = seedList.filter((t) => new Set(t.assignments.flatMap((a) => a.leaders)).size > 1).map((t) => t.serial);
    expect(several).toHaveLength(7);
    for (const serial of several) expect(list.find((t) => t.serial === serial)!.assignments).toEqual(seedList.find((t) => t.serial === serial)!.assignments);
  });
});

/** The official layout written with the given header words; roles as they must be read. */
async function withHeader(header: string[]): Promise<ImportFile> {
  const wb = newBook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([TITLE]);
  ws.addRow(header);
  for (const t of seedList) {
    t.assignments.forEach((a, i) => {
      const p = a.progress['3']!;
      ws.addRow([i === 0 ? t.serial : null, a.leaders.join(' '), i === 0 ? t.content : null, i === 0 ? t.deadline : null, p.text, p.onSchedule ? '是' : '否', [...a.leadUnits, ...a.cooperatingUnits].join(' ')]);
    });
  }
  return { name: '变体.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

const ROLES: ColumnRole[] = ['serial', 'leaders', 'content', 'deadline', 'progress', 'onSchedule', 'units'];

describe('mutated headers: the values still find every column', () => {
  it.each([
    ['official', HEADER],
    ['synonyms', ['编号', '分管市长', '主要任务', '完成期限', '三季度工作进展', '推进状态', '落实单位']],
    ['spaces and line breaks', ['序　号', '市 政 府\n领 导', '责任目标\n内 容', '完 成\n时 限', '三季度\n完成\n情况', '是否按计划\n完成进度', '责 任\n单 位']],
    ['a dropped word', ['序', '领导', '目标', '时限', '完成情况', '按计划', '单位']],
    ['words no rule knows', ['No.', '负责同志', '事项', '截止', '季度进展', '评价', '部门']],
  ])('%s', async (_, header) => {
    const core = await openCore();
    const f = await withHeader(header);
    const p = await core.invoke('import.preview', { files: [f], year: 2023, quarter: 3 });
    expect(p.files[0]!.sheets[0]!.columns.map((c) => c.role)).toEqual(ROLES);
    expect(p.notes.filter((n) => /未识别|已忽略/.test(n.message))).toEqual([]);
    await core.invoke('import.apply', { files: [f], year: 2023, quarter: 3 });
    expect(listed(core)).toEqual(seedList);
    core.close();
  });
});
