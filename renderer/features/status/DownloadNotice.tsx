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
  return (
    <div className="download-notice" role="status" data-testid="download-notice">
      已下载“{name}”，保存在浏览器的“下载”文件夹中（如浏览器设置为每次询问，则在您选择的位置）。
      <button type="button" className="link" aria-label="关闭提示" onClick={() => setName(null)}>
        ×
      </button>
    </div>
  );
}
