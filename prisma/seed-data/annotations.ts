import { readFileSync } from 'node:fs';
import { z } from 'zod';
// Demo annotations of the five seed articles by three analysts, so a fresh install can show
// agreement, disagreement and per-author comparisons before anyone has tagged anything.
//
// Each quote is a verbatim substring of the article's canonical text (its blocks joined by "\n\n")
// and stays inside one block. The three analysts were written to behave like real coders:
// - ana tags thoroughly, mostly whole sentences, and nearly always sets the blame target;
// - ben is selective, tags short clauses, sometimes reads a passage as a different (defensible)
//   category, and sets the blame target less often;
// - cyd sits in between: splits some of ana's sentences in two, merges a few, misses passages and
//   occasionally disagrees on who is to blame.
// The overlaps, disagreements and nested spans are therefore genuine, not generated:
// tests/unit/seed/annotations.test.ts measures them from this data.
//
// The data is annotations.json beside this file, one annotation per line, grouped by article and
// then by annotator; this module checks its shape when it is read, so a mistake in it fails with
// the line's annotation named rather than later in the seed.

const seedAnnotationSchema = z
  .object({
    annotator: z.enum(['ana', 'ben', 'cyd']),
    sourceName: z.string().min(1),
    quote: z.string().min(1),
    occurrence: z.number().int().min(0).optional(),
    category: z.string().min(1),
    blameTarget: z.enum(['afghan-taliban', 'pakistan', 'ttp', 'india', 'both-sides', 'structural']).optional(),
    note: z.string().optional(),
  })
  .strict();

export type SeedAnnotation = {
  annotator: 'ana' | 'ben' | 'cyd';
  /** `sourceName` of the seed article. */
  sourceName: string;
  /** Verbatim substring of that article's canonical text. */
  quote: string;
  /** 0-based; only when the quote occurs more than once in the text. */
  occurrence?: number;
  /** A category key from codebook.ts. */
  category: string;
  blameTarget?: 'afghan-taliban' | 'pakistan' | 'ttp' | 'india' | 'both-sides' | 'structural';
  note?: string;
};

export const demoAnnotatorEmails = {
  ana: 'ana@parallax.example',
  ben: 'ben@parallax.example',
  cyd: 'cyd@parallax.example',
} as const;

function describeAnnotation(a: SeedAnnotation): string {
  const quote = a.quote.length > 60 ? `${a.quote.slice(0, 57)}...` : a.quote;
  const occurrence = a.occurrence === undefined ? '' : ` (occurrence ${a.occurrence})`;
  return `${a.annotator}/${a.sourceName}/${a.category}: "${quote}"${occurrence}`;
}

/** Every start offset of `quote` in `text`, overlapping matches included. */
function occurrencesOf(text: string, quote: string): number[] {
  const found: number[] = [];
  if (quote.length === 0) return found;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

/**
 * Character range of the annotation's quote in `text` (the article's canonical text).
 * Without `occurrence` the quote must occur exactly once; with it, at least occurrence + 1 times.
 */
export function locateSeedAnnotation(text: string, a: SeedAnnotation): { start: number; end: number } {
  const found = occurrencesOf(text, a.quote);
  if (a.occurrence === undefined) {
    if (found.length !== 1) {
      throw new Error(
        found.length === 0
          ? `Seed annotation not found in its article: ${describeAnnotation(a)}`
          : `Seed annotation quote occurs ${found.length} times; set occurrence: ${describeAnnotation(a)}`,
      );
    }
  } else if (!Number.isInteger(a.occurrence) || a.occurrence < 0 || a.occurrence >= found.length) {
    throw new Error(`Seed annotation quote occurs ${found.length} time(s), not at that occurrence: ${describeAnnotation(a)}`);
  }
  const start = found[a.occurrence ?? 0];
  if (start === undefined) throw new Error(`Seed annotation not located: ${describeAnnotation(a)}`);
  return { start, end: start + a.quote.length };
}

export const seedAnnotations: SeedAnnotation[] = (JSON.parse(readFileSync(new URL('./annotations.json', import.meta.url), 'utf8')) as unknown[]).map((row, i) => {
  const parsed = seedAnnotationSchema.safeParse(row);
  if (!parsed.success) throw new Error(`prisma/seed-data/annotations.json, annotation ${i + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  return parsed.data;
});
