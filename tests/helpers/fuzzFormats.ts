/**
 * The fuzzer's .xls and .docx inputs (issue 18). An Excel 97 workbook written by LibreOffice is taken apart
 * into its compound-file streams and the Workbook stream into its BIFF8 records, which are cut, repeated,
 * re-sized and overwritten before the file is put back together; a Word return written by python-docx is
 * mutated in its document XML (rows, cells, gridSpan and vMerge merges, nested tables, text). Byte damage to
 * the whole file (fuzz.ts) applies to both.
 */
import * as XLSX from '@e965/xlsx';
import { editXml, elementRe, randomBytes, randomUnicode, replaceSome, tagBoundary, type Files, type Mutator, type Rng } from './fuzzRandom';

// ---------------------------------------------------------------------------------------------------------
// .xls: the compound file's streams, and BIFF8 records inside the Workbook stream

/** The streams of a compound file by path ("Root Entry/Workbook"), or null when it does not parse. */
export function cfbStreams(bytes: Buffer): [string, Buffer][] | null {
  try {
    const cfb = XLSX.CFB.read(bytes, { type: 'buffer' });
    const out: [string, Buffer][] = [];
    cfb.FileIndex.forEach((entry: { type: number; content?: unknown }, i: number) => {
      if (entry.type === 2 && entry.content) out.push([cfb.FullPaths[i]!, Buffer.from(entry.content as Uint8Array)]);
    });
    return out.length > 0 ? out : null;
  } catch {
    return null;
  }
}

/** A compound file holding `streams`, as Excel would write one. */
export function cfbFile(streams: Iterable<[string, Buffer]>): Buffer {
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const [name, content] of streams) XLSX.CFB.utils.cfb_add(cfb, name.replace(/^Root Entry\//, '/'), content);
  return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

interface BiffRecord {
  type: number;
  data: Buffer;
}

/** The records of a BIFF stream; a stream whose last record runs past its end keeps that record's bytes as they are. */
function records(stream: Buffer): { records: BiffRecord[]; tail: Buffer } {
  const out: BiffRecord[] = [];
  let at = 0;
  while (at + 4 <= stream.length) {
    const type = stream.readUInt16LE(at);
    const len = stream.readUInt16LE(at + 2);
    if (at + 4 + len > stream.length) break;
    out.push({ type, data: stream.subarray(at + 4, at + 4 + len) });
    at += 4 + len;
  }
  return { records: out, tail: stream.subarray(at) };
}

function stream(recs: BiffRecord[], tail: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (const r of recs) {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(r.type & 0xffff, 0);
    head.writeUInt16LE(Math.min(r.data.length, 0xffff), 2);
    parts.push(head, r.data);
  }
  return Buffer.concat([...parts, tail]);
}

/** The record types a workbook's reading depends on, by name (for the report). */
const BIFF: Record<number, string> = {
  0x0809: 'BOF',
  0x000a: 'EOF',
  0x0085: 'BOUNDSHEET',
  0x00fc: 'SST',
  0x003c: 'CONTINUE',
  0x00fd: 'LABELSST',
  0x0204: 'LABEL',
  0x0203: 'NUMBER',
  0x027e: 'RK',
  0x00bd: 'MULRK',
  0x0208: 'ROW',
  0x0200: 'DIMENSION',
  0x00e5: 'MERGEDCELLS',
  0x00e0: 'XF',
  0x0031: 'FONT',
  0x041e: 'FORMAT',
  0x0042: 'CODEPAGE',
  0x0006: 'FORMULA',
  0x0207: 'STRING',
  0x007d: 'COLINFO',
  0x0201: 'BLANK',
  0x00be: 'MULBLANK',
  0x002f: 'FILEPASS',
};
const typeName = (t: number) => BIFF[t] ?? `0x${t.toString(16).padStart(4, '0')}`;

const WORKBOOK_STREAM = /(^|\/)(Workbook|Book)$/;

/** Rewrites the records of the Workbook stream; null when the file has none or `edit` declines. */
function editRecords(files: Files, r: Rng, label: string, edit: (recs: BiffRecord[], r: Rng) => string | null): string | null {
  const name = [...files.keys()].find((n) => WORKBOOK_STREAM.test(n));
  if (!name) return null;
  const { records: recs, tail } = records(files.get(name)!);
  if (recs.length === 0) return null;
  const what = edit(recs, r);
  if (what === null) return null;
  files.set(name, stream(recs, tail));
  return `${label}: ${what}`;
}

/** A record of one of `types` (the common ones more often), or any record. */
function pickRecord(recs: BiffRecord[], r: Rng, types?: readonly number[]): number | null {
  const wanted = types ?? (r.chance(0.7) ? Object.keys(BIFF).map(Number) : undefined);
  const at = recs.map((rec, i) => (wanted === undefined || wanted.includes(rec.type) ? i : -1)).filter((i) => i >= 0);
  return at.length > 0 ? r.pick(at) : null;
}

/** Little-endian fields worth breaking: counts, indices, row and column numbers. */
const FIELD_VALUES = [0, 1, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff, 0xffffffff, 0x7fffffff, 0x80000000, 65535, 65536, 1048576];

function writeField(data: Buffer, at: number, value: number, size: 2 | 4): void {
  if (at + size > data.length) return;
  if (size === 2) data.writeUInt16LE(value & 0xffff, at);
  else data.writeUInt32LE(value >>> 0, at);
}

export const XLS_MUTATORS: Mutator[] = [
  {
    name: 'xls-delete-record',
    weight: 6,
    apply: (files, r) =>
      editRecords(files, r, 'delete', (recs) => {
        const i = pickRecord(recs, r);
        if (i === null) return null;
        const [gone] = recs.splice(i, 1);
        return `${typeName(gone!.type)} #${i}`;
      }),
  },
  {
    name: 'xls-duplicate-record',
    weight: 4,
    apply: (files, r) =>
      editRecords(files, r, 'duplicate', (recs) => {
        const i = pickRecord(recs, r);
        if (i === null) return null;
        const times = r.chance(0.1) ? r.range(50, 2000) : r.range(1, 3);
        recs.splice(i, 0, ...Array.from({ length: times }, () => ({ type: recs[i]!.type, data: Buffer.from(recs[i]!.data) })));
        return `${typeName(recs[i]!.type)} #${i} ×${times}`;
      }),
  },
  {
    name: 'xls-record-length',
    weight: 5,
    apply: (files, r) =>
      editRecords(files, r, 'resize', (recs) => {
        const i = pickRecord(recs, r);
        if (i === null) return null;
        const rec = recs[i]!;
        const to = r.pick([0, 1, 2, Math.max(0, rec.data.length - 1), rec.data.length + 1, rec.data.length * 2, 8224, 8225]);
        rec.data = to <= rec.data.length ? rec.data.subarray(0, to) : Buffer.concat([rec.data, randomBytes(r, to - rec.data.length)]);
        return `${typeName(rec.type)} #${i} to ${to} bytes`;
      }),
  },
  {
    name: 'xls-record-data',
    weight: 8,
    apply: (files, r) =>
      editRecords(files, r, 'overwrite', (recs) => {
        const i = pickRecord(recs, r);
        if (i === null || recs[i]!.data.length === 0) return null;
        const rec = recs[i]!;
        rec.data = Buffer.from(rec.data);
        if (r.chance(0.6)) {
          // Counts, indices and positions are the first fields of most records.
          const at = r.chance(0.6) ? r.int(Math.min(8, rec.data.length)) : r.int(rec.data.length);
          writeField(rec.data, at, r.pick(FIELD_VALUES), r.chance(0.5) ? 2 : 4);
          return `${typeName(rec.type)} #${i} field @${at}`;
        }
        const at = r.int(rec.data.length);
        randomBytes(r, r.range(1, 16)).copy(rec.data, at);
        return `${typeName(rec.type)} #${i} bytes @${at}`;
      }),
  },
  {
    name: 'xls-strings',
    weight: 5,
    apply: (files, r) =>
      editRecords(files, r, 'strings', (recs) => {
        // The shared strings and the cells pointing into them: counts past the table, an index past the end.
        const i = pickRecord(recs, r, [0x00fc, 0x00fd, 0x003c, 0x0204]);
        if (i === null) return null;
        const rec = recs[i]!;
        rec.data = Buffer.from(rec.data);
        if (rec.type === 0x00fd) writeField(rec.data, 6, r.pick(FIELD_VALUES), 4);
        else if (rec.type === 0x00fc) writeField(rec.data, r.chance(0.5) ? 0 : 4, r.pick(FIELD_VALUES), 4);
        else if (rec.data.length > 2) rec.data = Buffer.concat([rec.data.subarray(0, r.int(rec.data.length)), Buffer.from(randomUnicode(r), 'utf16le')]);
        return `${typeName(rec.type)} #${i}`;
      }),
  },
  {
    name: 'xls-merges',
    weight: 4,
    apply: (files, r) =>
      editRecords(files, r, 'merges', (recs) => {
        const i = pickRecord(recs, r, [0x00e5]);
        if (i === null) return null;
        const rec = recs[i]!;
        rec.data = Buffer.from(rec.data);
        // cmcs, then rwFirst rwLast colFirst colLast per range.
        const field = r.int(Math.max(1, Math.floor((rec.data.length - 2) / 2)));
        writeField(rec.data, field === 0 ? 0 : 2 + (field - 1) * 2, r.pick(FIELD_VALUES), 2);
        return `MERGEDCELLS #${i} field ${field}`;
      }),
  },
  {
    name: 'xls-sheets',
    weight: 4,
    apply: (files, r) =>
      editRecords(files, r, 'sheets', (recs) => {
        // BOUNDSHEET: where a sheet's records start, its state, its name; BOF/EOF: the substreams' bounds.
        const i = pickRecord(recs, r, [0x0085, 0x0809, 0x000a]);
        if (i === null) return null;
        const rec = recs[i]!;
        rec.data = Buffer.from(rec.data);
        if (rec.type === 0x0085) {
          const part = r.int(3);
          if (part === 0) writeField(rec.data, 0, r.pick(FIELD_VALUES), 4);
          else if (part === 1 && rec.data.length > 4) rec.data[4] = r.pick([1, 2, 3, 0xff]);
          else if (rec.data.length > 6) rec.data[6] = r.pick([0, 0xff, 200]);
          return `BOUNDSHEET #${i} part ${part}`;
        }
        if (rec.type === 0x000a) {
          recs.splice(i, 1);
          return `EOF #${i} removed`;
        }
        writeField(rec.data, r.chance(0.5) ? 0 : 2, r.pick(FIELD_VALUES), 2);
        return `BOF #${i}`;
      }),
  },
  {
    name: 'xls-cells',
    weight: 5,
    apply: (files, r) =>
      editRecords(files, r, 'cells', (recs) => {
        // Row and column of a cell record, and the row records' bounds: past the 65,536 × 256 grid, or zero.
        const i = pickRecord(recs, r, [0x00fd, 0x0203, 0x027e, 0x00bd, 0x0208, 0x0200, 0x0201, 0x00be, 0x0006, 0x0204]);
        if (i === null) return null;
        const rec = recs[i]!;
        rec.data = Buffer.from(rec.data);
        const at = r.pick([0, 2, 4]);
        writeField(rec.data, at, r.pick(FIELD_VALUES), 2);
        if (rec.type === 0x0203 && rec.data.length >= 14 && r.chance(0.5)) rec.data.writeDoubleLE(r.pick([NaN, Infinity, -Infinity, 1e308, -0, 2958466]), 6);
        return `${typeName(rec.type)} #${i} @${at}`;
      }),
  },
  {
    name: 'xls-truncate-stream',
    weight: 3,
    apply(files, r) {
      const name = [...files.keys()].find((n) => WORKBOOK_STREAM.test(n));
      if (!name) return null;
      const data = files.get(name)!;
      const at = r.int(data.length);
      files.set(name, data.subarray(0, at));
      return `truncate ${name} at ${at}/${data.length}`;
    },
  },
  {
    name: 'xls-streams',
    weight: 3,
    apply(files, r) {
      const names = [...files.keys()];
      const name = r.pick(names);
      const kind = r.pick(['remove', 'rename', 'empty', 'garbage']);
      const bytes = files.get(name)!;
      files.delete(name);
      if (kind === 'rename') files.set(name.replace(/[^/]+$/, r.pick(['Book', 'WORKBOOK', 'Workbook2', 'EncryptedPackage', 'SummaryInformation'])), bytes);
      else if (kind === 'empty') files.set(name, Buffer.alloc(0));
      else if (kind === 'garbage') files.set(name, randomBytes(r, r.range(1, 4000)));
      return `${kind} ${name}`;
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// .docx: the document XML of a Word return

const DOCUMENT = /^word\/document\.xml$/;
const DOCX_PARTS = ['word/document.xml', '[Content_Types].xml', '_rels/.rels', 'word/_rels/document.xml.rels', 'word/styles.xml', 'word/settings.xml', 'word/numbering.xml', 'docProps/core.xml'];
const DOCX_ELEMENTS = ['w:tbl', 'w:tr', 'w:tc', 'w:p', 'w:r', 'w:t', 'w:tblGrid', 'w:gridCol', 'w:tcPr', 'w:tblPr', 'w:trPr', 'w:sectPr', 'w:body', 'w:br'];
const SPANS = ['0', '-1', '2', '3', '4', '99', '65536', '1e9', 'abc', '', '2.5'];

function pickDocxTag(xml: string, r: Rng): string | null {
  const present = DOCX_ELEMENTS.filter((t) => xml.includes(`<${t}`));
  return present.length > 0 ? r.pick(present) : null;
}

const onDocument = (files: Files, r: Rng, label: string, edit: (xml: string) => string | null) => editXml(files, r, DOCUMENT, label, edit);

export const DOCX_MUTATORS: Mutator[] = [
  {
    name: 'docx-parts',
    weight: 4,
    apply(files, r) {
      const present = DOCX_PARTS.filter((n) => files.has(n));
      const name = present.length > 0 && r.chance(0.8) ? r.pick(present) : r.pick([...files.keys()]);
      const kind = r.pick(['remove', 'empty', 'garbage', 'rename']);
      const bytes = files.get(name)!;
      files.delete(name);
      if (kind === 'empty') files.set(name, Buffer.alloc(0));
      else if (kind === 'garbage') files.set(name, r.chance(0.5) ? randomBytes(r, r.range(1, 4000)) : Buffer.from(r.pick(['<', '<w:document/>', 'not xml', '<a><b></a>'])));
      else if (kind === 'rename') files.set(r.pick(['word/Document.xml', 'word/document2.xml', `${name}.bak`, 'xl/workbook.xml']), bytes);
      return `${kind} ${name}`;
    },
  },
  {
    name: 'docx-truncate',
    weight: 4,
    apply: (files, r) => onDocument(files, r, 'truncate', (xml) => (xml.length < 2 ? null : xml.slice(0, r.int(xml.length)))),
  },
  {
    name: 'docx-delete-element',
    weight: 7,
    apply: (files, r) => {
      let tag = '';
      const what = onDocument(files, r, 'delete', (xml) => {
        tag = pickDocxTag(xml, r) ?? '';
        return tag === '' ? null : replaceSome(xml, r, elementRe(tag), () => '');
      });
      return what && `${what}: <${tag}>`;
    },
  },
  {
    name: 'docx-duplicate-element',
    weight: 6,
    apply: (files, r) => {
      let tag = '';
      const times = r.chance(0.1) ? r.range(50, 2000) : r.range(1, 3);
      const what = onDocument(files, r, `duplicate ×${times}`, (xml) => {
        tag = pickDocxTag(xml, r) ?? '';
        return tag === '' ? null : replaceSome(xml, r, elementRe(tag), (m) => m[0].repeat(times + 1), 0.05);
      });
      return what && `${what}: <${tag}>`;
    },
  },
  {
    name: 'docx-grid-span',
    weight: 6,
    apply: (files, r) =>
      onDocument(files, r, 'gridSpan', (xml) => {
        const span = r.pick(SPANS);
        if (r.chance(0.5)) {
          const changed = replaceSome(xml, r, /<w:gridSpan w:val="[^"]*"\/>/g, () => `<w:gridSpan w:val="${span}"/>`);
          if (changed) return changed;
        }
        // A span given to a cell that had none: the row now claims more columns than the grid has.
        return replaceSome(xml, r, /<w:tc>(<w:tcPr>)?/g, (m) => (m[1] ? `<w:tc><w:tcPr><w:gridSpan w:val="${span}"/>` : `<w:tc><w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>`));
      }),
  },
  {
    name: 'docx-v-merge',
    weight: 5,
    apply: (files, r) =>
      onDocument(files, r, 'vMerge', (xml) => {
        const merge = r.pick(['<w:vMerge/>', '<w:vMerge w:val="restart"/>', '<w:vMerge w:val="continue"/>', '<w:vMerge w:val="garbage"/>']);
        if (r.chance(0.3)) return replaceSome(xml, r, /<w:vMerge[^>]*\/>/g, () => '', 0.5);
        return replaceSome(xml, r, /<w:tc>(<w:tcPr>)?/g, (m) => (m[1] ? `<w:tc><w:tcPr>${merge}` : `<w:tc><w:tcPr>${merge}</w:tcPr>`), 0.3);
      }),
  },
  {
    name: 'docx-nested-table',
    weight: 3,
    apply: (files, r) =>
      onDocument(files, r, 'nested table', (xml) => {
        const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0];
        if (!table) return null;
        return replaceSome(xml, r, /<\/w:tc>/g, () => `${table}<w:p/></w:tc>`, 0.05);
      }),
  },
  {
    name: 'docx-text',
    weight: 7,
    apply: (files, r) =>
      onDocument(files, r, 'text', (xml) => {
        const text = r.pick([randomUnicode(r), '', ' ', '序号', '是', '否', '第9999项', 'x'.repeat(r.chance(0.1) ? 200_000 : 500), '1e309', '-1', '&amp;', '<']);
        return replaceSome(xml, r, /(<w:t(?: [^>]*)?>)([^<]*)(<\/w:t>)/g, (m) => `${m[1]}${text === '<' ? '&lt;' : text}${m[3]}`, 0.1);
      }),
  },
  {
    name: 'docx-markup',
    weight: 4,
    apply: (files, r) =>
      onDocument(files, r, 'markup', (xml) => {
        const at = tagBoundary(xml, r);
        const piece = r.pick([
          '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
          '<w:t>&xxe;</w:t>',
          '<w:tc><w:p><w:r><w:t>孤立单元格</w:t></w:r></w:p></w:tc>',
          '<w:tr><w:tc><w:p/></w:tc></w:tr>',
          '<w:tbl/>',
          '<w:sdt><w:sdtContent><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:sdtContent></w:sdt>',
          '<mc:AlternateContent><mc:Choice Requires="wps"><w:t>x</w:t></mc:Choice></mc:AlternateContent>',
          '\u0000',
          '<w:p>'.repeat(r.chance(0.2) ? 20_000 : 50),
        ]);
        return xml.slice(0, at) + piece + xml.slice(at);
      }),
  },
];
