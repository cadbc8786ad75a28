'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { importCodebookAction, importProjectAction } from '@/lib/actions/imports';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/** Loads a .qdpx (ATLAS.ti, MAXQDA, NVivo, QualCoder, Parallax) or a W3C Web Annotation export as a new project. */
export function ImportProjectForm() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string; slug?: string } | null>(null);
  const [busy, start] = useTransition();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className={buttonClass('secondary')}>
        Import a project file
      </button>
    );
  }
  return (
    <form
      className="w-full space-y-3 rounded-xl border border-stone-200 bg-white p-5 shadow-sm sm:w-[28rem]"
      aria-label="Import a project file"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setMessage(null);
        start(async () => {
          const result = await importProjectAction(form);
          if (result.ok) {
            const r = result.data;
            setMessage({ tone: 'info', text: `Imported “${r.name}”: ${r.documents} documents, ${r.annotations} annotations, ${r.comments} comments, ${r.memos} memos.`, slug: r.slug });
            router.refresh();
          } else setMessage({ tone: 'error', text: result.error.message });
        });
      }}
    >
      <h2 className="text-sm font-semibold text-stone-900">Import a project file</h2>
      <p className="text-xs text-stone-600">
        A REFI-QDA project (.qdpx) from ATLAS.ti, MAXQDA, NVivo, QualCoder or Parallax, or a Parallax W3C Web Annotation export (.jsonld). It becomes a new project that you own; the people who coded in it join as members who cannot sign in, so their layers stay apart.
      </p>
      <input name="file" type="file" accept=".qdpx,.jsonld,.json" required aria-label="Project file" className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-1.5 file:text-sm file:font-medium" />
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-xs font-medium text-stone-600">
          New slug (optional)
          <input name="slug" className={`${inputClass} mt-1`} placeholder="from the file" />
        </label>
        <label className="text-xs font-medium text-stone-600">
          Name (optional)
          <input name="name" className={`${inputClass} mt-1`} placeholder="from the file" />
        </label>
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" disabled={busy} className={buttonClass('primary')}>
          {busy ? 'Importing…' : 'Import'}
        </button>
        <button type="button" onClick={() => setOpen(false)} className={buttonClass('ghost')}>
          Cancel
        </button>
      </div>
      {message ? (
        <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200' : 'text-sm text-emerald-800'}>
          {message.text}{' '}
          {message.slug ? (
            <Link href={`/projects/${message.slug}`} className="font-medium text-accent-700 underline">
              Open it
            </Link>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}

/** Adds a REFI-QDA codebook's codes to this project's codebook. */
export function ImportCodebookForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const [busy, start] = useTransition();
  return (
    <form
      className="flex flex-wrap items-center gap-2 text-sm"
      aria-label="Import a codebook"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        start(async () => {
          const result = await importCodebookAction(slug, form);
          if (result.ok) {
            setMessage({ tone: 'info', text: `${result.data.added} categories added, ${result.data.existing} already there${result.data.attributesAdded ? `, ${result.data.attributesAdded} attributes added` : ''}.` });
            router.refresh();
          } else setMessage({ tone: 'error', text: result.error.message });
        });
      }}
    >
      <span className="font-medium text-stone-700">Import a REFI-QDA codebook (.qdc)</span>
      <input name="file" type="file" accept=".qdc,.xml" required aria-label="Codebook file" className="text-sm file:mr-2 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-1 file:text-sm" />
      <button type="submit" disabled={busy} className={buttonClass('secondary', 'py-1')}>
        {busy ? 'Importing…' : 'Import codebook'}
      </button>
      {message ? (
        <span role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'text-red-700' : 'text-emerald-800'}>
          {message.text}
        </span>
      ) : null}
    </form>
  );
}
