'use client';
import { useEffect } from 'react';
import type { Notice } from '@/lib/editor/annotation-sync';

/** The sync engine's notices, and the workspace's own, as the toast shows them. */
export type Toast = Notice | null;

/** A short message at the foot of the screen, gone after a few seconds (longer when it offers undo). */
export function WorkspaceToast({ toast, onDismiss, onUndo }: { toast: Toast; onDismiss: () => void; onUndo: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(onDismiss, toast.undo ? 8000 : 5000);
    return () => clearTimeout(t);
  }, [toast, onDismiss]);
  if (!toast) return null;
  return (
    <div role="status" className={`fixed bottom-6 left-1/2 z-50 flex -translate-x-1/2 items-center gap-4 rounded-lg px-4 py-2.5 text-sm shadow-lg ${toast.tone === 'error' ? 'bg-red-700 text-white' : 'bg-stone-900 text-white'}`}>
      <span>{toast.message}</span>
      {toast.undo ? (
        <button type="button" onClick={onUndo} className="font-semibold text-amber-300 hover:text-amber-200">
          Undo
        </button>
      ) : null}
    </div>
  );
}
