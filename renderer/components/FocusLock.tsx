/**
 * Keeps the keyboard inside a dialog or a full-screen view while it is open, gives the focus back where it
 * was when it closes, and closes it on Escape (unless something inside took the key first, e.g. a cell
 * cancelling its edit). The trap is focus-trap's: it also handles what hand-written Tab handlers missed,
 * such as the focused button disappearing after an action (focus then stays in the view, so Esc still
 * closes it) and nested traps (a confirmation over a dialog pauses the dialog's trap).
 */
import { FocusTrap } from 'focus-trap-react';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  onEscape: () => void;
  /** A CSS selector inside the view for the first focus; else the first focusable element. */
  initialFocus?: string;
}

export function FocusLock({ children, onEscape, initialFocus }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    e.stopPropagation();
    onEscape();
  };
  return (
    <FocusTrap
      focusTrapOptions={{
        initialFocus: () => (initialFocus ? (box.current?.querySelector<HTMLElement>(initialFocus) ?? undefined) : undefined),
        fallbackFocus: () => box.current!,
        escapeDeactivates: false,
        clickOutsideDeactivates: false,
        allowOutsideClick: true,
        returnFocusOnDeactivate: true,
        // The views are drawn at once; visibility checks would refuse elements still being laid out.
        tabbableOptions: { displayCheck: 'none' },
      }}
    >
      <div ref={box} className="focus-lock" tabIndex={-1} onKeyDown={onKeyDown}>
        {children}
      </div>
    </FocusTrap>
  );
}
