'use client';
import { useEffect, useRef, useState } from 'react';
import { displayTitle } from '@/components/documents/format';
import { buttonClass } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { cn } from '@/components/ui/cn';
import type { ExportChoices } from '@/lib/data/export';
import { exportFormatLabels, exportFormats, type ExportFormat } from '@/lib/validations/export';
import { selectClass } from '@/components/ui/field';
import { fileFormats } from '@/lib/export/formats';
import { countOf } from '@/lib/format';

const formatNotes = (format: ExportFormat): string => fileFormats[format].note;

type Progress = { stage: string; done: number; total: number } | null;
type Done = { id: string; filename: string; size: number } | null;

/**
 * Export options and the export itself. The server streams its progress (one JSON line per step)
 * and keeps the finished file for an hour; the browser then downloads it by id.
 */
export function ExportForm({ slug, choices }: { slug: string; choices: ExportChoices }) {
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [documents, setDocuments] = useState<string[]>(choices.documents.map((d) => d.id));
  const [categories, setCategories] = useState<string[]>(choices.categories.map((c) => c.id));
  const [layers, setLayers] = useState<'all' | 'annotators' | 'consensus'>('all');
  const [comments, setComments] = useState(true);
  const [memos, setMemos] = useState(true);
  const [progress, setProgress] = useState<Progress>(null);
  const [done, setDone] = useState<Done>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const codebookOnly = format === 'qdc';
  // Why Export cannot run yet, said beside the button rather than left to a greyed-out look.
  const blocked = codebookOnly
    ? null
    : choices.documents.length === 0
      ? 'This project has no articles yet: import some, then export.'
      : documents.length === 0
        ? 'Tick at least one article to export.'
        : choices.categories.length === 0
          ? 'The codebook has no categories yet: add them, then export.'
          : categories.length === 0
            ? 'Tick at least one category to export.'
            : null;
  // Start the download as soon as the link to a new file is on the page; it stays for another go.
  useEffect(() => {
    if (done) link.current?.click();
  }, [done]);

  const toggle = (list: string[], id: string, set: (v: string[]) => void) => set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  async function run() {
    setRunning(true);
    setError(null);
    setDone(null);
    setProgress({ stage: 'Starting', done: 0, total: 1 });
    try {
      const res = await fetch(`/api/projects/${slug}/exports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          format,
          documents: documents.length === choices.documents.length ? undefined : documents,
          categories: categories.length === choices.categories.length ? undefined : categories,
          layers,
          comments,
          memos,
        }),
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (${res.status}).`);
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (value) buffer += decoder.decode(value, { stream: true });
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = JSON.parse(buffer.slice(0, newline)) as { type: string; stage?: string; done?: number; total?: number; id?: string; filename?: string; size?: number; message?: string };
          buffer = buffer.slice(newline + 1);
          if (line.type === 'progress') setProgress({ stage: line.stage ?? '', done: line.done ?? 0, total: line.total ?? 1 });
          else if (line.type === 'error') throw new Error(line.message ?? 'The export failed.');
          else if (line.type === 'done' && line.id) {
            const file = { id: line.id, filename: line.filename ?? 'export', size: line.size ?? 0 };
            setDone(file);
          }
          newline = buffer.indexOf('\n');
        }
        if (finished) break;
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-6">
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-stone-900">Format</legend>
          {exportFormats.map((f) => (
            <label
              key={f}
              className={cn('flex cursor-pointer flex-col gap-1 rounded-xl border bg-white p-4 shadow-sm transition', format === f ? 'border-accent-500 ring-2 ring-accent-100' : 'border-stone-200 hover:border-stone-300')}
            >
              <span className="flex items-center gap-2 text-sm font-medium text-stone-900">
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} className="accent-accent-600" />
                {exportFormatLabels[f]}
              </span>
              <span className="text-xs leading-relaxed text-stone-600">{formatNotes(f)}</span>
            </label>
          ))}
        </fieldset>
        <div className={cn('grid gap-6 sm:grid-cols-2', codebookOnly && 'pointer-events-none opacity-50')} aria-disabled={codebookOnly}>
          <fieldset>
            <legend className="mb-2 text-sm font-semibold text-stone-900">
              Articles <span className="font-normal text-stone-500">({documents.length} of {choices.documents.length})</span>
            </legend>
            {choices.groups.length > 0 ? (
              // Choosing a group ticks its articles; the ticks stay editable afterwards.
              <label className="mb-2 flex items-center gap-2 text-xs font-medium text-stone-600">
                Group
                <select
                  aria-label="Choose the articles of a document group"
                  defaultValue=""
                  onChange={(e) => {
                    const group = choices.groups.find((g) => g.id === e.target.value);
                    setDocuments(group ? choices.documents.filter((d) => group.documentIds.includes(d.id)).map((d) => d.id) : choices.documents.map((d) => d.id));
                  }}
                  className="rounded-md border-0 bg-white py-1 pl-2 pr-8 text-sm shadow-sm ring-1 ring-inset ring-stone-300"
                >
                  <option value="">All articles</option>
                  {choices.groups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name} ({g.documentIds.length})
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <div className="max-h-64 space-y-1 overflow-y-auto rounded-lg border border-stone-200 bg-white p-2">
              {choices.documents.map((d) => (
                <label key={d.id} className="flex cursor-pointer items-start gap-2 rounded px-2 py-1 text-sm hover:bg-stone-50">
                  <input type="checkbox" checked={documents.includes(d.id)} onChange={() => toggle(documents, d.id, setDocuments)} className="mt-0.5 accent-accent-600" />
                  <span>
                    {displayTitle(d)}
                    <span className="block text-xs text-stone-500">{d.author ?? 'author unknown'}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="mb-2 text-sm font-semibold text-stone-900">
              Categories <span className="font-normal text-stone-500">({categories.length} of {choices.categories.length})</span>
            </legend>
            <div className="max-h-64 space-y-1 overflow-y-auto rounded-lg border border-stone-200 bg-white p-2">
              {choices.categories.map((c) => (
                <label key={c.id} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-stone-50">
                  <input type="checkbox" checked={categories.includes(c.id)} onChange={() => toggle(categories, c.id, setCategories)} className="accent-accent-600" />
                  <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: c.color }} />
                  {c.path}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="text-sm font-semibold text-stone-900">
            Layers
            <select value={layers} onChange={(e) => setLayers(e.target.value as typeof layers)} className={cn(selectClass, 'mt-2 block w-full font-normal')}>
              <option value="all">Everything you may see ({countOf(choices.annotators.length, 'annotator layer')}{choices.consensusCount > 0 ? ' and the consensus' : ''})</option>
              <option value="annotators">Annotators’ layers only</option>
              <option value="consensus" disabled={choices.consensusCount === 0}>
                The consensus layer only ({choices.consensusCount})
              </option>
            </select>
          </label>
          <div className="space-y-2 text-sm">
            <p className="font-semibold text-stone-900">Also include</p>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} className="accent-accent-600" /> Comment threads
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={memos} onChange={(e) => setMemos(e.target.checked)} className="accent-accent-600" /> Analysts’ memos
            </label>
          </div>
        </div>
      </div>
      <aside className="no-print space-y-4">
        <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
          <h3 className="text-sm font-semibold text-stone-900">{exportFormatLabels[format]}</h3>
          <p className="mt-1 text-xs text-stone-500">
            {codebookOnly ? countOf(choices.categories.length, 'category', 'categories') : `${countOf(documents.length, 'article')}, ${countOf(categories.length, 'category', 'categories')}`}. Blind coding applies: the file holds what you may see.
          </p>
          <button
            type="button"
            onClick={run}
            disabled={running || blocked !== null}
            aria-describedby={blocked ? 'export-blocked' : undefined}
            className={buttonClass('primary', 'mt-4 w-full')}
          >
            {running ? 'Exporting…' : 'Export'}
          </button>
          {blocked ? (
            <p id="export-blocked" className="mt-2 text-xs text-stone-600">
              {blocked}
            </p>
          ) : null}
          {progress ? (
            <div className="mt-4">
              <ProgressBar label="Export progress" stage={progress.stage} done={done ? progress.total : progress.done} total={progress.total} testId="export" />
            </div>
          ) : null}
          {done ? (
            <p className="mt-4 text-sm text-emerald-800" data-testid="export-done">
              Ready:{' '}
              <a ref={link} href={`/api/exports/${done.id}`} download={done.filename} className="font-medium text-accent-700 underline">
                {done.filename}
              </a>{' '}
              <span className="text-stone-500">({(done.size / 1024).toFixed(done.size > 102_400 ? 0 : 1)} KB; kept for an hour)</span>
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
              {error}
            </p>
          ) : null}
        </section>
      </aside>
    </div>
  );
}
