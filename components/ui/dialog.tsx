'use client';
import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: the browser provides the focus trap, Escape to
 * close, the backdrop and inertness of the page behind, so none of that is re-implemented here.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl bg-white p-0 text-stone-900 shadow-xl ring-1 ring-stone-200 backdrop:bg-stone-900/40"
    >
      {open ? (
        <div className="p-6">
          <h2 id={titleId} className="text-base font-semibold text-stone-900">
            {title}
          </h2>
          <div className="mt-3 space-y-4 text-sm text-stone-700">{children}</div>
          {footer ? <div className="mt-6 flex items-center justify-end gap-2">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}
