import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatAgreement } from '@/lib/agreement/types';
import { alphaReadingLabels, alphaThresholds, readAlpha, type AgreementReport } from '@/lib/agreement/report';
import { displayTitle } from '@/components/documents/format';
import { agreementColor, annotatorColor, formatPercent } from './scale';

// The agreement page's figures. Server components: plain markup and CSS, no chart library. Every
// coloured cell is a link to the passages behind it (the disagreement explorer).

export type ExploreLink = (target: { document?: string; category?: string; annotators?: string[] }) => string;

export function exploreHref(slug: string, chosenAnnotators: readonly string[]): ExploreLink {
  return ({ document, category, annotators }) => {
    const q = new URLSearchParams();
    if (document) q.set('document', document);
    if (category) q.set('category', category);
    const who = annotators ?? chosenAnnotators;
    if (who.length > 0) q.set('annotators', who.join(','));
    return `/projects/${slug}/agreement/explore?${q.toString()}`;
  };
}

export function Card({ title, caption, children, className = '' }: { title: string; caption?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-xl border border-stone-200 bg-white p-5 shadow-sm ${className}`}>
      <h3 className="text-sm font-semibold text-stone-900">{title}</h3>
      {caption ? <p className="mt-0.5 text-xs text-stone-500">{caption}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

/** A coloured cell with the figure; a link to its passages. */
export function AlphaCell({ value, href, label, percent = false }: { value: number; href?: string; label: string; percent?: boolean }) {
  const text = percent ? formatPercent(value) : formatAgreement(value);
  const style = percent ? { background: '#fafaf9', color: '#44403c' } : agreementColor(value);
  const shown = Number.isFinite(value) ? text : 'n/c';
  const title = `${label}: ${text}${href ? ' — open the passages' : ''}`;
  const className = 'flex h-full min-h-9 items-center justify-center rounded-md px-2 text-sm font-medium tabular-nums';
  return href ? (
    <Link href={href} title={title} aria-label={title} style={style} className={`${className} transition hover:ring-2 hover:ring-accent-500 focus-visible:ring-2`}>
      {shown}
    </Link>
  ) : (
    <span title={title} style={style} className={className}>
      {shown}
    </span>
  );
}

export function Legend() {
  const swatch = (v: number) => <span className="inline-block h-3 w-5 rounded-sm align-middle" style={{ background: agreementColor(v).background }} />;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-stone-600">
      <span className="flex items-center gap-1.5">{swatch(0.3)} below {alphaThresholds.tentative}: unreliable</span>
      <span className="flex items-center gap-1.5">{swatch(0.72)} {alphaThresholds.tentative}–{alphaThresholds.reliable}: tentative</span>
      <span className="flex items-center gap-1.5">{swatch(0.92)} {alphaThresholds.reliable} and above: reliable</span>
      <span className="flex items-center gap-1.5">{swatch(Number.NaN)} n/c: not computable</span>
    </div>
  );
}

export function Headline({ report }: { report: AgreementReport }) {
  const value = report.unitized.overall;
  const reading = readAlpha(value);
  const spans = Object.values(report.spanCounts).reduce((n, byCat) => n + Object.values(byCat).reduce((a, b) => a + b, 0), 0);
  const chars = report.documents.reduce((n, d) => n + d.length, 0);
  return (
    <section className="flex flex-wrap items-center gap-6 rounded-xl border border-stone-200 bg-white p-5 shadow-sm" data-testid="agreement-headline">
      <div className="flex h-24 w-36 flex-col items-center justify-center rounded-lg" style={agreementColor(value)}>
        <span className="text-xs font-medium opacity-80">αu overall</span>
        <span className="text-3xl font-semibold tabular-nums">{formatAgreement(value)}</span>
      </div>
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-base font-medium text-stone-900">
          Krippendorff’s unitizing alpha: <span data-testid="agreement-reading">{alphaReadingLabels[reading]}</span>
        </p>
        <p className="text-sm text-stone-600">
          {report.coders.length} annotators ({report.coders.map((c) => c.name).join(', ')}) · {report.documents.length} document
          {report.documents.length === 1 ? '' : 's'} · {chars.toLocaleString('en')} characters · {spans.toLocaleString('en')} spans in{' '}
          {report.categories.length} categor{report.categories.length === 1 ? 'y' : 'ies'}
        </p>
        <p className="text-xs text-stone-500">
          1 is perfect agreement, 0 is what chance would give, below 0 is systematic disagreement. It compares where each annotator’s spans begin and end,
          not only whether they overlap.
        </p>
      </div>
    </section>
  );
}

/** Per-category αu as horizontal bars on a 0–1 axis with the two thresholds drawn in. */
export function CategoryBars({ report, link }: { report: AgreementReport; link: ExploreLink }) {
  const pct = (v: number) => `${Math.max(0, Math.min(1, v)) * 100}%`;
  return (
    <div className="space-y-1.5" data-testid="category-bars">
      {report.categories.map((c) => {
        const value = report.unitized.byCategory[c.id] ?? Number.NaN;
        const spans = report.coders.map((coder) => report.spanCounts[coder.id]?.[c.id] ?? 0);
        return (
          <Link
            key={c.id}
            href={link({ category: c.id })}
            className="group grid grid-cols-[minmax(10rem,19rem)_1fr_4.5rem] items-center gap-3 rounded-md px-1 py-0.5 hover:bg-stone-50"
            title={`${c.name}: αu ${formatAgreement(value)}; spans ${report.coders.map((coder, i) => `${coder.name} ${spans[i]}`).join(', ')}`}
          >
            <span className="flex min-w-0 items-center gap-2 text-sm text-stone-800">
              <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: c.color }} />
              <span className="truncate">{c.name}</span>
            </span>
            <span className="relative h-5 rounded bg-stone-100">
              {Number.isFinite(value) ? (
                <span className="absolute inset-y-0 left-0 rounded" style={{ width: pct(value), background: agreementColor(value).background }} />
              ) : (
                <span className="absolute inset-0 rounded" style={{ background: agreementColor(value).background }} />
              )}
              <span aria-hidden className="absolute inset-y-[-3px] w-px bg-amber-500" style={{ left: pct(alphaThresholds.tentative) }} />
              <span aria-hidden className="absolute inset-y-[-3px] w-px bg-emerald-600" style={{ left: pct(alphaThresholds.reliable) }} />
            </span>
            <span className="text-right text-sm font-medium tabular-nums text-stone-800 group-hover:text-accent-700">
              {Number.isFinite(value) ? formatAgreement(value) : 'n/c'}
            </span>
          </Link>
        );
      })}
      <div className="grid grid-cols-[minmax(10rem,19rem)_1fr_4.5rem] gap-3 px-1 pt-1 text-[11px] text-stone-500">
        <span />
        <span className="relative h-4">
          <span className="absolute left-0">0</span>
          <span className="absolute -translate-x-1/2 text-amber-700" style={{ left: pct(alphaThresholds.tentative) }}>
            {alphaThresholds.tentative}
          </span>
          <span className="absolute -translate-x-1/2 text-emerald-700" style={{ left: pct(alphaThresholds.reliable) }}>
            {alphaThresholds.reliable}
          </span>
          <span className="absolute right-0">1</span>
        </span>
        <span />
      </div>
    </div>
  );
}

/** Documents × categories, αu per cell. */
export function DocumentCategoryTable({ report, link, documents }: { report: AgreementReport; link: ExploreLink; documents: { id: string; title: string | null; label?: string | null; sourceName: string | null }[] }) {
  const titleOf = (id: string) => displayTitle(documents.find((d) => d.id === id) ?? { title: null });
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-separate border-spacing-1 text-sm" data-testid="document-category-table">
        <thead>
          <tr>
            <th className="w-56 text-left text-xs font-medium text-stone-500">Document</th>
            <th className="min-w-16 text-center text-xs font-medium text-stone-500">All</th>
            {report.categories.map((c) => (
              <th key={c.id} className="min-w-16 align-bottom text-xs font-medium text-stone-600" title={c.name}>
                <span className="mx-auto block h-2 w-2 rounded-full" style={{ background: c.color }} aria-hidden />
                <span className="mt-1 line-clamp-2 block max-w-24 text-[11px] leading-tight">{c.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.documents.map((d) => {
            const row = report.unitized.byDocument[d.id];
            return (
              <tr key={d.id}>
                <th scope="row" className="max-w-56 truncate pr-2 text-left font-normal text-stone-800" title={titleOf(d.id)}>
                  {titleOf(d.id)}
                </th>
                <td className="h-9">
                  <AlphaCell value={row?.overall ?? Number.NaN} label={`${titleOf(d.id)}, all categories`} href={link({ document: d.id })} />
                </td>
                {report.categories.map((c) => (
                  <td key={c.id} className="h-9">
                    <AlphaCell value={row?.byCategory[c.id] ?? Number.NaN} label={`${titleOf(d.id)}, ${c.name}`} href={link({ document: d.id, category: c.id })} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Annotator × annotator matrix: one figure per pair, by the chosen category or overall. */
export function PairMatrix({
  report,
  value,
  link,
  percent = false,
  label,
}: {
  report: AgreementReport;
  value: (a: string, b: string) => number;
  link?: (a: string, b: string) => string;
  percent?: boolean;
  label: string;
}) {
  const coders = report.coders;
  return (
    <table className="border-separate border-spacing-1 text-sm" data-testid="pair-matrix">
      <thead>
        <tr>
          <th />
          {coders.map((c, i) => (
            <th key={c.id} className="min-w-20 px-1 text-xs font-medium text-stone-700">
              <span className="mr-1 inline-block h-2 w-2 rounded-full" style={{ background: annotatorColor(i) }} aria-hidden />
              {c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {coders.map((row, i) => (
          <tr key={row.id}>
            <th scope="row" className="pr-2 text-right text-xs font-medium text-stone-700">
              <span className="mr-1 inline-block h-2 w-2 rounded-full" style={{ background: annotatorColor(i) }} aria-hidden />
              {row.name}
            </th>
            {coders.map((col) =>
              col.id === row.id ? (
                <td key={col.id} className="h-10 rounded-md bg-stone-50 text-center text-xs text-stone-400">
                  —
                </td>
              ) : (
                <td key={col.id} className="h-10 min-w-20">
                  <AlphaCell value={value(row.id, col.id)} percent={percent} label={`${label}, ${row.name} and ${col.name}`} href={link?.(row.id, col.id)} />
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Guidance() {
  return (
    <section className="rounded-xl border border-stone-200 bg-stone-50/70 p-5 text-sm text-stone-700" data-testid="agreement-guidance" aria-label="Reading the numbers">
      <h3 className="font-semibold text-stone-900">Reading the numbers</h3>
      <ul className="mt-2 list-disc space-y-1.5 pl-5">
        <li>
          Krippendorff (2004, p. 241) advises relying on data with α ≥ <strong>0.8</strong>, and drawing only tentative conclusions from 0.667 ≤ α &lt; 0.8.
          Below 0.667, the coding is not reliable enough to conclude from.
        </li>
        <li>
          <strong>Unitizing α (αu)</strong> compares the spans themselves: two annotators who tag the same sentence, but one of them half of it, agree only in
          part. Use it to judge how well the codebook tells annotators <em>where</em> a factor is argued. One annotator’s passages of one category that
          touch (one ends where the next begins) count as separate passages, as in Krippendorff’s definition; ones that overlap are first merged into one
          passage, since the measure, like DKPro Agreement, needs an annotator’s passages of a category not to overlap.
        </li>
        <li>
          <strong>Sentence units</strong> ask only whether each sentence argues a factor. They forgive boundary differences, so they run higher; Cohen’s κ
          (pairs) and Fleiss’ κ (all) are the figures many readers know, percentage agreement the one that ignores chance.
        </li>
        <li>“Not computable” means the data cannot give a figure (for example nobody used the category, or everyone marked everything): it is not a zero.</li>
      </ul>
    </section>
  );
}
