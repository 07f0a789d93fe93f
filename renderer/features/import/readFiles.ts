import type { ImportFile } from '../../../shared/contract';

/** A file's bytes as base64, read by the browser itself (no path ever leaves the page). */
function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`无法读取文件“${file.name}”：${reader.error?.message ?? ''}`));
    reader.readAsDataURL(file);
  });
}

/** A file to read, and where it sits under what was dropped or picked (the import's name for it when another has the same name). */
export interface PickedFile {
  file: File;
  path: string;
}

export async function readImportFiles(files: PickedFile[], onProgress: (done: number) => void, signal: AbortSignal): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const { file, path } of files) {
    if (signal.aborted) throw new DOMException('已取消', 'AbortError');
    out.push({ name: file.name, place: path, data: await toBase64(file) });
    onProgress(out.length);
  }
  return out;
}
