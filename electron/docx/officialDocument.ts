/**
 * An official document (公文) as a .docx in the format of GB/T 9704-2012: A4, margins 37/35/28/26 mm, 28
 * characters × 22 lines (a line pitch of 28.95 pt and a character grid), the title in 二号 方正小标宋简体, the
 * body in 三号 仿宋_GB2312, first-level headings in 黑体 and second-level ones in 楷体_GB2312, page numbers
 * 四号 as `— 1 —` outside in the footer (right on odd pages, left on even ones), the office and the date at
 * the end. Knows the draft's blocks, not the database.
 *
 * Those fonts are missing on most PCs outside government networks (Windows has 仿宋, 楷体, 黑体 but not the
 * _GB2312 ones): the font table names a common alternative for each (altName, with the GB2312 charset),
 * which Word and WPS take before falling back to whatever they like.
 */
import { AlignmentType, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, type IRunOptions } from 'docx';
import JSZip from 'jszip';
import type { DraftBlock, OfficialDraft } from '../../shared/bulletin/draft';

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);

export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** 22 lines in the 225 mm of the text block: 637.8 pt / 22 = 28.99 pt; Word's 公文 templates use 28.95 pt. */
export const LINE_PITCH = 579;
/**
 * 28 characters in the 156 mm (442.2 pt) of the text block: 三号 characters (16 pt) drawn 0.25 pt closer,
 * 15.75 pt each. Set as each run's character spacing, not as Word's character grid: LibreOffice (and so
 * WPS on Linux and the PDF the office publishes) reads the grid's charSpace otherwise than Word and spreads
 * a line over 16 characters; the line grid alone is read alike everywhere.
 */
export const CHAR_SPACING = -5;

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** What each font's text falls back to where it is missing. */
export const FONT_FALLBACKS: Record<string, string> = {
  方正小标宋简体: '宋体',
  仿宋_GB2312: '仿宋',
  楷体_GB2312: '楷体',
  黑体: 'SimHei',
  宋体: 'SimSun',
  'Times New Roman': 'Times New Roman',
};

const SIZE = { title: 44, body: 32, pageNumber: 28 } as const;
const INDENT_2_CHARS = 640;

function run(text: string, font: string, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: font, cs: font }, size: SIZE.body, characterSpacing: CHAR_SPACING, ...extra });
}

function paragraphOf(block: DraftBlock): Paragraph[] {
  switch (block.kind) {
    case 'title':
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [run(block.text, FONTS.title, { size: SIZE.title })] }),
        // 标题下空一行.
        new Paragraph({ children: [] }),
      ];
    case 'recipients':
      return [new Paragraph({ children: [run(block.text, FONTS.body)] })];
    case 'heading1':
      return [new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, children: [run(block.text, FONTS.heading1)] })];
    case 'heading2':
      return [new Paragraph({ indent: { firstLine: INDENT_2_CHARS }, children: [run(block.text, FONTS.heading2)] })];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: INDENT_2_CHARS },
          children: [...(block.lead ? [run(block.lead, FONTS.heading2)] : []), run(block.text, FONTS.body)],
        }),
      ];
    case 'signature':
      // 正文下空一行署名; the office stands over the date, the date 右空四字.
      return [new Paragraph({ children: [] }), new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: INDENT_2_CHARS * 2 }, children: [run(block.text, FONTS.body)] })];
    case 'date':
      return [new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: INDENT_2_CHARS * 2 }, children: [run(block.text, FONTS.body)] })];
  }
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const font = { ascii: FONTS.pageNumber, hAnsi: FONTS.pageNumber, eastAsia: FONTS.pageNumber };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // 单页码居右空一字，双页码居左空一字.
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: SIZE.pageNumber })],
      }),
    ],
  });
}

/** The font table with each Chinese font's fallback and charset, which the docx library does not write. */
async function withFontFallbacks(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const fonts = Object.entries(FONT_FALLBACKS)
    .map(([name, alt]) => `<w:font w:name="${name}">${alt !== name ? `<w:altName w:val="${alt}"/>` : ''}<w:charset w:val="${name === 'Times New Roman' ? '00' : '86'}"/><w:family w:val="${name === 'Times New Roman' ? 'roman' : 'modern'}"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
  zip.file(
    'word/fontTable.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${fonts}</w:fonts>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function officialDocumentBytes(draft: OfficialDraft): Promise<Buffer> {
  const doc = new Document({
    creator: '责任目标督查工作台',
    title: draft.blocks.find((b) => b.kind === 'title')?.text ?? '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONTS.body, cs: FONTS.body }, size: SIZE.body },
          paragraph: { spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGINS, header: mm(15), footer: mm(25) } },
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: draft.blocks.flatMap(paragraphOf),
      },
    ],
  });
  return withFontFallbacks(await Packer.toBuffer(doc));
}
