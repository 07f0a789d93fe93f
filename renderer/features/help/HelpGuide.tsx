/**
 * The built-in guide (使用指南), reachable from 帮助 (menu, F1) and the top bar's ? button. Exported for
 * any screen that wants to open it (the welcome screen): <HelpGuide onClose={…} step="returns" />.
 */
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { GUIDE_STEPS } from './guide';
import './help.css';

export function HelpGuide({ onClose, step }: { onClose: () => void; step?: string }) {
  const [current, setCurrent] = useState(() => Math.max(0, GUIDE_STEPS.findIndex((s) => s.id === step)));
  const page = GUIDE_STEPS[current]!;
  const body = useRef<HTMLDivElement>(null);
  // The screenshot at its own size (in the guide it is shrunk to the page's width, too small to read).
  const [zoomed, setZoomed] = useState(false);
  useEffect(() => {
    // Braces on purpose: Chromium's scrollTo now returns a promise, which React would take for a cleanup.
    body.current?.scrollTo({ top: 0 });
  }, [current]);
  return (
    <Dialog title="使用指南：一年的督查工作" onClose={onClose} wide closeOnBackdrop>
      <div className="help-guide" data-testid="help-guide">
        <nav className="help-steps" aria-label="步骤">
          {GUIDE_STEPS.map((s, i) => (
            <button key={s.id} type="button" className={i === current ? 'help-step active' : 'help-step'} aria-current={i === current ? 'step' : undefined} onClick={() => setCurrent(i)}>
              {s.title}
            </button>
          ))}
        </nav>
        <article className="help-page" ref={body} data-testid="help-page">
          <h3>{page.title}</h3>
          {page.body.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <button type="button" className="help-image-button" title="点击查看原图" aria-label={`查看原图：${page.alt}`} onClick={() => setZoomed(true)}>
            <img src={page.image} alt={page.alt} data-testid="help-image" />
          </button>
          <div className="dialog-actions">
            <button type="button" className="secondary" disabled={current === 0} onClick={() => setCurrent(current - 1)}>
              上一步
            </button>
            <button type="button" disabled={current === GUIDE_STEPS.length - 1} onClick={() => setCurrent(current + 1)}>
              下一步
            </button>
          </div>
        </article>
      </div>
      {zoomed && (
        <Dialog title={`原图：${page.title}`} onClose={() => setZoomed(false)} wide closeOnBackdrop initialFocus="[data-close-zoom]">
          <div className="help-zoom" data-testid="help-zoom">
            <img src={page.image} alt={page.alt} />
          </div>
          <div className="dialog-actions dialog-footer">
            <button type="button" className="secondary" data-close-zoom onClick={() => setZoomed(false)}>
              关闭原图
            </button>
          </div>
        </Dialog>
      )}
    </Dialog>
  );
}

/** F1 opens the guide in the browser mode too (the desktop's menu has its own F1). */
export function useHelpKey(open: () => void): void {
  const latest = useRef(open);
  latest.current = open;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
