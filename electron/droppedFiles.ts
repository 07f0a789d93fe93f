/**
 * Files and folders the user chose in a dialog (or dropped) on disk, walked with shared/dropped.ts's rules
 * and read into the import's shape. The renderer gets the bytes and the names, never the paths.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFile } from '../shared/contract';
import { expandDropped, type DroppedFiles, type ReadAs, type SkippedEntry, type TreeEntry } from '../shared/dropped';

function entryOf(file: string): TreeEntry<string> {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    // Unplugged stick, deleted in the meantime: named as skipped by the walk (no `file`).
    return { name, kind: 'file' };
  }
  if (!stat.isDirectory()) return { name, kind: 'file', file };
  return {
    name,
    kind: 'dir',
    children: async () => (await fs.promises.readdir(file)).map((child) => entryOf(path.join(file, child))),
  };
}

export function expandPaths(paths: readonly string[]): Promise<DroppedFiles<string>> {
  return expandDropped(paths.map(entryOf));
}

export interface ReadDropped {
  files: (ImportFile & { path: string; readAs: ReadAs })[];
  skipped: SkippedEntry[];
}

/** The files read under `paths` (sheets and Word returns) with their bytes (base64, as the import takes them), and what was skipped. */
export async function readDroppedPaths(paths: readonly string[]): Promise<ReadDropped> {
  const { workbooks, skipped } = await expandPaths(paths);
  const files: ReadDropped['files'] = [];
  for (const w of workbooks) {
    try {
      files.push({ name: w.name, path: w.path, readAs: w.readAs, data: (await fs.promises.readFile(w.file)).toString('base64') });
    } catch {
      skipped.push({ path: w.path, reason: '无法读取（文件被占用或没有权限？）' });
    }
  }
  return { files, skipped };
}
