/**
 * What a file really is, whatever its name says: users send `.xls` and WPS `.et` files renamed to `.xlsx`,
 * password-protected workbooks (an encrypted OOXML package is an OLE2 container, not a zip), CSV or
 * text saved with the wrong extension, empty or truncated files.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { AppError, systemErrorReason } from '../../shared/errors';

/**
 * xlsx also stands for .xlsm (the same package with macros); xls for BIFF workbooks (Excel 97-2003, WPS .et);
 * doc for an old Word document; legacy for any other OLE2 file (or one too damaged to list its streams).
 */
export type FileKind = 'xlsx' | 'ods' | 'docx' | 'xls' | 'doc' | 'encrypted' | 'legacy' | 'text' | 'empty' | 'unknown';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

/** The names in a zip's central directory; null when it has none to read (cut short, damaged). */
function zipNames(bytes: Buffer): string[] | null {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > bytes.length) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = bytes.readUInt16LE(at + 28);
    names.push(bytes.toString('utf8', at + 46, at + 46 + nameLength).replace(/\\/g, '/').replace(/^\//, ''));
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return names;
}

/** A zip's kind by what it holds: a Word document, an OpenDocument spreadsheet, else a workbook (exceljs's messages for the rest). */
function zipKind(bytes: Buffer): FileKind {
  const names = zipNames(bytes);
  if (!names) return 'xlsx';
  if (names.includes('word/document.xml') && !names.includes('xl/workbook.xml')) return 'docx';
  if (names.includes('content.xml') && !names.includes('xl/workbook.xml')) {
    // The first entry, stored uncompressed, says which OpenDocument it is.
    return bytes.subarray(0, 200).includes(Buffer.from('application/vnd.oasis.opendocument.spreadsheet')) ? 'ods' : 'unknown';
  }
  return 'xlsx';
}

/** An OLE2 (compound file) by its streams: an encrypted OOXML package, a BIFF workbook, a Word document. */
function oleKind(bytes: Buffer): FileKind {
  let paths: string[];
  try {
    paths = XLSX.CFB.read(bytes, { type: 'buffer' }).FullPaths.map((p: string) => p.replace(/\/$/, '').split('/').pop()!.toLowerCase());
  } catch {
    // Too damaged to list: an encrypted package is still told by its stream names in UTF-16.
    return bytes.includes(Buffer.from('EncryptedPackage', 'utf16le')) || bytes.includes(Buffer.from('EncryptionInfo', 'utf16le')) ? 'encrypted' : 'legacy';
  }
  if (paths.includes('encryptedpackage') || paths.includes('encryptioninfo')) return 'encrypted';
  if (paths.includes('workbook') || paths.includes('book')) return 'xls';
  if (paths.includes('worddocument')) return 'doc';
  return 'legacy';
}

/** Reads the first bytes (and, for a zip or an OLE2 file, what it holds) to tell the kind. */
export function sniffBytes(head: Buffer, whole?: Buffer): FileKind {
  if (head.length === 0) return 'empty';
  if (startsWith(head, ZIP)) return zipKind(whole ?? head);
  if (startsWith(head, OLE2)) return oleKind(whole ?? head);
  const sample = head.subarray(0, 4096);
  const text = sample.toString('utf8');
  const printable = text.replace(/[\x00-\x08\x0e-\x1f\ufffd]/g, '');
  if (printable.length > text.length * 0.9) return 'text';
  return 'unknown';
}

/** Reads a file the user chose, with a Chinese message for a file that is missing or held by another program. */
export function readWorkbookFile(file: string): { name: string; bytes: Buffer } {
  const name = path.basename(file);
  try {
    return { name, bytes: fs.readFileSync(file) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('io', `找不到文件“${name}”。`, { file: name });
    if (code === 'EISDIR') throw new AppError('io', `“${name}”是文件夹，不是工作簿。`, { file: name });
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new AppError('io', `文件“${name}”正被其他程序占用或无权读取，请在 Excel/WPS 中关闭它后重试。`, { file: name });
    }
    throw new AppError('io', `无法读取文件“${name}”：${systemErrorReason(err) ?? (err as Error).message}`, { file: name });
  }
}

/**
 * A file with an open password, in the words of the program that will take the password off. An encrypted
 * OOXML package hides what it holds (the .xlsx or .docx inside is ciphertext), so the caller says which it
 * is: by the name for an encrypted package, by the reader for a .xls/.et/.ods.
 */
export function passwordProtected(name: string, kind: 'xlsx' | 'docx'): AppError {
  const message =
    kind === 'docx'
      ? `文件“${name}”设置了打开密码，无法读取。请在 Word/WPS 中取消密码（文件 › 信息 › 保护文档）后另存为 .docx 再导入。`
      : `文件“${name}”设置了打开密码，无法读取。请在 Excel/WPS 中取消密码（文件 › 信息 › 保护工作簿）后另存为 .xlsx 再导入。`;
  return new AppError('validation', message, { file: name });
}

/** The kinds of file the importer reads. */
export type ReadableKind = 'xlsx' | 'xls' | 'ods' | 'docx';

/** The file's kind when the importer reads it; else a Chinese AppError naming the file. */
export function assertWorkbookBytes(name: string, bytes: Buffer): ReadableKind {
  const kind = sniffBytes(bytes.subarray(0, 8192), bytes);
  switch (kind) {
    case 'xlsx':
    case 'xls':
    case 'ods':
    case 'docx':
      return kind;
    case 'doc':
      throw new AppError('validation', `文件“${name}”是旧版 Word 文档（.doc），无法直接读取。请在 Word/WPS 中打开，“另存为” Word 文档（*.docx）后再导入。`, { file: name });
    case 'empty':
      throw new AppError('validation', `文件“${name}”是空文件（0 字节），请确认报送单位发来的是完整文件。`, { file: name });
    case 'encrypted':
      throw passwordProtected(name, /\.(docx|docm|dotx|dotm)$/i.test(name) ? 'docx' : 'xlsx');
    case 'legacy':
      throw new AppError('validation', `文件“${name}”是 Office 旧格式的文件，但其中没有工作表或 Word 正文，可能已损坏。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。`, { file: name });
    case 'text':
      throw new AppError('validation', `文件“${name}”不是 Excel 工作簿，而是文本或 CSV 文件（可能被改了扩展名）。请在 Excel/WPS 中打开并另存为 .xlsx 后再导入。`, { file: name });
    default:
      throw new AppError('validation', `文件“${name}”不是可识别的 Excel 工作簿（.xlsx、.xls、.et、.ods）或 Word 文档（.docx）。`, { file: name });
  }
}

/**
 * Why a workbook that looked like one would not open, in the user's words: JSZip and exceljs explain in
 * English, and a TypeError from inside exceljs (a part it needs is missing) explains nothing to anyone.
 * The kinds are the ones fuzzing met (tests/import/fuzz.test.ts).
 */
export function damageOf(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  if (/zip|central dir|end of data|signature|compression|uncompressed|inflate|invalid (block|code|distance|literal|stored)|header check|crc/i.test(m)) {
    return '压缩包结构损坏，可能是传输中断或文件只复制了一部分';
  }
  // saxes reports "line:column: what"; exceljs "Unexpected xml node …".
  if (/^\d+:\d+: |xml/i.test(m)) return '工作簿内部的 XML 内容损坏';
  if (/worksheet name|is protected|name can't be empty/i.test(m)) return '工作表名称不合规范：重名、为空或含有 * ? : \\ / [ ] 等字符';
  if (/out of bounds|invalid address|invalid row|invalid column|needs a row/i.test(m)) return '单元格地址超出 Excel 的范围';
  return '缺少必需的组成部分或结构不完整';
}
