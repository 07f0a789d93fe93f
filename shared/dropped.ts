/**
 * What a drop (or a chosen folder) brings to the import: a whole folder of returned templates comes with
 * Word files, PDFs, Excel's lock files (~$…), nested folders. The same walk serves the desktop (folders on
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

export interface DroppedWorkbook<F> {
  /** Where it sits under what was dropped (`二季度报送/县区/东明县.xlsx`), for showing. */
  path: string;
  name: string;
  file: F;
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

export const WORKBOOK_EXTENSIONS = ['xlsx', 'xlsm', 'xls', 'et', 'csv'];

/** Why a file is not imported, or null for a workbook. */
export function skipReason(name: string): string | null {
  if (name.startsWith('~$')) return 'Excel 的临时文件';
  if (name.startsWith('.')) return '隐藏文件';
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext || !WORKBOOK_EXTENSIONS.includes(ext)) return '不是 Excel 工作簿';
  return null;
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
    const reason = skipReason(entry.name);
    if (reason || entry.file === undefined) {
      result.skipped.push({ path: at, reason: reason ?? '无法读取' });
    } else if (result.workbooks.length >= MAX_IMPORT_FILES) {
      result.skipped.push({ path: at, reason: `一次最多导入 ${MAX_IMPORT_FILES} 个文件` });
    } else {
      result.workbooks.push({ path: at, name: entry.name, file: entry.file });
    }
  };
  for (const root of roots) await visit(root, '', 0);
  return result;
}

/** "已跳过 3 个文件：说明.docx（不是 Excel 工作簿）、…" for the import screen; empty when nothing was skipped. */
export function skippedSummary(skipped: SkippedEntry[], shown = 5): string {
  if (skipped.length === 0) return '';
  const named = skipped.slice(0, shown).map((s) => `${s.path}（${s.reason}）`);
  const more = skipped.length > shown ? ` 等` : '';
  return `已跳过 ${skipped.length} 项：${named.join('、')}${more}`;
}
