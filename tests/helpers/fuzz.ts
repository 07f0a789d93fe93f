/**
 * Fuzzing the importer (issue #7; .xls and .docx in fuzzFormats.ts, issue #18): real workbooks mutated at
 * three levels — the zip's bytes, the zip's entries, the XML inside — each input built deterministically from (seed, index), so that any input a
 * run reports can be rebuilt alone (`--only`). The runner hands indices to child processes (fuzzWorker.ts):
 * a hang or an out-of-memory in exceljs must not take the runner down with it, and a blocked event loop
 * can only be detected from outside.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { cfbFile, cfbStreams, DOCX_MUTATORS, XLS_MUTATORS } from './fuzzFormats';
import { editXml, elementRe, inputSeed, makeRng, randomBytes, randomUnicode, replaceSome, tagBoundary, type Files, type Mutator, type Rng } from './fuzzRandom';

export { inputSeed, makeRng, type Rng } from './fuzzRandom';

export const ROOT = path.resolve(__dirname, '../..');

// ---------------------------------------------------------------------------------------------------------
// The corpus: the real workbooks the importer's tests use, and the seed overview

export type FuzzFormat = 'xlsx' | 'xls' | 'docx';

export interface BaseWorkbook {
  name: string;
  format: FuzzFormat;
  bytes: Buffer;
  /**
   * The zip's entries (.xlsx, .docx) or the compound file's streams (.xls) in their order, or null for a base
   * that does not open as one (byte mutations only).
   */
  entries: [string, Buffer][] | null;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const formatOf = (name: string): FuzzFormat => (/\.docx$/i.test(name) ? 'docx' : /\.xls$/i.test(name) ? 'xls' : 'xlsx');

/** What each format's inputs are mutated with, beside the byte damage every format gets. */
const MUTATORS_OF = (): Record<FuzzFormat, Mutator[]> => ({ xlsx: MUTATORS, xls: XLS_MUTATORS, docx: DOCX_MUTATORS });

/** The share of inputs of each format: most units send .xlsx, many still .xls, and Word returns. */
const FORMAT_SHARE: [FuzzFormat, number][] = [
  ['xlsx', 0.6],
  ['xls', 0.2],
  ['docx', 0.2],
];

/** The import fixtures (.xlsx, .xls, .docx), the seed overview, and the other programs' files in tests/fixtures/fuzz. */
export async function loadCorpus(): Promise<BaseWorkbook[]> {
  const files = ['tests/fixtures/import', 'tests/fixtures/fuzz'].flatMap((d) =>
    fs
      .readdirSync(path.join(ROOT, d))
      .filter((f) => /\.(xlsx|xls|docx)$/i.test(f))
      .sort()
      .map((f) => path.join(ROOT, d, f)),
  );
  files.push(path.join(ROOT, 'seeds/2023-三季度-一览表.xlsx'));
  const corpus: BaseWorkbook[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    const format = formatOf(file);
    let entries: [string, Buffer][] | null = null;
    if (format === 'xls') entries = cfbStreams(bytes);
    else if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      try {
        const zip = await JSZip.loadAsync(bytes);
        entries = [];
        for (const entry of Object.values(zip.files)) if (!entry.dir) entries.push([entry.name, await entry.async('nodebuffer')]);
      } catch {
        entries = null;
      }
    }
    corpus.push({ name: path.basename(file), format, bytes, entries });
  }
  return corpus;
}

// ---------------------------------------------------------------------------------------------------------
// Mutators

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const SST = /^xl\/sharedStrings\.xml$/;
const WORKBOOK = /^xl\/workbook\.xml$/;
const STYLES = /^xl\/styles\.xml$/;
const RELS = /\.rels$/;
const CONTENT_TYPES = /^\[Content_Types\]\.xml$/;
const ANY_XML = /\.(xml|rels)$/;
const CORE_PARTS = /^(xl\/worksheets\/[^/]+\.xml|xl\/sharedStrings\.xml|xl\/workbook\.xml|xl\/styles\.xml)$/;

const ELEMENTS = ['row', 'c', 'v', 'si', 't', 'r', 'sheet', 'sheets', 'mergeCell', 'mergeCells', 'xf', 'cellXfs', 'numFmt', 'font', 'fill', 'border', 'Relationship', 'Override', 'Default', 'col', 'cols', 'sheetData', 'dimension', 'f', 'is', 'rPr', 'sheetView', 'definedName', 'workbookPr', 'sst', 'worksheet', 'workbook', 'styleSheet', 'Relationships', 'Types'];

/** One of the elements the part has, so that a delete or duplicate always does something. */
function pickTag(xml: string, r: Rng): string | null {
  const present = ELEMENTS.filter((t) => new RegExp(`<${t}\\b`).test(xml));
  return present.length > 0 ? r.pick(present) : null;
}

const GARBAGE_VALUES = ['', ' ', '-1', '0', '1e309', '99999999999999999999', 'NaN', 'Infinity', 'null', 'undefined', 'A', '中文', '"', '&amp;', '&lt;x&gt;', '%s%s%n', '../../etc/passwd', 'x'.repeat(5000), '\u202e', '😀', '0x10', '1.5', '-0', 'true'];

const CELL_REFS = ['', 'A0', 'A-1', 'A1048576', 'A1048577', 'A2147483648', 'A99999999999999999999', 'XFD1', 'XFE1', 'XFD1048576', 'ZZZZZ1', 'AAAAAAAAAA1', '1A', 'a1', 'A', '1', 'A1:B2', '$A$1', 'A1.5', '中1', 'A1 ', ' A1', 'R1C1', '#REF!'];

const MERGE_REFS = ['B5:A1', 'A1:A1', 'A1:XFD1048576', 'A1:G1048576', 'A1:XFD1', 'A3:G3', 'A4:A999', 'A0:B1', 'AAAA1:AAAB2', 'garbage', 'A1:', ':B2', 'A1:B2:C3', 'A1048577:A1048578'];

const NUMBERS = ['1e308', '-1e308', '1e309', '-1e309', 'NaN', 'Infinity', '-Infinity', '9'.repeat(400), '0x1F', '1,5', '', ' ', '1.7976931348623157e308', '5e-324', '-0', '2958466', '2958465.9999999', '-1', '1e21', '123abc'];

const CELL_TYPES = ['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'garbage', ''];

const BILLION_LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">' +
  '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">' +
  '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">' +
  '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>';
const EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "http://127.0.0.1:1/x">]>';
const ENTITY_REFS = ['&lol9;', '&xxe;', '&undefined;', '&#0;', '&#x110000;', '&#xD800;', '&#99999999999;', '&#x;', '&amp', '&'];

/** After the XML declaration (a DOCTYPE must come before the root element). */
function withDoctype(xml: string, doctype: string): string {
  const decl = /^\s*<\?xml[^>]*\?>/.exec(xml);
  return decl ? decl[0] + doctype + xml.slice(decl[0].length) : doctype + xml;
}

const IMPORTANT_ENTRIES = ['xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/theme/theme1.xml', 'docProps/core.xml', 'docProps/app.xml'];

export const MUTATORS: Mutator[] = [
  {
    name: 'remove-entry',
    weight: 6,
    apply(files, r) {
      const present = IMPORTANT_ENTRIES.filter((n) => files.has(n));
      const name = present.length > 0 && r.chance(0.8) ? r.pick(present) : r.pick([...files.keys()]);
      files.delete(name);
      return `remove ${name}`;
    },
  },
  {
    name: 'rename-entry',
    weight: 3,
    apply(files, r) {
      const name = r.pick([...files.keys()]);
      const to = r.pick(['xl/worksheets/sheet9.xml', 'xl/Workbook.xml', `${name}.bak`, 'xl/worksheets/sheet1.xml', 'xl/sharedstrings.xml', `/${name}`, `xl\\${name.split('/').pop()}`, `../${name}`, `${name.replace(/\.xml$/, '')}`]);
      const bytes = files.get(name)!;
      files.delete(name);
      files.set(to, bytes);
      return `rename ${name} → ${to}`;
    },
  },
  {
    name: 'empty-entry',
    weight: 3,
    apply(files, r) {
      const names = [...files.keys()].filter((n) => CORE_PARTS.test(n) || RELS.test(n) || CONTENT_TYPES.test(n));
      if (names.length === 0) return null;
      const name = r.pick(names);
      files.set(name, Buffer.alloc(0));
      return `empty ${name}`;
    },
  },
  {
    name: 'garbage-entry',
    weight: 2,
    apply(files, r) {
      const name = r.pick([...files.keys()]);
      files.set(name, r.chance(0.5) ? randomBytes(r, r.range(1, 4000)) : Buffer.from(r.pick(['<', '<?xml version="1.0"?>', 'not xml at all', '<a><b></a>', '\ufeff<worksheet/>', '<worksheet xmlns="x"><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>'])));
      return `garbage ${name}`;
    },
  },
  {
    name: 'swap-entries',
    weight: 2,
    apply(files, r) {
      const names = [...files.keys()];
      if (names.length < 2) return null;
      const a = r.pick(names);
      const b = r.pick(names.filter((n) => n !== a));
      const bytesA = files.get(a)!;
      files.set(a, files.get(b)!);
      files.set(b, bytesA);
      return `swap ${a} ⇄ ${b}`;
    },
  },
  {
    name: 'truncate-xml',
    weight: 5,
    apply: (files, r) =>
      editXml(files, r, r.chance(0.7) ? CORE_PARTS : ANY_XML, 'truncate', (xml) => (xml.length < 2 ? null : xml.slice(0, r.int(xml.length)))),
  },
  {
    name: 'delete-element',
    weight: 8,
    apply: (files, r) => {
      let tag = '';
      const what = editXml(files, r, r.chance(0.7) ? CORE_PARTS : ANY_XML, 'delete', (xml) => {
        tag = pickTag(xml, r) ?? '';
        return tag === '' ? null : replaceSome(xml, r, elementRe(tag), () => '');
      });
      return what && `${what}: <${tag}>`;
    },
  },
  {
    name: 'duplicate-element',
    weight: 6,
    apply: (files, r) => {
      let tag = '';
      const times = r.chance(0.1) ? r.range(50, 3000) : r.range(1, 3);
      const what = editXml(files, r, r.chance(0.7) ? CORE_PARTS : ANY_XML, `duplicate ×${times}`, (xml) => {
        tag = pickTag(xml, r) ?? '';
        return tag === '' ? null : replaceSome(xml, r, elementRe(tag), (m) => m[0].repeat(times + 1), 0.1);
      });
      return what && `${what}: <${tag}>`;
    },
  },
  {
    name: 'attr-garbage',
    weight: 8,
    apply: (files, r) =>
      editXml(files, r, ANY_XML, 'attribute', (xml) => replaceSome(xml, r, /\b([\w:]+)="[^"]*"/g, (m) => `${m[1]}="${r.pick(GARBAGE_VALUES)}"`, 0.1)),
  },
  {
    name: 'cell-ref',
    weight: 7,
    apply: (files, r) => {
      const ref = r.pick(CELL_REFS);
      return editXml(files, r, SHEET, `cell r="${ref.slice(0, 20)}"`, (xml) => replaceSome(xml, r, /<c\b([^>]*?)\br="[^"]*"/g, (m) => `<c${m[1]}r="${ref}"`, 0.05));
    },
  },
  {
    name: 'row-ref',
    weight: 6,
    apply: (files, r) => {
      const ref = r.pick(['0', '-1', '1048576', '1048577', '1000000000', '2147483647', '4294967296', '99999999999999999999', '1e6', '', 'x', '2.5', '1', '3']);
      return editXml(files, r, SHEET, `row r="${ref}"`, (xml) => replaceSome(xml, r, /<row\b([^>]*?)\br="[^"]*"/g, (m) => `<row${m[1]}r="${ref}"`, 0.05));
    },
  },
  {
    name: 'merge-ranges',
    weight: 6,
    apply: (files, r) =>
      editXml(files, r, SHEET, 'merges', (xml) => {
        const refs = Array.from({ length: r.chance(0.2) ? r.range(100, 5000) : r.range(1, 4) }, () => (r.chance(0.7) ? r.pick(MERGE_REFS) : `A${r.range(1, 12)}:${String.fromCharCode(65 + r.int(8))}${r.range(1, 12)}`));
        const cells = refs.map((ref) => `<mergeCell ref="${ref}"/>`).join('');
        if (/<mergeCells\b/.test(xml) && r.chance(0.5)) return xml.replace(/<mergeCells\b[^>]*>/, (m) => m + cells);
        if (/<mergeCells\b/.test(xml)) return replaceSome(xml, r, /<mergeCell\b[^>]*\bref="[^"]*"/g, () => `<mergeCell ref="${r.pick(MERGE_REFS)}"`, 0.3);
        return xml.includes('</sheetData>') ? xml.replace('</sheetData>', `</sheetData><mergeCells count="${refs.length}">${cells}</mergeCells>`) : null;
      }),
  },
  {
    name: 'dimension',
    weight: 2,
    apply: (files, r) => editXml(files, r, SHEET, 'dimension', (xml) => replaceSome(xml, r, /<dimension\b[^>]*\/>/g, () => `<dimension ref="${r.pick(MERGE_REFS)}"/>`)),
  },
  {
    name: 'cols',
    weight: 4,
    apply: (files, r) => {
      const [min, max] = r.pick([['1', '16384'], ['1', '1000000000'], ['1000000000', '1000000001'], ['0', '0'], ['5', '2'], ['-3', '4'], ['x', 'y'], ['1', '1e9'], ['16385', '16390'], ['1', ''], [' 1', '+999999999']]);
      return editXml(files, r, SHEET, `col min="${min}" max="${max}"`, (xml) => {
        const col = `<col min="${min}" max="${max}" width="9" hidden="${r.pick(['1', '0', 'true'])}" customWidth="1"/>`;
        if (/<cols\b[^>]*>/.test(xml)) return xml.replace(/<cols\b[^>]*>/, (m) => m + col);
        return xml.includes('<sheetData') ? xml.replace('<sheetData', `<cols>${col}</cols><sheetData`) : null;
      });
    },
  },
  {
    name: 'sst-index',
    weight: 6,
    apply: (files, r) => {
      const v = r.pick(['-1', '99999', '4294967296', '1e308', 'abc', '', '0.5', 'NaN', String(r.range(0, 400))]);
      return editXml(files, r, SHEET, `shared-string index ${v}`, (xml) => replaceSome(xml, r, /(<c\b[^>]*\bt="s"[^>]*>\s*<v>)[^<]*(<\/v>)/g, (m) => `${m[1]}${v}${m[2]}`, 0.1));
    },
  },
  {
    name: 'huge-number',
    weight: 5,
    apply: (files, r) => {
      const v = r.pick(NUMBERS);
      return editXml(files, r, SHEET, `number ${v.slice(0, 20)}`, (xml) => replaceSome(xml, r, /(<c\b(?![^>]*\bt="s")[^>]*>\s*<v>)[^<]*(<\/v>)/g, (m) => `${m[1]}${v}${m[2]}`, 0.2));
    },
  },
  {
    name: 'date-styles',
    weight: 4,
    apply: (files, r) => {
      // Every style shows a date: numbers become Date values, and huge ones invalid dates.
      const fmt = r.pick(['14', '22', '47', '45']);
      const styled = editXml(files, r, STYLES, `numFmtId=${fmt}`, (xml) => xml.replace(/(<xf\b[^>]*?\bnumFmtId=")\d+"/g, `$1${fmt}"`));
      if (!styled) return null;
      const v = r.pick(NUMBERS);
      const numbers = editXml(files, r, SHEET, `number ${v.slice(0, 20)}`, (xml) => replaceSome(xml, r, /(<c\b(?![^>]*\bt="s")[^>]*>\s*<v>)[^<]*(<\/v>)/g, (m) => `${m[1]}${v}${m[2]}`, 0.5));
      return numbers ? `${styled}; ${numbers}` : styled;
    },
  },
  {
    name: 'cell-type',
    weight: 6,
    apply: (files, r) => {
      const t = r.pick(CELL_TYPES);
      return editXml(files, r, SHEET, `cell t="${t}"`, (xml) =>
        replaceSome(xml, r, /<c\b([^>]*?)(\s*\/?>)/g, (m) => `<c${m[1]!.replace(/\s+t="[^"]*"/, '')} t="${t}"${m[2]}`, 0.2),
      );
    },
  },
  {
    name: 'style-index',
    weight: 3,
    apply: (files, r) => {
      const s = r.pick(['99999', '-1', 'abc', '', '4294967296', '1.5']);
      return editXml(files, r, SHEET, `cell s="${s}"`, (xml) => replaceSome(xml, r, /(<c\b[^>]*?\bs=")[^"]*"/g, (m) => `${m[1]}${s}"`, 0.3));
    },
  },
  {
    name: 'script',
    weight: 3,
    apply: (files, r) =>
      editXml(files, r, ANY_XML, 'insert <script>', (xml) => {
        const at = r.chance(0.7) ? tagBoundary(xml, r) : r.int(xml.length + 1);
        return `${xml.slice(0, at)}${r.pick(['<script>alert(1)</script>', '<script src="http://127.0.0.1:1/x.js"/>', '<img src=x onerror=alert(1)>', '<?php echo 1; ?>', '<!-- -- -->', '<![CDATA[<c r="A1"><v>1</v></c>]]>'])}${xml.slice(at)}`;
      }),
  },
  {
    name: 'unicode',
    weight: 6,
    apply: (files, r) =>
      editXml(files, r, r.chance(0.6) ? SST : ANY_XML, 'unicode', (xml) => {
        if (r.chance(0.6)) {
          const inText = replaceSome(xml, r, /(<t\b[^>]*>)([^<]*)(<\/t>)/g, (m) => `${m[1]}${m[2]!.slice(0, r.int(m[2]!.length + 1))}${randomUnicode(r)}${m[3]}`, 0.2);
          if (inText) return inText;
        }
        const at = r.int(xml.length + 1);
        return xml.slice(0, at) + randomUnicode(r) + xml.slice(at);
      }),
  },
  {
    name: 'invalid-utf8',
    weight: 3,
    apply(files, r) {
      const names = [...files.keys()].filter((n) => CORE_PARTS.test(n));
      if (names.length === 0) return null;
      const name = r.pick(names);
      const bytes = files.get(name)!;
      const at = r.int(bytes.length + 1);
      files.set(name, Buffer.concat([bytes.subarray(0, at), Buffer.from(r.pick([[0xff], [0xc3], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe, 0xff], [0x00, 0x00]])), bytes.subarray(at)]));
      return `invalid UTF-8 @ ${name}`;
    },
  },
  {
    name: 'entities',
    weight: 4,
    apply: (files, r) =>
      editXml(files, r, r.chance(0.6) ? SST : CORE_PARTS, 'entities', (xml) => {
        const doctype = r.pick([BILLION_LAUGHS, EXTERNAL_ENTITY, '<!DOCTYPE x>', '']);
        const ref = r.pick(ENTITY_REFS);
        const withRef = replaceSome(xml, r, /(<(?:t|v)\b[^>]*>)([^<]*)(<\/(?:t|v)>)/g, (m) => `${m[1]}${m[2]}${ref}${m[3]}`, 0.1) ?? xml;
        return doctype === '' ? withRef : withDoctype(withRef, doctype);
      }),
  },
  {
    // Whole cell texts replaced with what a careless or hostile sender could type: names that normalise to
    // nothing, serials at and past the limits, separators alone, formulas, markup.
    name: 'cell-text',
    weight: 5,
    apply: (files, r) => {
      const text = r.pick(['', ' ', '\u3000', '\u200b', '\u200b\u200b、\u3000', '、', '，，', '/', '—', '无', '0', '-1', '99999', '100000', '1e5', '１２', '（３）', '第7项', 'NaN', 'null', '=1+1', '\t\n', '是', '否', '基本', '张\u200b鹏', '市财政局、、市统计局', 'a'.repeat(3000), '<b>x</b>', '&lt;script&gt;', '一、', '序号', '责任单位', '2024年三季度', '😀😀', '\ud83d']);
      return editXml(files, r, SST, `text "${text.slice(0, 20)}"`, (xml) => replaceSome(xml, r, /(<t\b[^>]*>)[^<]*(<\/t>)/g, (m) => `${m[1]}${text.replace(/&(?!lt;|amp;)/g, '&amp;').replace(/</g, '&lt;')}${m[2]}`, 0.1));
    },
  },
  {
    // The title says the year: a typo there (20244年, 0000年) must not become a plan for the year 244.
    name: 'title-year',
    weight: 3,
    apply: (files, r) => {
      const year = r.pick(['0000', '0001', '1999', '2000', '2100', '2101', '9999', '20244', '2024', '２０２４']);
      return editXml(files, r, SST, `year ${year}`, (xml) => replaceSome(xml, r, /\d{4}(?=\s*(?:<\/t>\s*<\/r>\s*<r>[\s\S]*?<t[^>]*>)?年)/g, () => year, 0.5));
    },
  },
  {
    name: 'rename-sheet',
    weight: 5,
    apply: (files, r) =>
      editXml(files, r, WORKBOOK, 'rename sheet', (xml) => {
        const existing = [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]!);
        const name = r.pick(['', ' ', 'x'.repeat(300), '序号', 'Sheet1', existing[0] ?? 'Sheet1', 'a&amp;b', '&lt;script&gt;', '&quot;\'', 'a/b', '[x]', '*?', '😀', '\u202e表', '一览表'.repeat(40), 'History']);
        return replaceSome(xml, r, /(<sheet\b[^>]*?\bname=")[^"]*"/g, (m) => `${m[1]}${name}"`, 0.3);
      }),
  },
  {
    name: 'sheet-state',
    weight: 2,
    apply: (files, r) =>
      editXml(files, r, WORKBOOK, 'sheet state', (xml) => {
        const state = r.pick(['hidden', 'veryHidden', 'visible', 'garbage', '']);
        return replaceSome(xml, r, /<sheet\b/g, () => `<sheet state="${state}"`, 0.5);
      }),
  },
  {
    name: 'formula',
    weight: 4,
    apply: (files, r) => {
      const f = r.pick(['<f>1/0</f>', '<f t="shared" si="999"/>', '<f t="shared" ref="garbage" si="0">A1</f>', '<f t="shared" si="0"/>', '<f t="array" ref="A1:XFD1048576">A1</f>', '<f>SUM(</f>', `<f>${'('.repeat(5000)}</f>`, '<f t="dataTable" ref="A1:B2"/>', '<f></f>']);
      return editXml(files, r, SHEET, `formula ${f.slice(0, 30)}`, (xml) => replaceSome(xml, r, /(<c\b[^>]*>)(\s*<v>)/g, (m) => `${m[1]}${f}${m[2]}`, 0.2));
    },
  },
  {
    name: 'rels',
    weight: 4,
    apply: (files, r) =>
      editXml(files, r, RELS, 'relationship', (xml) => {
        const target = r.pick(['', '/', '../../../../etc/passwd', '/xl/worksheets/sheet1.xml', 'worksheets/sheet9.xml', 'http://127.0.0.1:1/x', 'C:\\Windows\\win.ini', 'worksheets/sheet1.xml#x', '%2e%2e/x', 'sharedStrings.xml', 'styles.xml']);
        if (r.chance(0.3)) return replaceSome(xml, r, /\bId="[^"]*"/g, () => r.pick(['Id="rId1"', 'Id=""', 'Id="x"']), 0.3);
        return replaceSome(xml, r, /\bTarget="[^"]*"/g, () => `Target="${target}"`, 0.2);
      }),
  },
  {
    name: 'content-type',
    weight: 3,
    apply: (files, r) =>
      editXml(files, r, CONTENT_TYPES, 'content type', (xml) =>
        replaceSome(xml, r, /\bContentType="[^"]*"/g, () => `ContentType="${r.pick(['', 'text/plain', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'])}"`, 0.3),
      ),
  },
  {
    name: 'namespace',
    weight: 2,
    apply: (files, r) =>
      editXml(files, r, CORE_PARTS, 'namespace', (xml) =>
        r.chance(0.5)
          ? xml.replace(/\bxmlns="[^"]*"/, `xmlns="${r.pick(['', 'urn:x', 'http://purl.oclc.org/ooxml/spreadsheetml/main'])}"`)
          : xml.replace(/<(worksheet|workbook|sst|styleSheet)\b/, '<x:$1').replace(/<\/(worksheet|workbook|sst|styleSheet)>/, '</x:$1>'),
      ),
  },
  {
    name: 'deep-nesting',
    weight: 2,
    apply: (files, r) =>
      editXml(files, r, r.chance(0.5) ? SHEET : ANY_XML, 'deep nesting', (xml) => {
        const depth = r.pick([100, 10_000, 100_000]);
        const at = tagBoundary(xml, r);
        return `${xml.slice(0, at)}${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}${xml.slice(at)}`;
      }),
  },
  {
    // Excel users put a drop-down (是/否) on a whole column; exceljs expands a validation's range cell by cell.
    name: 'data-validation',
    weight: 3,
    apply: (files, r) => {
      const refs = Array.from({ length: r.range(1, 3) }, () => r.pick(['F4:F1048576', 'A1:XFD1048576', 'A1:G20', 'F:F', 'garbage', 'F4:F1048577', 'A1:A1', 'XFD1048576', 'B2:A1']));
      return editXml(files, r, SHEET, `data validation sqref="${refs.join(' ')}"`, (xml) => {
        const dv = `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showDropDown="0" sqref="${refs.join(' ')}"><formula1>"是,否,基本"</formula1></dataValidation></dataValidations>`;
        const anchor = /<\/mergeCells>/.test(xml) ? '</mergeCells>' : '</sheetData>';
        return xml.includes(anchor) ? xml.replace(anchor, anchor + dv) : null;
      });
    },
  },
  {
    name: 'defined-name',
    weight: 3,
    apply: (files, r) => {
      const name = r.pick(['区域', '_xlnm._FilterDatabase', '_xlnm.Print_Area', '_xlnm.Print_Titles', '']);
      const range = r.pick(['$A$1:$XFD$1048576', '$A$3:$G$1048576', '$A:$G', '$3:$3', '#REF!', '$A$1', '$G$9:$A$1', '$A$0:$B$2', 'garbage']);
      return editXml(files, r, WORKBOOK, `defined name ${name} = ${range}`, (xml) => {
        const sheet = /<sheet\b[^>]*\bname="([^"]*)"/.exec(xml)?.[1] ?? 'Sheet1';
        const target = r.chance(0.8) ? `'${sheet}'!${range}` : range;
        const defined = `<definedName name="${name}" localSheetId="${r.pick(['0', '1', '99', '-1', 'x'])}"${r.chance(0.3) ? ' hidden="1"' : ''}>${target}</definedName>`;
        if (/<definedNames>/.test(xml)) return xml.replace('<definedNames>', `<definedNames>${defined}`);
        return xml.includes('</sheets>') ? xml.replace('</sheets>', `</sheets><definedNames>${defined}</definedNames>`) : null;
      });
    },
  },
  {
    name: 'sheet-extras',
    weight: 2,
    apply: (files, r) => {
      const ref = r.pick(['A1:XFD1048576', 'A3:G1048576', 'A1', 'garbage', 'B2:A1']);
      const extra = r.pick([
        `<conditionalFormatting sqref="${ref}"><cfRule type="cellIs" dxfId="0" priority="1" operator="equal"><formula>1</formula></cfRule></conditionalFormatting>`,
        `<hyperlinks><hyperlink ref="${ref}" r:id="rId99"/></hyperlinks>`,
        `<autoFilter ref="${ref}"/>`,
        `<printOptions gridLines="1"/><pageMargins left="x" right="1e309" top="0" bottom="0" header="0" footer="0"/>`,
      ]);
      return editXml(files, r, SHEET, extra.slice(0, 60), (xml) => (xml.includes('</sheetData>') ? xml.replace('</sheetData>', `</sheetData>${extra}`) : null));
    },
  },
  {
    name: 'huge-text',
    weight: 2,
    apply: (files, r) =>
      editXml(files, r, r.chance(0.5) ? SST : SHEET, 'huge text', (xml) => {
        const text = r.pick(['序', 'a', '&amp;', ' ']).repeat(r.pick([32_768, 1_000_000, 5_000_000]));
        return replaceSome(xml, r, /(<t\b[^>]*>)[^<]*(<\/t>)|(<v>)[^<]*(<\/v>)/g, (m) => (m[1] ? `${m[1]}${text}${m[2]}` : `${m[3]}${text}${m[4]}`), 0);
      }),
  },
];

function pickMutator(list: Mutator[], r: Rng, only?: readonly string[]): Mutator {
  if (only) return r.pick(list.filter((m) => only.includes(m.name)));
  let x = r.next() * list.reduce((n, m) => n + m.weight, 0);
  for (const m of list) {
    x -= m.weight;
    if (x < 0) return m;
  }
  return list[list.length - 1]!;
}

/** The format of input `r`: by FORMAT_SHARE among those the corpus has (and `only`'s mutators apply to). */
function pickFormat(corpus: BaseWorkbook[], r: Rng, only?: readonly string[]): FuzzFormat {
  const lists = MUTATORS_OF();
  const usable = FORMAT_SHARE.filter(([f]) => corpus.some((b) => b.format === f && (only === undefined || (b.entries !== null && lists[f].some((m) => only.includes(m.name))))));
  let x = r.next() * usable.reduce((n, [, w]) => n + w, 0);
  for (const [f, w] of usable) {
    x -= w;
    if (x < 0) return f;
  }
  return usable[usable.length - 1]?.[0] ?? 'xlsx';
}

/** Byte-level damage to the whole file, the way a transfer or a disk damages it. */
function mutateBytes(bytes: Buffer, r: Rng): { bytes: Buffer; what: string } {
  const kind = r.pick(['flip', 'flip', 'flip', 'truncate', 'splice', 'overwrite', 'zero-header']);
  const out = Buffer.from(bytes);
  switch (kind) {
    case 'flip': {
      const n = r.chance(0.7) ? r.range(1, 4) : r.range(5, 64);
      for (let i = 0; i < n && out.length > 0; i++) {
        const at = r.int(out.length);
        out[at] = out[at]! ^ (1 << r.int(8));
      }
      return { bytes: out, what: `flip ${n} bit(s)` };
    }
    case 'truncate': {
      const at = r.int(out.length + 1);
      return { bytes: out.subarray(0, at), what: `truncate at ${at}/${out.length}` };
    }
    case 'splice': {
      const at = r.int(out.length + 1);
      const del = r.chance(0.5) ? r.range(1, 64) : 0;
      const ins = randomBytes(r, del === 0 ? r.range(1, 64) : r.int(4));
      return { bytes: Buffer.concat([out.subarray(0, at), ins, out.subarray(Math.min(out.length, at + del))]), what: `splice @${at} -${del} +${ins.length}` };
    }
    case 'overwrite': {
      const at = r.int(out.length + 1);
      const chunk = randomBytes(r, r.range(1, 256));
      chunk.copy(out, at);
      return { bytes: out, what: `overwrite ${chunk.length} bytes @${at}` };
    }
    default: {
      // A zip whose local headers are intact but whose central directory (at the end) is damaged.
      const end = Math.max(0, out.length - r.range(1, 200));
      for (let i = end; i < out.length; i++) out[i] = r.chance(0.5) ? 0 : out[i]!;
      return { bytes: out, what: `damage the last ${out.length - end} bytes` };
    }
  }
}

export interface FuzzInput {
  index: number;
  /** The file name sent with it: the error must name it. */
  name: string;
  base: string;
  bytes: Buffer;
  mutations: string[];
  /** Whether to apply it too when its preview succeeds. */
  apply: boolean;
}

/** Input `index` of run `seed`: always the same bytes. `only` restricts the run to some mutators (by name). */
export async function makeInput(corpus: BaseWorkbook[], seed: number, index: number, applyRate = 0.25, only?: readonly string[]): Promise<FuzzInput> {
  const r = makeRng(inputSeed(seed, index));
  const format = pickFormat(corpus, r, only);
  const ofFormat = corpus.filter((b) => b.format === format);
  // Files that do not open as their container (empty, CSV, encrypted) get one input in ten: the sniffing they
  // exercise is simple, the zip, record and XML paths are where the surprises are.
  const opened = ofFormat.filter((b) => b.entries !== null);
  const others = ofFormat.filter((b) => b.entries === null);
  const base = others.length > 0 && (opened.length === 0 || (only === undefined && r.chance(0.1))) ? r.pick(others) : r.pick(opened);
  const apply = r.chance(applyRate);
  const stem = base.name.replace(/\.(xlsx|xls|docx)$/i, '');
  const name = `${stem}-变异${index}.${format}`;
  const mutations: string[] = [];
  let bytes: Buffer;
  if (base.entries === null || (only === undefined && r.chance(0.25))) {
    const m = mutateBytes(base.bytes, r);
    bytes = m.bytes;
    mutations.push(`bytes: ${m.what}`);
  } else {
    const files: Files = new Map(base.entries);
    const wanted = r.chance(0.6) ? 1 : r.chance(0.6) ? 2 : r.range(3, 5);
    const list = MUTATORS_OF()[format];
    for (let tries = 0; mutations.length < wanted && tries < 20; tries++) {
      const m = pickMutator(list, r, only);
      const what = m.apply(files, r);
      if (what !== null) mutations.push(`${m.name}: ${what}`);
    }
    if (format === 'xls') bytes = cfbFile(files);
    else {
      const zip = new JSZip();
      const date = new Date(Date.UTC(2024, 0, 1));
      for (const [entry, data] of files) zip.file(entry, data, { date, createFolders: false });
      bytes = await zip.generateAsync({ type: 'nodebuffer', compression: r.chance(0.5) ? 'DEFLATE' : 'STORE' });
    }
    // Now and then damaged twice: a workbook with altered XML that was then cut short in transfer.
    if (only === undefined && r.chance(0.05)) {
      const m = mutateBytes(bytes, r);
      bytes = m.bytes;
      mutations.push(`bytes: ${m.what}`);
    }
  }
  return { index, name, base: base.name, bytes, mutations, apply };
}

// ---------------------------------------------------------------------------------------------------------
// Outcomes

export type Problem = 'crash' | 'hang' | 'write' | 'unclear' | 'bad-output';

export interface CallOutcome {
  ok: boolean;
  code?: string;
  message?: string;
  ms: number;
}

/** What a worker reports for one input. */
export interface InputReport {
  index: number;
  base: string;
  mutations: string[];
  preview: CallOutcome | null;
  apply: CallOutcome | null;
  /** How the apply ended: one batch written, or refused with nothing written. */
  applied: 'batch' | 'refused' | null;
  problems: { kind: Problem; detail: string }[];
}

const CJK = /[\u4e00-\u9fa5]/;
/** The words tests/import/helpers.ts expectChinese() keeps out of a message: a programmer's, not a user's. */
const PROGRAMMER_WORDS = /\b(undefined|null|NaN|Error|TypeError|Cannot|object Object)\b/;

/**
 * A clear error: expected (not `internal`, the code dispatch gives anything that is not an AppError),
 * in Chinese, naming the file the user has to look at, and without a programmer's words leaking through
 * (outside the quoted names and texts from the file, which may say anything).
 */
export function unclearError(error: { code: string; message: string }, fileName: string): string | null {
  if (error.code === 'internal') return null; // a crash, counted as such
  if (!CJK.test(error.message)) return `not Chinese: ${error.message.slice(0, 200)}`;
  if (!error.message.includes(fileName)) return `does not name the file: ${error.message.slice(0, 200)}`;
  if (PROGRAMMER_WORDS.test(error.message.replace(/“[^”]*”/g, ''))) return `programmer's words: ${error.message.slice(0, 200)}`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// The runner

export interface FuzzOptions {
  seed: number;
  count: number;
  /** First index (with `count`, a slice of a run). */
  start?: number;
  /** Only these indices (reproducing a report). */
  only?: number[];
  workers?: number;
  /** A call taking longer than this is a hang. */
  timeoutMs?: number;
  applyRate?: number;
  /** Only these mutators (by name), for a run aimed at one kind of damage. */
  mutators?: string[];
  onProgress?: (done: number, total: number) => void;
}

export interface FuzzFigures {
  seed: number;
  inputs: number;
  okPreviews: number;
  /** Refused with an expected error code, in Chinese, naming the file. */
  clearErrors: number;
  errorsByCode: Record<string, number>;
  crashes: number;
  hangs: number;
  writes: number;
  unclear: number;
  badOutputs: number;
  applies: { tried: number; batches: number; refused: number };
  byMutator: Record<string, { inputs: number; ok: number; refused: number }>;
  /** By the base's format: inputs, ok previews, clear errors, failures. */
  byFormat: Record<string, { inputs: number; ok: number; clear: number; failed: number }>;
  slowest: { index: number; ms: number } | null;
  /** Preview times (ms): median and 99th percentile. */
  previewMs: { p50: number; p99: number };
  /** Error messages with the file name and numbers taken out, by how often they came. */
  messages: Record<string, number>;
  seconds: number;
  failures: InputReport[];
}

const WORKER = path.join(__dirname, 'fuzzWorker.ts');

interface WorkerSlot {
  child: ChildProcess;
  started: boolean;
  busy: number | null;
  timer: NodeJS.Timeout | null;
  stderr: string;
}

/** Runs the inputs over child processes, one input at a time each, killing and replacing one that hangs or dies. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzFigures> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  const applyRate = options.applyRate ?? 0.25;
  const start = options.start ?? 0;
  const queue = options.only ? [...options.only] : Array.from({ length: options.count }, (_, i) => start + i);
  const total = queue.length;
  const workers = Math.max(1, Math.min(options.workers ?? Math.min(2, os.availableParallelism()), total));
  const reports: InputReport[] = [];
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ducha-fuzz-'));
  let spawned = 0;

  await new Promise<void>((resolve, reject) => {
    const slots = new Set<WorkerSlot>();
    let finished = false;

    const finish = () => {
      if (finished) return;
      finished = true;
      for (const s of slots) s.child.kill('SIGKILL');
      fs.rmSync(storeDir, { recursive: true, force: true });
      resolve();
    };

    const record = (report: InputReport) => {
      reports.push(report);
      options.onProgress?.(reports.length, total);
      if (reports.length === total) finish();
    };

    const next = (slot: WorkerSlot) => {
      const index = queue.shift();
      if (index === undefined) {
        slot.busy = null;
        if (reports.length === total) finish();
        return;
      }
      slot.busy = index;
      // Preview and apply (and the undo after it) each get the limit; the worker times each call itself.
      slot.timer = setTimeout(() => {
        const detail = `no answer within ${Math.round((timeoutMs * 3 + 5000) / 1000)} s: killed`;
        slot.busy = null;
        slot.child.kill('SIGKILL');
        record({ index, base: '', mutations: [], preview: null, apply: null, applied: null, problems: [{ kind: 'hang', detail }] });
      }, timeoutMs * 3 + 5000);
      slot.child.send({ type: 'run', index });
    };

    const spawn = () => {
      // A folder per worker: applying takes a backup beside the store, and two workers must not rotate each other's.
      const workerDir = path.join(storeDir, `worker-${spawned++}`);
      fs.mkdirSync(workerDir);
      const storePath = path.join(workerDir, 'store.sqlite');
      const child = fork(WORKER, [JSON.stringify({ seed: options.seed, storePath, applyRate, timeoutMs, mutators: options.mutators })], {
        cwd: ROOT,
        execArgv: ['--import', 'tsx', '--max-old-space-size=2048'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      const slot: WorkerSlot = { child, started: false, busy: null, timer: null, stderr: '' };
      slots.add(slot);
      child.stderr!.on('data', (d: Buffer) => {
        slot.stderr = (slot.stderr + d.toString('utf8')).slice(-4000);
      });
      child.on('message', (msg: { type: 'ready' } | { type: 'report'; report: InputReport }) => {
        if (msg.type === 'ready') {
          slot.started = true;
          next(slot);
          return;
        }
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        slot.busy = null;
        record(msg.report);
        if (!finished) next(slot);
      });
      child.on('exit', (code, signal) => {
        slots.delete(slot);
        if (slot.timer) clearTimeout(slot.timer);
        if (finished) return;
        if (slot.busy !== null) {
          // Died under an input: an uncaught exception, or out of memory.
          const index = slot.busy;
          const why = /uncaught while on input[^\n]*(\n[^\n]*){0,6}|FATAL ERROR:[^\n]*/.exec(slot.stderr)?.[0] ?? slot.stderr.slice(-800);
          record({ index, base: '', mutations: [], preview: null, apply: null, applied: null, problems: [{ kind: 'crash', detail: `worker exited (${signal ?? code}): ${why}` }] });
        }
        if (!slot.started) {
          // Not a finding about the importer: the harness itself cannot run.
          finished = true;
          for (const s of slots) s.child.kill('SIGKILL');
          fs.rmSync(storeDir, { recursive: true, force: true });
          reject(new Error(`fuzz worker failed to start (${signal ?? code}): ${slot.stderr.slice(-1500)}`));
          return;
        }
        if (queue.length > 0) spawn();
      });
    };

    for (let i = 0; i < workers; i++) spawn();
  });
  // A worker killed or dead under an input could not say what the input was: rebuilt here from its index.
  const lost = reports.filter((r) => r.base === '');
  if (lost.length > 0) {
    const corpus = await loadCorpus();
    for (const r of lost) Object.assign(r, await makeInput(corpus, options.seed, r.index, applyRate, options.mutators).then((i) => ({ base: i.base, mutations: i.mutations })));
  }
  return summarise(options.seed, reports, (Date.now() - started) / 1000);
}

export function summarise(seed: number, reports: InputReport[], seconds: number): FuzzFigures {
  const figures: FuzzFigures = {
    seed,
    inputs: reports.length,
    okPreviews: 0,
    clearErrors: 0,
    errorsByCode: {},
    crashes: 0,
    hangs: 0,
    writes: 0,
    unclear: 0,
    badOutputs: 0,
    applies: { tried: 0, batches: 0, refused: 0 },
    byMutator: {},
    byFormat: {},
    slowest: null,
    previewMs: { p50: 0, p99: 0 },
    messages: {},
    seconds,
    failures: [],
  };
  const times: number[] = [];
  for (const r of reports.sort((a, b) => a.index - b.index)) {
    if (r.preview) times.push(r.preview.ms);
    const f = (figures.byFormat[formatOf(r.base)] ??= { inputs: 0, ok: 0, clear: 0, failed: 0 });
    f.inputs++;
    if (r.preview?.ok) f.ok++;
    if (r.problems.length > 0) f.failed++;
    if (r.preview?.ok) figures.okPreviews++;
    else if (r.preview?.code) figures.errorsByCode[r.preview.code] = (figures.errorsByCode[r.preview.code] ?? 0) + 1;
    if (r.preview && !r.preview.ok && r.preview.code !== 'internal' && !r.problems.some((p) => p.kind === 'unclear' && p.detail.startsWith('preview'))) {
      figures.clearErrors++;
      f.clear++;
    }
    if (r.apply) figures.applies.tried++;
    if (r.applied === 'batch') figures.applies.batches++;
    if (r.applied === 'refused') figures.applies.refused++;
    for (const kind of new Set(r.problems.map((p) => p.kind))) {
      if (kind === 'crash') figures.crashes++;
      if (kind === 'hang') figures.hangs++;
      if (kind === 'write') figures.writes++;
      if (kind === 'unclear') figures.unclear++;
      if (kind === 'bad-output') figures.badOutputs++;
    }
    if (r.problems.length > 0) figures.failures.push(r);
    for (const o of [r.preview, r.apply]) {
      if (!o?.message) continue;
      const shape = o.message.replace(/“[^”]*”/g, '“…”').replace(/\d+/g, '#').slice(0, 120);
      figures.messages[`${o.code}: ${shape}`] = (figures.messages[`${o.code}: ${shape}`] ?? 0) + 1;
    }
    for (const m of new Set(r.mutations.map((x) => x.split(':')[0]!))) {
      const s = (figures.byMutator[m] ??= { inputs: 0, ok: 0, refused: 0 });
      s.inputs++;
      if (r.preview?.ok) s.ok++;
      else if (r.preview) s.refused++;
    }
    const ms = Math.max(r.preview?.ms ?? 0, r.apply?.ms ?? 0);
    if (!figures.slowest || ms > figures.slowest.ms) figures.slowest = { index: r.index, ms: Math.round(ms) };
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0);
  figures.previewMs = { p50: at(0.5), p99: at(0.99) };
  return figures;
}

export function formatMessages(f: FuzzFigures): string {
  return Object.entries(f.messages)
    .sort((a, b) => b[1] - a[1])
    .map(([m, n]) => `${String(n).padStart(6)}  ${m}`)
    .join('\n');
}

export function formatFigures(f: FuzzFigures): string {
  const codes = Object.entries(f.errorsByCode)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const lines = [
    `seed ${f.seed}: ${f.inputs} inputs in ${f.seconds.toFixed(1)} s`,
    `  ok previews:    ${f.okPreviews}`,
    `  clear errors:   ${f.clearErrors} (by code: ${codes || 'none'})`,
    `  applies:        ${f.applies.tried} tried, ${f.applies.batches} written as one batch (then undone), ${f.applies.refused} refused with nothing written`,
    `  crashes:        ${f.crashes}`,
    `  hangs:          ${f.hangs}`,
    `  writes:         ${f.writes}`,
    `  unclear errors: ${f.unclear}`,
    `  bad outputs:    ${f.badOutputs}`,
    `  preview time:   p50 ${f.previewMs.p50} ms, p99 ${f.previewMs.p99} ms; slowest call ${f.slowest ? `#${f.slowest.index}, ${f.slowest.ms} ms` : '-'}`,
    `  by format:      ${Object.entries(f.byFormat)
      .map(([k, v]) => `${k} ${v.inputs} inputs, ${v.ok} ok, ${v.clear} clear errors, ${v.failed} failed`)
      .join('; ')}`,
    '  by mutation (inputs / ok / refused):',
    ...Object.entries(f.byMutator)
      .sort((a, b) => b[1].inputs - a[1].inputs)
      .map(([m, s]) => `    ${m.padEnd(18)} ${String(s.inputs).padStart(6)} ${String(s.ok).padStart(6)} ${String(s.refused).padStart(6)}`),
  ];
  for (const failure of f.failures.slice(0, 30)) {
    lines.push(`  ✗ #${failure.index} ${failure.base} [${failure.mutations.join(' | ')}]`);
    for (const p of failure.problems) lines.push(`      ${p.kind}: ${p.detail.slice(0, 600)}`);
  }
  if (f.failures.length > 30) lines.push(`  … and ${f.failures.length - 30} more`);
  return lines.join('\n');
}
