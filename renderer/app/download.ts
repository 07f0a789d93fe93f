/**
 * Hands bytes from the service to the browser's (or Electron's) own save dialog; no path crosses the API.
 * The desktop asks where to save and then offers 在文件夹中显示 (electron/dialogs.ts); the browser saves
 * into its 下载 folder without a word, so the page says where the file went (DownloadNotice).
 */
import { desktop } from './shell';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOWNLOADED = 'ducha:downloaded';

export function download(fileName: string, base64: string, type = XLSX_TYPE): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  if (!desktop) window.dispatchEvent(new CustomEvent<string>(DOWNLOADED, { detail: fileName }));
}
