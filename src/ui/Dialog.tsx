/** A modal dialog on the native <dialog> element: focus trapping, Escape and the top layer for free. */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
}

export function Dialog({ title, open, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="mg-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {open ? children : null}
    </dialog>
  );
}

/** The Cancel and submit buttons at the foot of a dialog's form. */
export function DialogActions({ submitLabel, onCancel }: { submitLabel: string; onCancel(): void }) {
  return (
    <div className="mg-dialog-actions">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="mg-primary">
        {submitLabel}
      </button>
    </div>
  );
}
