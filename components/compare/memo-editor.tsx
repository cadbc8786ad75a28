'use client';
import { useState, useTransition } from 'react';
import { saveMemoAction } from '@/lib/actions/compare';
import type { MemoDto } from '@/lib/data/compare';
import { buttonClass } from '@/components/ui/button';

/**
 * One memo: read by everyone in the project, written by analysts. Saving names the version that
 * was read; if someone saved in between, their text is shown and nothing is overwritten.
 */
export function MemoEditor({
  slug,
  documentId,
  label,
  question,
  initial,
  canWrite,
}: {
  slug: string;
  documentId: string | null;
  label: string;
  /** The project's research question, which the placeholder asks; '' when none is set. */
  question: string;
  initial: MemoDto | null;
  canWrite: boolean;
}) {
  const placeholder = documentId
    ? question
      ? `${question} How does this author answer it? What stands out?`
      : 'How does this author frame the question? What stands out?'
    : question
      ? `${question} Where do the authors agree, and where do they part?`
      : 'Where do the authors agree, and where do they part?';
  const [memo, setMemo] = useState(initial);
  const [draft, setDraft] = useState(initial?.body ?? '');
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [saving, start] = useTransition();
  const dirty = draft !== (memo?.body ?? '');
  // An absolute UTC time: the same text on the server and in the browser.
  const byline = memo ? `${memo.updatedBy?.name ?? 'someone'}, ${new Date(memo.updatedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC` : null;
  if (!canWrite) {
    return (
      <div className="text-sm" data-testid="memo">
        {memo?.body ? <p className="whitespace-pre-wrap text-stone-800">{memo.body}</p> : <p className="text-stone-500">No memo yet.</p>}
        {byline ? <p className="mt-1 text-xs text-stone-500">Last edited by {byline}</p> : null}
      </div>
    );
  }
  return (
    <>
    {/* On paper: the memo as text, not a form. */}
    <div className="hidden text-sm print:block">
      {memo?.body ? <p className="whitespace-pre-wrap text-stone-800">{memo.body}</p> : <p className="text-stone-500">No memo yet.</p>}
      {byline ? <p className="mt-1 text-xs text-stone-500">Last edited by {byline}</p> : null}
    </div>
    <form
      className="no-print space-y-2"
      data-testid="memo"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await saveMemoAction(slug, { documentId, body: draft, version: memo?.version ?? 0 });
          if (result.ok) {
            setMemo(result.data);
            setDraft(result.data.body);
            setMessage({ tone: 'info', text: 'Saved.' });
          } else if (result.error.code === 'CONFLICT') {
            const current = result.error.current ?? null;
            setMemo(current);
            setDraft(current?.body ?? '');
            setMessage({ tone: 'error', text: `${result.error.message} Your text was: “${draft.slice(0, 200)}${draft.length > 200 ? '…' : ''}”` });
          } else {
            setMessage({ tone: 'error', text: result.error.message });
          }
        });
      }}
    >
      <label className="sr-only" htmlFor={`memo-${documentId ?? 'project'}`}>
        {label}
      </label>
      <textarea
        id={`memo-${documentId ?? 'project'}`}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          setMessage(null);
        }}
        rows={4}
        placeholder={placeholder}
        className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm ring-1 ring-inset ring-stone-300 placeholder:text-stone-400 focus:ring-2 focus:ring-inset focus:ring-accent-500"
      />
      <div className="flex items-center justify-between gap-2 text-xs">
        <span className={message?.tone === 'error' ? 'text-red-700' : 'text-stone-500'} role="status">
          {message?.text ?? (byline ? `Last edited by ${byline}` : 'Not written yet')}
        </span>
        <button type="submit" disabled={!dirty || saving} className={buttonClass('secondary', 'px-2.5 py-1 text-xs')}>
          {saving ? 'Saving…' : 'Save memo'}
        </button>
      </div>
    </form>
    </>
  );
}
