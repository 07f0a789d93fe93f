/**
 * Reads an overview (一览表) or a returned collection template into plain data: targets, their lines
 * (assignments) and one quarter's progress. Knows cells, not the database. Layout-driven, not written for
 * one file: the header is found wherever it is and whatever its wording, on one row or two; blocks printed
 * side by side are read left block first; every visible sheet with a header is read. What it did beyond
 * plain reading is said in `notes`; what it cannot read is an AppError naming the file, sheet and cell.
 */
import ExcelJS from 'exceljs';
import { normalizeSpaces, toHalfWidth, type Quarter } from '../../shared/domain';
import { COLUMN_ROLE_NAMES, yearSchema, type ColumnRole } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { groupNote, groupOf, readBlock, type Group } from './blockReader';
import { columnLetter, readGrid, type Grid } from './grid';
import { findHeader, HEADER_SCAN_ROWS, holdsValues, type HeaderOptions, type HeaderRows } from './headerRow';
import { compactHeader, OTHER_COLUMN_NAMES, quarterIn, roleOfHeader, type Block } from './headers';
import type { ParsedLine, ParsedOverview, ParsedTarget, ReadNote } from './overviewTypes';
import { assertWorkbookBytes, damageOf, readWorkbookFile } from './sniff';
import { readSheetsLean } from './sheetXml';
import { readSheetjsWorkbook } from './readers/sheetjs';
import { readDocxReturn } from './readers/docx';
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
  group: { row: number; group: Group } | null;
}

function linesAbove(grid: Grid, header: HeaderRows): Above {
  const texts: string[] = [];
  let group: Above['group'] = null;
  for (let r = 0; r < header.first; r++) {
    const t = grid.cells[r]!.map((c) => normalizeSpaces(c.text)).find((x) => x !== '');
    if (!t || /^附\s*件\s*[\d一二三四五六七八九十]*[:：]?$/.test(t)) continue;
    const titled = groupOf(t);
    if (titled) group = { row: r + 1, group: titled };
    else texts.push(t);
  }
  return { texts, group };
}

/** The quarters the header's progress columns name (二季度完成情况, 截至9月底工作进展). */
function namedQuarters(header: HeaderRows): Quarter[] {
  return header.texts.flatMap((t) => {
    const named = roleOfHeader(t ?? '') === 'progress' ? quarterIn(t ?? '') : null;
    return named === null ? [] : [named];
  });
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
      const same = ig.role === undefined ? '' : `与${ig.kept === undefined ? '' : `第${columnLetter(ig.kept)}列`}同为“${COLUMN_ROLE_NAMES[ig.role]}”，`;
      notes.push({
        severity: 'info',
        message: `第${column}列${ig.header === '' ? '（无列名）' : `「${ig.header}」`}${ig.reason === 'duplicate' ? same : ig.reason === 'other' ? `是“${OTHER_COLUMN_NAMES[ig.other!]}”列，不导入，` : '未识别，'}已忽略`,
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

/** How a file is read beyond its bytes: the user's column corrections, the remembered ones, the names the store knows. */
export type ReadOptions = HeaderOptions;

const PERSON_SHEET = /^[\u4e00-\u9fa5]{2,3}$/;
/** A sheet named for one leader (a table split by leader): the name, when it is a person's. */
function sheetGroup(sheet: string, block: Block, options: ReadOptions): Group | null {
  const name = sheet.replace(/\s/g, '').replace(/同志$/, '');
  const titled = groupOf(sheet);
  if (titled) return titled;
  const leadersColumn = block.columns.leaders;
  // A full 市政府领导 column says who leads; a column of further leaders (配合/协管市领导) does not.
  if (leadersColumn !== undefined && !block.furtherLeaders) return null;
  const person = options.known?.leaders.has(name) || (PERSON_SHEET.test(name) && !/表|季度|部分|汇总|目标|情况|数据|附件|工作|篇|章|台账|说明|[局委办府团]$/.test(name));
  return person ? { leaders: [name], units: [] } : null;
}

/** The year a name holds: 2023年三季度一览表.xlsx, a sheet 2023年. */
function yearInName(name: string): number | null {
  const digits = /(?<!\d)(20\d{2})(?!\d)/.exec(toHalfWidth(name))?.[1];
  return digits !== undefined && yearSchema.safeParse(Number(digits)).success ? Number(digits) : null;
}

/**
 * One target met again under another group or sheet (a table split by leader lists a target with two
 * leaders under both): the same serial and content with another leader is a further line of that target.
 */
function joinRepeatedTargets(targets: ParsedTarget[], notes: ReadNote[]): ParsedTarget[] {
  const bySerial = new Map<number, ParsedTarget>();
  const out: ParsedTarget[] = [];
  for (const t of targets) {
    const earlier = bySerial.get(t.serial);
    const sameTarget = earlier && (t.content === earlier.content || t.content === '') && t.deadline === earlier.deadline;
    const otherLeaders = sameTarget && t.lines.every((l) => earlier.lines.every((e) => e.leaders.join('、') !== l.leaders.join('、')));
    if (earlier && otherLeaders) {
      earlier.lines.push(...t.lines);
      notes.push({ severity: 'info', message: `第${t.ref.row}行的第${t.serial}项与${earlier.ref.sheet === t.ref.sheet ? '' : `工作表“${earlier.ref.sheet}”`}第${earlier.ref.row}行是同一目标，按其另一条分工（${t.lines[0]!.leaders.join('、') || '另一领导'}）处理`, where: t.ref });
      continue;
    }
    if (!earlier) bySerial.set(t.serial, t);
    out.push(t);
  }
  return out;
}

export function parseOverviewWorkbook(wb: ExcelJS.Workbook, fileName: string, merges?: Map<string, string[]>, options: ReadOptions = {}): ParsedOverview {
  const sheets: SheetSource[] = wb.worksheets.map((ws) => ({
    name: ws.name,
    state: ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible',
    // A sheet missing from the map of taken-out merges has none.
    grid: () => readGrid(ws, merges ? (merges.get(ws.name) ?? []) : undefined, fileName),
  }));
  return parseSheets(sheets, fileName, options);
}

/** A sheet to read: from exceljs's model or from the lean reader of the sheet XML (sheetXml.ts). */
interface SheetSource {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  grid: () => Grid;
}

function parseSheets(sources: SheetSource[], fileName: string, options: ReadOptions): ParsedOverview {
  const notes: ReadNote[] = [];
  const overview: ParsedOverview = { file: fileName, sheets: [], title: '', city: null, year: null, quarter: null, targets: [], notes };
  let headerQuarterFound: Quarter | null = null;
  const searched: string[] = [];
  let found = false;
  for (const ws of sources) {
    // A collection template's own record of itself (templateMeta.ts), read below, not a sheet of data.
    if (ws.name === TEMPLATE_META_SHEET && ws.state !== 'visible') continue;
    if (ws.state === 'hidden' || ws.state === 'veryHidden') {
      notes.push({ severity: 'info', message: `工作表“${ws.name}”是隐藏的，未读取`, where: { file: fileName, sheet: ws.name } });
      continue;
    }
    searched.push(ws.name);
    const grid = ws.grid();
    let header = findHeader(grid, options);
    if (!header) {
      if (grid.rowCount > 0) notes.push({ severity: 'info', message: `工作表“${grid.sheet}”中没有找到表头，已跳过`, where: { file: fileName, sheet: grid.sheet } });
      continue;
    }
    // The title's quarter when the user gave none: a header naming an earlier one is read again with it
    // (without, the latest quarter the header names is the table's: headerRow.ts).
    const named = options.quarter === undefined ? namedQuarters(header) : [];
    if (named.length > 0) {
      const quarter = overview.quarter ?? readTitle(linesAbove(grid, header).texts[0] ?? '').quarter;
      if (quarter !== null && named.some((q) => q < quarter)) header = findHeader(grid, { ...options, quarter }) ?? header;
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
      signature: header.signature,
      columns: header.texts
        .map((_, c) => {
          const read = roleOfColumn(header.blocks, c);
          return {
            column: columnLetter(c),
            header: compactHeader(grid.cells[header.last]![c]!.text || grid.cells[header.first]![c]!.text),
            role: read?.role ?? null,
            source: read?.source ?? (header.mapping[columnLetter(c)] === 'ignore' ? 'user' : null),
            // An ignored column with values is what a warning about an empty field points to.
            hasValues: holdsValues(grid, c, header.last + 1),
          };
        })
        // A column with values and no name is listed too, so that the user can say (and change) what it is.
        .filter((c, i) => c.header !== '' || c.role !== null || c.source !== null || header.blocks.some((b) => b.ignored.some((ig) => ig.column === i))),
    });
    headerQuarterFound ??= headerQuarter(grid, header) ?? quarterIn(grid.sheet);
    headerNotes(grid, fileName, header, notes);
    if (group) notes.push({ severity: 'info', message: groupNote(group.row, group.group), where: { file: fileName, sheet: grid.sheet, row: group.row } });
    for (const block of header.blocks) {
      const bySheet = group ? null : sheetGroup(grid.sheet, block, options);
      if (bySheet) notes.push({ severity: 'info', message: `工作表“${grid.sheet}”是按${bySheet.leaders.length > 0 ? '市领导' : '牵头单位'}分开的表，${groupNote(header.last + 1, bySheet).replace(/^第\d+行是分组标题，/, '')}`, where: { file: fileName, sheet: grid.sheet } });
      overview.targets.push(...readBlock(grid, fileName, header.last + 1, block, notes, group?.group ?? bySheet));
    }
  }
  if (!found) throw noHeader(fileName, searched, sources[0]?.name);
  overview.quarter ??= headerQuarterFound;
  if (overview.year === null) {
    // A title without the year: the sheet's name or the file's may have it.
    const named = overview.sheets.map((s) => ({ name: s.sheet, year: yearInName(s.sheet), what: '工作表名' })).find((s) => s.year !== null) ?? { name: fileName, year: yearInName(fileName), what: '文件名' };
    if (named.year !== null) {
      overview.year = named.year;
      notes.push({ severity: 'info', message: `标题中没有年度，按${named.what}“${named.name}”读作${named.year}年`, where: { file: fileName } });
    }
  }
  overview.targets = joinRepeatedTargets(overview.targets, notes);
  const meta = sources.find((s) => s.name === TEMPLATE_META_SHEET);
  overview.template = meta ? readTemplateMeta(meta.grid()) : null;
  return overview;
}

/** The role a column was read as, and why. */
function roleOfColumn(blocks: Block[], column: number): { role: ColumnRole; source: NonNullable<Block['sources'][ColumnRole]> } | null {
  for (const block of blocks) {
    for (const [role, c] of Object.entries(block.columns) as [ColumnRole, number][]) {
      if (c === column) return { role, source: block.sources[role] ?? 'header' };
    }
  }
  return null;
}

/** Lead and cooperating units of a line: separate columns when the file has them, else the first unit leads. */
export function unitsOf(line: ParsedLine): { leadUnits: string[]; cooperatingUnits: string[] } {
  return line.cooperatingUnits === null
    ? { leadUnits: line.units.slice(0, 1), cooperatingUnits: line.units.slice(1) }
    : { leadUnits: line.units, cooperatingUnits: line.cooperatingUnits };
}

/** Reads a workbook from its bytes: what the renderer sends and what the CLI reads from disk. */
export async function readOverviewBytes(name: string, bytes: Buffer, options: ReadOptions = {}): Promise<ParsedOverview> {
  const kind = assertWorkbookBytes(name, bytes);
  // .xls/.et/.ods and Word returns have readers of their own (readers/); what they read is read on as any sheet.
  if (kind === 'xls' || kind === 'ods') return parseSheets(readSheetjsWorkbook(name, bytes, kind).map((s) => ({ name: s.name, state: s.state, grid: () => s.grid })), name, options);
  if (kind === 'docx') {
    const doc = await readDocxReturn(name, bytes, options.known?.units);
    return { ...parseSheets(doc.sheets.map((s) => ({ name: s.name, state: s.state, grid: () => s.grid })), name, options), owner: doc.owner, fromWord: true };
  }
  // The sheet XML read directly when it holds nothing the lean reader leaves to exceljs (sheetXml.ts).
  const lean = await readSheetsLean(bytes);
  if (lean) return parseSheets(lean.map((s) => ({ name: s.name, state: s.state, grid: () => s.grid })), name, options);
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
  return parseOverviewWorkbook(wb, name, merges, options);
}

/** Reads a workbook file; the bytes are checked first so a renamed .xls or CSV gets a clear message. */
export async function readOverview(filePath: string): Promise<ParsedOverview> {
  const { name, bytes } = readWorkbookFile(filePath);
  return readOverviewBytes(name, bytes);
}
