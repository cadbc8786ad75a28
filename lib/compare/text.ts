// Pure: the comparison as plain text and as JSON-ready data, for the CLI (`parallax compare`) and
// the REST API. The same numbers as the views.
import { displayTitle as label } from '@/lib/corpus/titles';
import type { Comparison } from './report';

type Named = { id: string; name: string; path: string };
type Doc = { id: string; title: string | null; label?: string | null; sourceName: string | null; author: string | null; outlet: string | null; publishedOn: string | null; length: number };

export type ComparisonData = {
  project: { slug: string; name: string };
  selection: { layer: string; annotators: string[]; documents: string[]; categories: string[]; attr: string | null };
  documents: Doc[];
  categories: Named[];
  annotators: { id: string; name: string }[];
  comparison: Comparison;
};

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/c');
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));

export function sourceLabel(data: Pick<ComparisonData, 'selection' | 'annotators'>): string {
  const { layer } = data.selection;
  if (layer === 'consensus') return 'the consensus layer';
  if (layer === 'pooled') return `all annotators pooled (${data.selection.annotators.length})`;
  return `${data.annotators.find((a) => a.id === layer)?.name ?? layer}'s layer`;
}

export function formatComparisonText(data: ComparisonData): string[] {
  const docs = data.documents.filter((d) => data.selection.documents.includes(d.id));
  const cats = data.categories.filter((c) => data.selection.categories.includes(c.id));
  const { comparison } = data;
  const lines = [`Comparison in ${data.project.name} (${data.project.slug}), from ${sourceLabel(data)}${data.selection.attr ? `, only ${data.selection.attr}` : ''}`, ''];
  lines.push('Framing matrix: share of each article\'s text arguing each factor (passages)');
  for (const d of docs) {
    lines.push(`  ${label(d)} — ${d.author ?? 'author unknown'}`);
    for (const c of cats) {
      const cell = comparison.matrix[d.id]?.[c.id];
      if (cell && cell.passages > 0) lines.push(`    ${cut(c.path, 44)} ${pct(cell.share).padStart(7)}  (${cell.passages})`);
    }
  }
  lines.push('', 'Framing profiles: each author\'s tagged text by factor');
  for (const a of comparison.authors) {
    const profile = comparison.profiles[a.key]!;
    const top = cats.filter((c) => (profile[c.id] ?? 0) > 0).sort((x, y) => profile[y.id]! - profile[x.id]!);
    lines.push(`  ${a.label}: ${top.length === 0 ? 'nothing tagged' : top.map((c) => `${c.name} ${pct(profile[c.id]!)}`).join(', ')}`);
  }
  lines.push('', 'Jensen–Shannon distance between authors (0 = same framing, 1 = nothing in common)');
  const name = new Map(comparison.authors.map((a) => [a.key, a.label]));
  const catName = new Map(cats.map((c) => [c.id, c.name]));
  for (const p of [...comparison.distances].sort((x, y) => y.distance - x.distance)) {
    const top = p.separating[0];
    lines.push(`  ${Number.isFinite(p.distance) ? p.distance.toFixed(3) : 'n/c'}  ${name.get(p.a)} — ${name.get(p.b)}${top ? `  (most on ${catName.get(top.category)}: ${pct(top.a)} vs ${pct(top.b)})` : ''}`);
  }
  return lines;
}

/** JSON has no NaN: figures that cannot be computed become null. */
export function comparisonToJson(data: ComparisonData): unknown {
  const { project, selection, documents, categories, comparison } = data;
  return JSON.parse(
    JSON.stringify(
      {
        project,
        source: { ...selection, label: sourceLabel(data) },
        documents: documents.filter((d) => selection.documents.includes(d.id)),
        categories: categories.filter((c) => selection.categories.includes(c.id)).map((c) => ({ id: c.id, name: c.name, path: c.path })),
        matrix: comparison.matrix,
        authors: comparison.authors,
        profiles: comparison.profiles,
        attribute: comparison.attribute,
        cooccurrence: comparison.cooccurrence,
        distances: comparison.distances,
      },
      (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
    ),
  );
}
