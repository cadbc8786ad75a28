import type { ImportSummary } from '@/lib/export/import-summary';

const countLabels: [keyof ImportSummary['counts'], string, string][] = [
  ['sources', 'article', 'articles'],
  ['passages', 'passage', 'passages'],
  ['categories', 'category', 'categories'],
  ['attributes', 'attribute', 'attributes'],
  ['notes', 'note', 'notes'],
  ['comments', 'comment', 'comments'],
  ['memos', 'memo', 'memos'],
  ['people', 'person', 'people'],
  ['documentGroups', 'document group', 'document groups'],
  ['categoryGroups', 'category group', 'category groups'],
  ['variables', 'metadata value', 'metadata values'],
];

function Mark({ ok }: { ok: boolean }) {
  return ok ? (
    <span aria-label="passed" className="mt-0.5 inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full bg-emerald-100 text-[10px] font-bold text-emerald-700">
      ✓
    </span>
  ) : (
    <span aria-label="needs attention" className="mt-0.5 inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full bg-amber-100 text-[10px] font-bold text-amber-800">
      !
    </span>
  );
}

/** What an import will bring in, what was checked, and what will not come in: read before committing. */
export function ImportSummaryView({ summary, counts = 'will come in' }: { summary: ImportSummary; counts?: string }) {
  const shown = countLabels.filter(([key]) => summary.counts[key] > 0 || key === 'sources' || key === 'passages');
  const maxCoder = Math.max(1, ...summary.coders.map((c) => c.passages));
  return (
    <div className="space-y-6">
      <section aria-labelledby="summary-in">
        <h2 id="summary-in" className="text-sm font-semibold text-stone-900">
          What {counts}
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {shown.map(([key, one, many]) => (
            <div key={key} className="rounded-lg bg-stone-50 px-3 py-2 ring-1 ring-stone-200">
              <dt className="text-xs text-stone-500">{summary.counts[key] === 1 ? one : many}</dt>
              <dd className="text-lg font-semibold tabular-nums text-stone-900">{summary.counts[key].toLocaleString('en')}</dd>
            </div>
          ))}
        </dl>
        {summary.coders.length > 0 ? (
          <div className="mt-4">
            <h3 className="text-xs font-medium uppercase tracking-wide text-stone-500">Passages per coder</h3>
            <ul className="mt-2 space-y-1.5">
              {summary.coders.map((c) => (
                <li key={c.name} className="grid grid-cols-[minmax(8rem,14rem)_1fr_4rem] items-center gap-3 text-sm">
                  <span className="truncate text-stone-700" title={c.name}>
                    {c.name}
                  </span>
                  <span className="h-2 rounded-full bg-stone-100">
                    <span className="block h-2 rounded-full bg-accent-500" style={{ width: `${(c.passages / maxCoder) * 100}%` }} />
                  </span>
                  <span className="text-right tabular-nums text-stone-600">{c.passages.toLocaleString('en')}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {summary.checks.length > 0 || summary.warnings.length > 0 ? (
        <section aria-labelledby="summary-checks">
          <h2 id="summary-checks" className="text-sm font-semibold text-stone-900">
            What was checked
          </h2>
          <ul className="mt-2 space-y-1.5 text-sm text-stone-700">
            {summary.checks.map((c) => (
              <li key={c.text} className="flex gap-2">
                <Mark ok={c.ok} />
                <span>{c.text}</span>
              </li>
            ))}
            {summary.warnings.map((w) => (
              <li key={w} className="flex gap-2">
                <Mark ok={false} />
                <span>{w}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {summary.positions.some((p) => p.passages > 0) ? (
        <section aria-labelledby="summary-positions">
          <h2 id="summary-positions" className="text-sm font-semibold text-stone-900">
            Passages per article
          </h2>
          <div className="mt-2 overflow-x-auto rounded-lg ring-1 ring-stone-200">
            <table className="min-w-full text-sm">
              <thead className="bg-stone-50 text-left text-xs text-stone-500">
                <tr>
                  <th className="px-3 py-2 font-medium">Article</th>
                  <th className="px-3 py-2 text-right font-medium">Passages</th>
                  <th className="px-3 py-2 text-right font-medium">Verified</th>
                  <th className="px-3 py-2 text-right font-medium">Unplaced</th>
                  <th className="px-3 py-2 font-medium">Positions read as</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {summary.positions
                  .filter((p) => p.passages > 0)
                  .map((p, i) => (
                    <tr key={`${p.source}-${i}`} className={p.fits ? '' : 'bg-amber-50'}>
                      <td className="max-w-[16rem] truncate px-3 py-1.5 text-stone-800" title={p.source}>
                        {p.source}
                      </td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{p.passages.toLocaleString('en')}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{p.verified.toLocaleString('en')}</td>
                      <td className={`px-3 py-1.5 text-right tabular-nums ${p.flagged > 0 ? 'font-semibold text-amber-800' : ''}`}>{p.flagged.toLocaleString('en')}</td>
                      <td className="px-3 py-1.5 text-xs text-stone-600">
                        {p.reading}
                        {p.decidedBy === 'text' ? ' (decided by the text)' : p.decidedBy === 'origin' ? ' (as the producing tool counts)' : ''}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {summary.flagged.length > 0 ? (
        <details className="rounded-lg bg-amber-50 px-4 py-3 text-sm ring-1 ring-amber-200">
          <summary className="cursor-pointer font-medium text-amber-900">
            {summary.flagged.length.toLocaleString('en')} passage{summary.flagged.length === 1 ? '' : 's'} will come in unplaced, to be re-attached on their article
          </summary>
          <ul className="mt-2 space-y-1 text-amber-950">
            {summary.flagged.map((f, i) => (
              <li key={i}>
                <span className="font-medium">{f.source}</span>: “{f.passage}” — {f.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <section aria-labelledby="summary-out">
        <h2 id="summary-out" className="text-sm font-semibold text-stone-900">
          What will not come in
        </h2>
        {summary.notImported.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">Nothing: everything in the file has a place in Parallax.</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100 rounded-lg text-sm ring-1 ring-stone-200">
            {summary.notImported.map((n) => (
              <li key={`${n.what}-${n.reason}`} className="px-3 py-2">
                <span className="font-medium text-stone-900">{n.what.charAt(0).toUpperCase() + n.what.slice(1)}</span> <span className="tabular-nums text-stone-500">({n.count.toLocaleString('en')})</span>
                <span className="text-stone-600">: {n.reason}</span>
                {n.examples && n.examples.length > 0 ? <span className="block truncate text-xs text-stone-500">e.g. {n.examples.join('; ')}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
