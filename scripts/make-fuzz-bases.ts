/**
 * `npx tsx scripts/make-fuzz-bases.ts`: the fuzzer's bases written by other programs (tests/fixtures/fuzz):
 * the seed overview and a merged-cell table saved as Excel 97 .xls by LibreOffice, and a 市财政局 return
 * written as a .docx by python-docx (its lines are the seed's, so mutated copies still preview). Needs
 * soffice and python3-docx (scripts/install-test-deps.sh). LibreOffice stamps the save time into the .xls,
 * so a rebuild changes its bytes, not its content.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { saveAs } from '../tests/helpers/libreoffice';
import { writeWordReturn } from '../tests/helpers/wordReturn';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'tests/fixtures/fuzz');
const SEED = path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx');
const UNIT = '市财政局';

async function unitLines(): Promise<{ serial: string; content: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SEED);
  const lines: { serial: string; content: string }[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const serial = String(row.getCell(1).text).trim();
    if (/^\d+$/.test(serial) && String(row.getCell(7).text).includes(UNIT)) lines.push({ serial, content: row.getCell(3).text.trim() });
  });
  return lines;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const [seedXls, mergedXls] = saveAs([SEED, path.join(ROOT, 'tests/fixtures/import/published-merged.xlsx')], 'xls');
  fs.copyFileSync(seedXls!, path.join(OUT, 'seed-libreoffice.xls'));
  fs.copyFileSync(mergedXls!, path.join(OUT, 'merged-libreoffice.xls'));

  const lines = await unitLines();
  const rows: (string | null)[][] = [
    [`${UNIT}责任目标推进情况`, null, null, null],
    ['序号', '责任目标', '完成情况', '是否按计划完成'],
    ...lines.map((l, i) => [l.serial, l.content, `一是第${l.serial}项已完成全年任务的九成；\n二是正在收尾`, i === lines.length - 1 ? null : '是']),
  ];
  const docx = writeWordReturn({
    before: [`${UNIT}关于2023年三季度责任目标推进情况的报告`, '根据市政府督查室通知要求，现将我单位责任目标推进情况报告如下：'],
    rows,
    merges: [
      { row: 0, col: 0, cols: 4 },
      { row: rows.length - 2, col: 3, rows: 2 },
    ],
    after: ['', `${UNIT}（盖章）`, '2023年10月8日'],
  });
  fs.writeFileSync(path.join(OUT, 'return-python-docx.docx'), docx);
  console.log(`${lines.length} lines of ${UNIT}; wrote ${fs.readdirSync(OUT).join(', ')}`);
}

void main();
