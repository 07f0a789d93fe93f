/**
 * npm run seeds: converts the public seed documents (../shared/seeds) into the files users really have,
 * in the project's seeds/ folder. The Q3 2023 overview becomes the Excel workbook the office published:
 * title and paragraph rows above a header, two blocks of 7 columns side by side, target 26's serial and
 * content merged over its two lines, `长期\n坚持` broken inside its cell. Every quirk of the source stays.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';

const SOURCE = path.resolve(__dirname, '../../shared/seeds');
const OUT = path.resolve(__dirname, '../seeds');
const OVERVIEW_SOURCE = '001_78e6b3bd08000638.txt';
const REPORT_SOURCE = '000_e9b8dc235b083666.txt';
const FIXED_DATE = new Date('2023-10-31T08:00:00Z');

// Excel's paper size code for A3; exceljs's enum lists only some sizes.
const A3 = 8 as unknown as ExcelJS.PaperSize;
const BLOCK = 7;
const WIDTHS = [5, 9, 30, 7, 46, 9, 16];

function readDump(): { title: string; paragraph: string; header: string[]; rows: string[][] } {
  const lines = fs.readFileSync(path.join(SOURCE, OVERVIEW_SOURCE), 'utf8').split('\n');
  const text = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.includes('\t'));
  const table = lines.filter((l) => l.includes('\t')).map((l) => l.split('\t'));
  return { title: text[0]!, paragraph: text.slice(1).join(''), header: table[0]!, rows: table.slice(1) };
}

/** The dump lost the cell's line break: `长期 坚持` was `长期` / `坚持` in a narrow column. */
function cellValue(column: number, text: string): string | number {
  const t = text.trim();
  if (column === 0 && /^\d+$/.test(t)) return Number(t);
  if (column === 3) return t.replace(/\s+/g, '\n');
  return t;
}

function lineCount(text: string, width: number): number {
  // A CJK character takes about 2 width units of 11pt text; count wrapped lines per paragraph.
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(([...part].length * 2) / (width * 0.95))), 0);
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dump = readDump();
  const wb = new ExcelJS.Workbook();
  wb.creator = '菏泽市人民政府办公室';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet('一览表', {
    pageSetup: { paperSize: A3, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  const columns = BLOCK * 2;
  ws.columns = Array.from({ length: columns }, (_, i) => ({ width: WIDTHS[i % BLOCK]! }));
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

  ws.addRow([dump.title]);
  ws.mergeCells(1, 1, 1, columns);
  ws.getRow(1).height = 36;
  ws.getCell(1, 1).font = { name: '方正小标宋简体', size: 20 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.addRow([dump.paragraph]);
  ws.mergeCells(2, 1, 2, columns);
  ws.getRow(2).height = 36;
  ws.getCell(2, 1).font = { name: '仿宋_GB2312', size: 12 };
  ws.getCell(2, 1).alignment = { wrapText: true, vertical: 'middle', indent: 2 };
  const header = ws.addRow(dump.header);
  header.height = 32;
  header.eachCell((cell) => {
    cell.font = { name: '黑体', size: 11 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
  });

  const firstData = 4;
  dump.rows.forEach((cells, i) => {
    const r = firstData + i;
    const values = cells.map((c, col) => cellValue(col % BLOCK, c));
    // Target 26's second line: in the dump its leader slid into 序号; in the table the serial and content
    // cells of 26 span both lines and 肖友华 stands in 市政府领导.
    for (let b = 0; b < 2; b++) {
      const at = b * BLOCK;
      const serial = values[at];
      if (typeof serial === 'string' && serial !== '' && values[at + 1] === '' && values[at + 2] === '') {
        values[at + 1] = serial;
        values[at] = '';
        ws.mergeCells(r - 1, at + 1, r, at + 1);
        ws.mergeCells(r - 1, at + 3, r, at + 3);
      }
    }
    const row = ws.getRow(r);
    values.forEach((v, col) => {
      const cell = row.getCell(col + 1);
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cell.value = v === '' ? null : v;
    });
    let lines = 1;
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: '仿宋_GB2312', size: 11 };
      cell.border = border;
      const center = [1, 2, 4, 6].includes(((col - 1) % BLOCK) + 1);
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: center ? 'center' : 'left' };
      if (typeof cell.value === 'string') lines = Math.max(lines, lineCount(cell.value, WIDTHS[(col - 1) % BLOCK]!));
    });
    row.height = Math.max(20, lines * 14.5 + 6);
  });
  ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + columns)}${ws.rowCount}`;
  ws.headerFooter.oddFooter = '&C第 &P 页 共 &N 页';

  await wb.xlsx.writeFile(path.join(OUT, '2023-三季度-一览表.xlsx'));
  fs.writeFileSync(path.join(OUT, '2023-政府工作报告.txt'), fs.readFileSync(path.join(SOURCE, REPORT_SOURCE)));
  console.log(`seeds/ 已生成：2023-三季度-一览表.xlsx（${dump.rows.length} 行数据）、2023-政府工作报告.txt`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
