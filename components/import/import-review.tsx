'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ImportJobDto } from '@/lib/data/imports';
import { asSentence, formatBytes } from '@/lib/format';
import { importKindLabels, makesProject } from '@/lib/validations/import';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { ProgressBar } from '@/components/ui/progress';
import { ImportSummaryView } from './import-summary-view';

type Member = { id: string; name: string };

const running = (status: ImportJobDto['status']) => status === 'ANALYSING' || status === 'IMPORTING';

/**
 * The review step of an import: follows the job while the worker reads the file, shows what would
 * come in, takes the last choices (the new project's slug and name, or whose layer annotations
 * become) and confirms; then follows the writing to the end.
 */
export function ImportReview({ initial, members, defaultSlug }: { initial: ImportJobDto; members: Member[]; defaultSlug: string }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [slug, setSlug] = useState(defaultSlug);
  const [name, setName] = useState(initial.summary?.projectName ?? '');
  const [layer, setLayer] = useState<string>('new');
  const [annotatorName, setAnnotatorName] = useState(initial.summary?.origin ? `Imported from ${initial.summary.origin}` : 'Imported annotations');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!running(job.status)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/imports/${job.id}`, { cache: 'no-store' }).catch(() => null);
      if (!response?.ok || stopped) return;
      const next = (await response.json()) as ImportJobDto;
      setJob(next);
      if (next.summary && name === '') setName(next.summary.projectName);
    }, 500);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [job.id, job.status, name]);

  useEffect(() => {
    if (job.status === 'DONE') router.refresh();
  }, [job.status, router]);

  const newProject = makesProject(job.kind);
  const confirm = async () => {
    setError(null);
    setSending(true);
    const body = newProject ? { slug, name } : job.kind === 'annotations' ? { layer: layer === 'new' ? { kind: 'new', name: annotatorName } : { kind: 'member', userId: layer } } : {};
    const response = await fetch(`/api/imports/${job.id}/confirm`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).catch(() => null);
    setSending(false);
    if (!response) return setError('The server could not be reached; try again.');
    const answer = (await response.json()) as unknown;
    if (!response.ok) return setError((answer as { error?: { message?: string } }).error?.message ?? `The server refused (HTTP ${response.status}).`);
    setJob(answer as ImportJobDto);
  };
  const cancel = async () => {
    await fetch(`/api/imports/${job.id}`, { method: 'DELETE' }).catch(() => null);
    router.push(job.projectSlug ? `/projects/${job.projectSlug}/import` : '/projects');
  };

  const total = job.summary ? job.summary.counts.passages : 0;
  return (
    <div className="space-y-6">
      <header>
        <p className="text-xs font-medium uppercase tracking-wide text-stone-500">{importKindLabels[job.kind]}</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-stone-900">{job.fileName}</h1>
        <p className="mt-1 text-sm text-stone-600">
          {formatBytes(job.size)}
          {job.summary?.origin ? ` · written by ${job.summary.origin}` : ''}
          {job.projectSlug ? ` · into the project ${job.projectSlug}` : ''}
        </p>
      </header>

      {running(job.status) ? (
        <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
          <ProgressBar
            label={job.status === 'ANALYSING' ? 'Reading progress' : 'Import progress'}
            stage={job.stage || (job.status === 'ANALYSING' ? 'Reading the file' : 'Writing')}
            done={job.done}
            total={job.total}
            testId="import"
          />
          <p className="mt-3 text-xs text-stone-500">
            {job.status === 'ANALYSING' ? 'Nothing is stored yet: you will see what the file holds and confirm before anything is imported.' : 'One transaction: it either completes or leaves nothing behind.'}
          </p>
        </section>
      ) : null}

      {job.status === 'FAILED' ? (
        <section role="alert" className="rounded-xl bg-red-50 p-5 text-sm text-red-900 ring-1 ring-red-200">
          <h2 className="font-semibold">Nothing was imported</h2>
          <p className="mt-1">{job.error ? asSentence(job.error) : null}</p>
          <Link href={job.projectSlug ? `/projects/${job.projectSlug}/import` : '/projects'} className={buttonClass('secondary', 'mt-4')}>
            Choose another file
          </Link>
        </section>
      ) : null}

      {job.status === 'CANCELLED' ? (
        <section className="rounded-xl bg-stone-50 p-5 text-sm text-stone-700 ring-1 ring-stone-200">This import was cancelled; nothing was stored.</section>
      ) : null}

      {job.status === 'DONE' ? (
        <section role="status" className="rounded-xl bg-emerald-50 p-5 text-sm text-emerald-900 ring-1 ring-emerald-200">
          <h2 className="font-semibold">Imported</h2>
          <p className="mt-1">
            {job.result
              ? job.result.codebook
                ? `${job.result.codebook.added} categories added, ${job.result.codebook.existing} already there${job.result.codebook.groupsAdded ? `, ${job.result.codebook.groupsAdded} category groups added` : ''}.`
                : `${job.result.documents.toLocaleString('en')} articles, ${job.result.annotations.toLocaleString('en')} annotations, ${job.result.comments.toLocaleString('en')} comments, ${job.result.memos.toLocaleString('en')} memos.`
              : null}
          </p>
          {job.resultSlug ? (
            <Link href={`/projects/${job.resultSlug}`} className={buttonClass('primary', 'mt-4')}>
              Open the project
            </Link>
          ) : null}
        </section>
      ) : null}

      {job.summary && job.status !== 'DONE' ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
            <ImportSummaryView summary={job.summary} />
          </section>
          {job.status === 'READY' ? (
            <aside className="space-y-4 self-start rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
              <h2 className="text-sm font-semibold text-stone-900">Import</h2>
              {newProject ? (
                <>
                  <label className="block text-xs font-medium text-stone-600">
                    New project’s name
                    <input value={name} onChange={(e) => setName(e.target.value)} className={`${inputClass} mt-1`} />
                  </label>
                  <label className="block text-xs font-medium text-stone-600">
                    Its slug (in the address)
                    <input value={slug} onChange={(e) => setSlug(e.target.value)} className={`${inputClass} mt-1 font-mono`} />
                  </label>
                  <p className="text-xs text-stone-500">The people who coded in the file join as members who cannot sign in, so their layers stay apart.</p>
                </>
              ) : null}
              {job.kind === 'annotations' ? (
                <fieldset className="space-y-2 text-sm">
                  <legend className="text-xs font-medium text-stone-600">Whose layer they become</legend>
                  <label className="flex items-center gap-2">
                    <input type="radio" name="layer" value="new" checked={layer === 'new'} onChange={() => setLayer('new')} className="accent-accent-600" /> A new imported annotator
                  </label>
                  {layer === 'new' ? <input aria-label="The new annotator’s name" value={annotatorName} onChange={(e) => setAnnotatorName(e.target.value)} className={inputClass} /> : null}
                  {members.map((m) => (
                    <label key={m.id} className="flex items-center gap-2">
                      <input type="radio" name="layer" value={m.id} checked={layer === m.id} onChange={() => setLayer(m.id)} className="accent-accent-600" /> {m.name}
                    </label>
                  ))}
                </fieldset>
              ) : null}
              {error ? (
                <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
                  {error}
                </p>
              ) : null}
              <button type="button" onClick={confirm} disabled={sending} className={buttonClass('primary', 'w-full')}>
                {sending ? 'Starting…' : job.kind === 'qdc' ? `Add ${job.summary.counts.categories.toLocaleString('en')} codes` : `Import ${total.toLocaleString('en')} passage${total === 1 ? '' : 's'}`}
              </button>
              <button type="button" onClick={cancel} className={buttonClass('ghost', 'w-full')}>
                Cancel
              </button>
            </aside>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
