/**
 * The browser's side of shared/dropped.ts: a drop's items (files and whole folders, through
 * webkitGetAsEntry) and a folder picked with <input webkitdirectory> (files carrying webkitRelativePath)
 * as the tree the walk takes. The same rules as the desktop's folders on disk, so both say the same.
 */
import { expandDropped, type DroppedFiles, type TreeEntry } from '../../../shared/dropped';

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All entries of a folder: readEntries gives them in batches (100 in Chromium) until an empty one. */
async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function treeOf(entry: FileSystemEntry): Promise<TreeEntry<File>> {
  if (entry.isDirectory) {
    return { name: entry.name, kind: 'dir', children: async () => Promise.all((await readAll(entry as FileSystemDirectoryEntry)).map(treeOf)) };
  }
  try {
    return { name: entry.name, kind: 'file', file: await fileOf(entry as FileSystemFileEntry) };
  } catch {
    return { name: entry.name, kind: 'file' };
  }
}

/** What was dropped: folders walked, workbooks listed, the rest named. Read before the drop event ends. */
export async function expandDrop(transfer: DataTransfer): Promise<DroppedFiles<File>> {
  // Entries must be taken synchronously: the DataTransfer is emptied once the event handler returns.
  const items = [...transfer.items].filter((i) => i.kind === 'file');
  const entries = items.map((i) => i.webkitGetAsEntry());
  const loose = items.map((i, k) => (entries[k] ? null : i.getAsFile()));
  const roots = await Promise.all(
    entries.map(async (e, k): Promise<TreeEntry<File> | null> => (e ? treeOf(e) : loose[k] ? { name: loose[k]!.name, kind: 'file', file: loose[k]! } : null)),
  );
  return expandDropped(roots.filter((r): r is TreeEntry<File> => r !== null));
}

/** Files of <input type=file> (webkitdirectory or not): the folder structure rebuilt from webkitRelativePath. */
export function expandPicked(files: FileList | File[]): Promise<DroppedFiles<File>> {
  const root: TreeEntry<File> & { map: Map<string, TreeEntry<File> & { map?: Map<string, unknown> }> } = { name: '', kind: 'dir', map: new Map() };
  type Dir = TreeEntry<File> & { map: Map<string, TreeEntry<File>> };
  const dirOf = (parent: Dir, name: string): Dir => {
    let dir = parent.map.get(name) as Dir | undefined;
    if (!dir) {
      const map = new Map<string, TreeEntry<File>>();
      dir = { name, kind: 'dir', map, children: async () => [...map.values()] };
      parent.map.set(name, dir);
    }
    return dir;
  };
  for (const file of [...files]) {
    const parts = (file.webkitRelativePath || file.name).split('/');
    let dir = root as Dir;
    for (const part of parts.slice(0, -1)) dir = dirOf(dir, part);
    dir.map.set(`file:${file.name}`, { name: file.name, kind: 'file', file });
  }
  return expandDropped([...root.map.values()]);
}
