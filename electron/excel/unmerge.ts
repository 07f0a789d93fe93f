/**
 * Takes the merged-cell list out of a workbook's sheets before exceljs reads it, and hands it back apart.
 * exceljs checks every merge against all earlier ones while loading, so a published table whose multi-line
 * targets are merged (thousands of ranges) loads in quadratic time: 2,800 merges make a 7,000-row sheet load
 * 4x slower, and a 50,000-line one takes minutes. The grid applies the merges itself (grid.ts).
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

export async function takeOutMerges(bytes: Buffer): Promise<Unmerged> {
  const zip = await JSZip.loadAsync(bytes);
  const merges = new Map<string, string[]>();
  let changed = false;
  for (const [name, part] of await sheetParts(zip)) {
    const file = zip.file(part);
    if (!file) continue;
    const xml = await file.async('string');
    const block = /<mergeCells\b[^>]*>([\s\S]*?)<\/mergeCells>/.exec(xml);
    if (!block) continue;
    merges.set(name, [...block[1]!.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g)].map((m) => m[1]!));
    zip.file(part, xml.slice(0, block.index) + xml.slice(block.index + block[0].length));
    changed = true;
  }
  if (!changed) return { bytes, merges };
  // Stored, not deflated: exceljs unzips it again right away.
  return { bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }), merges };
}
