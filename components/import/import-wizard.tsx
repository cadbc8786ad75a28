'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ImportPreview } from '@/lib/data/documents';
import { MetadataFields, type MetadataValues } from '@/components/documents/metadata-form';
import { formatLength } from '@/components/documents/format';
import { Button } from '@/components/ui/button';
import { FormError, inputClass } from '@/components/ui/field';
import { Spinner } from '@/components/ui/states';

type Reviewed = { preview: Extract<ImportPreview, { ok: true }>; include: boolean; meta: MetadataValues };

/**
 * Two steps: clean the chosen files and pasted text on the server (nothing stored), then let the
 * user check the text and fix the metadata before one all-or-nothing import.
 */
export function ImportWizard({ projectSlug }: { projectSlug: string }) {
  const router = useRouter();
  const [failures, setFailures] = useState<Extract<ImportPreview, { ok: false }>[]>([]);
  const [reviewed, setReviewed] = useState<Reviewed[] | null>(null);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const [cleaning, setCleaning] = useState<{ done: number; total: number } | null>(null);

  /** POSTs to the project's documents API; the answer, or the error message it gave. */
  const send = async <T,>(path: string, body: BodyInit, contentType: string): Promise<{ ok: true; data: T } | { ok: false; message: string }> => {
    const response = await fetch(`/api/projects/${projectSlug}/documents${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body }).catch(() => null);
    if (!response) return { ok: false, message: 'The server could not be reached; check the connection and try again.' };
    const answer = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
    if (!response.ok || answer === null) return { ok: false, message: answer?.error?.message ?? `The server refused (HTTP ${response.status}).` };
    return { ok: true, data: answer };
  };

  // Each file goes to the server on its own, as the request body (no form encoding, no size
  // limit of Server Actions); the pasted text last. Nothing is stored until the user confirms.
  const preview = (form: FormData) =>
    startTransition(async () => {
      setError(undefined);
      // A file input with nothing chosen still submits one empty, nameless entry; drop it here,
      // where the browser still tells it apart from a real empty file.
      const chosen = form.getAll('files').filter((f): f is File => f instanceof File && f.name !== '');
      const text = String(form.get('pasted') ?? '');
      const jobs: { label: string; path: string; body: BodyInit; type: string }[] = chosen.map((f) => ({ label: f.name, path: `/preview?${new URLSearchParams({ name: f.name })}`, body: f, type: 'application/octet-stream' }));
      if (text.trim()) {
        const name = String(form.get('pastedName') ?? '');
        jobs.push({ label: name || 'Pasted text', path: `/preview?${new URLSearchParams({ paste: String(form.get('format') ?? 'text'), name })}`, body: text, type: 'text/plain;charset=utf-8' });
      }
      if (jobs.length === 0) return setError('Choose at least one file, or paste a text.');
      const results: ImportPreview[] = [];
      setCleaning({ done: 0, total: jobs.length });
      for (const [i, job] of jobs.entries()) {
        const answer = await send<ImportPreview>(job.path, job.body, job.type);
        results.push(answer.ok ? answer.data : { sourceName: job.label, ok: false, error: answer.message });
        setCleaning({ done: i + 1, total: jobs.length });
      }
      setCleaning(null);
      setFailures(results.filter((p): p is Extract<ImportPreview, { ok: false }> => !p.ok));
      setReviewed(
        results
          .filter((p): p is Extract<ImportPreview, { ok: true }> => p.ok)
          .map((p) => ({
            preview: p,
            include: true,
            meta: {
              title: p.document.title,
              author: p.document.author,
              authorAffiliation: p.document.authorAffiliation,
              outlet: p.document.outlet,
              publishedOn: p.document.publishedOn,
              sourceUrl: p.document.sourceUrl,
            },
          })),
      );
    });

  const commit = () =>
    startTransition(async () => {
      const chosen = (reviewed ?? []).filter((r) => r.include);
      const documents = chosen.map((r) => ({ ...r.meta, sourceName: r.preview.sourceName, blocks: r.preview.document.blocks }));
      const result = await send<{ documents: unknown[] }>('', JSON.stringify({ documents }), 'application/json');
      if (!result.ok) return setError(result.message);
      router.push(`/projects/${projectSlug}`);
      router.refresh();
    });

  if (reviewed === null) {
    return (
      <form action={preview} className="space-y-6 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
        <div>
          <label htmlFor="import-files" className="mb-1.5 block text-sm font-medium text-stone-700">
            Files
          </label>
          <input
            id="import-files"
            name="files"
            type="file"
            multiple
            accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
            className="block w-full text-sm text-stone-700 file:mr-4 file:rounded-md file:border-0 file:bg-accent-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-accent-700 hover:file:bg-accent-100"
          />
          <p className="mt-1 text-xs text-stone-500">.txt, .md or .html, up to 2 MB each. Page furniture (author boxes, comment forms, post lists) is removed.</p>
        </div>
        <div className="relative text-center text-xs uppercase tracking-wide text-stone-500">
          <span className="bg-white px-2">or paste</span>
        </div>
        <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
          <input aria-label="Name for the pasted text" name="pastedName" placeholder="Name (optional)" className={inputClass} />
          <select aria-label="Format of the pasted text" name="format" className={inputClass} defaultValue="text">
            <option value="text">Plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </select>
        </div>
        <textarea aria-label="Pasted text" name="pasted" rows={8} className={`${inputClass} font-serif`} placeholder="Paste an article here…" />
        <FormError message={error} />
        <div className="flex items-center justify-end gap-3">
          {pending ? <Spinner label={cleaning ? `Cleaning ${Math.min(cleaning.done + 1, cleaning.total)} of ${cleaning.total}…` : 'Cleaning…'} /> : null}
          <Button type="submit" disabled={pending}>
            Clean and review
          </Button>
        </div>
      </form>
    );
  }

  const included = reviewed.filter((r) => r.include).length;
  return (
    <div className="space-y-6">
      {failures.length > 0 ? (
        <div role="alert" className="rounded-xl bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
          <p className="font-medium">{failures.length === 1 ? 'One input was refused:' : `${failures.length} inputs were refused:`}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {failures.map((f) => (
              <li key={f.sourceName}>
                <span className="font-medium">{f.sourceName}</span>: {f.error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {reviewed.map((r, i) => (
        <section key={`${r.preview.sourceName}-${i}`} className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-label={`Review ${r.preview.sourceName}`}>
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <label className="flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                checked={r.include}
                onChange={(e) => setReviewed(reviewed.map((x, j) => (j === i ? { ...x, include: e.target.checked } : x)))}
                className="h-4 w-4 rounded border-stone-300 text-accent-600"
              />
              Import {r.preview.sourceName}
            </label>
            <span className="text-xs text-stone-500">
              {r.preview.document.blocks.length} {r.preview.document.blocks.length === 1 ? 'block' : 'blocks'} · {formatLength(r.preview.document.length)}
              {r.preview.document.removed.length > 0 ? ` · ${r.preview.document.removed.length} pieces of page furniture removed` : ''}
            </span>
          </div>
          <MetadataFields idPrefix={`doc-${i}`} values={r.meta} onChange={(meta) => setReviewed(reviewed.map((x, j) => (j === i ? { ...x, meta } : x)))} />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium text-accent-600">Show cleaned text</summary>
            <div className="reader mt-3 max-h-96 overflow-y-auto rounded-md bg-stone-50 p-4 text-base">
              {r.preview.document.blocks.map((b, k) => (b.type === 'heading' ? <h2 key={k}>{b.text}</h2> : <p key={k}>{b.text}</p>))}
            </div>
            {r.preview.document.removed.length > 0 ? (
              <div className="mt-3 text-xs text-stone-500">
                <p className="font-medium">Removed:</p>
                <ul className="mt-1 list-disc space-y-0.5 pl-5">
                  {r.preview.document.removed.map((line, k) => (
                    <li key={k} className="line-through decoration-stone-300">{line}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </details>
        </section>
      ))}
      <FormError message={error} />
      <div className="flex items-center justify-end gap-3">
        <Button variant="ghost" onClick={() => { setReviewed(null); setFailures([]); setError(undefined); }} disabled={pending}>
          Start over
        </Button>
        <Button onClick={commit} disabled={pending || included === 0}>
          {pending ? 'Importing…' : `Import ${included} ${included === 1 ? 'document' : 'documents'}`}
        </Button>
      </div>
    </div>
  );
}
