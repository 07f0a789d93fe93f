/**
 * The parts of a zip package (.xlsx, .docx, .ods), found through its central directory and inflated by Node's
 * own zlib when read: the JavaScript inflaters of the zip libraries cost more than reading the XML (JSZip took
 * a fifth of a 5,000-line .docx import). A zip this does not know (ZIP64, encryption, methods other than
 * stored and deflated) answers null: the caller reads it another way or refuses it.
 */
import zlib from 'node:zlib';

export interface ZipPart {
  /** As a reader looks it up: `/` between folders, no leading `/`. */
  name: string;
  /** The name's bytes as written, for a zip written again (deflateZip). */
  rawName: Buffer;
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  time: number;
  date: number;
  crc: number;
  /** The size the directory declares once inflated (it may lie). */
  inflatedSize: number;
  /** The part's bytes as stored in the zip. */
  data: Buffer;
}

const END_SIGNATURE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** No part of an office document read here is larger once inflated (a zip bomb is refused). */
const MAX_PART_BYTES = 256 << 20;

export function zipParts(bytes: Buffer): Map<string, ZipPart> | null {
  const end = bytes.lastIndexOf(END_SIGNATURE);
  if (end < 0 || end + 22 > bytes.length) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return null;
  const parts = new Map<string, ZipPart>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) return null;
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const part = {
      flags,
      method,
      time: bytes.readUInt16LE(at + 12),
      date: bytes.readUInt16LE(at + 14),
      crc: bytes.readUInt32LE(at + 16),
      inflatedSize: bytes.readUInt32LE(at + 24),
    };
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if ((flags & 1) !== 0 || (method !== 0 && method !== 8) || local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL) return null;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + size > bytes.length) return null;
    const name = rawName.toString('utf8').replace(/\\/g, '/').replace(/^\//, '');
    // Of two parts under one name (a damaged zip), the last, as JSZip and so exceljs read it.
    parts.set(name, { ...part, name, rawName, data: bytes.subarray(start, start + size) });
  }
  return parts;
}

/** A part's bytes as written; throws when they do not inflate, are too large, or (checkCrc) are not the bytes written. */
export function partBytes(part: ZipPart, options: { checkCrc?: boolean; maxBytes?: number } = {}): Buffer {
  const max = options.maxBytes ?? MAX_PART_BYTES;
  // One output chunk of the size the directory declares (capped: it may lie) spares zlib joining 16 KiB chunks.
  const chunkSize = Math.min(Math.max(part.inflatedSize + 1, 1024), 64 << 20);
  const bytes = part.method === 8 ? zlib.inflateRawSync(part.data, { chunkSize, maxOutputLength: max }) : part.data;
  if (bytes.length > max) throw new RangeError(`${part.name}: larger than ${max} bytes`);
  if (options.checkCrc && zlib.crc32(bytes) !== part.crc) throw new Error(`${part.name}: CRC does not match`);
  return bytes;
}

export const partText = (part: ZipPart, options?: { checkCrc?: boolean; maxBytes?: number }): string => partBytes(part, options).toString('utf8');
