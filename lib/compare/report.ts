// Pure: everything the comparison views, the CLI and the reports show, from plain spans.
import { displayTitle } from '@/lib/corpus/titles';
import {
  attributeBreakdown,
  cooccurrence,
  framingMatrix,
  framingProfile,
  jensenShannonDistance,
  separatingFactors,
  type AttributeBreakdown,
  type CompareDocument,
  type CompareSpan,
  type Cooccurrence,
  type FramingMatrix,
  type SeparatingFactor,
} from './framing';

export type ComparisonInput = {
  documents: readonly (CompareDocument & { title: string | null; label?: string | null; sourceName: string | null; author: string | null })[];
  categories: readonly string[];
  spans: readonly CompareSpan[];
  /** The attribute whose values are broken down per author (the blame target), if any. */
  attributeKey: string | null;
};

/** An author: the articles signed with one name, or one unsigned article on its own. */
export type AuthorGroup = { key: string; label: string; known: boolean; documentIds: string[] };

export type Comparison = {
  matrix: FramingMatrix;
  authors: AuthorGroup[];
  profiles: Record<string, Record<string, number>>;
  attribute: { key: string; byAuthor: Record<string, AttributeBreakdown> } | null;
  cooccurrence: { paragraph: Cooccurrence; passage: Cooccurrence };
  /** Jensen–Shannon distance for every pair of authors (a before b in `authors` order). */
  distances: { a: string; b: string; distance: number; separating: SeparatingFactor[] }[];
};

/**
 * Authors in the order their first article appears. An article with no stated author is its own
 * group, labelled by its title: two unsigned articles are not assumed to share a writer.
 */
export function groupByAuthor(documents: ComparisonInput['documents']): AuthorGroup[] {
  const groups = new Map<string, AuthorGroup>();
  for (const d of documents) {
    const name = d.author?.trim();
    const key = name ? `author:${name.toLowerCase()}` : `document:${d.id}`;
    const label = name ? name : `${displayTitle(d)}, author unknown`;
    const group = groups.get(key) ?? { key, label, known: Boolean(name), documentIds: [] };
    group.documentIds.push(d.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function computeComparison(input: ComparisonInput): Comparison {
  const matrix = framingMatrix(input.documents, input.categories, input.spans);
  const authors = groupByAuthor(input.documents);
  const profiles = Object.fromEntries(authors.map((a) => [a.key, framingProfile(matrix, a.documentIds, input.categories)]));
  const distances: Comparison['distances'] = [];
  for (let i = 0; i < authors.length; i++) {
    for (let j = i + 1; j < authors.length; j++) {
      const a = authors[i]!;
      const b = authors[j]!;
      const p = input.categories.map((c) => profiles[a.key]![c]!);
      const q = input.categories.map((c) => profiles[b.key]![c]!);
      distances.push({ a: a.key, b: b.key, distance: jensenShannonDistance(p, q), separating: separatingFactors(profiles[a.key]!, profiles[b.key]!, input.categories) });
    }
  }
  return {
    matrix,
    authors,
    profiles,
    attribute: input.attributeKey
      ? { key: input.attributeKey, byAuthor: Object.fromEntries(authors.map((a) => [a.key, attributeBreakdown(input.spans, a.documentIds, input.attributeKey!)])) }
      : null,
    cooccurrence: {
      paragraph: cooccurrence(input.documents, input.categories, input.spans, 'paragraph'),
      passage: cooccurrence(input.documents, input.categories, input.spans, 'passage'),
    },
    distances,
  };
}
