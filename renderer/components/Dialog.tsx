import { useId, type ReactNode } from 'react';
import { FocusLock } from './FocusLock';

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

/**
 * A modal in the page (never window.confirm/alert): Escape closes it, Tab keeps the focus inside, and the
 * focus goes back where it was when it closes (FocusLock). Its action buttons stay in view at 1366×768:
 * the body scrolls, the title and the last .dialog-actions row do not.
 */
export function Dialog({ title, children, onClose, role = 'dialog', wide, initialFocus, closeOnBackdrop = false }: Props) {
  const titleId = useId();
  return (
    <FocusLock onEscape={onClose} initialFocus={initialFocus}>
      <div className="backdrop" onMouseDown={(e) => closeOnBackdrop && e.target === e.currentTarget && onClose()}>
        <div className={`dialog${wide ? ' wide' : ''}`} tabIndex={-1} role={role} aria-modal="true" aria-labelledby={titleId}>
          <h2 id={titleId}>{title}</h2>
          {children}
        </div>
      </div>
    </FocusLock>
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
      <div className="dialog-actions dialog-footer">
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
