// W3C Web Annotation files made by other tools (Recogito, Hypothesis, anything that follows the
// model), placed on articles the project already holds. Unlike Parallax's own export (w3c.ts),
// such files carry no texts: each annotation names its passage only by selectors, so it is looked
// for in the project's articles. Pure: the caller passes the articles and stores the result.
//
// Accepted shapes: a bare array of annotations (Recogito's export), one Annotation, an
// AnnotationPage (`items`), an AnnotationCollection with its pages embedded (`first`, and
// `@included` as Parallax writes), Hypothesis's API search response (`rows`, `replies`), its
// client's JSON export (`annotations` with `export_date`), and one Hypothesis annotation. A
// Hypothesis annotation's `target[].selector[]` is W3C's; its `uri` and `document.title` name the
// page, `tags` are tags, `text` is the note, `user` the creator, `references` mark a reply.
//
// Which article: a target's `source` (Hypothesis: the target's source, else `uri`) that equals an
// article's sourceUrl, compared without fragment, trailing slash or the http/https difference;
// else the title the file gives, compared loosely; else every article.
//
// Where, for each target, in order:
//   1. position: the TextPositionSelector holds the TextQuoteSelector's exact text (compared after
//      normalising, below) in exactly one candidate article → 'position'. The model counts code
//      points (code-points.ts); Hypothesis counts UTF-16 code units, so those are tried as well.
//      A target with only a TextPositionSelector is placed by it only when its source or title
//      picked exactly one article: offsets alone cannot say which article they count in.
//   2. quote: the exact text, found anywhere in the candidates → 'quote'. Several occurrences are
//      ranked by how much of the stored prefix and suffix agree; a tie within one article goes to
//      the occurrence nearest the TextPositionSelector. Anything still tied is not guessed.
//   3. quote-fuzzy: no exact occurrence, so the closest approximate match (Levenshtein distance,
//      ../anchoring/fuzzy.ts) with at least `minFuzzySimilarity`, when no other match is as close.
// A TextPositionSelector that refines another selector (a FragmentSelector, say) counts inside
// that fragment, which Parallax cannot resolve, so only a refining TextQuoteSelector is used.
//
// Normalising for comparison: NFC, typographic quotes and dashes as their ASCII forms, "…" as
// "...", soft hyphens and zero-width characters dropped, every run of whitespace one space, and
// the quote's own leading and trailing whitespace left out of the passage. Each normalised
// character remembers which stretch of the article it came from, so what is reported (offsets,
// quote, prefix, suffix) is always the article's own text, in UTF-16 offsets as everywhere.
//
// Nothing is half-imported: an annotation with several targets is placed only if all of them are,
// and one whose selectors or bodies cannot be read is listed as unmatched with the reason, never
// placed without them. Replies are not placed (Parallax keeps comments only from its own export);
// `notes` says how many there were and what else was left aside. A file that is not one of the
// shapes above, or a collection whose pages are not all in the file, is an ImportError: the caller
// then stores nothing.
//
// A file is user input and is read in a worker thread that other imports wait for, so its cost is
// bounded: at most maxForeignAnnotations annotations and maxForeignTargets targets each (more is an
// ImportError or an unmatched entry), and the searches have a budget per target and per file; a
// quote the budget cannot settle is listed as unmatched with that reason, never guessed.
import { z } from 'zod';
import { findApproximateMatches } from '@/lib/anchoring/fuzzy';
import { mergeRegions } from '@/lib/anchoring/reanchor';
import { describeSpan, isInsideSurrogatePair, quoteForMessage } from '@/lib/anchoring/selectors';
import { findAllIndexedBounded, indexText, indexedLength, type TextIndex } from '@/lib/anchoring/text-index';
import { CodePointIndex } from './code-points';
import { ImportError, importErrorFromIssues } from './errors';

export type ForeignArticle = { id: string; title: string | null; sourceUrl: string | null; text: string };

export type ForeignCreator = { id?: string; name?: string };

/** How a passage was found: its TextPositionSelector, its exact quote, or an approximate quote. */
export type ForeignPlacementMethod = 'position' | 'quote' | 'quote-fuzzy';

export type ForeignPlacement = {
  /** The annotation's position in the file, from 0 (messages count from 1: "annotation 3" is index 2). */
  index: number;
  /** The annotation's id in the file, when it has one. */
  sourceId: string | null;
  articleId: string;
  /** UTF-16 offsets into the article's text, end exclusive. */
  start: number;
  end: number;
  /** The article's own text at start–end, and up to 32 characters around it, as Parallax stores them. */
  quote: string;
  prefix: string;
  suffix: string;
  how: ForeignPlacementMethod;
  tags: string[];
  /** The annotation's comments, several joined with a blank line. */
  note: string;
  creator: ForeignCreator | null;
  created?: string;
  modified?: string;
};

export type ForeignUnmatched = {
  index: number;
  sourceId: string | null;
  /** A sentence for the person importing, e.g. "annotation 3: target has no selector: …". */
  reason: string;
  /** The exact text the annotation quotes, when it has one. */
  quote?: string;
};

export type ForeignReading = {
  /** What the file was read as, e.g. "Recogito (array)", "Hypothesis (API search)", "AnnotationCollection". */
  format: string;
  /** Annotations in the file, replies included. */
  total: number;
  placements: ForeignPlacement[];
  unmatched: ForeignUnmatched[];
  /** What was left aside and why, e.g. "4 replies: Parallax imports replies as comments only on Parallax exports". */
  notes: string[];
  /** The distinct creators of the placed annotations, to choose a person or name a new annotator. */
  creators: (ForeignCreator & { placements: number })[];
};

/** Below this similarity an approximate match is not taken (1 − distance / longer length). */
export const minFuzzySimilarity = 0.9;
/** Shorter quotes are matched exactly or not at all: approximately, they match almost anywhere. */
export const minFuzzyQuoteLength = 10;
/**
 * Longer quotes are matched exactly or not at all: the approximate search costs the quote's length
 * times the stretch of text searched, and a quote this long that is not in the text word for word
 * is rarely the same passage.
 */
export const maxFuzzyQuoteLength = 10_000;
/**
 * The approximate search's work (quote length × characters searched) for one target and for the
 * whole file, so that a hostile file (a long quote over a repetitive text, thousands of times)
 * ends in seconds with its annotations listed as not placed, instead of holding a worker for hours.
 */
export const maxFuzzyCellsPerTarget = 100_000_000;
export const maxFuzzyCellsPerFile = 1_000_000_000;
/** A file holds at most this many annotations, and an annotation at most this many targets. */
export const maxForeignAnnotations = 100_000;
export const maxForeignTargets = 1_000;
const maxSeedHits = 256;
/** How many more characters of prefix/suffix one occurrence must match than the next for the context to decide. */
const minContextLead = 4;
const tagPurposes = new Set(['tagging', 'classifying', 'identifying']);
const markupSelectors = new Set(['RangeSelector', 'FragmentSelector', 'XPathSelector', 'CssSelector']);

// ─── Input shapes ────────────────────────────────────────────────────────────────────────────

const stringOrList = z.union([z.string(), z.array(z.string())]);
const required = z.custom<unknown>((value) => value !== undefined, { message: 'required' });
const agentSchema = z.union([
  z.string(),
  z.looseObject({ id: z.string().optional(), name: z.string().optional(), nickname: z.string().optional() }),
]);
const w3cAnnotationSchema = z.looseObject({
  id: z.string().optional(),
  type: stringOrList.optional(),
  motivation: stringOrList.optional(),
  creator: z.union([agentSchema, z.array(agentSchema)]).optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
  body: z.unknown().optional(),
  bodyValue: z.string().optional(),
  target: required,
});
const hypothesisAnnotationSchema = z.looseObject({
  id: z.string().optional(),
  uri: z.string().optional(),
  text: z.string().nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  user: z.string().optional(),
  user_info: z.looseObject({ display_name: z.string().nullable().optional() }).nullable().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  references: z.array(z.string()).optional(),
  document: z.looseObject({ title: stringOrList.optional() }).nullable().optional(),
  target: z.array(z.unknown()),
});
const resourceSchema = z.union([
  z.string(),
  z.looseObject({ id: z.string().optional(), label: z.string().optional(), title: z.string().optional() }),
]);
const quoteSelectorSchema = z.looseObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
const positionSelectorSchema = z
  .looseObject({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end >= s.start, { message: 'end is before start', path: ['end'] });
const textualBodySchema = z.looseObject({
  value: z.string(),
  purpose: stringOrList.optional(),
  format: z.string().optional(),
});
const vocabularyBodySchema = z.looseObject({ purpose: stringOrList.optional(), source: resourceSchema.optional(), label: z.string().optional() });
const pageSchema = z.looseObject({ items: z.array(z.unknown()), startIndex: z.number().int().nonnegative().optional(), next: z.unknown().optional() });
const collectionSchema = z.looseObject({
  total: z.number().int().nonnegative().optional(),
  first: z.unknown().optional(),
  '@included': z.array(z.unknown()).optional(),
});

type Flavour = 'w3c' | 'hypothesis';
type RawItem = { raw: unknown; flavour: Flavour };
type Quote = { exact: string; prefix: string; suffix: string };
type Position = { start: number; end: number };

/** A target that names a passage by text selectors. */
type TextTarget = {
  kind: 'text';
  label: string;
  source: string | null;
  title: string | null;
  quote: Quote | null;
  position: Position | null;
  /** Types of the selectors that were not used (RangeSelector, FragmentSelector, …). */
  otherSelectors: string[];
  /** The selector a refining TextPositionSelector refined, when that was the only position. */
  refinedPositionOf: string | null;
};
type ResourceTarget = { kind: 'resource'; label: string; iri: string | null };
type Target = TextTarget | ResourceTarget;

type ReadAnnotation = {
  index: number;
  sourceId: string | null;
  where: string;
  isReply: boolean;
  motivations: string[];
  targets: Target[];
  tags: string[];
  noteParts: string[];
  linkedBodies: number;
  htmlBodies: number;
  creator: ForeignCreator | null;
  created?: string;
  modified?: string;
  /** The file's title for the page, when it gives one (Hypothesis document.title). */
  title: string | null;
};

class Unreadable extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function typesOf(value: unknown): string[] {
  if (!isRecord(value)) return [];
  const type = value.type;
  return typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

function hasType(value: unknown, type: string): boolean {
  return typesOf(value).includes(type);
}

function looksLikeHypothesis(value: unknown): boolean {
  if (!isRecord(value) || '@context' in value || 'type' in value) return false;
  return Array.isArray(value.target) && ('uri' in value || 'user' in value || 'references' in value || 'document' in value);
}

function looksLikeRecogito(items: unknown[]): boolean {
  // RecogitoJS writes ids as "#<uuid>"; @recogito/text-annotator gives each target an `annotation` back-reference.
  return items.some(
    (item) =>
      isRecord(item) &&
      ((typeof item.id === 'string' && item.id.startsWith('#')) || asArray(item.target).some((t) => isRecord(t) && 'annotation' in t)),
  );
}

// ─── Containers ──────────────────────────────────────────────────────────────────────────────

type Container = { format: string; items: RawItem[]; notes: string[]; isParallax: boolean };

function readContainer(input: unknown): Container {
  if (Array.isArray(input)) {
    if (input.length === 0) throw new ImportError('the file is an empty list: it holds no annotations');
    const items = input.map((raw): RawItem => ({ raw, flavour: looksLikeHypothesis(raw) ? 'hypothesis' : 'w3c' }));
    const format = items.every((i) => i.flavour === 'hypothesis')
      ? 'Hypothesis (array)'
      : looksLikeRecogito(input)
        ? 'Recogito (array)'
        : 'array of annotations';
    return { format, items, notes: [], isParallax: false };
  }
  if (!isRecord(input)) {
    throw new ImportError(`the file is ${input === null ? 'null' : `a JSON ${typeof input}`}, not an annotation, a list of annotations, a page or a collection`);
  }
  const w3c = (raw: unknown): RawItem => ({ raw, flavour: 'w3c' });
  if (hasType(input, 'Annotation')) return { format: 'Annotation', items: [w3c(input)], notes: [], isParallax: false };
  if (hasType(input, 'AnnotationPage')) {
    const page = readPage(input, 'the page');
    const notes = page.next ? [`the file is one page of a collection: its next page (${page.next}) is not in the file, so only this page's ${page.items.length} annotations are read`] : [];
    if (page.items.length === 0) throw new ImportError('the page holds no annotations');
    return { format: 'AnnotationPage', items: page.items.map(w3c), notes, isParallax: false };
  }
  if (hasType(input, 'AnnotationCollection')) {
    const isParallax = 'parallax:documents' in input;
    return { format: isParallax ? 'Parallax (AnnotationCollection)' : 'AnnotationCollection', items: readCollection(input).map(w3c), notes: [], isParallax };
  }
  const hypothesis = (raw: unknown): RawItem => ({ raw, flavour: 'hypothesis' });
  if (Array.isArray(input.rows)) {
    // /api/search: `rows`, and with _separate_replies=true the replies apart in `replies`.
    const items = [...input.rows, ...asArray(input.replies)];
    if (items.length === 0) throw new ImportError('the Hypothesis search result holds no annotations (rows is empty)');
    return { format: 'Hypothesis (API search)', items: items.map(hypothesis), notes: [], isParallax: false };
  }
  if (Array.isArray(input.annotations) && ('export_date' in input || 'client_version' in input)) {
    if (input.annotations.length === 0) throw new ImportError('the Hypothesis export holds no annotations');
    return { format: 'Hypothesis (JSON export)', items: input.annotations.map(hypothesis), notes: [], isParallax: false };
  }
  if (looksLikeHypothesis(input)) return { format: 'Hypothesis (annotation)', items: [hypothesis(input)], notes: [], isParallax: false };
  const type = typesOf(input)[0];
  throw new ImportError(
    `the file is ${type ? `a ${type}` : 'an object without a type'}, not a W3C Annotation, AnnotationPage, AnnotationCollection or list of annotations, nor a Hypothesis export (rows or annotations)`,
  );
}

function readPage(raw: unknown, where: string): { items: unknown[]; startIndex?: number; next?: string } {
  const page = pageSchema.safeParse(raw);
  if (!page.success) throw importErrorFromIssues(where, page.error.issues, raw);
  const next = page.data.next;
  return {
    items: page.data.items,
    ...(page.data.startIndex !== undefined ? { startIndex: page.data.startIndex } : {}),
    ...(typeof next === 'string' ? { next } : isRecord(next) && typeof next.id === 'string' ? { next: next.id } : {}),
  };
}

function readCollection(input: Record<string, unknown>): unknown[] {
  const parsed = collectionSchema.safeParse(input);
  if (!parsed.success) throw importErrorFromIssues('the collection', parsed.error.issues, input);
  const { total, first } = parsed.data;
  const rawPages = [...(isRecord(first) ? [first] : []), ...(parsed.data['@included'] ?? []).filter((p) => hasType(p, 'AnnotationPage'))];
  if (rawPages.length === 0) {
    if (typeof first === 'string') {
      throw new ImportError(
        `the collection's pages are not in the file (its first page is only linked: ${first}); import a file that embeds them, or each page on its own`,
      );
    }
    throw new ImportError('the collection holds no annotations');
  }
  const pages = rawPages.map((raw, i) => readPage(raw, `page ${i + 1}`));
  pages.sort((a, b) => (a.startIndex ?? 0) - (b.startIndex ?? 0));
  const items = pages.flatMap((p) => p.items);
  if (total !== undefined && items.length < total) {
    // Reading the embedded pages alone would import part of the collection without saying which part.
    throw new ImportError(
      `the collection holds ${total} annotations but the file embeds only ${items.length} of them: its other pages are only linked; import a file that embeds them all`,
    );
  }
  if (items.length === 0) throw new ImportError('the collection holds no annotations');
  return items;
}

// ─── Annotations ─────────────────────────────────────────────────────────────────────────────

function problem(where: string, issues: readonly { path: PropertyKey[]; message: string }[], input: unknown): Unreadable {
  return new Unreadable(importErrorFromIssues(where, issues, input).message);
}

function numbered(name: string, i: number, count: number): string {
  return count > 1 ? `${name} ${i + 1}` : name;
}

function readCreator(value: unknown): ForeignCreator | null {
  const agent = asArray(value)[0];
  if (typeof agent === 'string') return agent === '' ? null : { id: agent };
  if (!isRecord(agent)) return null;
  const creator: ForeignCreator = {};
  if (typeof agent.id === 'string' && agent.id !== '') creator.id = agent.id;
  const name = typeof agent.name === 'string' && agent.name !== '' ? agent.name : typeof agent.nickname === 'string' && agent.nickname !== '' ? agent.nickname : undefined;
  if (name !== undefined) creator.name = name;
  return creator.id === undefined && creator.name === undefined ? null : creator;
}

function readHypothesisCreator(user: string | undefined, displayName: string | null | undefined): ForeignCreator | null {
  const creator: ForeignCreator = {};
  if (user) creator.id = user;
  // "acct:mark@localhost" → "mark" when the profile gives no display name.
  const name = displayName || (user ? /^acct:([^@]+)@/.exec(user)?.[1] : undefined);
  if (name) creator.name = name;
  return creator.id === undefined && creator.name === undefined ? null : creator;
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|blockquote)>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
      const lower = entity.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[lower] ?? '';
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type Bodies = { tags: string[]; noteParts: string[]; linkedBodies: number; htmlBodies: number };

function readBodies(body: unknown, bodyValue: string | undefined, motivations: string[], where: string): Bodies {
  const out: Bodies = { tags: [], noteParts: [], linkedBodies: 0, htmlBodies: 0 };
  if (bodyValue !== undefined && bodyValue.trim() !== '') out.noteParts.push(bodyValue.trim());
  // The annotation's motivation stands for the purpose of bodies that give none (model §3.3.5).
  const defaultPurpose = motivations.length === 1 ? motivations[0] : undefined;
  const bodies = asArray(body);
  bodies.forEach((raw, i) => {
    const here = `${where}: ${numbered('body', i, bodies.length)}`;
    const item = hasType(raw, 'Choice') && isRecord(raw) ? asArray(raw.items)[0] : raw;
    if (typeof item === 'string') {
      out.noteParts.push(item);
      out.linkedBodies++;
      return;
    }
    if (!isRecord(item)) throw new Unreadable(`${here} is neither an object nor an IRI`);
    const purposes = asArray(item.purpose).filter((p): p is string => typeof p === 'string');
    const purpose = purposes[0] ?? defaultPurpose;
    const isTag = purpose !== undefined && tagPurposes.has(purpose);
    if (hasType(item, 'TextualBody') || ('value' in item && !('source' in item))) {
      const textual = textualBodySchema.safeParse(item);
      if (!textual.success) throw problem(here, textual.error.issues, item);
      const isHtml = /html/i.test(textual.data.format ?? '');
      if (isHtml) out.htmlBodies++;
      const value = (isHtml ? htmlToText(textual.data.value) : textual.data.value).trim();
      if (value === '') return;
      (isTag ? out.tags : out.noteParts).push(value);
      return;
    }
    if (hasType(item, 'SpecificResource') || 'source' in item) {
      const resource = vocabularyBodySchema.safeParse(item);
      if (!resource.success) throw problem(here, resource.error.issues, item);
      const source = resource.data.source;
      const label = resource.data.label ?? (isRecord(source) ? (source.label ?? source.title) : undefined);
      const iri = typeof source === 'string' ? source : source?.id;
      if (isTag && (label ?? iri)) {
        out.tags.push((label ?? iri)!);
        return;
      }
      if (iri) {
        out.noteParts.push(label ? `${label} (${iri})` : iri);
        out.linkedBodies++;
        return;
      }
      throw new Unreadable(`${here} is a SpecificResource without a source`);
    }
    if (typeof item.id === 'string') {
      // An External Web Resource: the comment lives elsewhere, so its address is what can be kept.
      out.noteParts.push(item.id);
      out.linkedBodies++;
      return;
    }
    throw new Unreadable(`${here} is neither a TextualBody, a SpecificResource nor a linked resource`);
  });
  return out;
}

function readSelectors(raw: unknown, label: string): Pick<TextTarget, 'quote' | 'position' | 'otherSelectors' | 'refinedPositionOf'> {
  const selectors = asArray(raw);
  let quote: Quote | null = null;
  let position: Position | null = null;
  let refinedPositionOf: string | null = null;
  const otherSelectors: string[] = [];
  selectors.forEach((selector, i) => {
    const here = `${label} › ${numbered('selector', i, selectors.length)}`;
    if (typeof selector === 'string') {
      otherSelectors.push('an external selector');
      return;
    }
    const type = typesOf(selector)[0];
    if (type === 'TextQuoteSelector') {
      const parsed = quoteSelectorSchema.safeParse(selector);
      if (!parsed.success) throw problem(here, parsed.error.issues, selector);
      quote ??= { exact: parsed.data.exact, prefix: parsed.data.prefix ?? '', suffix: parsed.data.suffix ?? '' };
    } else if (type === 'TextPositionSelector') {
      const parsed = positionSelectorSchema.safeParse(selector);
      if (!parsed.success) throw problem(here, parsed.error.issues, selector);
      position ??= { start: parsed.data.start, end: parsed.data.end };
    } else {
      otherSelectors.push(type ?? 'an untyped selector');
    }
    // refinedBy chains: a quote is a quote wherever it is; a position counts inside what it refines.
    let parent = selector;
    let refinement = isRecord(selector) ? selector.refinedBy : undefined;
    for (let depth = 1; isRecord(refinement); depth++) {
      const refinedType = typesOf(refinement)[0];
      const refinedHere = `${here} › refinedBy${depth > 1 ? ` ${depth}` : ''}`;
      if (refinedType === 'TextQuoteSelector') {
        const parsed = quoteSelectorSchema.safeParse(refinement);
        if (!parsed.success) throw problem(refinedHere, parsed.error.issues, refinement);
        quote ??= { exact: parsed.data.exact, prefix: parsed.data.prefix ?? '', suffix: parsed.data.suffix ?? '' };
      } else if (refinedType === 'TextPositionSelector') {
        const parentType = typesOf(parent)[0] ?? 'selector';
        const value = isRecord(parent) && typeof parent.value === 'string' ? ` ${JSON.stringify(parent.value)}` : '';
        refinedPositionOf ??= `${parentType}${value}`;
      }
      parent = refinement;
      refinement = refinement.refinedBy;
    }
  });
  return { quote, position, otherSelectors, refinedPositionOf };
}

function readTargets(raw: unknown, where: string, fallbackSource: string | null, title: string | null): Target[] {
  // Composite, List and Independents hold several targets; a Choice offers alternatives, of which the first is taken.
  const flat: unknown[] = [];
  for (const item of asArray(raw)) {
    if (isRecord(item) && (hasType(item, 'Composite') || hasType(item, 'List') || hasType(item, 'Independents'))) {
      // Not push(...items): a spread of a few hundred thousand arguments overflows the stack.
      for (const part of asArray(item.items)) flat.push(part);
    }
    else if (isRecord(item) && hasType(item, 'Choice')) flat.push(asArray(item.items)[0]);
    else flat.push(item);
  }
  if (flat.length === 0) throw new Unreadable(`${where}: target is empty`);
  if (flat.length > maxForeignTargets) throw new Unreadable(`${where}: it has ${flat.length.toLocaleString('en')} targets; an annotation may have at most ${maxForeignTargets.toLocaleString('en')}`);
  return flat.map((item, i): Target => {
    const label = numbered('target', i, flat.length);
    if (typeof item === 'string') return { kind: 'resource', label, iri: item };
    if (!isRecord(item)) throw new Unreadable(`${where}: ${label} is neither an object nor an IRI`);
    if (!('selector' in item)) {
      const iri = typeof item.source === 'string' ? item.source : isRecord(item.source) && typeof item.source.id === 'string' ? item.source.id : typeof item.id === 'string' ? item.id : fallbackSource;
      return { kind: 'resource', label, iri };
    }
    const selectors = readSelectors(item.selector, `${where}: ${label}`);
    const rawSource = item.source ?? fallbackSource ?? undefined;
    // Selectors without a source still name a passage of *some* text: every article is searched.
    if (rawSource === undefined) return { kind: 'text', label, source: null, title, ...selectors };
    const source = resourceSchema.safeParse(rawSource);
    if (!source.success) throw problem(`${where}: ${label} › source`, source.error.issues, rawSource);
    const sourceIri = typeof source.data === 'string' ? source.data : (source.data.id ?? null);
    const sourceTitle = isRecord(source.data) ? (source.data.title ?? source.data.label ?? null) : null;
    return { kind: 'text', label, source: sourceIri, title: sourceTitle ?? title, ...selectors };
  });
}

function readW3CAnnotation(raw: Record<string, unknown>, index: number): ReadAnnotation {
  const where = `annotation ${index + 1}`;
  const parsed = w3cAnnotationSchema.safeParse(raw);
  if (!parsed.success) throw problem(where, parsed.error.issues, raw);
  const a = parsed.data;
  const motivations = asArray(a.motivation).filter((m): m is string => typeof m === 'string');
  const isReply = motivations.includes('replying');
  const targets = isReply ? [] : readTargets(a.target, where, null, null);
  const bodies = isReply ? { tags: [], noteParts: [], linkedBodies: 0, htmlBodies: 0 } : readBodies(a.body, a.bodyValue, motivations, where);
  return {
    index,
    sourceId: a.id ?? null,
    where,
    isReply,
    motivations,
    targets,
    ...bodies,
    creator: readCreator(a.creator),
    ...(a.created !== undefined ? { created: a.created } : {}),
    ...(a.modified !== undefined ? { modified: a.modified } : {}),
    title: null,
  };
}

function readHypothesisAnnotation(raw: Record<string, unknown>, index: number): ReadAnnotation {
  const where = `annotation ${index + 1}`;
  const parsed = hypothesisAnnotationSchema.safeParse(raw);
  if (!parsed.success) throw problem(where, parsed.error.issues, raw);
  const a = parsed.data;
  const isReply = (a.references ?? []).length > 0;
  const title = asArray(a.document?.title).find((t): t is string => typeof t === 'string' && t.trim() !== '') ?? null;
  const tags = (a.tags ?? []).map((t) => t.trim()).filter((t) => t !== '');
  const text = (a.text ?? '').trim();
  return {
    index,
    sourceId: a.id ?? null,
    where,
    isReply,
    motivations: [],
    targets: isReply ? [] : readTargets(a.target, where, a.uri ?? null, title),
    tags,
    noteParts: text === '' ? [] : [text],
    linkedBodies: 0,
    htmlBodies: 0,
    creator: readHypothesisCreator(a.user, a.user_info?.display_name),
    ...(a.created !== undefined ? { created: a.created } : {}),
    ...(a.updated !== undefined ? { modified: a.updated } : {}),
    title,
  };
}

// ─── Normalised text ─────────────────────────────────────────────────────────────────────────

/** `text` for comparison; character i came from source[starts[i], ends[i]). */
type Normalised = { text: string; starts: Int32Array; ends: Int32Array };

const ignorable = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const replacements: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
};

function normalise(source: string): Normalised {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (ignorable.test(char)) continue;
    if (/\s/.test(char)) {
      if (chars[chars.length - 1] === ' ') ends[ends.length - 1] = i + 1;
      else {
        chars.push(' ');
        starts.push(i);
        ends.push(i + 1);
      }
      continue;
    }
    for (const out of replacements[char] ?? char) {
      chars.push(out);
      starts.push(i);
      ends.push(i + 1);
    }
  }
  return { text: chars.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

function normaliseString(value: string): string {
  return normalise(value.normalize('NFC')).text;
}

/** The quote as compared: trimmed, with the whitespace it dropped moved into the prefix and suffix. */
type PreparedQuote = { exact: string; text: string; prefix: string; suffix: string };

function prepareQuote(quote: Quote): PreparedQuote {
  const exact = normaliseString(quote.exact);
  const collapse = (value: string) => value.replace(/ {2,}/g, ' ');
  return {
    exact: quote.exact,
    text: exact.trim(),
    prefix: collapse(normaliseString(quote.prefix) + (exact.startsWith(' ') ? ' ' : '')),
    suffix: collapse((exact.endsWith(' ') ? ' ' : '') + normaliseString(quote.suffix)),
  };
}

/**
 * How many characters of the prefix and suffix agree with the normalised text around
 * [start, end), reading outwards until the first disagreement. Spaces are not counted: one agrees
 * next to almost every occurrence, and tells them apart no better than nothing.
 */
function scoreContext(text: string, start: number, end: number, prefix: string, suffix: string): number {
  let score = 0;
  for (let i = 1; i <= prefix.length && start - i >= 0 && text[start - i] === prefix[prefix.length - i]; i++) if (text[start - i] !== ' ') score++;
  for (let i = 0; i < suffix.length && end + i < text.length && text[end + i] === suffix[i]; i++) if (text[end + i] !== ' ') score++;
  return score;
}

function normaliseTitle(title: string): string {
  return normaliseString(title).trim().toLowerCase();
}

/** The same page whatever the scheme (http/https), fragment or trailing slash; other IRIs as given. */
export function normaliseSourceUrl(value: string): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return trimmed.replace(/#.*$/, '');
  const path = url.pathname.replace(/\/+$/, '');
  return `//${url.host}${path}${url.search}`;
}

// ─── Articles ────────────────────────────────────────────────────────────────────────────────

/** More occurrences of a quote than this are not told apart (they would not be by 32 characters of context either). */
const maxOccurrences = 100_000;
/** Character comparisons one exact search may make, and all of a file's together (see findAll). */
const maxFindWork = 20_000_000;
const maxFindWorkPerFile = 2_000_000_000;

/** What is left of the file's search work: exact (maxFindWorkPerFile) and approximate (maxFuzzyCellsPerFile). */
type SearchBudget = { find: number; cells: number };

class Entry {
  private normalisedText?: Normalised;
  private codePoints?: CodePointIndex;
  private index?: TextIndex;
  constructor(readonly article: ForeignArticle) {}
  get name(): string {
    return article(this.article);
  }
  get normalised(): Normalised {
    return (this.normalisedText ??= normalise(this.article.text));
  }
  get points(): CodePointIndex {
    return (this.codePoints ??= new CodePointIndex(this.article.text));
  }
  /**
   * Every start of `needle` in the normalised text; 'too-many' when there are more than `limit`,
   * 'too-costly' when finding them would take more than maxFindWork character comparisons (a long
   * quote over a repetitive text: each candidate is compared over the whole quote) or more than
   * the file's budget has left.
   */
  findAll(needle: string, budget: SearchBudget, limit = maxOccurrences): number[] | 'too-many' | 'too-costly' {
    const text = this.normalised.text;
    const found: number[] = [];
    if (needle.length >= indexedLength) {
      const index = (this.index ??= indexText(text));
      return findAllIndexedBounded(index, needle, {
        limit,
        maxWork: maxFindWork,
        spend: (characters) => (budget.find -= characters) >= 0,
      });
    }
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      if (found.length === limit) return 'too-many';
      found.push(at);
    }
    return found;
  }
  /** The first `limit` starts of `needle` in the normalised text. */
  findFirst(needle: string, limit: number): number[] {
    const text = this.normalised.text;
    const found: number[] = [];
    for (let at = text.indexOf(needle); at !== -1 && found.length < limit; at = text.indexOf(needle, at + 1)) found.push(at);
    return found;
  }
  /** The source range of normalised [start, end). */
  toSource(start: number, end: number): { start: number; end: number } {
    const { starts, ends } = this.normalised;
    let from = starts[start]!;
    let to = ends[end - 1]!;
    if (isInsideSurrogatePair(this.article.text, from)) from--;
    if (isInsideSurrogatePair(this.article.text, to)) to++;
    return { start: from, end: to };
  }
}

function article(a: ForeignArticle): string {
  return a.title ? `“${a.title}”` : `article ${a.id}`;
}

type Candidates = { entries: Entry[]; by: 'source' | 'title' | 'all' };

class Articles {
  readonly entries: Entry[];
  private readonly byUrl = new Map<string, Entry[]>();
  private readonly byTitle = new Map<string, Entry[]>();
  constructor(articles: readonly ForeignArticle[]) {
    this.entries = articles.map((a) => new Entry(a));
    const add = (map: Map<string, Entry[]>, key: string, entry: Entry) => map.set(key, [...(map.get(key) ?? []), entry]);
    for (const entry of this.entries) {
      if (entry.article.sourceUrl) add(this.byUrl, normaliseSourceUrl(entry.article.sourceUrl), entry);
      if (entry.article.title) add(this.byTitle, normaliseTitle(entry.article.title), entry);
    }
  }
  candidatesFor(target: TextTarget): Candidates {
    const bySource = target.source ? this.byUrl.get(normaliseSourceUrl(target.source)) : undefined;
    if (bySource) return { entries: bySource, by: 'source' };
    const byTitle = target.title ? this.byTitle.get(normaliseTitle(target.title)) : undefined;
    if (byTitle) return { entries: byTitle, by: 'title' };
    return { entries: this.entries, by: 'all' };
  }
}

// ─── Placing one target ──────────────────────────────────────────────────────────────────────

type Found = { entry: Entry; start: number; end: number; how: ForeignPlacementMethod };
type Occurrence = { entry: Entry; start: number; end: number; distance: number; context: number };

function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  const skippable = (char: string) => /\s/.test(char) || ignorable.test(char);
  while (start < end && skippable(text[start]!)) start++;
  while (end > start && skippable(text[end - 1]!)) end--;
  return { start, end };
}

/** Where a TextPositionSelector points in the article: as code points (the model), then as UTF-16 code units (Hypothesis). */
function positionRanges(entry: Entry, position: Position): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const { points } = entry;
  if (position.end <= points.pointLength) ranges.push({ start: points.toUnits(position.start), end: points.toUnits(position.end) });
  const length = entry.article.text.length;
  if (position.end <= length && !ranges.some((r) => r.start === position.start && r.end === position.end)) {
    if (!isInsideSurrogatePair(entry.article.text, position.start) && !isInsideSurrogatePair(entry.article.text, position.end)) ranges.push({ ...position });
  }
  return ranges;
}

function describeOccurrences(occurrences: readonly Occurrence[]): string {
  const perArticle = new Map<Entry, number>();
  for (const o of occurrences) perArticle.set(o.entry, (perArticle.get(o.entry) ?? 0) + 1);
  if (perArticle.size < 2) return '';
  return ` (${[...perArticle].map(([entry, n]) => `${n} in ${entry.name}`).join(', ')})`;
}

/**
 * The one occurrence the context picks, else the one nearest the TextPositionSelector when all
 * the tied ones are in one article (offsets say nothing about where a passage is in another).
 */
function pickOccurrence(occurrences: Occurrence[], quote: PreparedQuote, position: Position | null): { chosen?: Occurrence; tied: Occurrence[] } {
  // A reduce, not Math.min(...): a one-letter quote can occur a million times.
  const bestDistance = occurrences.reduce((best, o) => Math.min(best, o.distance), Infinity);
  const closest = [...occurrences.filter((o) => o.distance === bestDistance)].sort((a, b) => b.context - a.context);
  if (closest.length === 1) return { chosen: closest[0]!, tied: closest };
  // The context decides only when it clearly does: a lead of a few characters, or the whole
  // prefix and suffix agreeing where no other occurrence's do.
  const [first, second] = [closest[0]!.context, closest[1]!.context];
  const whole = (quote.prefix + quote.suffix).replaceAll(' ', '').length;
  if (first - second >= minContextLead || (first === whole && first > second)) return { chosen: closest[0]!, tied: [closest[0]!] };
  const tied = closest.filter((o) => o.context === first);
  const entry = tied[0]!.entry;
  if (position && tied.every((o) => o.entry === entry)) {
    const drift = (o: Occurrence) => Math.abs(entry.points.toPoints(entry.toSource(o.start, o.end).start) - position.start);
    const sorted = [...tied].sort((a, b) => drift(a) - drift(b));
    if (drift(sorted[0]!) < drift(sorted[1]!)) return { chosen: sorted[0]!, tied };
  }
  return { tied };
}


function placeTarget(target: TextTarget, articles: Articles, budget: SearchBudget): Found | string {
  const candidates = articles.candidatesFor(target);
  const { entries } = candidates;
  const named =
    candidates.by === 'source'
      ? `${entries.map((e) => e.name).join(' or ')}, the article its source ${target.source} names`
      : candidates.by === 'title'
        ? `${entries.map((e) => e.name).join(' or ')}, the article titled as the file says`
        : null;
  if (entries.length === 0) return 'the project has no articles to place it on';

  if (!target.quote) {
    if (!target.position) {
      if (target.refinedPositionOf) {
        return `its only TextPositionSelector refines a ${target.refinedPositionOf}, so its offsets count inside that part of the page, which Parallax cannot find; and it has no TextQuoteSelector`;
      }
      const others = target.otherSelectors.length > 0 ? ` (only ${[...new Set(target.otherSelectors)].join(', ')})` : '';
      return `${target.label} has no TextQuoteSelector or TextPositionSelector${others}`;
    }
    // Offsets alone are trusted only on the one article the file itself names.
    const { start, end } = target.position;
    if (candidates.by === 'all' || entries.length !== 1) {
      return `${target.label} has only a TextPositionSelector (${start}–${end}) and ${target.source ? `its source ${target.source}` : 'no source'} names none of the project's articles: offsets alone cannot say which article they count in`;
    }
    const entry = entries[0]!;
    if (end > entry.points.pointLength || end === start) {
      return `its TextPositionSelector ${start}–${end} is not a passage of ${entry.name} (${entry.points.pointLength} characters), and it has no TextQuoteSelector`;
    }
    const range = trimRange(entry.article.text, entry.points.toUnits(start), entry.points.toUnits(end));
    if (range.end === range.start) return `its TextPositionSelector ${start}–${end} holds only whitespace in ${entry.name}`;
    return { entry, ...range, how: 'position' };
  }

  const quote = prepareQuote(target.quote);
  if (quote.text === '') return 'its TextQuoteSelector quotes no text (its exact text is empty or only whitespace)';
  const shown = quoteForMessage(target.quote.exact);

  // 1. The position holds the quote.
  if (target.position) {
    const hits: Found[] = [];
    for (const entry of entries) {
      for (const range of positionRanges(entry, target.position)) {
        const trimmed = trimRange(entry.article.text, range.start, range.end);
        if (trimmed.end > trimmed.start && normaliseString(entry.article.text.slice(trimmed.start, trimmed.end)).trim() === quote.text) {
          if (!hits.some((h) => h.entry === entry && h.start === trimmed.start)) hits.push({ entry, ...trimmed, how: 'position' });
        }
      }
    }
    if (hits.length === 1) return hits[0]!;
  }

  // 2. The exact quote.
  const occurrences: Occurrence[] = [];
  for (const entry of entries) {
    const starts = entry.findAll(quote.text, budget);
    if (starts === 'too-many') return `the quote ${shown} occurs more than ${maxOccurrences.toLocaleString('en')} times in ${entry.name}: too often to tell its occurrences apart`;
    if (starts === 'too-costly') {
      return budget.find < 0
        ? 'the file has used up the time an import gives to searching for quotes: import it in parts'
        : `the quote ${shown} cannot be looked for in ${entry.name} in the time an import gives it: its first ${indexedLength} characters occur there too often`;
    }
    for (const start of starts) {
      const end = start + quote.text.length;
      occurrences.push({ entry, start, end, distance: 0, context: scoreContext(entry.normalised.text, start, end, quote.prefix, quote.suffix) });
    }
  }
  if (occurrences.length > 0) {
    const { chosen, tied } = pickOccurrence(occurrences, quote, target.position);
    if (chosen) return { entry: chosen.entry, ...chosen.entry.toSource(chosen.start, chosen.end), how: 'quote' };
    const count = occurrences.length;
    return tied.length === count
      ? `the quote ${shown} occurs ${count} times${describeOccurrences(occurrences)} and neither prefix/suffix nor position decides`
      : `the quote ${shown} occurs ${count} times${describeOccurrences(occurrences)}; its prefix/suffix fit ${tied.length} of them equally well and the position does not decide`;
  }

  // 3. An approximate quote.
  const fuzzy = findFuzzy(entries, quote, budget);
  if (typeof fuzzy === 'string') return `the quote ${shown} is not in ${named ?? "the project's articles"} exactly, and ${fuzzy}`;
  if (fuzzy.length > 0) {
    const { chosen, tied } = pickOccurrence(fuzzy, quote, target.position);
    if (chosen) return { entry: chosen.entry, ...chosen.entry.toSource(chosen.start, chosen.end), how: 'quote-fuzzy' };
    return `the quote ${shown} is not in ${named ?? "the project's articles"} exactly, and ${tied.length} passages${describeOccurrences(tied)} are equally close to it`;
  }
  return named ? `the quote ${shown} is not in ${named}` : `the quote ${shown} is in none of the project's articles`;
}

/**
 * Approximate matches with at least minFuzzySimilarity, searched only near exact hits of pieces
 * of the quote: cut into maxDistance + 1 pieces, a match with at most maxDistance edits leaves
 * one piece intact (the pigeonhole principle), so no match is missed and no article is scanned
 * whole by the quadratic search.
 */
function findFuzzy(entries: readonly Entry[], quote: PreparedQuote, budget: SearchBudget): Occurrence[] | string {
  const pattern = quote.text;
  const m = pattern.length;
  if (m < minFuzzyQuoteLength) return [];
  if (m > maxFuzzyQuoteLength) return `at ${m.toLocaleString('en')} characters it is too long to look for approximately (at most ${maxFuzzyQuoteLength.toLocaleString('en')})`;
  const maxDistance = Math.floor(m * (1 - minFuzzySimilarity));
  if (maxDistance < 1) return [];
  const pieceCount = maxDistance + 1;
  const pieceLength = Math.floor(m / pieceCount);
  const slack = maxDistance + 2;
  const searches: { entry: Entry; regions: [number, number][] }[] = [];
  let cells = 0;
  for (const entry of entries) {
    const text = entry.normalised.text;
    // A text shorter than the quote less its allowed edits cannot hold it.
    if (text.length < m - maxDistance) continue;
    const regions: [number, number][] = [];
    for (let p = 0; p < pieceCount; p++) {
      const offset = p * pieceLength;
      const piece = pattern.slice(offset, p === pieceCount - 1 ? m : offset + pieceLength);
      for (const hit of entry.findFirst(piece, maxSeedHits)) regions.push([hit - offset - slack, hit - offset + m + slack]);
    }
    const merged = mergeRegions(regions, text.length);
    for (const [from, to] of merged) cells += (to - from) * m;
    searches.push({ entry, regions: merged });
  }
  if (cells > maxFuzzyCellsPerTarget) return 'its words occur in too many places to look for it approximately';
  if (cells > budget.cells) return 'the file has used up the time an import gives to approximate searches: fix its quotes, or import it in parts';
  budget.cells -= cells;
  const found: Occurrence[] = [];
  for (const { entry, regions } of searches) {
    const text = entry.normalised.text;
    for (const [from, to] of regions) {
      for (const match of findApproximateMatches(text, pattern, from, to, maxDistance)) {
        if (1 - match.distance / Math.max(m, match.end - match.start) < minFuzzySimilarity) continue;
        found.push({ entry, start: match.start, end: match.end, distance: match.distance, context: scoreContext(text, match.start, match.end, quote.prefix, quote.suffix) });
      }
    }
  }
  // Neighbouring end positions of one alignment are one passage: keep the best of each overlap.
  const best = (a: Occurrence, b: Occurrence) => a.distance - b.distance || b.context - a.context || b.end - b.start - (a.end - a.start);
  const kept: Occurrence[] = [];
  for (const candidate of [...found].sort(best)) {
    if (!kept.some((k) => k.entry === candidate.entry && candidate.start < k.end && k.start < candidate.end)) kept.push(candidate);
  }
  return kept;
}


// ─── The whole file ──────────────────────────────────────────────────────────────────────────

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Reads a W3C Web Annotation file from another tool (the parsed JSON, or its text) and places its
 * annotations on `articles`. Per-annotation problems become `unmatched` entries with a reason; a
 * file that cannot be read at all is an ImportError.
 */
export function readForeignW3C(json: unknown, articles: readonly ForeignArticle[]): ForeignReading {
  let input = json;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ImportError(`the file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const container = readContainer(input);
  if (container.items.length > maxForeignAnnotations) {
    throw new ImportError(
      `the file holds ${container.items.length.toLocaleString('en')} annotations; an import takes at most ${maxForeignAnnotations.toLocaleString('en')}: split the file (by article, say) and import each part`,
    );
  }
  const library = new Articles(articles);
  const budget: SearchBudget = { find: maxFindWorkPerFile, cells: maxFuzzyCellsPerFile };
  const placements: ForeignPlacement[] = [];
  const unmatched: ForeignUnmatched[] = [];
  const notes = [...container.notes];
  let replies = 0;
  let linkedBodies = 0;
  let htmlBodies = 0;
  const markup = new Set<string>();

  const read: (ReadAnnotation | ForeignUnmatched)[] = container.items.map(({ raw, flavour }, index) => {
    const sourceId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : null;
    if (!isRecord(raw)) {
      const what =
        typeof raw === 'string' ? 'an IRI, which names an annotation without giving it' : Array.isArray(raw) ? 'a list, not an annotation' : `a JSON ${raw === null ? 'null' : typeof raw}`;
      return { index, sourceId, reason: `annotation ${index + 1} is ${what}` };
    }
    try {
      return flavour === 'hypothesis' ? readHypothesisAnnotation(raw, index) : readW3CAnnotation(raw, index);
    } catch (error) {
      if (error instanceof Unreadable) return { index, sourceId, reason: error.message };
      throw error;
    }
  });
  const annotationIds = new Set(read.flatMap((a) => (a.sourceId ? [a.sourceId] : [])));

  for (const annotation of read) {
    if (!('targets' in annotation)) {
      unmatched.push(annotation);
      continue;
    }
    if (annotation.isReply) {
      replies++;
      continue;
    }
    const { index, sourceId, where, targets } = annotation;
    const firstQuote = targets.find((t): t is TextTarget => t.kind === 'text' && t.quote !== null)?.quote?.exact;
    const fail = (reason: string) => unmatched.push({ index, sourceId, reason: `${where}: ${reason}`, ...(firstQuote !== undefined ? { quote: firstQuote } : {}) });

    if (targets.every((t) => t.kind === 'resource' && t.iri !== null && annotationIds.has(t.iri))) {
      const kind = annotation.motivations.includes('linking') ? 'a link between annotations (motivation "linking")' : 'an annotation on other annotations';
      const label = annotation.tags.length > 0 ? ` labelled ${annotation.tags.map((t) => JSON.stringify(t)).join(', ')}` : '';
      fail(`it is ${kind}${label}, not on a passage of text: Parallax has no links between annotations`);
      continue;
    }
    const found: Found[] = [];
    let failure: string | null = null;
    for (const target of targets) {
      if (target.kind === 'resource') {
        failure = `${target.label} has no selector: it names ${target.iri ? `the whole resource ${target.iri}` : 'a whole resource'}, not a passage of text`;
        break;
      }
      const result = placeTarget(target, library, budget);
      if (typeof result === 'string') {
        failure = targets.length > 1 && !result.startsWith(target.label) ? `${target.label}: ${result}` : result;
        break;
      }
      found.push(result);
    }
    if (failure !== null) {
      fail(failure);
      continue;
    }
    for (const target of targets) if (target.kind === 'text') for (const type of target.otherSelectors) if (markupSelectors.has(type)) markup.add(type);
    linkedBodies += annotation.linkedBodies;
    htmlBodies += annotation.htmlBodies;
    const tags = [...new Set(annotation.tags)];
    for (const f of found) {
      const anchor = describeSpan(f.entry.article.text, f.start, f.end);
      placements.push({
        index,
        sourceId,
        articleId: f.entry.article.id,
        start: anchor.start,
        end: anchor.end,
        quote: anchor.quote,
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        how: f.how,
        tags,
        note: annotation.noteParts.join('\n\n'),
        creator: annotation.creator,
        ...(annotation.created !== undefined ? { created: annotation.created } : {}),
        ...(annotation.modified !== undefined ? { modified: annotation.modified } : {}),
      });
    }
  }

  if (container.isParallax) {
    notes.push(
      'the file is a Parallax export: Parallax’s own import restores it with its texts, codebook, layers and comments; read here as a file from another tool, its codings become passages with their categories and attribute values as tags',
    );
  }
  if (replies > 0) notes.push(`${plural(replies, 'reply', 'replies')}: Parallax imports replies as comments only on Parallax exports`);
  if (markup.size > 0) {
    notes.push(`${[...markup].sort().join(' and ')} ignored: they locate passages in the page’s markup, which Parallax’s articles do not keep; the text selectors placed them`);
  }
  if (linkedBodies > 0) notes.push(`${plural(linkedBodies, 'body is a link', 'bodies are links')} to another resource: the note keeps the address`);
  if (htmlBodies > 0) notes.push(`${plural(htmlBodies, 'HTML body was', 'HTML bodies were')} converted to plain text`);

  const creators = new Map<string, ForeignCreator & { placements: number }>();
  for (const p of placements) {
    if (!p.creator) continue;
    const key = p.creator.id ?? `name:${p.creator.name}`;
    const seen = creators.get(key);
    if (seen) seen.placements++;
    else creators.set(key, { ...p.creator, placements: 1 });
  }
  const nulCount = placements.reduce((n, p) => n + [p.sourceId ?? '', p.note, ...p.tags, p.creator?.id ?? '', p.creator?.name ?? ''].filter(hasNul).length, 0);
  if (nulCount > 0) notes.push(`${plural(nulCount, 'value held', 'values held')} a NUL character (U+0000), which cannot be stored: it was removed from ${nulCount === 1 ? 'it' : 'them'}`);
  return {
    format: container.format,
    total: container.items.length,
    placements: placements.map((p) => ({
      ...p,
      sourceId: p.sourceId === null ? null : clean(p.sourceId),
      tags: [...new Set(p.tags.map(clean).filter((t) => t.trim() !== ''))],
      note: clean(p.note),
      creator: p.creator && cleanCreator(p.creator),
    })),
    unmatched: unmatched.map((u) => ({ ...u, sourceId: u.sourceId === null ? null : clean(u.sourceId), reason: clean(u.reason), ...(u.quote !== undefined ? { quote: clean(u.quote) } : {}) })),
    notes: notes.map(clean),
    creators: [...creators.values()].map(cleanCreator),
  };
}

// PostgreSQL's text and jsonb cannot hold U+0000, which no article's text holds either (lib/corpus
// refuses it): it is dropped from whatever of the file is stored or shown, so that such a file
// imports rather than failing when it is written, and the summary says how many values lost one.
const hasNul = (value: string) => value.includes('\u0000');

function clean(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

function cleanCreator<T extends ForeignCreator>(creator: T): T {
  return { ...creator, ...(creator.id !== undefined ? { id: clean(creator.id) } : {}), ...(creator.name !== undefined ? { name: clean(creator.name) } : {}) };
}
