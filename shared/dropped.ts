/**
 * What a drop (or a chosen folder) brings to the import: a whole folder of returned templates comes with
 * Word returns, PDFs and scans, old .doc files, Office's lock files (~$…), nested folders. The same walk serves the desktop (folders on
 * disk, electron/droppedFiles.ts) and the browser (FileSystemEntry of a drop or a picked folder): the
 * walker is passed in, the rules are here.
 */

/** One entry of a folder tree, whatever its source. */
export interface TreeEntry<F> {
  name: string;
  kind: 'file' | 'dir';
  /** The thing the host reads later (a path on disk, a File); only files have one. */
  file?: F;
  /** A folder's entries; called once. */
  children?: () => Promise<TreeEntry<F>[]>;
}

/** How a file found in a drop is read: a sheet (一览表 or returned template, told apart once read) or a Word return. */
export type ReadAs = 'sheet' | 'word';

export interface DroppedWorkbook<F> {
  /** Where it sits under what was dropped (`二季度报送/县区/东明县.xlsx`), for showing. */
  path: string;
  name: string;
  file: F;
  readAs: ReadAs;
}

export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface DroppedFiles<F> {
  workbooks: DroppedWorkbook<F>[];
  skipped: SkippedEntry[];
}

/** The contract's limit on one import (shared/contract.ts importRequest). */
export const MAX_IMPORT_FILES = 300;
/** Deeper than any real folder of returns; stops a link loop or a whole drive dropped by mistake. */
export const MAX_DEPTH = 8;

/** Read as sheets: Excel (with macros, templates), Excel 97-2003 and WPS 表格 (.et/.ett), OpenDocument. The reader goes by content. */
export const SHEET_EXTENSIONS = ['xlsx', 'xlsm', 'xls', 'et', 'ett', 'ods'];
export const WORD_EXTENSIONS = ['docx'];
/** What the open dialogs offer. */
export const WORKBOOK_EXTENSIONS = [...SHEET_EXTENSIONS, ...WORD_EXTENSIONS];

const IMAGE = ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heic', 'heif'];
/**
 * Why other files are left out, in the words a clerk can act on: what to ask the unit for, or how to save
 * it. A file the reader would refuse is named here rather than read: in an import one unreadable file stops
 * the whole batch, and a folder of returns nearly always carries a scan or a note beside the tables.
 */
const REASONS: [string[], string][] = [
  [IMAGE, '图片，不是表格'],
  [['pdf'], 'PDF 无法导入，请让单位报送 Excel 或 Word'],
  [['doc', 'dot', 'docm', 'dotx'], '.doc 请另存为 .docx'],
  [['xltx', 'xltm', 'xlt'], 'Excel 模板文件，请另存为 .xlsx'],
  [['wps'], 'WPS 文字旧格式，请另存为 .docx'],
  [['csv'], 'CSV 文件，请在 Excel/WPS 中另存为 .xlsx'],
  [['txt', 'rtf'], '文本文件，不是表格'],
  [['ppt', 'pptx', 'dps'], '演示文稿，不是表格'],
  [['zip', 'rar', '7z', 'gz', 'tar'], '压缩包，请先解压'],
  [['lnk', 'url'], '快捷方式'],
];
const SYSTEM_FILES = ['thumbs.db', 'desktop.ini'];

/** How a file is read, or why it is not. */
export function classify(name: string): { readAs: ReadAs } | { skip: string } {
  // Excel, Word and WPS leave `~$name` beside a file open in them; WPS also `.~name`, caught as hidden.
  if (name.startsWith('~$')) return { skip: 'Office 临时文件' };
  if (name.startsWith('.')) return { skip: '隐藏文件' };
  if (SYSTEM_FILES.includes(name.toLowerCase())) return { skip: '系统文件' };
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (SHEET_EXTENSIONS.includes(ext)) return { readAs: 'sheet' };
  if (WORD_EXTENSIONS.includes(ext)) return { readAs: 'word' };
  const known = REASONS.find(([exts]) => exts.includes(ext));
  return { skip: known ? known[1] : '不是表格或 Word 文档' };
}

/** Why a file is not imported, or null for one that is read. */
export function skipReason(name: string): string | null {
  const c = classify(name);
  return 'skip' in c ? c.skip : null;
}

/** What a file is to the clerk: 一览表, 报送模板 (any unit's return in a sheet) or Word 报送. */
export type FileKind = 'overview' | 'template' | 'word';
export const FILE_KIND_NAMES: Record<FileKind, string> = { overview: '一览表', template: '报送模板', word: 'Word 报送' };

/** As the templates are named when exported (services/templates.ts): `市财政局_2023年三季度责任目标推进情况.xlsx`. */
const TEMPLATE_NAME = /_\d{4}年[一二三四]季度责任目标推进情况|报送模板|报送表/;

/**
 * The kind a file is taken for before it is read, from its name: shown the moment it is dropped. Once read,
 * the preview's own kind (from the template's record, the title, the unit named) replaces it.
 */
export function kindByName(name: string, readAs: ReadAs): FileKind {
  if (readAs === 'word') return 'word';
  return TEMPLATE_NAME.test(name) ? 'template' : 'overview';
}

/** A file about to be read, as the lists (the import screen's, the CLI's) name it. */
export interface ListedFile {
  /** Where it was found (`三季度报送/县区/东明县.xlsx`), or its name when named on its own. */
  path: string;
  name: string;
  readAs: ReadAs;
}

/** Each listed file's kind: the preview's for the files it read (matched by name, in order), else by its name. */
export function kindsOf(listed: readonly ListedFile[], read: readonly { name: string; kind: FileKind }[] | undefined): FileKind[] {
  const byName = new Map<string, FileKind[]>();
  for (const f of read ?? []) byName.set(f.name, [...(byName.get(f.name) ?? []), f.kind]);
  return listed.map((f) => byName.get(f.name)?.shift() ?? kindByName(f.name, f.readAs));
}

/**
 * Every workbook under `roots` (files and folders, depth first, names in order), and everything else named
 * with the reason it was left out. Past MAX_IMPORT_FILES workbooks, the rest are named as skipped too.
 */
export async function expandDropped<F>(roots: TreeEntry<F>[]): Promise<DroppedFiles<F>> {
  const result: DroppedFiles<F> = { workbooks: [], skipped: [] };
  const visit = async (entry: TreeEntry<F>, parent: string, depth: number): Promise<void> => {
    const at = parent ? `${parent}/${entry.name}` : entry.name;
    if (entry.kind === 'dir') {
      if (depth >= MAX_DEPTH) {
        result.skipped.push({ path: at, reason: `文件夹层级超过 ${MAX_DEPTH} 层，未读取` });
        return;
      }
      let children: TreeEntry<F>[];
      try {
        children = (await entry.children?.()) ?? [];
      } catch {
        result.skipped.push({ path: at, reason: '无法读取文件夹（没有权限？）' });
        return;
      }
      const sorted = [...children].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
      for (const child of sorted) await visit(child, at, depth + 1);
      return;
    }
    const c = classify(entry.name);
    if ('skip' in c || entry.file === undefined) {
      result.skipped.push({ path: at, reason: 'skip' in c ? c.skip : '无法读取' });
    } else if (result.workbooks.length >= MAX_IMPORT_FILES) {
      result.skipped.push({ path: at, reason: `一次最多导入 ${MAX_IMPORT_FILES} 个文件` });
    } else {
      result.workbooks.push({ path: at, name: entry.name, file: entry.file, readAs: c.readAs });
    }
  };
  for (const root of roots) await visit(root, '', 0);
  return result;
}

/** "已跳过 3 项：扫描件.pdf（PDF 无法导入，…）、…" for the import screen; empty when nothing was skipped. */
export function skippedSummary(skipped: SkippedEntry[], shown = 5): string {
  if (skipped.length === 0) return '';
  const named = skipped.slice(0, shown).map((s) => `${s.path}（${s.reason}）`);
  const more = skipped.length > shown ? ` 等` : '';
  return `已跳过 ${skipped.length} 项：${named.join('、')}${more}`;
}

/**
 * The names files are read and reported under: each its own name, but where two have the same (every unit
 * sends 附件1.xlsx) where it sits (`财政局/附件1.xlsx`), so that a note, a conflict or the history says which
 * file; files alike in both get （2）, （3） after the first.
 */
export function distinctNames(files: readonly { name: string; place?: string }[]): string[] {
  const count = (names: string[]) => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());
  const byName = count(files.map((f) => f.name));
  const chosen = files.map((f) => (byName.get(f.name)! > 1 && f.place ? f.place.replace(/\\/g, '/') : f.name));
  const seen = new Map<string, number>();
  return chosen.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}（${k}）`;
  });
}
