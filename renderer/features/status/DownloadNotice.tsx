/** Where a download went, in the browser mode: its 下载 folder (or wherever the browser asked), by name. */
import './status.css';
import { useEffect, useState } from 'react';
import { DOWNLOADED } from '../../app/download';

export function DownloadNotice() {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onDownload = (e: Event) => {
      setName((e as CustomEvent<string>).detail);
      clearTimeout(timer);
      timer = setTimeout(() => setName(null), 15_000);
    };
    window.addEventListener(DOWNLOADED, onDownload);
    return () => {
      clearTimeout(timer);
      window.removeEventListener(DOWNLOADED, onDownload);
    };
  }, []);
  if (!name) return null;
  // In the status bar, not over the page: it must never cover a dialog's buttons.
  return (
    <span className="download-notice" role="status" data-testid="download-notice" title="浏览器把下载的文件保存在它的“下载”文件夹中（如设置为每次询问，则在您选择的位置）">
      已下载“{name}”到“下载”文件夹
    </span>
  );
}
