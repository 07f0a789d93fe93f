/**
 * ECMA-376 agile encryption (what Excel, Word and WPS write for a file with an open password) and the OLE2
 * compound file that carries it, written by hand: Debian's msoffcrypto-tool 5.0 decrypts but cannot encrypt,
 * and LibreOffice's headless save ignores a password for OOXML. Used by scripts/make-fixtures.ts and, as
 * `npx tsx scripts/encrypt-ooxml.ts IN OUT PASSWORD` for any other file; msoffcrypto-tool
 * checks the results open with their password.
 */
import crypto from 'node:crypto';

export function seededBytes(seed: string): (n: number) => Buffer {
  let counter = 0;
  return (n) => {
    const out: Buffer[] = [];
    let len = 0;
    while (len < n) {
      const b = crypto.createHash('sha512').update(`${seed}#${counter++}`).digest();
      out.push(b);
      len += b.length;
    }
    return Buffer.concat(out).subarray(0, n);
  };
}

function sha512(...parts: Buffer[]): Buffer {
  const h = crypto.createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
}

function aesCbc(key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const c = crypto.createCipheriv('aes-256-cbc', key, iv.subarray(0, 16));
  c.setAutoPadding(false);
  const padded = data.length % 16 === 0 ? data : Buffer.concat([data, Buffer.alloc(16 - (data.length % 16))]);
  return Buffer.concat([c.update(padded), c.final()]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/** MS-OFFCRYPTO 2.3.4.10–2.3.4.15: AES-256-CBC, SHA-512, spin count 100000. */
export function encryptAgile(pkg: Buffer, password: string, random: (n: number) => Buffer): { info: Buffer; pkg: Buffer } {
  const keyDataSalt = random(16);
  const secretKey = random(32);
  const passwordSalt = random(16);
  const spinCount = 100000;
  // The package in 4096-byte segments, each with its own IV.
  const segments: Buffer[] = [];
  for (let i = 0, n = 0; i < pkg.length; i += 4096, n++) segments.push(aesCbc(secretKey, sha512(keyDataSalt, u32(n)), pkg.subarray(i, i + 4096)));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(pkg.length));
  const encryptedPackage = Buffer.concat([size, ...segments]);
  // Data integrity: an HMAC of the whole EncryptedPackage stream.
  const hmacKey = random(64);
  const hmacValue = crypto.createHmac('sha512', hmacKey).update(encryptedPackage).digest();
  const encryptedHmacKey = aesCbc(secretKey, sha512(keyDataSalt, Buffer.from('5fb2ad010cb9e1f6', 'hex')), hmacKey);
  const encryptedHmacValue = aesCbc(secretKey, sha512(keyDataSalt, Buffer.from('a0677f02b22c8433', 'hex')), hmacValue);
  // The password key encryptor.
  let h = sha512(passwordSalt, Buffer.from(password, 'utf16le'));
  for (let i = 0; i < spinCount; i++) h = sha512(u32(i), h);
  const keyFor = (block: string) => sha512(h, Buffer.from(block, 'hex')).subarray(0, 32);
  const verifierInput = random(16);
  const encryptedVerifierHashInput = aesCbc(keyFor('fea7d2763b4b9e79'), passwordSalt, verifierInput);
  const encryptedVerifierHashValue = aesCbc(keyFor('d7aa0f6d3061344e'), passwordSalt, sha512(verifierInput));
  const encryptedKeyValue = aesCbc(keyFor('146e0be7abacd0d6'), passwordSalt, secretKey);
  const b64 = (b: Buffer) => b.toString('base64');
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">' +
    `<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(keyDataSalt)}"/>` +
    `<dataIntegrity encryptedHmacKey="${b64(encryptedHmacKey)}" encryptedHmacValue="${b64(encryptedHmacValue)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="${spinCount}" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${b64(passwordSalt)}" encryptedVerifierHashInput="${b64(encryptedVerifierHashInput)}" encryptedVerifierHashValue="${b64(encryptedVerifierHashValue)}" encryptedKeyValue="${b64(encryptedKeyValue)}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>';
  const version = Buffer.alloc(8);
  version.writeUInt16LE(4, 0);
  version.writeUInt16LE(4, 2);
  version.writeUInt32LE(0x40, 4);
  return { info: Buffer.concat([version, Buffer.from(xml, 'utf8')]), pkg: encryptedPackage };
}

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;

/**
 * A compound file (MS-CFB, version 3, 512-byte sectors) holding streams in its root storage. Streams under
 * 4096 bytes live in the mini stream, as Office writes them. Enough for a few small streams (one FAT sector).
 */
export function writeCompoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  const SECTOR = 512;
  const MINI = 64;
  const sectorsOf = (n: number, size: number) => Math.ceil(n / size);
  const small = streams.filter((s) => s.data.length < 4096);
  const large = streams.filter((s) => s.data.length >= 4096);
  // Mini stream: small streams back to back in 64-byte mini sectors.
  const miniStart = new Map<string, number>();
  let miniSectors = 0;
  for (const s of small) {
    miniStart.set(s.name, miniSectors);
    miniSectors += sectorsOf(s.data.length, MINI);
  }
  const miniStream = Buffer.alloc(miniSectors * MINI);
  for (const s of small) s.data.copy(miniStream, miniStart.get(s.name)! * MINI);
  const miniFat = Buffer.alloc(SECTOR, 0xff);
  for (const s of small) {
    const start = miniStart.get(s.name)!;
    const n = sectorsOf(s.data.length, MINI);
    for (let i = 0; i < n; i++) miniFat.writeUInt32LE(i === n - 1 ? ENDOFCHAIN : start + i + 1, (start + i) * 4);
  }
  if (miniSectors > SECTOR / 4) throw new Error('mini stream too large for this writer');

  // Sector layout: 0 FAT, 1 directory, 2 mini FAT, then the mini stream container, then large streams.
  const fat: number[] = [FATSECT, ENDOFCHAIN, ENDOFCHAIN];
  const body: Buffer[] = [];
  const chain = (n: number): number => {
    const start = fat.length;
    for (let i = 0; i < n; i++) fat.push(i === n - 1 ? ENDOFCHAIN : start + i + 1);
    return start;
  };
  const miniContainerStart = miniSectors > 0 ? chain(sectorsOf(miniStream.length, SECTOR)) : ENDOFCHAIN;
  if (miniSectors > 0) body.push(Buffer.concat([miniStream, Buffer.alloc(sectorsOf(miniStream.length, SECTOR) * SECTOR - miniStream.length)]));
  const largeStart = new Map<string, number>();
  for (const s of large) {
    const n = sectorsOf(s.data.length, SECTOR);
    largeStart.set(s.name, chain(n));
    body.push(Buffer.concat([s.data, Buffer.alloc(n * SECTOR - s.data.length)]));
  }
  if (fat.length > SECTOR / 4) throw new Error('file too large for this writer');
  const fatSector = Buffer.alloc(SECTOR, 0xff);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v, i * 4));

  // Directory: root, then the streams as a (black) binary tree ordered by name length, then name.
  const ordered = [...streams].sort((a, b) => a.name.length - b.name.length || a.name.toUpperCase().localeCompare(b.name.toUpperCase()));
  if (ordered.length > 3) throw new Error('directory too large for this writer');
  const entry = (name: string, type: number, left: number, right: number, child: number, start: number, size: number): Buffer => {
    const e = Buffer.alloc(128);
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(e, 0);
    e.writeUInt16LE(n.length, 64);
    e.writeUInt8(type, 66);
    e.writeUInt8(1, 67);
    e.writeUInt32LE(left, 68);
    e.writeUInt32LE(right, 72);
    e.writeUInt32LE(child, 76);
    e.writeUInt32LE(start, 116);
    e.writeUInt32LE(size, 120);
    return e;
  };
  const id = (s: { name: string }) => streams.indexOf(s as (typeof streams)[number]) + 1;
  // The middle entry is the root's child; the shorter name goes left, the longer right.
  const mid = Math.floor((ordered.length - 1) / 2);
  const entries = [entry('Root Entry', 5, NOSTREAM, NOSTREAM, ordered.length > 0 ? id(ordered[mid]!) : NOSTREAM, miniContainerStart, miniStream.length)];
  for (const s of streams) {
    const k = ordered.indexOf(s);
    const left = k === mid && mid > 0 ? id(ordered[mid - 1]!) : NOSTREAM;
    const right = k === mid && mid + 1 < ordered.length ? id(ordered[mid + 1]!) : NOSTREAM;
    const start = s.data.length < 4096 ? miniStart.get(s.name)! : largeStart.get(s.name)!;
    entries.push(entry(s.name, 2, left, right, NOSTREAM, start, s.data.length));
  }
  while (entries.length < 4) {
    const e = Buffer.alloc(128);
    e.writeUInt32LE(NOSTREAM, 68);
    e.writeUInt32LE(NOSTREAM, 72);
    e.writeUInt32LE(NOSTREAM, 76);
    entries.push(e);
  }

  const head = Buffer.alloc(SECTOR);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(head, 0);
  head.writeUInt16LE(0x003e, 24);
  head.writeUInt16LE(0x0003, 26);
  head.writeUInt16LE(0xfffe, 28);
  head.writeUInt16LE(9, 30);
  head.writeUInt16LE(6, 32);
  head.writeUInt32LE(0, 40);
  head.writeUInt32LE(1, 44); // FAT sectors
  head.writeUInt32LE(1, 48); // first directory sector
  head.writeUInt32LE(4096, 56);
  head.writeUInt32LE(miniSectors > 0 ? 2 : ENDOFCHAIN, 60);
  head.writeUInt32LE(miniSectors > 0 ? 1 : 0, 64);
  head.writeUInt32LE(ENDOFCHAIN, 68);
  head.writeUInt32LE(0, 72);
  for (let i = 0; i < 109; i++) head.writeUInt32LE(i === 0 ? 0 : FREESECT, 76 + i * 4);
  return Buffer.concat([head, fatSector, Buffer.concat(entries), miniFat, ...body]);
}
