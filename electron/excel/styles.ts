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
