// What an import will do, for the person who uploaded the file to read before anything is stored:
// what comes in, what was checked, and what does not come in and why. Every importer produces one
// beside its snapshot; the review page, the REST API and the CLI show the same object.

import { countOf } from '@/lib/format';

export type ImportFormatKind = 'qdpx' | 'w3c' | 'annotations' | 'qdc';

export type SummaryCheck = { ok: boolean; text: string };

/** How one source's passage positions were read (lib/export/qdpx-positions.ts). */
export type SourcePositions = {
  source: string;
  reading: string;
  /** "text" when the text decided, "origin" when readings tied and the tool's known one was taken. */
  decidedBy: 'text' | 'origin' | 'no-difference';
  passages: number;
  /** Passages whose own quote matched, or whose ends both fall on word boundaries. */
  verified: number;
  /** Passages that will come in as unplaced (orphaned), for the user to re-attach. */
  flagged: number;
  fits: boolean;
};

export type NotImported = { what: string; count: number; reason: string; examples?: string[] };

export type ImportSummary = {
  format: ImportFormatKind;
  /** The producing tool, as the file names it ("NVivo for Windows 12.6"), when it does. */
  origin: string | null;
  projectName: string;
  counts: {
    sources: number;
    categories: number;
    attributes: number;
    passages: number;
    notes: number;
    comments: number;
    memos: number;
    people: number;
    documentGroups: number;
    categoryGroups: number;
    /** Metadata values that come in as document fields (title, author, …). */
    variables: number;
  };
  /** Passages per coder, most first. */
  coders: { name: string; passages: number }[];
  checks: SummaryCheck[];
  positions: SourcePositions[];
  /** Passages that come in unplaced, with why (the first few hundred). */
  flagged: { source: string; passage: string; reason: string }[];
  notImported: NotImported[];
  warnings: string[];
};

export function emptySummary(format: ImportFormatKind, projectName: string, origin: string | null = null): ImportSummary {
  return {
    format,
    origin,
    projectName,
    counts: { sources: 0, categories: 0, attributes: 0, passages: 0, notes: 0, comments: 0, memos: 0, people: 0, documentGroups: 0, categoryGroups: 0, variables: 0 },
    coders: [],
    checks: [],
    positions: [],
    flagged: [],
    notImported: [],
    warnings: [],
  };
}

/** Collects "not imported" entries by kind and reason, keeping a few examples of each. */
export class NotImportedList {
  private readonly entries = new Map<string, NotImported>();

  add(what: string, reason: string, example?: string, count = 1): void {
    const key = `${what}\u0000${reason}`;
    const entry = this.entries.get(key) ?? { what, count: 0, reason, examples: [] };
    entry.count += count;
    if (example !== undefined && entry.examples!.length < 5) entry.examples!.push(example);
    this.entries.set(key, entry);
  }

  list(): NotImported[] {
    return [...this.entries.values()].map((e) => (e.examples!.length === 0 ? { what: e.what, count: e.count, reason: e.reason } : e));
  }
}

// countOf lives with the other formatting rules (lib/format.ts); importers take it from here too.
export { countOf };

/** The summary as plain text, for the CLI (the same facts as the review page, in the same order). */
export function formatSummaryText(summary: ImportSummary): string {
  const lines: string[] = [];
  const c = summary.counts;
  lines.push(`${summary.projectName}${summary.origin ? ` (written by ${summary.origin})` : ''}`);
  lines.push('What will come in:');
  const parts: [number, string, string][] = [
    [c.sources, 'article', 'articles'], [c.passages, 'passage', 'passages'], [c.categories, 'category', 'categories'], [c.attributes, 'attribute', 'attributes'],
    [c.notes, 'note', 'notes'], [c.comments, 'comment', 'comments'], [c.memos, 'memo', 'memos'], [c.people, 'person', 'people'],
    [c.documentGroups, 'document group', 'document groups'], [c.categoryGroups, 'category group', 'category groups'], [c.variables, 'metadata value', 'metadata values'],
  ];
  lines.push(`  ${parts.filter(([n], i) => n > 0 || i < 2).map(([n, one, many]) => countOf(n, one, many)).join(', ')}`);
  for (const coder of summary.coders) lines.push(`  ${coder.name}: ${countOf(coder.passages, 'passage')}`);
  if (summary.checks.length > 0 || summary.warnings.length > 0) {
    lines.push('What was checked:');
    for (const check of summary.checks) lines.push(`  ${check.ok ? '✓' : '!'} ${check.text}`);
    for (const warning of summary.warnings) lines.push(`  ! ${warning}`);
  }
  const sources = summary.positions.filter((p) => p.passages > 0);
  if (sources.length > 0) {
    lines.push('Passages per article (verified / unplaced, positions read as):');
    for (const p of sources) lines.push(`  ${p.source}: ${p.passages} (${p.verified} / ${p.flagged}), ${p.reading}`);
  }
  if (summary.flagged.length > 0) {
    lines.push(`Unplaced passages (${summary.flagged.length}${summary.flagged.length >= 300 ? '+' : ''}), to re-attach on their article:`);
    for (const f of summary.flagged.slice(0, 20)) lines.push(`  ${f.source}: “${f.passage}” — ${f.reason}`);
    if (summary.flagged.length > 20) lines.push(`  … and ${summary.flagged.length - 20} more`);
  }
  lines.push('What will not come in:');
  if (summary.notImported.length === 0) lines.push('  nothing');
  // "sources (1)", not "1 sources": the list's nouns are plural whatever the count.
  for (const n of summary.notImported) lines.push(`  ${n.what} (${n.count.toLocaleString('en')}): ${n.reason}${n.examples?.length ? ` (e.g. ${n.examples.join('; ')})` : ''}`);
  return lines.join('\n');
}
