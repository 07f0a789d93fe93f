/**
 * The layout generator as the test (tests/import/layoutGen): 500 layouts of the seed's 39 targets drawn with
 * a fixed seed (header wording and line breaks, column order, extra columns, decorated and separated names,
 * status vocabularies, progress headed by quarter, months or a date, section/group/total/note rows, merges,
 * one- and two-row headers, hidden columns, several sheets, the header printed again, empty rows, tables
 * without 完成时限 / 是否按计划 / 市政府领导 or with some of the targets, short or numbered progress texts, last
 * quarter's column beside; exceljs, openpyxl, xlsxwriter, a few saved again by LibreOffice as .xlsx, .xls
 * and .ods, and a few written as Word documents by python-docx), each previewed and applied into a real SQLite store, must each give its expected
 * `list --json` (the seed's, as its values were drawn). On failure the message is the report: the share that passes and what the failures share.
 * `npm run stress:layouts` draws 5,000 with a new seed each run.
 */
import { describe, expect, it } from 'vitest';
import { report, runLayouts } from './layoutGen/run';
import { drawLayout } from './layoutGen/grammar';

const COUNT = 500;
const SEED = 18;

describe('layouts drawn by the generator', () => {
  it('draws the same layouts for the same seed, and different ones for another', () => {
    const targets = [{ serial: 1, content: '目标', deadline: '年底', assignments: [{ leaders: ['张三'], leadUnits: ['市财政局'], cooperatingUnits: [], progress: { '3': { text: '进展', onSchedule: true } } }] }];
    expect(drawLayout(7, 0, targets)).toEqual(drawLayout(7, 0, targets));
    expect(drawLayout(7, 0, targets).features).not.toEqual(drawLayout(8, 0, targets).features);
  });

  it(`${COUNT} layouts of the seed's 39 targets each import to the seed's list`, async () => {
    const { results, seedTargets } = await runLayouts({ count: COUNT, seed: SEED, resaveEvery: 125, docxEvery: 25 });
    expect(seedTargets).toHaveLength(39);
    expect(results).toHaveLength(COUNT);
    // The grammar drew what it claims: every writer, LibreOffice re-saves, and each kind of variation.
    const drawn = new Set(results.flatMap((r) => r.features.map((f) => f.replace(/=.*/, ''))));
    for (const f of [
      'writer',
      'docx',
      'libreoffice.xlsx',
      'libreoffice.xls',
      'libreoffice.ods',
      'leaderDecor',
      'leaderSep',
      'unitSep',
      'status',
      'progressHeader',
      'progressText',
      'headerRows',
      'sectionRows',
      'groupRows',
      'totalRow',
      'noteRow',
      'hiddenExtra',
      'twoDataSheets',
      'extra',
      'noDeadlineColumn',
      'noStatusColumn',
      'noLeadersColumn',
      'someTargets',
      'repeatedHeader',
      'blankRows',
      'leadingBlankColumn',
    ])
      expect(drawn).toContain(f);
    const text = report(results);
    console.log(text);
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.failure}`), text).toEqual([]);
  }, 600_000);
});
