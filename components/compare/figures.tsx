import Link from 'next/link';
import { countOf } from '@/lib/format';
import type { ReactNode } from 'react';
import { displayTitle, formatDay } from '@/components/documents/format';
import { Unknown } from '@/components/ui/states';
import type { AuthorGroup, Comparison } from '@/lib/compare';
import { noValue } from '@/lib/compare';
import { mixHex, shareHeat as shareColor } from '@/lib/colors';
import { formatShare as pct } from '@/lib/format';
import type { CompareAttributeInfo, CompareCategoryInfo, CompareDocumentInfo, Passage } from '@/lib/data/compare';

// The comparison views' figures: plain markup and CSS (server components), one colour scale per
// kind of number, and a legend or a one-line caption on every figure.

export { mixHex } from '@/lib/colors';
export { shareHeat as shareColor } from '@/lib/colors';
export { formatShare as pct } from '@/lib/format';

export function Card({ title, caption, children, className = '', actions }: { title: string; caption?: ReactNode; children: ReactNode; className?: string; actions?: ReactNode }) {
  return (
    <section className={`break-inside-avoid rounded-xl border border-stone-200 bg-white p-5 shadow-sm print:shadow-none ${className}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="text-sm font-semibold text-stone-900">{title}</h3>
          {caption ? <p className="mt-0.5 max-w-3xl text-xs text-stone-500">{caption}</p> : null}
        </div>
        {actions}
      </div>
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function ShareLegend({ max }: { max: number }) {
  return (
    <div className="flex items-center gap-2 text-xs text-stone-600">
      <span>0 %</span>
      <span className="h-3 w-40 rounded-sm" style={{ background: 'linear-gradient(90deg, #eef2ff, #312e81)' }} />
      <span>{pct(max)} of the article’s text</span>
    </div>
  );
}

/** Articles × factors: share of each article's characters arguing each factor, and passages. */
export function FramingMatrixTable({
  comparison,
  documents,
  categories,
  cellHref,
  active,
}: {
  comparison: Comparison;
  documents: CompareDocumentInfo[];
  categories: CompareCategoryInfo[];
  cellHref: (documentId: string, categoryId: string) => string;
  active?: { documentId: string; categoryId: string } | null;
}) {
  const max = Math.max(0, ...documents.flatMap((d) => categories.map((c) => comparison.matrix[d.id]?.[c.id]?.share ?? 0)));
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-1 text-sm" data-testid="framing-matrix">
          <thead>
            <tr className="text-xs text-stone-500">
              <th className="min-w-56 text-left font-medium">Article · author · outlet · date</th>
              {categories.map((c) => (
                <th key={c.id} className="min-w-16 align-bottom font-medium text-stone-600" title={c.path}>
                  <span className="mx-auto block h-2 w-2 rounded-full" style={{ background: c.color }} aria-hidden />
                  <span className="mt-1 line-clamp-3 block text-[11px] leading-tight">{c.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id}>
                <th scope="row" className="max-w-72 pr-2 text-left font-normal">
                  <span className="line-clamp-2 text-stone-900">{displayTitle(d)}</span>
                  <span className="mt-0.5 block text-xs text-stone-600">
                    {d.author ?? <Unknown />} · {d.outlet ?? <Unknown />} · {d.publishedOn ? formatDay(d.publishedOn) : <Unknown />}
                  </span>
                </th>
                {categories.map((c) => {
                  const cell = comparison.matrix[d.id]?.[c.id] ?? { share: 0, passages: 0, chars: 0, spans: 0 };
                  const isActive = active?.documentId === d.id && active.categoryId === c.id;
                  const label = `${displayTitle(d)} — ${c.path}: ${pct(cell.share)} of the text, ${cell.passages} passage${cell.passages === 1 ? '' : 's'}`;
                  return (
                    <td key={c.id} className="h-12">
                      <Link
                        href={cellHref(d.id, c.id)}
                        scroll={false}
                        title={label}
                        aria-label={label}
                        aria-current={isActive ? 'true' : undefined}
                        style={shareColor(cell.share, max)}
                        className={`flex h-full flex-col items-center justify-center rounded-md px-1 text-center tabular-nums transition hover:ring-2 hover:ring-accent-500 ${isActive ? 'ring-2 ring-amber-500' : ''}`}
                      >
                        <span className="text-sm font-medium">{cell.share > 0 ? pct(cell.share, cell.share < 0.1 ? 1 : 0) : '–'}</span>
                        {cell.passages > 0 ? <span className="text-[10px] opacity-80">{countOf(cell.passages, 'passage')}</span> : null}
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ShareLegend max={max} />
    </div>
  );
}

/** One passage with its sentence around it, the annotators behind it, their notes and attribute values. */
export function PassageCard({ passage, color, attributes, categoryName }: { passage: Passage; color: string; attributes: CompareAttributeInfo[]; categoryName?: string }) {
  const labelOf = (key: string, value: string) => {
    const a = attributes.find((x) => x.key === key);
    return `${a?.name ?? key}: ${a?.options.find((o) => o.value === value)?.label ?? value}`;
  };
  const values = [...new Set(passage.spans.flatMap((s) => Object.entries(s.attributes).map(([k, v]) => labelOf(k, v))))];
  const notes = passage.spans.filter((s) => s.note.trim() !== '');
  const who = [...new Set(passage.spans.map((s) => s.annotatorName))];
  return (
    <article className="break-inside-avoid rounded-lg border border-stone-200 bg-white p-3" data-testid="passage">
      <p className="font-serif text-[15px] leading-relaxed text-stone-500">
        {passage.before}
        <mark className="rounded-sm px-0.5 text-stone-900" style={{ background: `${color}33`, boxShadow: `inset 0 -2px 0 ${color}` }}>
          {passage.text}
        </mark>
        {passage.after}
      </p>
      <p className="mt-2 flex flex-wrap gap-1.5 text-xs text-stone-600">
        {categoryName ? <span className="font-medium text-stone-700">{categoryName}</span> : null}
        <span>{who.join(', ')}</span>
        {values.map((v) => (
          <span key={v} className="rounded bg-stone-100 px-1.5 py-0.5">
            {v}
          </span>
        ))}
      </p>
      {notes.length > 0 ? (
        <ul className="mt-1.5 space-y-0.5 text-xs italic text-stone-600">
          {notes.map((s) => (
            <li key={s.id}>
              {s.annotatorName}: “{s.note}”
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

/** Each author's framing as one 100 % bar split by factor, with the shares in words beside it. */
export function ProfileBars({ comparison, categories, authorLink }: { comparison: Comparison; categories: CompareCategoryInfo[]; authorLink: (author: AuthorGroup, categoryId: string) => string }) {
  return (
    <div className="space-y-3" data-testid="profiles">
      {comparison.authors.map((a) => {
        const profile = comparison.profiles[a.key]!;
        const top = categories.filter((c) => (profile[c.id] ?? 0) > 0).sort((x, y) => (profile[y.id] ?? 0) - (profile[x.id] ?? 0)).slice(0, 3);
        const empty = categories.every((c) => !Number.isFinite(profile[c.id]));
        return (
          <div key={a.key} className="grid grid-cols-[minmax(10rem,16rem)_1fr] items-center gap-4">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-stone-900" title={a.label}>
                {a.label}
              </p>
              <p className="truncate text-xs text-stone-500">{empty ? 'nothing tagged in this source' : `mostly ${top.map((c) => `${c.name} (${pct(profile[c.id]!, 0)})`).join(', ')}`}</p>
            </div>
            <div className="flex h-7 overflow-hidden rounded-md bg-stone-100" role="img" aria-label={`${a.label}: ${categories.map((c) => `${c.name} ${pct(profile[c.id] ?? 0, 0)}`).join(', ')}`}>
              {categories.map((c) => {
                const share = profile[c.id] ?? 0;
                if (!Number.isFinite(share) || share <= 0) return null;
                return (
                  <Link
                    key={c.id}
                    href={authorLink(a, c.id)}
                    title={`${a.label} — ${c.path}: ${pct(share)} of the tagged text`}
                    className="flex h-full items-center justify-center overflow-hidden text-[10px] font-medium text-white transition hover:brightness-110"
                    style={{ width: `${share * 100}%`, background: c.color }}
                  >
                    {share >= 0.08 ? pct(share, 0) : ''}
                  </Link>
                );
              })}
            </div>
          </div>
        );
      })}
      <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1 text-xs text-stone-600">
        {categories.map((c) => (
          <span key={c.id} className="flex items-center gap-1.5">
            <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ background: c.color }} />
            {c.name}
          </span>
        ))}
      </div>
    </div>
  );
}

const valuePalette = ['#b91c1c', '#1d4ed8', '#7c3aed', '#0f766e', '#c2410c', '#4d7c0f', '#be185d', '#0369a1'];

/** Blame (or any attribute) per author: stacked bars of the passages carrying each value. */
export function AttributeBars({ comparison, attribute, link }: { comparison: Comparison; attribute: CompareAttributeInfo; link: (author: AuthorGroup, value: string) => string }) {
  const byAuthor = comparison.attribute?.byAuthor ?? {};
  const colorOf = new Map(attribute.options.map((o, i) => [o.value, valuePalette[i % valuePalette.length]!]));
  const max = Math.max(1, ...comparison.authors.map((a) => Object.values(byAuthor[a.key] ?? {}).reduce((n, v) => n + v.passages, 0)));
  const values = [...attribute.options.map((o) => ({ value: o.value, label: o.label })), { value: noValue, label: `no ${attribute.name.toLowerCase()} set` }];
  return (
    <div className="space-y-2.5" data-testid="attribute-bars">
      {comparison.authors.map((a) => {
        const counts = byAuthor[a.key] ?? {};
        const total = Object.values(counts).reduce((n, v) => n + v.passages, 0);
        return (
          <div key={a.key} className="grid grid-cols-[minmax(10rem,16rem)_1fr_3rem] items-center gap-4">
            <p className="truncate text-sm text-stone-800" title={a.label}>
              {a.label}
            </p>
            <div className="flex h-6 overflow-hidden rounded-md bg-stone-50" style={{ width: `${(total / max) * 100}%`, minWidth: total > 0 ? '2px' : 0 }}>
              {values.map((v) => {
                const n = counts[v.value]?.passages ?? 0;
                if (n === 0) return null;
                const style = { width: `${(n / total) * 100}%`, background: v.value === noValue ? '#d6d3d1' : colorOf.get(v.value) };
                const title = `${a.label} — ${v.label}: ${n} passage${n === 1 ? '' : 's'}`;
                const className = 'flex h-full items-center justify-center text-[10px] font-medium text-white';
                // Passages without the attribute cannot be filtered for; the others open the matrix of that author's articles for that value.
                return v.value === noValue ? (
                  <span key={v.value} title={title} className={className} style={style}>
                    {n / total >= 0.12 ? n : ''}
                  </span>
                ) : (
                  <Link key={v.value} href={link(a, v.value)} title={`${title} — open them`} className={`${className} hover:brightness-110`} style={style}>
                    {n / total >= 0.12 ? n : ''}
                  </Link>
                );
              })}
            </div>
            <span className="text-right text-xs tabular-nums text-stone-500">{total}</span>
          </div>
        );
      })}
      <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1 text-xs text-stone-600">
        {values.map((v) => (
          <span key={v.value} className="flex items-center gap-1.5">
            <span aria-hidden className="h-2.5 w-2.5 rounded-sm" style={{ background: v.value === noValue ? '#d6d3d1' : colorOf.get(v.value) }} />
            {v.label}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Factors argued together: a symmetric heatmap; the diagonal is how often each factor appears at all. */
export function CooccurrenceMatrix({ comparison, categories, unit, link }: { comparison: Comparison; categories: CompareCategoryInfo[]; unit: 'paragraph' | 'passage'; link: (a: string, b: string) => string }) {
  const co = comparison.cooccurrence[unit];
  const max = Math.max(1, ...categories.flatMap((a) => categories.filter((b) => b.id !== a.id).map((b) => co.counts[a.id]?.[b.id] ?? 0)));
  return (
    <div className="overflow-x-auto">
      <table className="mt-4 mr-24 border-separate border-spacing-0.5 text-xs" data-testid="cooccurrence">
        <thead>
          <tr>
            <th />
            {categories.map((c) => (
              <th key={c.id} className="relative h-32 w-9 min-w-9 max-w-9 p-0 align-bottom font-normal text-stone-600">
                {/* Rotated and taken out of the flow, so a long name does not widen its column. */}
                <span className="absolute bottom-1 left-1/2 origin-bottom-left -rotate-[55deg] whitespace-nowrap text-[11px]" title={c.path}>
                  {c.name.length > 24 ? `${c.name.slice(0, 23)}…` : c.name}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((a) => (
            <tr key={a.id}>
              <th scope="row" className="whitespace-nowrap pr-2 text-right font-normal text-stone-700">
                <span className="mr-1.5 inline-block h-2 w-2 rounded-full align-middle" style={{ background: a.color }} aria-hidden />
                {a.name.length > 30 ? `${a.name.slice(0, 29)}…` : a.name}
              </th>
              {categories.map((b) => {
                const n = co.counts[a.id]?.[b.id] ?? 0;
                const diagonal = a.id === b.id;
                const style = diagonal ? { background: '#f5f5f4', color: '#57534e' } : n === 0 ? { background: '#fafaf9', color: '#d6d3d1' } : { background: mixHex('#fff7ed', '#c2410c', Math.sqrt(n / max)), color: Math.sqrt(n / max) > 0.6 ? '#fff' : '#7c2d12' };
                const title = diagonal ? `${a.name}: in ${n} ${unit}s` : `${a.name} with ${b.name}: ${n} ${unit}${n === 1 ? '' : 's'}`;
                return (
                  <td key={b.id} className="h-8 w-9 min-w-9 max-w-9 rounded p-0 text-center tabular-nums" style={style} title={title}>
                    {n > 0 ? (
                      <Link href={link(a.id, b.id)} aria-label={`${title} — open the matrix of these factors`} className="flex h-8 w-9 items-center justify-center rounded hover:ring-2 hover:ring-accent-500">
                        {n}
                      </Link>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
