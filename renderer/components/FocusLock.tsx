/**
 * Keeps the keyboard inside a dialog or a full-screen view while it is open, gives the focus back where it
 * was when it closes, and closes it on Escape (unless something inside took the key first, e.g. a cell
 * cancelling its edit). The trap is focus-trap's: it also handles what hand-written Tab handlers missed,
 * such as the focused button disappearing after an action (focus then stays in the view, so Esc still
 * closes it) and nested traps (a confirmation over a dialog pauses the dialog's trap).
 */
import { FocusTrap } from 'focus-trap-react';
import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Focuses the button again once it is enabled, unless the user has moved the focus meanwhile. */
function returnWhenEnabled(button: HTMLButtonElement, resting: HTMLElement | null | undefined): void {
  const watch = new MutationObserver(() => {
    if (button.disabled) return;
    watch.disconnect();
    if (button.isConnected && document.activeElement === resting) button.focus();
  });
  watch.observe(button, { attributes: true, attributeFilter: ['disabled'] });
  // A button that never comes back (its view changed) is not watched for ever.
  setTimeout(() => watch.disconnect(), 120_000);
}

interface Props {
  children: ReactNode;
  onEscape: () => void;
  /** A CSS selector inside the view for the first focus; else the first focusable element. */
  initialFocus?: string;
}

export function FocusLock({ children, onEscape, initialFocus }: Props) {
  const box = useRef<HTMLDivElement>(null);
  /** Where the focus rests when nothing inside can take it: the dialog itself (tabIndex -1). */
  const home = () => box.current?.querySelector<HTMLElement>('[role="dialog"], [role="alertdialog"]') ?? box.current;
  // focus-trap's first focus is skipped (it would come a tick late, onto a button its view may have
  // disabled by then); the view is focused here, and the focus goes back to the opener when it closes.
  // Later, focus-trap uses initialFocus again to recover a focused element removed from the view.
  const ready = useRef(false);
  useLayoutEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const inside = box.current;
    const first = (initialFocus && inside?.querySelector<HTMLElement>(initialFocus)) || inside?.querySelector<HTMLElement>(FOCUSABLE) || home();
    first?.focus();
    ready.current = true;
    return () => {
      ready.current = false;
      // After the trap has let go (it would pull the focus back in), and only if the focus went with the view:
      // to the page, or to the resting place of a view beneath (会议模式 closing over 调度评估), not a control.
      requestAnimationFrame(() => {
        const now = document.activeElement;
        const lost = now === null || now === document.body || now.matches('.focus-lock, [role="dialog"], [role="alertdialog"]');
        if (lost && opener?.isConnected) opener.focus();
      });
    };
    // Once, when the view opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    e.stopPropagation();
    onEscape();
  };
  return (
    <FocusTrap
      focusTrapOptions={{
        initialFocus: () => (ready.current ? home()! : false),
        delayInitialFocus: false,
        fallbackFocus: () => home()!,
        escapeDeactivates: false,
        clickOutsideDeactivates: false,
        allowOutsideClick: true,
        returnFocusOnDeactivate: false,
        // The views are drawn at once; visibility checks would refuse elements still being laid out.
        tabbableOptions: { displayCheck: 'none' },
      }}
    >
      <div
        ref={box}
        className="focus-lock"
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          // A focused button that becomes disabled while it works (导出, 生成报送模板) drops the focus to the
          // page, out of the view: Esc and Tab would then do nothing. Keep it in the view, and give it back to
          // the button when its work is done, so Enter repeats it and Tab goes on from there.
          if (e.relatedTarget !== null) return;
          const working = e.target instanceof HTMLButtonElement ? e.target : null;
          requestAnimationFrame(() => {
            if (!((document.activeElement === document.body || document.activeElement === null) && box.current?.isConnected)) return;
            // A quick piece of work may be over already: straight back to its button.
            if (working?.isConnected && !working.disabled) return working.focus();
            const resting = home();
            resting?.focus();
            if (working?.isConnected) returnWhenEnabled(working, resting);
          });
        }}
      >
        {children}
      </div>
    </FocusTrap>
  );
}
