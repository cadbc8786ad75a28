import { displayTitle } from '@/components/documents/format';
import { unionOf } from '@/lib/compare';
import { computeSegments } from '@/lib/editor/segments';
import type { CompareCategoryInfo, ParallelDocument } from '@/lib/data/compare';

/**
 * Two whole articles next to each other, each scrolling on its own, with their passages
 * highlighted: the focused factor tinted and underlined, other factors underlined only (one bar
 * per factor, so a passage argued under two factors shows both).
 */
export function ParallelText({ documents, categories, focus }: { documents: ParallelDocument[]; categories: CompareCategoryInfo[]; focus: string }) {
  const colorOf = new Map(categories.map((c) => [c.id, c.color]));
  const nameOf = new Map(categories.map((c) => [c.id, c.path]));
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="parallel-text">
      {documents.map((d) => {
        const categoryOf = new Map(d.spans.map((s) => [s.id, s.category]));
        const segments = computeSegments(d.spans);
        const focusChars = unionOf(d.spans.filter((s) => s.category === focus)).reduce((n, s) => n + s.end - s.start, 0);
        return (
          <section key={d.document.id} className="flex min-w-0 flex-col rounded-xl border border-stone-200 bg-white" aria-label={displayTitle(d.document)} data-testid="parallel-column">
            <header className="border-b border-stone-200 p-4">
              <h3 className="font-serif text-lg font-semibold leading-snug text-stone-900">{displayTitle(d.document)}</h3>
              <p className="mt-0.5 text-xs text-stone-500">
                {d.document.author ?? 'Author unknown'}
                {d.document.outlet ? ` · ${d.document.outlet}` : ''} · {d.spans.length} annotations · {focusChars > 0 ? `${Math.round((focusChars / Math.max(1, d.text.length)) * 100)} %` : 'none'} on the focused factor
              </p>
            </header>
            <div className="max-h-[75vh] overflow-y-auto px-5 py-4 font-serif text-[16px] leading-relaxed text-stone-800 print:max-h-none print:overflow-visible">
              {d.blocks.map((b) => {
                const inside = segments.filter((s) => s.start < b.end && s.end > b.start);
                const parts: React.ReactNode[] = [];
                let at = b.start;
                for (const s of inside) {
                  const start = Math.max(s.start, b.start);
                  const end = Math.min(s.end, b.end);
                  if (start > at) parts.push(d.text.slice(at, start));
                  const cats = [...new Set(s.ids.map((id) => categoryOf.get(id)!))];
                  const focused = cats.includes(focus);
                  const bars = cats.slice(0, 4).map((c, i) => `inset 0 -${2 + i * 3}px 0 ${colorOf.get(c) ?? '#a8a29e'}`);
                  parts.push(
                    <span
                      key={start}
                      title={cats.map((c) => nameOf.get(c)).join(' · ')}
                      style={{ background: focused ? `${colorOf.get(focus)}38` : undefined, boxShadow: bars.join(', '), paddingBottom: `${(cats.length - 1) * 3}px` }}
                      className={focused ? 'text-stone-950' : undefined}
                    >
                      {d.text.slice(start, end)}
                    </span>,
                  );
                  at = end;
                }
                if (at < b.end) parts.push(d.text.slice(at, b.end));
                return b.type === 'heading' ? (
                  <h4 key={b.start} className="mb-2 mt-5 font-sans text-base font-semibold text-stone-900">
                    {parts}
                  </h4>
                ) : (
                  <p key={b.start} className="mb-4">
                    {parts}
                  </p>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
