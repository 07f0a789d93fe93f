/**
 * A unit's return written as a Word document: a title naming the unit (市某某局关于2023年四季度责任目标
 * 完成情况的报告), a paragraph, a table of 序号 / 责任目标 / 完成情况 / 是否按计划完成, a signature and a
 * date. Each table becomes a sheet of the same Grid the workbook readers give (horizontal merges from
 * w:gridSpan, vertical ones from w:vMerge, line breaks kept), with the paragraphs before it above it as
 * a sheet's title lines are; the unit the file speaks for is taken from the title, else the signature.
 * mammoth, already a dependency, turns a document into HTML and loses the merges, so the XML is read here.
 */
import { AppError } from '../../../shared/errors';
import { normalizeName, toHalfWidth } from '../../../shared/domain';
import { cellsToGrid, type MergeRange } from './cellGrid';
import type { ReadSheet } from './sheetjs';
import { attrIn, CDATA, TAG, TEXT, XmlRefused, XmlTokens } from '../xmlTokens';
import { decode } from '../xmlText';
import { partText, zipParts } from '../zipParts';

/** A document.xml larger than this is not a unit's return (a zip bomb, a book pasted in). */
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** A tag's w:val, decoded. */
function valOf(t: XmlTokens): string | undefined {
  const raw = attrIn(t.xml, t.from, t.to, 'val');
  return raw === undefined ? undefined : decode(raw);
}

interface DocCell {
  text: string;
  span: number;
  /** restart: the first cell of a vertical merge; continue: covered by the cell above. */
  vMerge: 'restart' | 'continue' | null;
}

interface DocTable {
  /** The paragraphs between the previous table (or the start) and this one. */
  before: string[];
  rows: { gridBefore: number; cells: DocCell[] }[];
}

export interface DocxBody {
  tables: DocTable[];
  /** The paragraphs after the last table: the signature and the date. */
  after: string[];
}

/**
 * The body's paragraphs and top-level tables, in order. A table inside a table cell adds its text to the cell.
 * A part that is not well-formed throws XmlRefused (Word never writes one: the file is damaged).
 */
export function readDocumentXml(xml: string): DocxBody {
  const tables: DocTable[] = [];
  let paragraphs: string[] = [];
  let depth = 0; // tables open
  let paragraph: string | null = null;
  let inText = false;
  let cellParagraphs: string[] | null = null;
  let cell: DocCell | null = null;
  let row: DocTable['rows'][number] | null = null;
  let table: DocTable | null = null;
  const t = new XmlTokens(xml);
  while (t.next()) {
    if (t.kind === TEXT || t.kind === CDATA) {
      if (inText && paragraph !== null) paragraph += t.kind === TEXT ? decode(xml.slice(t.from, t.to)) : xml.slice(t.from, t.to);
      continue;
    }
    if (t.kind !== TAG) continue;
    const { close, selfClose, name: tag } = t;
    const opening = !close;
    switch (tag) {
      case 't':
        inText = opening && !selfClose;
        break;
      case 'br':
      case 'cr':
        if (opening && paragraph !== null) paragraph += '\n';
        break;
      case 'tab':
        if (opening && paragraph !== null && valOf(t) === undefined) paragraph += '\t';
        break;
      case 'p':
        if (opening && !selfClose) paragraph = '';
        else if (opening && selfClose) (cellParagraphs ?? paragraphs).push('');
        else if (paragraph !== null) {
          (depth > 0 && cellParagraphs ? cellParagraphs : paragraphs).push(paragraph);
          paragraph = null;
        }
        break;
      case 'tbl':
        if (opening && !selfClose) {
          depth++;
          if (depth === 1) {
            table = { before: paragraphs, rows: [] };
            paragraphs = [];
          }
        } else if (close) {
          depth--;
          if (depth === 0 && table) {
            tables.push(table);
            table = null;
          }
        }
        break;
      case 'tr':
        if (depth !== 1) break;
        if (opening && !selfClose) row = { gridBefore: 0, cells: [] };
        else if (close && row && table) {
          table.rows.push(row);
          row = null;
        }
        break;
      case 'gridBefore':
        if (depth === 1 && row && !cell) row.gridBefore = Math.min(Math.max(Number(valOf(t)) || 0, 0), 64);
        break;
      case 'tc':
        if (depth !== 1) break;
        if (opening && !selfClose) {
          cell = { text: '', span: 1, vMerge: null };
          cellParagraphs = [];
        } else if (close && cell && row) {
          cell.text = (cellParagraphs ?? []).join('\n').replace(/^\n+|\n+$/g, '');
          row.cells.push(cell);
          cell = null;
          cellParagraphs = null;
        }
        break;
      case 'gridSpan':
        if (depth === 1 && cell) cell.span = Math.min(Math.max(Math.trunc(Number(valOf(t))) || 1, 1), 64);
        break;
      case 'vMerge':
        if (depth === 1 && cell) cell.vMerge = valOf(t) === 'restart' ? 'restart' : 'continue';
        break;
      default:
        break;
    }
  }
  return { tables, after: paragraphs };
}

/** A table as cells by row and column, with its merges. */
function tableCells(table: DocTable, top: number): { rows: Map<number, Map<number, string>>; merges: MergeRange[] } {
  const rows = new Map<number, Map<number, string>>();
  const merges: MergeRange[] = [];
  /** The vertical merge open in each column: its range, widened as continuing cells come. */
  const open = new Map<number, MergeRange>();
  table.rows.forEach((row, i) => {
    const r = top + i;
    const line = new Map<number, string>();
    let c = row.gridBefore;
    for (const cell of row.cells) {
      if (cell.vMerge === 'continue' && open.has(c)) {
        open.get(c)!.to.row = r;
      } else {
        if (cell.text !== '') line.set(c, cell.text);
        const range: MergeRange = { from: { row: r, col: c }, to: { row: r, col: c + cell.span - 1 } };
        merges.push(range);
        for (let k = c; k < c + cell.span; k++) open.delete(k);
        if (cell.vMerge === 'restart') open.set(c, range);
      }
      c += cell.span;
    }
    rows.set(r, line);
  });
  return { rows, merges: merges.filter((m) => m.to.row > m.from.row || m.to.col > m.from.col) };
}

const UNIT_END = /(局|委|办|办公室|政府|集团|中心|公司|管委会|委员会|联|院|会|部|厅|所|站|社|行|队|处|馆|台|校|团|署|司)$/;
const DATE_LINE = /^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,6}月.{1,6}日\s*$/;

/** The unit a title names: 市发展和改革委员会关于…的报告, 市财政局2023年四季度…情况. */
function ownerOfTitle(title: string, known: ReadonlySet<string>): string | null {
  const t = normalizeName(title);
  const before = /^(.{2,30}?)(?:关于|(?:19|20)\d{2}年|[一二三四]季度|责任目标)/.exec(toHalfWidth(t))?.[1]?.replace(/[:：,，]$/, '');
  if (before && (known.has(before) || UNIT_END.test(before))) return before;
  for (const name of known) if (name.length >= 3 && t.startsWith(name)) return name;
  return null;
}

/** The unit a signature names: the line above the date, or the last short line that is a unit's name. */
function ownerOfSignature(after: string[], known: ReadonlySet<string>): string | null {
  const lines = after.map((p) => normalizeName(p.replace(/[（(]\s*(盖章|公章|章)\s*[)）]/g, ''))).filter((p) => p !== '');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (DATE_LINE.test(line) || line.length > 30) continue;
    const name = line.replace(/^(报送|填报|报送单位|填报单位)[:：]?/, '');
    if (known.has(name) || UNIT_END.test(name)) return name;
  }
  return null;
}

export interface DocxReturn {
  sheets: ReadSheet[];
  /** The unit the document speaks for, when its title or signature names one. */
  owner: string | null;
}

/** Reads a .docx return; an AppError naming the file when it will not open or holds no table. */
export async function readDocxReturn(file: string, bytes: Buffer, knownUnits: ReadonlySet<string> = new Set()): Promise<DocxReturn> {
  const damaged = () => new AppError('validation', `文件“${file}”已损坏或不完整，无法作为 Word 文档（.docx）打开。请让报送单位重新发送，或在 Word/WPS 中打开并另存为 .docx 后再导入。`, { file });
  const part = zipParts(bytes)?.get('word/document.xml');
  if (!part) throw damaged();
  if (part.inflatedSize > MAX_DOCUMENT_BYTES) {
    throw new AppError('validation', `文件“${file}”的正文过大（${Math.round(part.inflatedSize / 1024 / 1024)} MB），不像是报送材料，无法读取。`, { file });
  }
  let xml: string;
  try {
    // The CRC checked, as a damaged copy (a mail attachment cut short) may still inflate.
    xml = partText(part, { checkCrc: true, maxBytes: MAX_DOCUMENT_BYTES });
  } catch {
    throw damaged();
  }
  let body: DocxBody;
  try {
    body = readDocumentXml(xml);
  } catch (err) {
    if (err instanceof XmlRefused) throw damaged();
    throw err;
  }
  if (body.tables.length === 0) {
    throw new AppError('validation', `文件“${file}”中没有表格。Word 报送材料须包含“序号”“责任目标”“完成情况”等列的表格，请让报送单位按模板填写后重新发送。`, { file });
  }
  const sheets = body.tables.map((table, i): ReadSheet => {
    const above = table.before.map((p) => p.trim()).filter((p) => p !== '');
    const rows = new Map<number, Map<number, string>>();
    above.forEach((p, r) => rows.set(r, new Map([[0, p]])));
    const cells = tableCells(table, above.length);
    for (const [r, line] of cells.rows) rows.set(r, line);
    const name = body.tables.length === 1 ? '表格' : `表格${i + 1}`;
    return { name, state: 'visible', grid: cellsToGrid({ sheet: name, rows, merges: cells.merges, hiddenRows: [], hiddenColumns: [] }, file) };
  });
  const title = body.tables[0]!.before.map((p) => p.trim()).find((p) => p !== '' && !/^附\s*件/.test(p)) ?? '';
  return { sheets, owner: ownerOfTitle(title, knownUnits) ?? ownerOfSignature(body.after, knownUnits) };
}
