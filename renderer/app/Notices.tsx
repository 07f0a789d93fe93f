/**
 * Short notices in one fixed place (bottom right), as local-first apps show them: 已撤销：修改第6项完成情况,
 * with the action that takes it back. The top bar keeps its room for the save state. A notice can also be
 * left for the page after a reload (a restore reloads the page): it is kept in sessionStorage until shown.
 */
import { useEffect, useState } from 'react';

export interface Notice {
  text: string;
  error?: boolean;
  action?: { label: string; run: () => void };
}

const CARRIED = 'ducha.notice';
const SHOWN_MS = 8000;

/** Leaves a notice for the page that is about to load (after window.location.reload()). */
export function carryNotice(text: string): void {
  sessionStorage.setItem(CARRIED, text);
}

/** The notice left by the page before a reload, once. */
export function takeCarriedNotice(): Notice | null {
  const text = sessionStorage.getItem(CARRIED);
  if (text === null) return null;
  sessionStorage.removeItem(CARRIED);
  return { text };
}

export function NoticeToast({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  const [shown, setShown] = useState(notice);
  useEffect(() => {
    setShown(notice);
    if (!notice || notice.error) return;
    const t = window.setTimeout(onDismiss, SHOWN_MS);
    return () => window.clearTimeout(t);
  }, [notice, onDismiss]);
  if (!shown) return null;
  return (
    <div className={`toast${shown.error ? ' error' : ''}`} role={shown.error ? 'alert' : 'status'} data-testid="toast">
      <span data-testid="undo-notice">{shown.text}</span>
      {shown.action && (
        <button
          type="button"
          className="link"
          onClick={() => {
            shown.action!.run();
          }}
        >
          {shown.action.label}
        </button>
      )}
      <button type="button" className="icon" aria-label="关闭提示" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** Opened without this launch's token: only how to open the right address, never an empty table. */
export function TokenScreen() {
  return (
    <main className="token-screen" data-testid="token-screen">
      <h1>责任目标督查工作台</h1>
      <p className="banner error" role="alert">
        访问令牌无效或缺失，无法读取数据（数据并未丢失）。
      </p>
      <p>请使用启动时显示的完整地址重新打开本页：</p>
      <ol>
        <li>找到运行“npm start”或“npm run serve”的命令行窗口；</li>
        <li>复制其中以 http://127.0.0.1: 开头、带有“#token=…”的完整地址；</li>
        <li>粘贴到浏览器地址栏并打开。每次启动的地址都不同，书签中保存的旧地址无法使用。</li>
      </ol>
    </main>
  );
}
