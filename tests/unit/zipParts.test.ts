import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { partBytes, partText, zipParts } from '../../electron/excel/zipParts';

async function zipOf(files: Record<string, string | Buffer>, compression: 'STORE' | 'DEFLATE' = 'DEFLATE'): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of Object.entries(files)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression });
}

/** The central directory entry of `name`: its offset in the zip. */
function centralEntry(zip: Buffer, name: string): number {
  for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
    if (zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)) === name) return at;
  }
  throw new Error(`no ${name}`);
}

describe('zipParts', () => {
  it('reads every part as JSZip wrote it, stored or deflated, with its CRC', async () => {
    const files = { 'word/document.xml': '<w:document>责任目标</w:document>'.repeat(200), '[Content_Types].xml': '<Types/>', 'xl/空.xml': '' };
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      const parts = zipParts(await zipOf(files, compression))!;
      // JSZip lists the folders too.
      expect([...parts.keys()].filter((n) => !n.endsWith('/')).sort()).toEqual(Object.keys(files).sort());
      for (const [name, text] of Object.entries(files)) expect(partText(parts.get(name)!, { checkCrc: true })).toBe(text);
    }
  });

  it('tells a damaged part by its CRC, and refuses a part larger than asked', async () => {
    const zip = await zipOf({ 'a.xml': 'x'.repeat(5000) }, 'STORE');
    const part = zipParts(zip)!.get('a.xml')!;
    zip[part.data.byteOffset - zip.byteOffset + 10] = 0x79;
    expect(partText(part)).toContain('y');
    expect(() => partBytes(part, { checkCrc: true })).toThrow(/CRC/);
    const bomb = zipParts(await zipOf({ 'b.xml': Buffer.alloc(2 << 20) }))!.get('b.xml')!;
    expect(bomb.data.length).toBeLessThan(10_000);
    expect(() => partBytes(bomb, { maxBytes: 1 << 20 })).toThrow();
    expect(partBytes(bomb).length).toBe(2 << 20);
  });

  it('answers null for what it does not read: not a zip, encrypted, another method, a directory cut short', async () => {
    expect(zipParts(Buffer.from('not a zip at all'))).toBeNull();
    const good = await zipOf({ 'a.xml': '<a/>'.repeat(100) });
    const encrypted = Buffer.from(good);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(centralEntry(good, 'a.xml') + 8) | 1, centralEntry(good, 'a.xml') + 8);
    expect(zipParts(encrypted)).toBeNull();
    const bzip2 = Buffer.from(good);
    bzip2.writeUInt16LE(12, centralEntry(good, 'a.xml') + 10);
    expect(zipParts(bzip2)).toBeNull();
    expect(zipParts(good.subarray(0, centralEntry(good, 'a.xml') + 20))).toBeNull();
  });

  it('keeps a part named with backslashes under its / name, and its name as written', async () => {
    const zip = await zipOf({ 'xl\\worksheets\\sheet1.xml': '<x/>' });
    const part = zipParts(zip)!.get('xl/worksheets/sheet1.xml')!;
    expect(part.rawName.toString()).toBe('xl\\worksheets\\sheet1.xml');
    expect(partText(part)).toBe('<x/>');
  });
});
