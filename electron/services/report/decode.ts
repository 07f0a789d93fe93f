/**
 * A work report as the office has it: a .docx (read with mammoth), a .txt (UTF-8, or GB18030 as Chinese
 * Windows saves it), or text pasted in. Errors name the file in Chinese; nothing of the library reaches users.
 */
import { AppError } from '../../../shared/errors';

function isZip(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function isOle(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.readUInt32BE(0) === 0xd0cf11e0;
}

function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

function decodeText(bytes: Buffer, name: string): string {
  // Notepad's "Unicode" is UTF-16 with its byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  // Text has no NUL bytes; any binary file (a database, a picture) does, and GB18030 would read it as
  // hundreds of garbled "sentences".
  if (body.subarray(0, 65536).includes(0)) {
    throw new AppError('validation', `文件 ${name} 不是文本文件，也不是 Word 文档（.docx）。请导入 .docx 或 .txt 格式的政府工作报告。`, { file: name });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

export async function reportTextOf(name: string, bytes: Buffer): Promise<string> {
  const lower = name.toLowerCase();
  if (isOle(bytes) || lower.endsWith('.doc') || lower.endsWith('.wps')) {
    throw new AppError('validation', `文件 ${name} 是旧版 Word（.doc）或 WPS 文档，无法读取。请在 Word 或 WPS 中另存为 .docx 后再导入。`, { file: name });
  }
  if (isPdf(bytes) || lower.endsWith('.pdf')) {
    throw new AppError('validation', `文件 ${name} 是 PDF 文件，无法读取其中的文字。请导入 Word（.docx）或 .txt 格式的报告（也可把 PDF 中的文字复制出来，另存为 .txt）。`, { file: name });
  }
  let text: string;
  if (lower.endsWith('.docx') || isZip(bytes)) {
    if (!isZip(bytes)) throw new AppError('validation', `文件 ${name} 不是有效的 Word 文档（.docx），可能已损坏。`, { file: name });
    try {
      // Loaded when a report is read: every command of the CLI would otherwise pay for it at start.
      const mammoth = (await import('mammoth')).default;
      text = (await mammoth.extractRawText({ buffer: bytes })).value;
    } catch {
      throw new AppError('validation', `文件 ${name} 不是有效的 Word 文档（.docx），可能已损坏或不完整。`, { file: name });
    }
  } else {
    text = decodeText(bytes, name);
  }
  return checkedText(text, name);
}

export function checkedText(text: string, name: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
  if (clean.trim() === '') throw new AppError('validation', `${name} 中没有文字。`, { file: name });
  if (!/[\u4e00-\u9fa5]/.test(clean)) throw new AppError('validation', `${name} 中没有中文内容，不像是政府工作报告。`, { file: name });
  return clean;
}
