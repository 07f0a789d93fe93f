import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  onClose: () => void;
  role?: 'dialog' | 'alertdialog';
  wide?: boolean;
  /** Which element gets the focus first (a CSS selector inside the dialog); else the first field. */
  initialFocus?: string;
  /** A click beside the dialog closes it; off for forms, where it would throw away what was typed. */
  closeOnBackdrop?: boolean;
}

const FOCUSABLE = 'input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal in the page (never window.confirm/alert): Escape closes it, Tab keeps the focus inside, and the
 * focus goes back where it was when it closes.
 */
export function Dialog({ title, children, onClose, role = 'dialog', wide, initialFocus, closeOnBackdrop = false }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = (initialFocus && box.current?.querySelector<HTMLElement>(initialFocus)) || box.current?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
    // Focus moves once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      const all = Array.from(box.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
      const first = all[0];
      const last = all[all.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="backdrop" onMouseDown={(e) => closeOnBackdrop && e.target === e.currentTarget && onClose()}>
      <div ref={box} className={`dialog${wide ? ' wide' : ''}`} role={role} aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  details,
}: {
  title: string;
  message: string;
  /** Shown under the message: what the confirmation will do, item by item. */
  details?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title={title} onClose={onCancel} role="alertdialog" initialFocus="[data-cancel]" closeOnBackdrop>
      <p className="confirm-message">{message}</p>
      {details}
      <div className="dialog-actions">
        <button type="button" className="secondary" data-cancel onClick={onCancel}>
          取消
        </button>
        <button type="button" className="danger" data-testid="confirm" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
