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

export async function readImportFiles(files: File[], onProgress: (done: number) => void, signal: AbortSignal): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const f of files) {
    if (signal.aborted) throw new DOMException('已取消', 'AbortError');
    out.push({ name: f.name, data: await toBase64(f) });
    onProgress(out.length);
  }
  return out;
}
