/**
 * Takes the merged-cell list out of a workbook's sheets before exceljs reads it, and hands it back apart.
 * exceljs checks every merge against all earlier ones while loading, so a published table whose multi-line
 * targets are merged (thousands of ranges) loads in quadratic time: 2,800 merges make a 7,000-row sheet load
 * 4x slower, and a 50,000-line one takes minutes. The grid applies the merges itself (grid.ts).
 *
 * The same pass takes out what exceljs would expand cell by cell while loading, none of which the importer
 * reads: a drop-down (data validation) or a defined name over whole columns (F4:F1048576 is a million
 * entries, A1:XFD1048576 never finishes), and column ranges past Excel's last column (a damaged
 * `<col max="1000000000">` is a billion column objects). Found by fuzzing (tests/import/fuzz.test.ts).
 */
import JSZip from 'jszip';

export interface Unmerged {
  bytes: Buffer;
  /** Merge ranges (`A4:A5`) by sheet name. */
  merges: Map<string, string[]>;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

/** Sheet name → the part holding it (xl/worksheets/sheetN.xml), from workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? /\bid="([^"]+)"/.exec(m[0])?.[1];
    const part = rid ? targets.get(rid) : undefined;
    if (name !== undefined && part) parts.set(unescapeXml(name), part);
  }
  return parts;
}

/** Any entry exceljs reads as a worksheet: its pattern is not anchored, and a sheet need not be listed in workbook.xml. */
const WORKSHEET_PART = /xl\/worksheets\/sheet\d+[.]xml/;
const MAX_COLUMN = 16384;

/** `<col min max>` bounds past column 16,384 brought back to it (exceljs reads them with parseInt). */
function clampColumnRanges(xml: string): string {
  return xml.replace(/<col\b[^>]*>/g, (tag) =>
    tag.replace(/\b(min|max)="(\s*\+?)(\d+)/g, (m, attr: string, sign: string, n: string) => (Number(n) > MAX_COLUMN ? `${attr}="${sign}${MAX_COLUMN}` : m)),
  );
}

export async function takeOutMerges(bytes: Buffer): Promise<Unmerged> {
  const zip = await JSZip.loadAsync(bytes);
  const merges = new Map<string, string[]>();
  let changed = false;
  const sheetOfPart = new Map<string, string>();
  for (const [name, part] of await sheetParts(zip)) if (!sheetOfPart.has(part)) sheetOfPart.set(part, name);
  for (const file of Object.values(zip.files)) {
    if (file.dir || !WORKSHEET_PART.test(file.name)) continue;
    const xml = await file.async('string');
    let out = clampColumnRanges(xml).replace(/<dataValidations\b[^>]*?(?:\/>|>[\s\S]*?<\/dataValidations>)/g, '');
    // Every block, listed sheet or not: exceljs would load a merge left behind, however large.
    const ranges: string[] = [];
    out = out.replace(/<mergeCells\b[^>]*>([\s\S]*?)<\/mergeCells>/g, (_, body: string) => {
      // Either quote: the block is taken out whole, so a ref missed here is a merge lost.
      ranges.push(...[...body.matchAll(/<mergeCell\b[^>]*\bref=(["'])([A-Z]+\d+:[A-Z]+\d+)\1/g)].map((m) => m[2]!));
      return '';
    });
    const sheet = sheetOfPart.get(file.name.replace(/^\//, ''));
    if (sheet !== undefined && ranges.length > 0) merges.set(sheet, ranges);
    if (out !== xml) {
      zip.file(file.name, out);
      changed = true;
    }
  }
  const workbook = zip.file('xl/workbook.xml');
  if (workbook) {
    const xml = await workbook.async('string');
    const out = xml.replace(/<definedNames\b[^>]*?(?:\/>|>[\s\S]*?<\/definedNames>)/g, '');
    if (out !== xml) {
      zip.file('xl/workbook.xml', out);
      changed = true;
    }
  }
  if (!changed) return { bytes, merges };
  // Stored, not deflated: exceljs unzips it again right away.
  return { bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), merges };
}
