/**
 * Reads an overview (一览表) or a returned collection template into plain data: targets, their lines
 * (assignments) and one quarter's progress. Knows cells, not the database. Layout-driven, not written for
 * one file: the header is found wherever it is and whatever its wording, on one row or two; blocks printed
 * side by side are read left block first; every visible sheet with a header is read. What it did beyond
 * plain reading is said in `notes`; what it cannot read is an AppError naming the file, sheet and cell.
 */
import ExcelJS from 'exceljs';
import { normalizeSpaces, toHalfWidth, type Quarter } from '../../shared/domain';
import { yearSchema } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { groupLeaderOf, groupNote, readBlock } from './blockReader';
import { columnLetter, readGrid, type Grid } from './grid';
import { findHeader, HEADER_SCAN_ROWS, type HeaderRows } from './headerRow';
import { compactHeader, quarterIn, roleOfHeader, type ColumnMapping } from './headers';
import type { ParsedLine, ParsedOverview, ReadNote } from './overviewTypes';
import { assertWorkbookBytes, damageOf, readWorkbookFile } from './sniff';
import { takeOutMerges } from './unmerge';
import { readTemplateMeta, TEMPLATE_META_SHEET } from './templateMeta';

export type { CellRef, ParsedLine, ParsedOverview, ParsedTarget, ReadNote } from './overviewTypes';

/** City, year and quarter from a title such as 菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表. */
export function readTitle(title: string): { city: string | null; year: number | null; quarter: Quarter | null } {
  const t = toHalfWidth(title.replace(/\s/g, ''));
  const city = /^(.{2,8}?[市州盟县区])人民政府/.exec(t)?.[1] ?? null;
  // Four digits standing alone and a year the store takes: 20244年 or 0000年 is a typo, not the year 244 or 0.
  const digits = /(?<!\d)(\d{4})年/.exec(t)?.[1];
  const year = digits !== undefined && yearSchema.safeParse(Number(digits)).success ? Number(digits) : null;
  return { city, year, quarter: quarterIn(t) };
}

interface Above {
  /** The lines above the header, top first, without the `附件1` line official documents start with. */
  texts: string[];
  /** A group title (`某某同志牵头责任目标`) right above the header: the first group of a grouped table. */
  group: { row: number; leader: string } | null;
}

function linesAbove(grid: Grid, header: HeaderRows): Above {
  const texts: string[] = [];
  let group: Above['group'] = null;
  for (let r = 0; r < header.first; r++) {
    const t = grid.cells[r]!.map((c) => normalizeSpaces(c.text)).find((x) => x !== '');
    if (!t || /^附\s*件\s*[\d一二三四五六七八九十]*[:：]?$/.test(t)) continue;
    const leader = groupLeaderOf(t);
    if (leader) group = { row: r + 1, leader };
    else texts.push(t);
  }
  return { texts, group };
}

/** The quarter a header names: 三季度完成情况, or 三季度工作推进情况 over 完成情况 in a two-row header. */
function headerQuarter(grid: Grid, header: HeaderRows): Quarter | null {
  const c = header.blocks[0]!.columns.progress;
  if (c === undefined) return null;
  return quarterIn(`${grid.cells[header.first]![c]!.text}${grid.cells[header.last]![c]!.text}`);
}

/** Notes on the header: columns not read, hidden columns and rows that were read. */
function headerNotes(grid: Grid, file: string, header: HeaderRows, notes: ReadNote[]): void {
  const where = { file, sheet: grid.sheet };
  for (const block of header.blocks) {
    for (const ig of block.ignored) {
      const column = columnLetter(ig.column);
      notes.push({
        severity: 'info',
        message: ig.reason === 'duplicate' ? `“${ig.header}”列（${column}列）与同类列重复，未导入` : `“${ig.header}”列（${column}列）不属于一览表的内容，未导入`,
        where: { ...where, row: header.first + 1, column },
      });
    }
    for (const [role, c] of Object.entries(block.columns)) {
      // A template's ID columns are hidden on purpose; any other hidden column read is worth saying.
      if (role === 'targetId' || role === 'assignmentId') continue;
      if (c !== undefined && grid.hiddenColumns.includes(c + 1)) {
        notes.push({ severity: 'warning', message: `“${header.texts[c]}”列（${columnLetter(c)}列）是隐藏列，已一并读取`, where: { ...where, column: columnLetter(c) } });
      }
    }
  }
  const hidden = grid.hiddenRows.filter((r) => r > header.last + 1);
  if (hidden.length > 0) {
    const list = `第${hidden.slice(0, 5).join('、')}行${hidden.length > 5 ? '等' : ''}`;
    notes.push({ severity: 'warning', message: `工作表“${grid.sheet}”有 ${hidden.length} 个隐藏行（${list}），已一并读取`, where });
  }
}

function noHeader(file: string, searched: string[], firstSheet: string | undefined): AppError {
  const sheet = searched[0] ?? firstSheet;
  const sheets = searched.length > 0 ? `工作表${searched.map((s) => `“${s}”`).join('')}` : '可见的工作表';
  return new AppError(
    'validation',
    `文件“${file}”中未找到一览表的表头：${sheets}的前${HEADER_SCAN_ROWS}行中没有“序号”“责任目标内容”“完成情况”“责任单位”等列名。请确认这是责任目标一览表或报送模板。`,
    sheet === undefined ? { file } : { file, sheet },
  );
}

export function parseOverviewWorkbook(wb: ExcelJS.Workbook, fileName: string, merges?: Map<string, string[]>, mapping?: ColumnMapping): ParsedOverview {
  const notes: ReadNote[] = [];
  const overview: ParsedOverview = { file: fileName, sheets: [], title: '', city: null, year: null, quarter: null, targets: [], notes };
  let headerQuarterFound: Quarter | null = null;
  const searched: string[] = [];
  let found = false;
  for (const ws of wb.worksheets) {
    // A collection template's own record of itself (templateMeta.ts), read below, not a sheet of data.
    if (ws.name === TEMPLATE_META_SHEET && ws.state !== 'visible') continue;
    if (ws.state === 'hidden' || ws.state === 'veryHidden') {
      notes.push({ severity: 'info', message: `工作表“${ws.name}”是隐藏的，未读取`, where: { file: fileName, sheet: ws.name } });
      continue;
    }
    searched.push(ws.name);
    // A sheet missing from the map of taken-out merges has none.
    const grid = readGrid(ws, merges ? (merges.get(ws.name) ?? []) : undefined, fileName);
    const header = findHeader(grid, mapping);
    if (!header) {
      if (grid.rowCount > 0) notes.push({ severity: 'info', message: `工作表“${grid.sheet}”中没有找到表头，已跳过`, where: { file: fileName, sheet: grid.sheet } });
      continue;
    }
    // Title, city, year: the first sheet that has them; lines above the header after the title may say
    // what the title does not (the paragraph names the year and quarter).
    const { texts: above, group } = linesAbove(grid, header);
    if (overview.title === '' && above[0]) overview.title = above[0];
    above.forEach((t, i) => {
      const read = readTitle(t);
      const isTitle = i === 0;
      overview.city ??= read.city;
      // 填报时间：2024年1月5日 under a Q4 2023 title is a date, not the year of the table.
      if (isTitle || !/\d{4}年\d{1,2}月/.test(toHalfWidth(t))) overview.year ??= read.year;
      if (isTitle) overview.quarter ??= read.quarter;
    });
    found = true;
    overview.sheets.push({
      sheet: grid.sheet,
      headerRow: header.last + 1,
      // The file's own wording beside the role it was read as (after the user's corrections, if any).
      columns: header.texts
        .map((t, c) => ({
          column: columnLetter(c),
          header: compactHeader(grid.cells[header.last]![c]!.text || grid.cells[header.first]![c]!.text),
          role: roleOfHeader(t),
        }))
        .filter((c) => c.header !== '' || c.role !== null),
    });
    headerQuarterFound ??= headerQuarter(grid, header) ?? quarterIn(grid.sheet);
    headerNotes(grid, fileName, header, notes);
    if (group) notes.push({ severity: 'info', message: groupNote(group.row, group.leader), where: { file: fileName, sheet: grid.sheet, row: group.row } });
    for (const block of header.blocks) overview.targets.push(...readBlock(grid, fileName, header.last + 1, block, notes, group?.leader ?? null));
  }
  if (!found) throw noHeader(fileName, searched, wb.worksheets[0]?.name);
  overview.quarter ??= headerQuarterFound;
  overview.template = readTemplateMeta(wb);
  return overview;
}

/** Lead and cooperating units of a line: separate columns when the file has them, else the first unit leads. */
export function unitsOf(line: ParsedLine): { leadUnits: string[]; cooperatingUnits: string[] } {
  return line.cooperatingUnits === null
    ? { leadUnits: line.units.slice(0, 1), cooperatingUnits: line.units.slice(1) }
    : { leadUnits: line.units, cooperatingUnits: line.cooperatingUnits };
}

/** Reads a workbook from its bytes: what the renderer sends and what the CLI reads from disk. */
export async function readOverviewBytes(name: string, bytes: Buffer, mapping?: ColumnMapping): Promise<ParsedOverview> {
  assertWorkbookBytes(name, bytes);
  const wb = new ExcelJS.Workbook();
  let merges: Map<string, string[]>;
  try {
    // Merges are taken out first: exceljs loads them in quadratic time (unmerge.ts).
    const unmerged = await takeOutMerges(bytes);
    merges = unmerged.merges;
    // The non-streaming reader (load = readFile on bytes already read): the streaming one corrupts
    // multi-byte characters at chunk borders (exceljs #2063/#2084/#2316) and drops merge information.
    await wb.xlsx.load(unmerged.bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError('validation', `文件“${name}”已损坏或不完整，无法作为 Excel 工作簿打开（${damageOf(err)}）。请让报送单位重新发送，或在 Excel/WPS 中打开并另存为 .xlsx 后再导入。`, { file: name });
  }
  return parseOverviewWorkbook(wb, name, merges, mapping);
}

/** Reads a workbook file; the bytes are checked first so a renamed .xls or CSV gets a clear message. */
export async function readOverview(filePath: string): Promise<ParsedOverview> {
  const { name, bytes } = readWorkbookFile(filePath);
  return readOverviewBytes(name, bytes);
}
