/**
 * A unit's return written as a Word document (python-docx, as Word writes it): a title naming the unit, a
 * paragraph, a table of 序号 / 责任目标 / 完成情况 / 是否按计划完成 with merged cells and line breaks, a
 * signature and a date. Its lines land as a returned template's would: the lines the unit leads as their
 * progress, the lines it cooperates on beside them (配合单位报送), the unit marked as returned in the round.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ListedTarget } from '../../electron/services/listJson';
import { readDocxReturn } from '../../electron/excel/readers/docx';
import { writeWordReturn, type WordReturn } from '../helpers/wordReturn';
import { expectChinese, listed, openCore, ROOT, tableCounts, type Core } from './helpers';

const UNIT = '市财政局';
let seedList: ListedTarget[];
const seedFile = () => ({ name: 'seed.xlsx', data: fs.readFileSync(path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx')).toString('base64') });

beforeAll(async () => {
  const core = await openCore();
  await core.invoke('import.apply', { files: [seedFile()] });
  seedList = listed(core);
  core.close();
});

/** The unit's lines in the seed: each target it leads or cooperates on, once. */
function unitLines(): { serial: number; content: string; lead: boolean }[] {
  return seedList.flatMap((t) => {
    const a = t.assignments.find((x) => x.leadUnits.includes(UNIT)) ?? t.assignments.find((x) => x.cooperatingUnits.includes(UNIT));
    return a ? [{ serial: t.serial, content: t.content, lead: a.leadUnits.includes(UNIT) }] : [];
  });
}

const progressOf = (serial: number) => `一是第${serial}项四季度已完成全年任务的九成；\n二是正在收尾，${UNIT}报送`;

/**
 * The return: a table title merged across the four columns (gridSpan), the header, one row per line, and
 * the last two rows' 是否按计划完成 as one cell merged down (vMerge), as people fill it.
 */
function wordReturn(title: string, signature: string[]): WordReturn {
  const lines = unitLines();
  const rows: (string | null)[][] = [
    [`${UNIT}责任目标推进情况`, null, null, null],
    ['序号', '责任目标', '完成情况', '是否按计划完成'],
    ...lines.map((l, i) => [String(l.serial), l.content, progressOf(l.serial), i === lines.length - 1 ? null : '是']),
  ];
  return {
    before: [title, '根据市政府督查室通知要求，现将我单位2023年四季度责任目标推进情况报告如下：'],
    rows,
    merges: [
      { row: 0, col: 0, cols: 4 },
      { row: rows.length - 2, col: 3, rows: 2 },
    ],
    after: ['', ...signature],
  };
}

/** The cooperating returns of the quarter as the app shows them with each target (returns.forTarget). */
async function cooperating(core: Core): Promise<{ serial: number; unit: string; text: string; file: string }[]> {
  const targets = core.db.prepare('SELECT t.id, t.serial FROM targets t ORDER BY t.serial').all() as { id: number; serial: number }[];
  const out: { serial: number; unit: string; text: string; file: string }[] = [];
  for (const t of targets) {
    for (const r of await core.invoke('returns.forTarget', { targetId: t.id })) if (r.quarter === 4) out.push({ serial: t.serial, unit: r.unit, text: r.text, file: r.file });
  }
  return out;
}

async function returned(core: Core): Promise<boolean> {
  const status = await core.invoke('round.status', { year: 2023, quarter: 4 });
  return status.owners.find((o) => o.owner === UNIT)?.returned ?? false;
}

const CASES: [string, string, string[]][] = [
  ['the unit named in the title', `${UNIT}关于2023年四季度责任目标推进情况的报告`, ['2024年1月5日']],
  ['the unit named only in the signature', '关于2023年四季度责任目标推进情况的报告', [`${UNIT}（盖章）`, '2024年1月5日']],
];

describe('a unit\'s return as a .docx', () => {
  it('the table reads with its merges and line breaks', async () => {
    const bytes = writeWordReturn(wordReturn(CASES[0]![1], CASES[0]![2]));
    const doc = await readDocxReturn('财政局.docx', bytes);
    expect(doc.owner).toBe(UNIT);
    const grid = doc.sheets[0]!.grid;
    // The two paragraphs above the table, then the table's title merged across its four columns.
    expect(grid.cells[2]!.map((c) => [c.text, c.mergedFrom])).toEqual([[`${UNIT}责任目标推进情况`, null], ...[1, 2, 3].map(() => [`${UNIT}责任目标推进情况`, 'A3'])]);
    const last = grid.rowCount - 1;
    expect(grid.cells[last]![3]).toEqual({ text: '是', mergedFrom: `D${last}` });
    expect(grid.cells[last]![2]!.text).toContain('；\n二是');
  });

  it.each(CASES)('%s: lead lines as progress, cooperating lines beside them, the unit returned; undone whole', async (_, title, signature) => {
    const core = await openCore();
    try {
      await core.invoke('import.apply', { files: [seedFile()] });
      const f = { name: '财政局报送材料.docx', data: writeWordReturn(wordReturn(title, signature)).toString('base64') };
      const preview = await core.invoke('import.preview', { files: [f] });
      expect(preview).toMatchObject({ year: 2023, quarter: 4 });
      expect(preview.files[0]!.returnedBy).toBe(UNIT);
      expect(preview.summary).toMatchObject({ errors: 0, targetsNew: 0, linesNew: 0 });
      const { batch } = await core.invoke('import.apply', { files: [f] });

      const lines = unitLines();
      expect(lines.some((l) => l.lead) && lines.some((l) => !l.lead)).toBe(true);
      const expected = seedList.map((t) => ({
        ...t,
        assignments: t.assignments.map((a) => (a.leadUnits.includes(UNIT) && lines.some((l) => l.serial === t.serial && l.lead) ? { ...a, progress: { ...a.progress, 4: { text: progressOf(t.serial), onSchedule: true } } } : a)),
      }));
      expect(listed(core)).toEqual(expected);
      expect(await cooperating(core)).toEqual(lines.filter((l) => !l.lead).map((l) => ({ serial: l.serial, unit: UNIT, text: progressOf(l.serial), file: f.name })));
      expect(await returned(core)).toBe(true);

      await core.invoke('import.undo', { batchId: batch.id });
      expect(listed(core)).toEqual(seedList);
      expect(await cooperating(core)).toEqual([]);
      expect(await returned(core)).toBe(false);
    } finally {
      core.close();
    }
  });

  it('a document without a table is refused by name, nothing written', async () => {
    const bytes = writeWordReturn({ before: [`${UNIT}关于2023年四季度责任目标推进情况的报告`, '各项工作进展顺利。'], rows: [['']], after: [] });
    // python-docx needs a table to be given one; this one is taken out again.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<w:tbl>[\s\S]*<\/w:tbl>/, '');
    zip.file('word/document.xml', xml);
    const noTable = await zip.generateAsync({ type: 'nodebuffer' });
    const core = await openCore();
    try {
      const before = tableCounts(core);
      const err = await core.invoke('import.preview', { files: [{ name: '报告.docx', data: noTable.toString('base64') }] }).catch((e: Error) => e);
      expect((err as Error).message).toContain('文件“报告.docx”中没有表格');
      expectChinese((err as Error).message);
      expect(tableCounts(core)).toEqual(before);
    } finally {
      core.close();
    }
  });
});
