/**
 * A zip written without compression (exceljs with `compression: 'STORE'`), compressed by Node's own zlib.
 * exceljs compresses through JSZip's JavaScript deflate; for a round's sixty templates that was a third of
 * the time, where native deflate takes a few milliseconds. The entries keep their names, order, dates, flags
 * and CRCs (the CRC is of the uncompressed bytes, so it stays true); only the method and sizes change.
 */
import zlib from 'node:zlib';
import { zipParts, type ZipPart } from './zipParts';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

/** The stored parts, in order. */
function entriesOf(zip: Buffer): ZipPart[] {
  const parts = zipParts(zip);
  if (!parts) throw new Error('not a zip: no readable central directory');
  const entries = [...parts.values()];
  if (entries.some((p) => p.method !== 0)) throw new Error('deflateZip takes a stored zip');
  return entries;
}

const STORE_BELOW = 1024;

function deflateRaw(data: Buffer, level: number): Promise<Buffer> {
  return new Promise((resolve, reject) => zlib.deflateRaw(data, { level }, (err, packed) => (err ? reject(err) : resolve(packed))));
}

/**
 * The same zip with every entry deflated at `level` (1, the fastest, as the templates were written before).
 * On libuv's threads, not the main one: a round writes the next template while this one is compressed.
 */
export async function deflateZip(stored: Buffer, level = 1): Promise<Buffer> {
  const entries = entriesOf(stored);
  // Folders and parts under 1 KiB ([Content_Types].xml, the .rels, docProps) stay stored: a zlib stream per
  // part costs more than the few hundred bytes it would save, and a round has ten parts a workbook.
  const packed = await Promise.all(entries.map((e) => (e.data.length < STORE_BELOW ? null : deflateRaw(e.data, level))));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const method = packed[i] === null ? 0 : 8;
    const data = packed[i] ?? e.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    // Bit 3 (sizes in a data descriptor after the data) is dropped: the sizes are written in the header.
    local.writeUInt16LE(e.flags & ~0x0008, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(e.rawName.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(CENTRAL, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    local.copy(dir, 8, 6, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, e.rawName);
    parts.push(local, e.rawName, data);
    offset += 30 + e.rawName.length + data.length;
  });
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
