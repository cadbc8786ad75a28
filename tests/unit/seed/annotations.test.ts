import { describe, expect, it } from 'vitest';
import {
  demoAnnotatorEmails,
  locateSeedAnnotation,
  seedAnnotations,
  type SeedAnnotation,
} from '../../../prisma/seed-data/annotations';
import { seedArticles } from '../../../prisma/seed-data/articles';
import { blameTargetAttribute, seedCategories } from '../../../prisma/seed-data/codebook';

// Only the seed modules: no scraped corpus (/work/shared) and no database.

type Located = SeedAnnotation & { start: number; end: number };

const annotators = Object.keys(demoAnnotatorEmails) as SeedAnnotation['annotator'][];
const articleByName = new Map(seedArticles.map((article) => [article.sourceName, article]));
const categoryKeys = new Set(seedCategories.map((category) => category.key));
const blameValues = new Set(blameTargetAttribute.options.map((option) => option.value));

function label(a: SeedAnnotation): string {
  return `${a.annotator}/${a.sourceName}/${a.category}: "${a.quote.slice(0, 50)}"`;
}

function textOf(a: SeedAnnotation): string {
  const article = articleByName.get(a.sourceName);
  if (!article) throw new Error(`No seed article named ${a.sourceName}: ${label(a)}`);
  return article.text;
}

/** Character range of every block in the canonical text (blocks joined by "\n\n"). */
function blockRanges(sourceName: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let at = 0;
  for (const block of articleByName.get(sourceName)?.blocks ?? []) {
    ranges.push({ start: at, end: at + block.text.length });
    at += block.text.length + 2;
  }
  return ranges;
}

function countOccurrences(text: string, quote: string): number {
  let count = 0;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) count += 1;
  return count;
}

// Located lazily inside the tests, so a bad quote fails a test instead of the whole file.
function locateAll(): Located[] {
  return seedAnnotations.map((a) => ({ ...a, ...locateSeedAnnotation(textOf(a), a) }));
}

const overlaps = (x: Located, y: Located) => x.sourceName === y.sourceName && x.start < y.end && y.start < x.end;
const sameSpan = (x: Located, y: Located) => x.start === y.start && x.end === y.end;

/** Unordered pairs of annotations on the same article whose spans overlap. */
function overlappingPairs(located: Located[]): [Located, Located][] {
  const pairs: [Located, Located][] = [];
  located.forEach((x, i) => {
    for (const y of located.slice(i + 1)) if (overlaps(x, y)) pairs.push([x, y]);
  });
  return pairs;
}

describe('seed annotations: text anchoring', () => {
  it('has a few hundred annotations', () => {
    expect(seedAnnotations.length).toBeGreaterThanOrEqual(300);
    expect(seedAnnotations.length).toBeLessThanOrEqual(450);
  });

  it('finds every quote in its article (honouring occurrence)', () => {
    const problems: string[] = [];
    for (const a of seedAnnotations) {
      try {
        const { start, end } = locateSeedAnnotation(textOf(a), a);
        if (textOf(a).slice(start, end) !== a.quote) problems.push(`wrong range: ${label(a)}`);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    expect(problems).toEqual([]);
  });

  it('sets occurrence only for quotes that occur more than once', () => {
    const problems = seedAnnotations
      .filter((a) => a.occurrence !== undefined && countOccurrences(textOf(a), a.quote) < 2)
      .map(label);
    expect(problems).toEqual([]);
  });

  it('keeps every quote inside one block, without the paragraph separator', () => {
    const problems: string[] = [];
    for (const a of locateAll()) {
      if (a.quote.includes('\n')) problems.push(`contains a newline: ${label(a)}`);
      const inOneBlock = blockRanges(a.sourceName).some((block) => block.start <= a.start && a.end <= block.end);
      if (!inOneBlock) problems.push(`crosses a block boundary: ${label(a)}`);
    }
    expect(problems).toEqual([]);
  });

  it('starts and ends every quote at a word boundary, trimmed', () => {
    const wordChar = /[\p{L}\p{N}]/u;
    const problems: string[] = [];
    for (const a of locateAll()) {
      const text = textOf(a);
      if (a.quote !== a.quote.trim() || a.quote.length < 3) problems.push(`untrimmed or empty: ${label(a)}`);
      const charAt = (index: number) => text[index] ?? '';
      if (wordChar.test(charAt(a.start - 1)) && wordChar.test(charAt(a.start))) problems.push(`cuts a word at the start: ${label(a)}`);
      if (wordChar.test(charAt(a.end)) && wordChar.test(charAt(a.end - 1))) problems.push(`cuts a word at the end: ${label(a)}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('seed annotations: codebook', () => {
  it('uses only category keys and blame targets from the codebook', () => {
    const problems = seedAnnotations
      .filter((a) => !categoryKeys.has(a.category) || (a.blameTarget !== undefined && !blameValues.has(a.blameTarget)))
      .map(label);
    expect(problems).toEqual([]);
  });

  it('uses every category at least once', () => {
    const used = new Set(seedAnnotations.map((a) => a.category));
    expect([...categoryKeys].filter((key) => !used.has(key))).toEqual([]);
  });

  it('uses every blame target at least once', () => {
    const used = new Set(seedAnnotations.map((a) => a.blameTarget));
    expect([...blameValues].filter((value) => !used.has(value as SeedAnnotation['blameTarget']))).toEqual([]);
  });

  it('has no annotation repeated by the same analyst (same span and category)', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const a of locateAll()) {
      const key = `${a.annotator}|${a.sourceName}|${a.start}|${a.end}|${a.category}`;
      if (seen.has(key)) duplicates.push(label(a));
      seen.add(key);
    }
    expect(duplicates).toEqual([]);
  });
});

describe('seed annotations: three analysts', () => {
  it('has a demo e-mail for each analyst and only those analysts', () => {
    expect(annotators.sort()).toEqual(['ana', 'ben', 'cyd']);
    for (const email of Object.values(demoAnnotatorEmails)) expect(email).toMatch(/^[a-z]+@parallax\.example$/);
    expect(new Set(seedAnnotations.map((a) => a.annotator))).toEqual(new Set(annotators));
  });

  it('has every analyst annotate every article', () => {
    const missing: string[] = [];
    for (const article of seedArticles) {
      for (const annotator of annotators) {
        const count = seedAnnotations.filter((a) => a.annotator === annotator && a.sourceName === article.sourceName).length;
        if (count < 10) missing.push(`${annotator} has ${count} annotations on ${article.sourceName}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives each analyst a recognisable style', () => {
    const of = (annotator: SeedAnnotation['annotator']) => seedAnnotations.filter((a) => a.annotator === annotator);
    const meanLength = (list: SeedAnnotation[]) => list.reduce((sum, a) => sum + a.quote.length, 0) / list.length;
    const blameShare = (list: SeedAnnotation[]) => list.filter((a) => a.blameTarget).length / list.length;
    const [ana, ben, cyd] = [of('ana'), of('ben'), of('cyd')];
    // ana is the most thorough, ben the most selective; ben tags the shortest spans.
    expect(ana.length).toBeGreaterThan(cyd.length);
    expect(cyd.length).toBeGreaterThan(ben.length);
    expect(meanLength(ben)).toBeLessThan(meanLength(cyd));
    expect(meanLength(cyd)).toBeLessThan(meanLength(ana));
    // ana usually sets the blame target, ben less often.
    expect(blameShare(ana)).toBeGreaterThan(0.75);
    expect(blameShare(ben)).toBeLessThan(blameShare(cyd));
  });

  it('has at least 30 passages tagged by two or more analysts with overlapping but non-identical spans', () => {
    const located = locateAll();
    const crossPairs = overlappingPairs(located).filter(([x, y]) => x.annotator !== y.annotator);
    // A passage is a group of annotations linked by cross-analyst overlaps (union-find).
    const parent = new Map<Located, Located>(located.map((a) => [a, a]));
    const find = (a: Located): Located => {
      let root = a;
      while (parent.get(root) !== root) root = parent.get(root) as Located;
      return root;
    };
    for (const [x, y] of crossPairs) parent.set(find(x), find(y));
    const passages = new Map<Located, Located[]>();
    for (const a of located) {
      const root = find(a);
      passages.set(root, [...(passages.get(root) ?? []), a]);
    }
    const shared = [...passages.values()].filter(
      (members) =>
        new Set(members.map((a) => a.annotator)).size >= 2 &&
        members.some((x) => members.some((y) => x.annotator !== y.annotator && overlaps(x, y) && !sameSpan(x, y))),
    );
    expect(shared.length).toBeGreaterThanOrEqual(30);
    // Boundaries differ more often than they match exactly, as with real coders.
    const identical = crossPairs.filter(([x, y]) => sameSpan(x, y)).length;
    expect(crossPairs.length - identical).toBeGreaterThan(identical);
    // ...but some agreements are exact.
    expect(identical).toBeGreaterThan(0);
  });

  it('has at least 10 overlapping pairs between analysts with different categories', () => {
    const located = locateAll();
    // Not a disagreement when the analyst also tagged the other's category on an overlapping span
    // (ana's sentence tagged one way containing a clause she tagged the way ben did).
    const alsoTagged = (annotator: string, span: Located, category: string) =>
      located.some((z) => z.annotator === annotator && overlaps(z, span) && z.category === category);
    const disagreements = overlappingPairs(located).filter(
      ([x, y]) =>
        x.annotator !== y.annotator &&
        x.category !== y.category &&
        !alsoTagged(x.annotator, y, y.category) &&
        !alsoTagged(y.annotator, x, x.category),
    );
    expect(disagreements.length).toBeGreaterThanOrEqual(10);
    // Spread over the corpus rather than concentrated in one article.
    expect(new Set(disagreements.map(([x]) => x.sourceName)).size).toBe(seedArticles.length);
  });

  it('has analysts disagree on the blame target for the same passage', () => {
    const disagreements = overlappingPairs(locateAll()).filter(
      ([x, y]) =>
        x.annotator !== y.annotator &&
        x.category === y.category &&
        x.blameTarget !== undefined &&
        y.blameTarget !== undefined &&
        x.blameTarget !== y.blameTarget,
    );
    expect(disagreements.length).toBeGreaterThanOrEqual(5);
  });

  it('has passages that only one analyst tagged', () => {
    const located = locateAll();
    const solo = located.filter((x) => !located.some((y) => y.annotator !== x.annotator && overlaps(x, y)));
    expect(solo.length).toBeGreaterThanOrEqual(10);
    expect(new Set(solo.map((a) => a.annotator))).toEqual(new Set(annotators));
  });

  it('has nested and overlapping spans within one analyst, with different categories', () => {
    const ownPairs = overlappingPairs(locateAll()).filter(([x, y]) => x.annotator === y.annotator);
    const nested = ownPairs.filter(
      ([x, y]) => !sameSpan(x, y) && ((x.start <= y.start && y.end <= x.end) || (y.start <= x.start && x.end <= y.end)),
    );
    expect(nested.length).toBeGreaterThanOrEqual(5);
    expect(nested.filter(([x, y]) => x.category !== y.category).length).toBeGreaterThanOrEqual(5);
  });

  it('explains some judgements in short notes', () => {
    const notes = seedAnnotations.filter((a) => a.note !== undefined);
    expect(notes.length).toBeGreaterThanOrEqual(10);
    for (const a of notes) expect(a.note?.length, label(a)).toBeLessThanOrEqual(120);
    expect(new Set(notes.map((a) => a.annotator))).toEqual(new Set(annotators));
  });
});

describe('locateSeedAnnotation', () => {
  const base: SeedAnnotation = { annotator: 'ana', sourceName: 'x.txt', quote: 'cat', category: 'trust-deficit-history' };

  it('finds a unique quote', () => {
    expect(locateSeedAnnotation('the cat sat', base)).toEqual({ start: 4, end: 7 });
  });

  it('honours occurrence', () => {
    expect(locateSeedAnnotation('cat and cat', { ...base, occurrence: 1 })).toEqual({ start: 8, end: 11 });
    expect(locateSeedAnnotation('cat and cat', { ...base, occurrence: 0 })).toEqual({ start: 0, end: 3 });
  });

  it('throws, naming the annotation, when the quote is missing, ambiguous or lacks that occurrence', () => {
    expect(() => locateSeedAnnotation('a dog', base)).toThrow(/not found.*ana\/x\.txt\/trust-deficit-history.*"cat"/);
    expect(() => locateSeedAnnotation('cat and cat', base)).toThrow(/occurs 2 times; set occurrence/);
    expect(() => locateSeedAnnotation('cat and cat', { ...base, occurrence: 2 })).toThrow(/not at that occurrence/);
    expect(() => locateSeedAnnotation('cat', { ...base, occurrence: -1 })).toThrow(/not at that occurrence/);
  });
});
