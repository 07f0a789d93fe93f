/**
 * Copy errors a unit's file carries (DOMAIN.md): empty content, content equal to progress, the same progress
 * on two targets, progress unchanged from last quarter. Each is a warning at its cell, in Chinese; the data
 * is imported as written.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Note } from '../../shared/contract';
import { expectNotesChinese, fixture, openCore, ROOT } from './helpers';

const SEED = '2023-三季度-一览表.xlsx';
const seedFile = () => ({ name: SEED, data: fs.readFileSync(path.join(ROOT, 'seeds', SEED)).toString('base64') });

const byCode = (notes: Note[], code: string) => notes.filter((n) => n.code === code);

/** The same workbook with a quarter's name replaced in every text cell (title and header alike), written by exceljs. */
async function retitled(file: { name: string; data: string }, from: string, to: string): Promise<{ name: string; data: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.data, 'base64') as unknown as ArrayBuffer);
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        // Rich text too: the fixture's title is written in runs.
        if (typeof cell.value !== 'number' && cell.text.includes(from)) cell.value = cell.text.replaceAll(from, to);
      }),
    ),
  );
  return { name: file.name.replace(from, to), data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

describe('copy errors in the published Q3 2023 overview (seeds/)', () => {
  it('empty content, content = progress and the same progress on two targets are warnings at their cells', async () => {
    const core = await openCore();
    const p = await core.invoke('import.preview', { files: [seedFile()] });
    const notes = p.items.flatMap((i) => i.notes);
    expectNotesChinese([...notes, ...p.notes]);
    const sheet = '一览表';
    // Target 13 (left block, row 16): content lost in the source.
    expect(byCode(notes, 'empty-content')).toEqual([{ severity: 'warning', code: 'empty-content', message: expect.stringMatching(/第13项/), where: { file: SEED, sheet, row: 16, column: 'C' } }]);
    // Target 25 (right block, row 7): its content column holds its progress.
    expect(byCode(notes, 'content-equals-progress')).toEqual([
      { severity: 'warning', code: 'content-equals-progress', message: expect.stringMatching(/第25项/), where: { file: SEED, sheet, row: 7, column: 'J' } },
    ]);
    // Targets 20 and 21: the same progress text.
    expect(byCode(notes, 'duplicate-progress').map((n) => [n.message.slice(0, 4), n.where])).toEqual([
      ['第20项', { file: SEED, sheet, row: 23, column: 'E' }],
      ['第21项', { file: SEED, sheet, row: 24, column: 'E' }],
    ]);
    // Every warning and error names file, sheet, row and column.
    for (const n of notes.filter((x) => x.severity !== 'info')) expect(Object.keys(n.where).sort(), n.message).toEqual(['column', 'file', 'row', 'sheet']);
    core.close();
  });
});

describe('progress unchanged from last quarter', () => {
  it('the Q2 file imported again as Q3: one note at the top names the file\'s quarter and counts the lines, not one warning per line', async () => {
    const core = await openCore();
    await core.invoke('import.apply', { files: [fixture('published-merged.xlsx')] });
    const p = await core.invoke('import.preview', { files: [fixture('published-merged.xlsx')], quarter: 3 });
    expect(p.quarter).toBe(3);
    expect(p.summary).toMatchObject({ targetsUpdated: 7, linesUpdated: 8 });
    expect(p.items.flatMap((i) => i.notes).filter((n) => n.code === 'unchanged-progress')).toEqual([]);
    expect(p.notes[0]).toMatchObject({ severity: 'warning', code: 'quarter-mismatch', where: { file: 'published-merged.xlsx' } });
    expect(p.notes[0]!.message).toMatch(/是二季度的表，本次却要导入三季度.*其中 8 条完成情况与库中二季度的完全相同/);
    expectNotesChinese([p.notes[0]!]);
    core.close();
  });

  it('a file of the import\'s own quarter whose lines repeat the last quarter: each line is warned at its progress cell', async () => {
    const core = await openCore();
    await core.invoke('import.apply', { files: [fixture('published-merged.xlsx')] });
    // The same lines, now as a Q3 file: its title names Q3, its progress is Q2's text.
    const q3 = await retitled(fixture('published-merged.xlsx'), '二季度', '三季度');
    const p = await core.invoke('import.preview', { files: [q3] });
    expect(p.quarter).toBe(3);
    expect(p.notes.filter((n) => n.code === 'quarter-mismatch')).toEqual([]);
    const unchanged = p.items.flatMap((i) => i.notes).filter((n) => n.code === 'unchanged-progress');
    expect(unchanged.map((n) => n.where.row)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expectNotesChinese(unchanged);
    core.close();
  });
});
