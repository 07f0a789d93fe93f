/**
 * A titled list in the official fonts (the list to chase, the review's list): a title over a header row
 * repeated on every page, one bordered row per item with its height fitted to the text, A4 fitted to width.
 */
import ExcelJS from 'exceljs';
import { heightFor, linesNeeded } from './overviewWriter';
import { BODY_FONT, BORDER, HEADER_FONT, TITLE_FONT } from './styles';

export interface ListColumn {
  header: string;
  /** In Excel character units (a CJK character takes two). */
  width: number;
  center?: boolean;
}

export interface ListSheet {
  sheet: string;
  title: string;
  columns: ListColumn[];
  rows: (string | number)[][];
  orientation: 'portrait' | 'landscape';
  /** official: the title in 方正小标宋简体, as on a document the office publishes (考核结果). */
  titleStyle?: 'heading' | 'official';
}

/** A4 (the OOXML paper code); exceljs's PaperSize enum is const. */
const PAPER_A4 = 9 as unknown as ExcelJS.PaperSize;

export async function listSheetBytes(list: ListSheet): Promise<Buffer> {
  return listWorkbookBytes([list]);
}

/** Several titled lists, one sheet each (a result and its details). */
export async function listWorkbookBytes(lists: ListSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const list of lists) addListSheet(wb, list);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addListSheet(wb: ExcelJS.Workbook, list: ListSheet): void {
  const ws = wb.addWorksheet(list.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = list.columns.map((c) => ({ width: c.width }));
  const title = ws.getCell(1, 1);
  title.value = list.title;
  ws.mergeCells(1, 1, 1, list.columns.length);
  title.font = list.titleStyle === 'official' ? TITLE_FONT : { ...HEADER_FONT, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = list.titleStyle === 'official' ? 40 : 32;
  list.columns.forEach((c, i) =>
    Object.assign(ws.getCell(2, i + 1), { value: c.header, font: HEADER_FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }),
  );
  // A header that wraps (自报与数据不符 in a narrow column) gets the height of its lines.
  const headerLines = Math.max(...list.columns.map((c) => linesNeeded(c.header, c.width - 1)));
  if (headerLines > 1) ws.getRow(2).height = heightFor(headerLines);
  list.rows.forEach((values, i) => {
    const row = ws.getRow(3 + i);
    values.forEach((v, c) => {
      const column = list.columns[c]!;
      Object.assign(row.getCell(c + 1), { value: v, font: BODY_FONT, border: BORDER, alignment: { vertical: 'middle', wrapText: true, horizontal: column.center ? 'center' : 'left' } });
    });
    row.height = heightFor(Math.max(...values.map((v, c) => linesNeeded(String(v), list.columns[c]!.width - 1))));
  });
  ws.pageSetup = { paperSize: PAPER_A4, orientation: list.orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' };
  ws.headerFooter = { oddFooter: '&C第 &P 页 共 &N 页' };
}
