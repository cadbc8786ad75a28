'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { correctDocumentTextAction, getEditableTextAction } from '@/lib/actions/documents';
import type { CorrectionReport } from '@/lib/data/documents';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';

/**
 * Correcting a document's text (a scraping error, a typo) without losing annotations: the server
 * re-anchors each one and reports what happened; those it cannot place are listed for re-attaching.
 */
export function CorrectText({ documentId }: { documentId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [value, setValue] = useState<string>();
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<CorrectionReport>();
  const [pending, startTransition] = useTransition();
  return (
    <>
      <button
        onClick={() => {
          dialog.current?.showModal();
          // The text is loaded when asked for, not shipped with every page view.
          startTransition(async () => {
            const result = await getEditableTextAction(documentId);
            if (result.ok) setValue(result.data);
            else setError(result.error.message);
          });
        }}
        className="text-sm font-medium text-accent-600 hover:text-accent-700">
        Correct the text…
      </button>
      <dialog ref={dialog} aria-label="Correct the text" className="m-auto w-[min(56rem,94vw)] rounded-2xl p-0 shadow-2xl backdrop:bg-stone-900/40">
        <div className="space-y-4 p-6">
          <div>
            <h2 className="text-base font-semibold text-stone-900">Correct the text</h2>
            <p className="mt-1 text-sm text-stone-600">
              One paragraph per block, separated by a blank line; headings start with “## ”. Annotations follow the text: each is
              found again where it was, elsewhere, or approximately; any that cannot be placed are listed beside the text to re-attach.
            </p>
          </div>
          <textarea
            aria-label="Document text"
            disabled={value === undefined}
            placeholder={value === undefined ? 'Loading the text…' : undefined}
            value={value ?? ''}
            onChange={(e) => setValue(e.target.value)}
            className="h-[60vh] w-full rounded-md border-0 p-3 font-serif text-sm leading-relaxed ring-1 ring-inset ring-stone-300 focus:ring-2 focus:ring-accent-500 focus:outline-none"
          />
          <FormError message={error} />
          {report ? (
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
              {report.unchanged
                ? 'The text is unchanged.'
                : `Saved. ${report.exact} annotations stayed in place, ${report.moved} moved, ${report.fuzzy} were found approximately, ${report.orphaned} need re-attaching.`}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => dialog.current?.close()}>
              Close
            </Button>
            <Button
              disabled={pending || value === undefined}
              onClick={() =>
                startTransition(async () => {
                  const result = await correctDocumentTextAction(documentId, value ?? '');
                  if (!result.ok) return setError(result.error.message);
                  setError(undefined);
                  setReport(result.data);
                  router.refresh();
                })
              }
            >
              {pending ? 'Saving…' : 'Save corrected text'}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
