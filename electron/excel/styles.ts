/** The fonts and borders of official tables, shared by every sheet the app writes. */
import type ExcelJS from 'exceljs';

/** GB2312: tells Excel/WPS to fall back to a Chinese font (宋体) when the named one is missing. */
export const CHARSET_GB2312 = 134;

export const TITLE_FONT: Partial<ExcelJS.Font> = { name: '方正小标宋简体', size: 20, charset: CHARSET_GB2312 };
export const PARAGRAPH_FONT: Partial<ExcelJS.Font> = { name: '仿宋_GB2312', size: 12, charset: CHARSET_GB2312 };
export const HEADER_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 12, charset: CHARSET_GB2312 };
export const BODY_FONT: Partial<ExcelJS.Font> = { name: '仿宋_GB2312', size: 11, charset: CHARSET_GB2312 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** One frozen empty style for every unstyled row and cell (see shareEmptyStyles). */
const NO_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

const isEmpty = (style: object): boolean => {
  for (const _ in style) return false;
  return true;
};

/**
 * exceljs gives every row and every unstyled cell its own empty style object, and skips rendering a style
 * only for an object it has written before: a round's templates rendered 86,000 empty styles one by one
 * (a quarter of writing them). Run when a sheet is complete: the shared object is frozen, so a later
 * `cell.font = …` on such a cell throws instead of restyling every one of them. exceljs gives an unstyled
 * date its date format by the cell's type, and a shared object keeps the first cell's format, so dates keep
 * their own.
 */
export function shareEmptyStyles(ws: ExcelJS.Worksheet): void {
  ws.eachRow({ includeEmpty: true }, (row) => {
    // exceljs's types leave out the row's own style.
    const styled = row as unknown as { style: Partial<ExcelJS.Style> };
    if (isEmpty(styled.style)) styled.style = NO_STYLE;
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (isEmpty(cell.style) && !(cell.value instanceof Date)) cell.style = NO_STYLE;
    });
  });
}
