import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { shareEmptyStyles } from '../../electron/excel/styles';
import { makeRng } from '../helpers/fuzzRandom';

/** A sheet of unstyled strings, numbers and dates, a few styled cells, and rows with and without a height. */
function sheet(seed: number): ExcelJS.Workbook {
  const rng = makeRng(seed);
  const random = () => rng.next();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  for (let r = 1; r <= 40; r++) {
    const row = ws.getRow(r);
    if (random() < 0.3) row.height = 20 + Math.floor(random() * 20);
    for (let c = 1; c <= 6; c++) {
      const pick = random();
      if (pick < 0.15) continue;
      const cell = row.getCell(c);
      cell.value = pick < 0.5 ? `文字${r}-${c}` : pick < 0.75 ? Math.round(random() * 1000) / 10 : pick < 0.9 ? new Date(Date.UTC(2025, r % 12, c)) : null;
      if (random() < 0.1) cell.font = { name: '黑体', size: 12 };
      if (random() < 0.05) cell.numFmt = '0.0%';
    }
  }
  return wb;
}

/** Every cell as a reader sees it: value, number format, font, alignment, border, fill. */
async function cellsOf(bytes: ExcelJS.Buffer): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const out: unknown[] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row, r) => {
    out.push({ r, height: row.height });
    row.eachCell({ includeEmpty: true }, (cell, c) => out.push({ r, c, value: cell.value, numFmt: cell.numFmt, font: cell.font, alignment: cell.alignment, border: cell.border, fill: cell.fill }));
  });
  return out;
}

describe('shareEmptyStyles', () => {
  it('writes every cell as before: values, dates with their date format, number formats and fonts', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const plain = sheet(seed);
      const shared = sheet(seed);
      shareEmptyStyles(shared.worksheets[0]!);
      const [a, b] = [await cellsOf(await plain.xlsx.writeBuffer()), await cellsOf(await shared.xlsx.writeBuffer())];
      expect(b).toEqual(a);
      // The dates are shown as dates, not as serial numbers.
      expect(b.some((x) => (x as { value: unknown }).value instanceof Date && (x as { numFmt?: string }).numFmt)).toBe(true);
    }
  });

  it('renders one empty style where every unstyled cell had its own, and a later restyle throws', async () => {
    const wb = sheet(7);
    const ws = wb.worksheets[0]!;
    shareEmptyStyles(ws);
    const unstyled = ws.getCell('A1').style === ws.getCell('B2').style ? ws.getCell('A1') : null;
    expect(unstyled).not.toBeNull();
    expect(() => {
      unstyled!.font = { name: '宋体' };
    }).toThrow(TypeError);
  });

});
