/**
 * A lean reader of a workbook's sheets straight from their XML (issue 13): the importer needs each cell's
 * shown text, the merges and what is hidden, not exceljs's whole object model, whose load costs more than
 * all the rest of an import of an ordinary (merge-free) table. Shared strings are resolved once; each
 * sheet's XML is scanned tag by tag into the same Grid the exceljs path builds (grid.ts).
 *
 * Anything it does not read exactly as exceljs would (a damaged or oversized sheet, a part it cannot find,
 * a value of a kind it does not know) makes it answer null, and the caller reads the file with exceljs as
 * before: the same texts, the same messages for damaged files. Where exceljs reads a file wrong or not at
 * all (tests/import/otherWriters.test.ts lists how), this reads what Excel shows.
 */
import { partText, zipParts, type ZipPart } from './zipParts';
import { attrIn, CDATA, TAG, TEXT, XmlTokens } from './xmlTokens';
import { decode } from './xmlText';
import { columnLetter, MAX_GRID_CELLS, MAX_ROWS, percentDecimals, percentText, serialDateText, type Grid, type GridCell } from './grid';

export interface LeanSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  grid: Grid;
}

const MAX_COLUMNS = 16_384;

class Unsupported extends Error {}

/** An attribute of a tag's attributes (`attrs`), entities decoded. */
function attr(attrs: string, name: string): string | undefined {
  const value = attrIn(attrs, 0, attrs.length, name);
  return value === undefined ? undefined : decode(value);
}

/** An attribute of the tag just read, entities decoded. */
function tagAttr(t: XmlTokens, name: string): string | undefined {
  const value = attrIn(t.xml, t.from, t.to, name);
  return value === undefined ? undefined : decode(value);
}

/** Refuses what is not well-formed XML: exceljs refuses such a file with its own message, and the lean reader must not read it instead. */
function checkWellFormed(xml: string): void {
  const t = new XmlTokens(xml);
  while (t.next());
}

/**
 * A text as OOXML stores it (ST_Xstring): a character XML cannot hold is written `_xHHHH_` — Excel and
 * xlsxwriter write the CR of a CR LF line break as `_x000D_`, and `_x005F_` escapes a literal underscore
 * of such a sequence. One pass, so `_x005F_x000D_` gives the literal `_x000D_`.
 */
function unescapeXstring(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The shared strings: most are one plain `<t>`; rich text and phonetic guides take the tag-by-tag way. */
function sharedStrings(xml: string): string[] {
  checkWellFormed(xml);
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g)) {
    const body = m[1] ?? '';
    if (body.includes('rPh') || body.includes('<![CDATA[')) {
      out.push([...stringItems(`<si>${body}</si>`, 'si')][0] ?? '');
      continue;
    }
    // Plain or rich text: the texts of its runs, in order (LibreOffice splits CJK and Latin into runs).
    let text = '';
    for (const t of body.matchAll(/<(?:[\w.-]+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?t>)/g)) text += t[1] === undefined ? '' : decode(t[1]);
    out.push(unescapeXstring(text));
  }
  return out;
}

/** The text of a string item (`<si>`, `<is>`): its runs joined, the phonetic guide (`<rPh>`) left out. */
function* stringItems(xml: string, item: string): Generator<string> {
  let text = '';
  let inT = false;
  let inPhonetic = 0;
  let inItem = false;
  const t = new XmlTokens(xml);
  while (t.next()) {
    if (t.kind === TAG) {
      const { name, close, selfClose } = t;
      if (name === item) {
        if (close) {
          inItem = false;
          yield unescapeXstring(text);
        } else if (selfClose) {
          yield '';
        } else {
          inItem = true;
          text = '';
        }
      } else if (name === 'rPh') {
        if (!selfClose) inPhonetic += close ? -1 : 1;
      } else if (name === 't') {
        inT = !close && !selfClose;
      }
    } else if (inItem && inT && inPhonetic === 0) {
      text += tokenText(t);
    }
  }
}

/** A text's characters, entities decoded; a CDATA section's as they are; nothing of a declaration or comment. */
function tokenText(t: XmlTokens): string {
  if (t.kind === TEXT) return decode(t.xml.slice(t.from, t.to));
  return t.kind === CDATA ? t.xml.slice(t.from, t.to) : '';
}

/** Excel's built-in number formats that show a date or time (ids 14–22, 27–36, 45–47, 50–58). */
function isBuiltinDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** exceljs's own test of a format code: a date when y, m, d, h, s or b remain outside quotes and brackets. */
function isDateCode(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * How a cell style shows a number: as a date, as a percentage (its decimals), or plainly. Dates include
 * the built-in formats of Chinese Excel and WPS (31 is yyyy"年"m"月"d"日", 57 yyyy"年"m"月"), which exceljs
 * knows no code for and shows as a bare day count (45291).
 */
type NumberStyle = 'date' | { percent: number } | null;

/** Excel's built-in percent formats. */
const BUILTIN_FORMATS: Record<number, string> = { 9: '0%', 10: '0.00%' };

/** Per cell style index: how it shows numbers. */
function numberStyles(xml: string): NumberStyle[] {
  const codes = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    const code = attr(m[1]!, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) codes.set(id, code);
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out: NumberStyle[] = [];
  for (const m of xfs.matchAll(/<(?:[\w.-]+:)?xf\b([^>]*)>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = codes.get(id) ?? BUILTIN_FORMATS[id];
    const percent = code === undefined ? null : percentDecimals(code);
    out.push(percent !== null ? { percent } : (code !== undefined ? isDateCode(code) : isBuiltinDate(id)) ? 'date' : null);
  }
  return out;
}

function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}


/** Cells by row of one sheet: 1-based row and column, shown text. */
function readSheet(xml: string, shared: string[], styles: NumberStyle[], date1904: boolean): { rows: Map<number, Map<number, string>>; hiddenRows: number[]; hiddenColumns: number[]; maxColumn: number } {
  const rows = new Map<number, Map<number, string>>();
  const hiddenRows: number[] = [];
  const hiddenColumns = new Set<number>();
  let maxColumn = 0;
  let row = 0;
  let cells: Map<number, string> | null = null;
  let column = 0;
  let type = '';
  let style = 0;
  let value: string | null = null;
  let inline = '';
  let into: 'v' | 't' | null = null;
  let inInline = false;
  let inPhonetic = 0;
  let inSheetData = false;
  let formula = false;
  let rowNumbered = true;
  let rowHidden = false;
  const t = new XmlTokens(xml);
  while (t.next()) {
    if (t.kind !== TAG) {
      if (into === 'v') value = (value ?? '') + tokenText(t);
      else if (into === 't' && inPhonetic === 0) inline += tokenText(t);
      continue;
    }
    const { close, name, selfClose } = t;
    switch (name) {
      case 'sheetData':
        inSheetData = !close && !selfClose;
        break;
      case 'col':
        if (!close && tagAttr(t, 'hidden') && /^(1|true)$/.test(tagAttr(t, 'hidden')!)) {
          const min = Number(tagAttr(t, 'min'));
          const max = Math.min(Number(tagAttr(t, 'max')), MAX_COLUMNS);
          if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1) throw new Unsupported();
          for (let c = min; c <= max; c++) hiddenColumns.add(c);
        }
        break;
      case 'row':
        if (!inSheetData) break;
        if (close) {
          cells = null;
          break;
        }
        rowNumbered = tagAttr(t, 'r') !== undefined;
        row = rowNumbered ? Number(tagAttr(t, 'r')) : row + 1;
        if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) throw new Unsupported();
        column = 0;
        rowHidden = /^(1|true)$/.test(tagAttr(t, 'hidden') ?? '');
        if (rowHidden) hiddenRows.push(row);
        cells = rows.get(row) ?? new Map();
        rows.set(row, cells);
        if (selfClose) cells = null;
        break;
      case 'c': {
        if (!cells) break;
        if (!close) {
          const ref = tagAttr(t, 'r');
          const at = ref === undefined ? { row, col: column + 1 } : decodeRef(ref);
          // A row written without its number, after rows left out: its first cell's reference says where it is.
          if (at && at.row > row && !rowNumbered && column === 0 && cells.size === 0) {
            rows.delete(row);
            if (rowHidden) hiddenRows[hiddenRows.length - 1] = at.row;
            row = at.row;
            cells = rows.get(row) ?? new Map<number, string>();
            rows.set(row, cells);
          }
          if (!at || at.row !== row || at.col > MAX_COLUMNS) throw new Unsupported();
          column = at.col;
          type = tagAttr(t, 't') ?? 'n';
          // No style at all (not style 0): exceljs gives such a cell no number format.
          style = Number(tagAttr(t, 's') ?? -1);
          value = null;
          formula = false;
          inline = '';
          if (!selfClose) break;
        }
        // The cell is complete: its shown text.
        let text: string;
        if (type === 's') {
          const s = value === null ? '' : shared[Number(value)];
          if (s === undefined) throw new Unsupported();
          text = s;
        } else if (type === 'inlineStr') {
          text = unescapeXstring(inline);
        } else if (type === 'str') {
          // exceljs leaves the escapes of a formula's text result as they are; Excel shows the characters.
          text = unescapeXstring(value ?? '');
        } else if (type === 'b') {
          // 1/0 as the standard says; true/false as some writers put it (exceljs reads "false" as true).
          const b = value?.trim().toLowerCase() ?? '';
          if (b === '') text = '';
          else if (b === '1' || b === 'true') text = '是';
          else if (b === '0' || b === 'false') text = '否';
          else throw new Unsupported();
        } else if (type === 'd') {
          // An ISO 8601 date (t="d"), shown as the grid shows dates; exceljs reads 2023-12-31 as 2023.
          const iso = value?.trim() ?? '';
          if (iso === '') text = '';
          else if (/^\d{4}-\d{2}-\d{2}(T[\d:.]*(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) text = iso.slice(0, 10);
          else throw new Unsupported();
        } else if (type === 'e') {
          text = '';
        } else if (value === null || value.trim() === '') {
          text = '';
        } else if (type === 'n') {
          const shown = styles[style] ?? null;
          const n = Number(value);
          if (!Number.isFinite(n)) throw new Unsupported();
          // exceljs drops a formula's cached result of 0; the same file must read the same either way.
          text = formula && n === 0 ? '' : shown === 'date' ? serialDateText(n, date1904) : shown ? percentText(n, shown.percent) : formatNumber(n);
        } else {
          throw new Unsupported();
        }
        if (text !== '') {
          cells.set(column, text);
          if (column > maxColumn) maxColumn = column;
        }
        break;
      }
      case 'v':
        into = !close && !selfClose ? 'v' : null;
        break;
      case 'f':
        if (cells && !close) formula = true;
        break;
      case 'is':
        inInline = !close && !selfClose;
        break;
      case 'rPh':
        if (!selfClose) inPhonetic += close ? -1 : 1;
        break;
      case 't':
        into = inInline && !close && !selfClose ? 't' : into === 't' ? null : into;
        break;
      default:
        break;
    }
  }
  return { rows, hiddenRows, hiddenColumns: [...hiddenColumns].sort((a, b) => a - b), maxColumn };
}

/** Excel's last column (XFD): a reference past it comes only from a damaged file. */
const LAST_COLUMN = 16_384;

function toGrid(name: string, sheet: ReturnType<typeof readSheet>, listed: string[]): Grid {
  const rowCount = Math.max(0, ...sheet.rows.keys(), ...sheet.hiddenRows);
  // A damaged file can list the same merge thousands of times.
  const merges = [...new Set(listed)];
  // Merged areas count: a merge whose first cell holds text may reach past the last written cell. One of
  // empty cells adds nothing to read, and would only widen every row.
  let columnCount = sheet.maxColumn;
  for (const range of merges) {
    const [from, to] = range.split(':').map(decodeRef);
    if (from && to && to.row <= rowCount && to.col <= LAST_COLUMN && sheet.rows.get(from.row)?.get(from.col)) columnCount = Math.max(columnCount, to.col);
  }
  if (rowCount * Math.max(columnCount, 1) > MAX_GRID_CELLS * 4) throw new Unsupported();
  const empty = Object.freeze(Array.from({ length: columnCount }, () => Object.freeze({ text: '', mergedFrom: null }))) as GridCell[];
  const cells: GridCell[][] = [];
  let held = 0;
  for (let r = 1; r <= rowCount; r++) {
    const own = sheet.rows.get(r);
    if (!own || own.size === 0) {
      cells.push(empty);
      continue;
    }
    held += columnCount;
    if (held > MAX_GRID_CELLS) throw new Unsupported();
    const line: GridCell[] = new Array(columnCount);
    for (let c = 0; c < columnCount; c++) line[c] = { text: own.get(c + 1) ?? '', mergedFrom: null };
    cells.push(line);
  }
  for (const range of merges) {
    const [from, to] = range.split(':').map(decodeRef);
    if (!from || !to) continue;
    const master = cells[from.row - 1]?.[from.col - 1];
    if (!master) continue;
    const address = `${columnLetter(from.col - 1)}${from.row}`;
    for (let r = from.row - 1; r <= Math.min(to.row - 1, rowCount - 1); r++) {
      if (cells[r] === empty) {
        held += columnCount;
        if (held > MAX_GRID_CELLS) throw new Unsupported();
        cells[r] = empty.map(() => ({ text: '', mergedFrom: null }));
      }
      for (let c = from.col - 1; c <= Math.min(to.col - 1, columnCount - 1); c++) {
        if (r === from.row - 1 && c === from.col - 1) continue;
        cells[r]![c] = { text: master.text, mergedFrom: address };
      }
    }
  }
  return { sheet: name, rowCount, columnCount, cells, hiddenRows: sheet.hiddenRows, hiddenColumns: sheet.hiddenColumns.filter((c) => c <= columnCount) };
}

interface Relationship {
  type: string;
  /** The part it points to, as a zip entry name (no leading slash); null for an external target. */
  part: string | null;
}

/** A relationship target resolved against the folder of the part that names it (`/xl/…` from the root, `../` up). */
function resolvePart(folder: string, target: string): string | null {
  const segments = target.startsWith('/') ? [] : folder.split('/').filter((s) => s !== '');
  for (const s of target.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (segments.pop() === undefined) return null;
    } else segments.push(s);
  }
  return segments.join('/');
}

/** The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`), by id. */
function relationships(xml: string, folder: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (!id || !target) continue;
    const external = attr(m[1]!, 'TargetMode') === 'External';
    out.set(id, { type: attr(m[1]!, 'Type') ?? '', part: external ? null : resolvePart(folder, target) });
  }
  return out;
}

const folderOf = (part: string) => part.slice(0, part.lastIndexOf('/') + 1);

/** The workbook's sheets as grids, in the workbook's order; null when the exceljs path must read the file. */
export async function readSheetsLean(bytes: Buffer): Promise<LeanSheet[] | null> {
  try {
    // A zip zipParts does not know: the exceljs path reads it.
    const zip = zipParts(bytes);
    if (!zip) return null;
    // Part names are case-insensitive (OPC): a target `worksheets/sheet1.xml` names `xl/worksheets/Sheet1.xml`.
    const folded = new Map<string, ZipPart>();
    for (const [name, part] of zip) if (!folded.has(name.toLowerCase())) folded.set(name.toLowerCase(), part);
    const text = async (name: string | null | undefined) => {
      const part = name ? (zip.get(name) ?? folded.get(name.toLowerCase())) : undefined;
      return part ? partText(part) : undefined;
    };
    // The workbook is where the package's relationships say (xl/workbook.xml for nearly every writer).
    const root = await text('_rels/.rels');
    const office = root === undefined ? undefined : [...relationships(root, '').values()].find((r) => /\/officeDocument$/.test(r.type))?.part;
    const workbookPart = office ?? 'xl/workbook.xml';
    const workbook = await text(workbookPart);
    const folder = folderOf(workbookPart);
    const relsXml = await text(`${folder}_rels/${workbookPart.slice(folder.length)}.rels`);
    if (workbook === undefined || relsXml === undefined) return null;
    const date1904 = /date1904\s*=\s*["'](1|true)/.test(workbook);
    const rels = relationships(relsXml, folder);
    // Found by their relationship's type, wherever they are; by the usual name when the type is missing.
    const partOf = (type: string, name: RegExp) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.part ?? [...rels.values()].find((r) => r.part && name.test(r.part))?.part ?? `${folder}${type}.xml`;
    const shared: string[] = [];
    const sharedXml = await text(partOf('sharedStrings', /sharedStrings\.xml$/i));
    if (sharedXml !== undefined) for (const s of sharedStrings(sharedXml)) shared.push(s);
    const stylesXml = await text(partOf('styles', /styles\.xml$/i));
    const styles = stylesXml === undefined ? [] : numberStyles(stylesXml);
    const sheets: LeanSheet[] = [];
    const seen = new Set<string>();
    for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
      const name = attr(m[1]!, 'name');
      // A sheet listed again under the same name (Excel allows none; a damaged workbook.xml repeats them by
      // the thousand) is the same sheet: read once.
      if (name !== undefined && seen.has(name)) continue;
      if (name !== undefined) seen.add(name);
      const rid = attr(m[1]!, 'id');
      const part = rid === undefined ? undefined : rels.get(rid)?.part;
      // A name Excel refuses (a/b, 32 characters and more): exceljs says so in its message.
      if (name === undefined || !part || name === '' || name.length > 31 || /[\\/?*[\]:]/.test(name)) return null;
      const xml = await text(part);
      if (xml === undefined) return null;
      const state = attr(m[1]!, 'state');
      const merges = [...xml.matchAll(/<(?:[\w.-]+:)?mergeCell\b([^>]*)>/g)].map((r) => attr(r[1]!, 'ref') ?? '').filter((ref) => /^[A-Z]+\d+:[A-Z]+\d+$/.test(ref));
      sheets.push({
        name,
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        grid: toGrid(name, readSheet(xml, shared, styles, date1904), merges),
      });
    }
    return sheets.length > 0 ? sheets : null;
  } catch {
    // Unsupported or damaged: the exceljs path reads it, with its own messages.
    return null;
  }
}
