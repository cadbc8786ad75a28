// A project as W3C Web Annotation Data Model JSON-LD (https://www.w3.org/TR/annotation-model/),
// one downloadable file that conforms to the model's MUSTs and that fromW3C reads back without loss.
//
// The file is one AnnotationCollection (§5.1). Its first AnnotationPage (§5.2) is embedded as
// `first`; the other pages travel in the same object under JSON-LD 1.1's `@included` keyword, the
// standard way to carry further nodes in one document. Pages link with `partOf`, `next`/`prev`
// (IRIs) and `startIndex`; `partOf` describes the collection in place (id, label, total), as in
// the model's example. The collection has `total`, `first`, `last` and `label`.
//
// Every item is an Annotation whose own `@context` is exactly "http://www.w3.org/ns/anno.jsonld":
// - a coding (motivation "classifying"): the category as a SpecificResource body with purpose
//   "classifying" whose source is the category's IRI, labelled with its path; each attribute value
//   as a SpecificResource body with purpose "tagging" whose source is the option's IRI, labelled
//   "Attribute: Option"; the note, when there is one, as a TextualBody with purpose "commenting".
//   (A TextualBody cannot carry the category's IRI: the model reads any body with an `id` and no
//   `source` as an External Web Resource, which must not have a purpose.) The target is a
//   SpecificResource on the document's IRI with a TextQuoteSelector (exact/prefix/suffix) and a
//   TextPositionSelector (start/end). `creator` is the annotator (the curator for the consensus).
//   The layer is `parallax:layer`, "annotator" or "consensus".
// - a comment (motivation "replying"): a TextualBody whose target is the annotation's IRI, as the
//   model's own example of a reply.
// - a memo (motivation "commenting"): a TextualBody whose target is the document's IRI, or the
//   project's IRI for a project memo.
// Character positions: the model counts the characters of a text as Unicode code points, not code
// units, so TextPositionSelector offsets, and the block offsets of the documents carried below, are
// code points (code-points.ts); Parallax's UTF-16 offsets come back on import.
//
// What annotations cannot carry (the documents' text and metadata, the codebook, the users, the
// project) rides on the collection only, under an additional context term: the collection's
// `@context` is ["http://www.w3.org/ns/anno.jsonld", { "parallax": <vocabulary IRI>, … }], and the
// values of `parallax:project`, `parallax:users`, `parallax:codebook` and `parallax:documents` are
// JSON literals (`"@type": "@json"`), i.e. Parallax's own export shapes kept verbatim and opaque to
// JSON-LD processing (the context declares "@version": 1.1, which `@json` and `@included` need).
// `parallax:baseUrl` is the app's address, from which the IRIs below are built. The annotations'
// `parallax:layer` uses the prefix the collection defines, so it expands in the file as a whole. The vocabulary IRI is under the reserved .example domain: a
// stable name, not a promise that it resolves.
//
// IRIs: annotation `${baseUrl}/annotations/<id>`, document `${baseUrl}/documents/<id>`, user
// `${baseUrl}/users/<id>`, category `${baseUrl}/categories/<id>`, attribute option
// `${baseUrl}/attributes/<attribute id>/options/<option id>`, comment `${baseUrl}/comments/<id>`,
// memo `${baseUrl}/memos/<id>`, project `${baseUrl}/projects/<id>`, collection
// `${project IRI}/annotations`, pages `${collection}?page=<n>` from 1.
import { z } from 'zod';
import { dateTimeSchema, daySchema } from '@/lib/validations/dates';
import { CodePointIndex } from './code-points';
import { ImportError, importErrorFromIssues } from './errors';
import { indexSnapshot, trimBaseUrl } from './snapshot';
import type {
  ExportAnnotation,
  ExportAttribute,
  ExportBlock,
  ExportCategory,
  ExportComment,
  ExportDocument,
  ExportGroup,
  ExportMemo,
  ExportSnapshot,
  ExportUser,
} from './types';

export const annoContext = 'http://www.w3.org/ns/anno.jsonld';
export const parallaxVocabulary = 'https://parallax.example/ns/export#';
export const defaultPageSize = 500;

const parallaxContext = {
  '@version': 1.1,
  parallax: parallaxVocabulary,
  'parallax:baseUrl': { '@type': '@id' },
  'parallax:project': { '@type': '@json' },
  'parallax:users': { '@type': '@json' },
  'parallax:codebook': { '@type': '@json' },
  'parallax:documents': { '@type': '@json' },
  'parallax:groups': { '@type': '@json' },
} as const;

export type W3CAgent = { id: string; type: 'Person'; name: string };
export type W3CTextQuoteSelector = { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string };
export type W3CTextPositionSelector = { type: 'TextPositionSelector'; start: number; end: number };
export type W3CVocabularyBody = { type: 'SpecificResource'; purpose: 'classifying' | 'tagging'; source: { id: string; label: string } };
export type W3CTextualBody = { type: 'TextualBody'; value: string; format: 'text/plain'; purpose?: 'commenting' };

type AnnotationBase = { '@context': typeof annoContext; id: string; type: 'Annotation'; creator: W3CAgent };

export type W3CCodingAnnotation = AnnotationBase & {
  motivation: 'classifying';
  created: string;
  modified: string;
  body: (W3CVocabularyBody | W3CTextualBody)[];
  target: { type: 'SpecificResource'; source: string; selector: [W3CTextQuoteSelector, W3CTextPositionSelector] | [W3CTextQuoteSelector] };
  'parallax:layer': 'annotator' | 'consensus';
  /**
   * An annotation a text correction left unplaced: its target has only the TextQuoteSelector of its
   * last known text (a position would point at other text), and its last offsets ride here.
   */
  'parallax:unplaced'?: { start: number; end: number };
};
export type W3CReplyAnnotation = AnnotationBase & {
  motivation: 'replying';
  created: string;
  modified?: string;
  body: W3CTextualBody;
  target: string;
};
export type W3CMemoAnnotation = AnnotationBase & { motivation: 'commenting'; modified: string; body: W3CTextualBody; target: string };
export type W3CAnnotation = W3CCodingAnnotation | W3CReplyAnnotation | W3CMemoAnnotation;

export type W3CAnnotationPage = {
  '@context': typeof annoContext;
  id: string;
  type: 'AnnotationPage';
  /** The collection described in place, as the model's example does (the suite's page checks read total and label there). */
  partOf: { id: string; label: string; total: number };
  startIndex: number;
  prev?: string;
  next?: string;
  items: W3CAnnotation[];
};

/** A document as the file carries it: Parallax's shape, block offsets in code points. */
export type W3CDocumentData = ExportDocument;

export type W3CExport = {
  '@context': [typeof annoContext, typeof parallaxContext];
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  creator?: W3CAgent;
  generator: { id: string; type: 'Software'; name: 'Parallax' };
  generated: string;
  first?: W3CAnnotationPage;
  last?: string;
  '@included'?: W3CAnnotationPage[];
  'parallax:baseUrl': string;
  'parallax:project': ExportSnapshot['project'];
  'parallax:users': ExportUser[];
  'parallax:codebook': { categories: ExportCategory[]; attributes: ExportAttribute[] };
  'parallax:documents': W3CDocumentData[];
  /** Document and category groups (MAXQDA's document groups, NVivo's sets), when the project has any. */
  'parallax:groups'?: { documentGroups: ExportGroup[]; categoryGroups: ExportGroup[] };
};

function iris(baseUrl: string, projectId: string) {
  const base = trimBaseUrl(baseUrl);
  const project = `${base}/projects/${projectId}`;
  const collection = `${project}/annotations`;
  return {
    base,
    project,
    collection,
    page: (n: number) => `${collection}?page=${n}`,
    annotation: (id: string) => `${base}/annotations/${id}`,
    document: (id: string) => `${base}/documents/${id}`,
    user: (id: string) => `${base}/users/${id}`,
    category: (id: string) => `${base}/categories/${id}`,
    option: (attributeId: string, optionId: string) => `${base}/attributes/${attributeId}/options/${optionId}`,
    comment: (id: string) => `${base}/comments/${id}`,
    memo: (id: string) => `${base}/memos/${id}`,
  };
}

function mapBlocks(blocks: readonly ExportBlock[], convert: (offset: number) => number): ExportBlock[] {
  return blocks.map((block) => ({ ...block, start: convert(block.start), end: convert(block.end) }));
}

export function toW3C(snapshot: ExportSnapshot, options: { pageSize?: number } = {}): W3CExport {
  const pageSize = options.pageSize ?? defaultPageSize;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a whole number ≥ 1, not ${pageSize}`);
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(snapshot.baseUrl)) {
    throw new Error(`the W3C export needs an absolute baseUrl for its IRIs, not "${snapshot.baseUrl}"`);
  }
  const index = indexSnapshot(snapshot);
  const iri = iris(snapshot.baseUrl, snapshot.project.id);
  const agent = (userId: string): W3CAgent => ({ id: iri.user(userId), type: 'Person', name: index.users.get(userId)?.name ?? userId });
  const pointIndexes = new Map(snapshot.documents.map((d) => [d.id, new CodePointIndex(d.text)]));

  const codings = snapshot.annotations.map((a): W3CCodingAnnotation => {
    const points = pointIndexes.get(a.documentId)!;
    const category = index.categories.get(a.categoryId)!;
    const body: W3CCodingAnnotation['body'] = [
      { type: 'SpecificResource', purpose: 'classifying', source: { id: iri.category(category.id), label: category.path } },
    ];
    for (const attribute of snapshot.attributes) {
      const value = a.attributes[attribute.key];
      const option = value === undefined ? undefined : attribute.options.find((o) => o.value === value);
      if (option) {
        body.push({ type: 'SpecificResource', purpose: 'tagging', source: { id: iri.option(attribute.id, option.id), label: `${attribute.name}: ${option.label}` } });
      }
    }
    if (a.note !== '') body.push({ type: 'TextualBody', value: a.note, format: 'text/plain', purpose: 'commenting' });
    return {
      '@context': annoContext,
      id: iri.annotation(a.id),
      type: 'Annotation',
      motivation: 'classifying',
      creator: agent(a.annotatorId),
      created: a.createdAt,
      modified: a.updatedAt,
      body,
      target: {
        type: 'SpecificResource',
        source: iri.document(a.documentId),
        selector: a.orphaned
          ? [{ type: 'TextQuoteSelector', exact: a.quote, prefix: a.prefix, suffix: a.suffix }]
          : [
              { type: 'TextQuoteSelector', exact: a.quote, prefix: a.prefix, suffix: a.suffix },
              { type: 'TextPositionSelector', start: points.toPoints(a.start), end: points.toPoints(a.end) },
            ],
      },
      'parallax:layer': a.layer === 'CONSENSUS' ? 'consensus' : 'annotator',
      ...(a.orphaned ? { 'parallax:unplaced': { start: points.toPoints(Math.min(a.start, points.unitLength)), end: points.toPoints(Math.min(a.end, points.unitLength)) } } : {}),
    };
  });
  const replies = snapshot.comments.map((c): W3CReplyAnnotation => ({
    '@context': annoContext,
    id: iri.comment(c.id),
    type: 'Annotation',
    motivation: 'replying',
    creator: agent(c.authorId),
    created: c.createdAt,
    ...(c.editedAt !== null ? { modified: c.editedAt } : {}),
    body: { type: 'TextualBody', value: c.body, format: 'text/plain' },
    target: iri.annotation(c.annotationId),
  }));
  const memos = snapshot.memos.map((m): W3CMemoAnnotation => ({
    '@context': annoContext,
    id: iri.memo(m.id),
    type: 'Annotation',
    motivation: 'commenting',
    creator: agent(m.authorId),
    modified: m.updatedAt,
    body: { type: 'TextualBody', value: m.body, format: 'text/plain' },
    target: m.documentId === null ? iri.project : iri.document(m.documentId),
  }));

  const items: W3CAnnotation[] = [...codings, ...replies, ...memos];
  const pageCount = Math.ceil(items.length / pageSize);
  const label = `${snapshot.project.name}: annotations exported from Parallax`;
  const pages = Array.from({ length: pageCount }, (_, i): W3CAnnotationPage => ({
    '@context': annoContext,
    id: iri.page(i + 1),
    type: 'AnnotationPage',
    partOf: { id: iri.collection, label, total: items.length },
    startIndex: i * pageSize,
    ...(i > 0 ? { prev: iri.page(i) } : {}),
    ...(i < pageCount - 1 ? { next: iri.page(i + 2) } : {}),
    items: items.slice(i * pageSize, (i + 1) * pageSize),
  }));
  const [first, ...rest] = pages;

  return {
    '@context': [annoContext, parallaxContext],
    id: iri.collection,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    ...(snapshot.exportedBy !== undefined ? { creator: agent(snapshot.exportedBy) } : {}),
    generator: { id: `${iri.base}/`, type: 'Software', name: 'Parallax' },
    generated: snapshot.exportedAt,
    ...(first ? { first, last: iri.page(pageCount) } : {}),
    ...(rest.length > 0 ? { '@included': rest } : {}),
    'parallax:baseUrl': iri.base,
    'parallax:project': snapshot.project,
    'parallax:users': snapshot.users,
    'parallax:codebook': { categories: snapshot.categories, attributes: snapshot.attributes },
    // The label is derived from the text by the database (never stored in files): left out.
    'parallax:documents': snapshot.documents.map(({ label: _label, ...d }) => {
      const points = pointIndexes.get(d.id)!;
      return { ...d, blocks: mapBlocks(d.blocks, (offset) => points.toPoints(offset)) };
    }),
    ...((snapshot.documentGroups?.length ?? 0) + (snapshot.categoryGroups?.length ?? 0) > 0
      ? { 'parallax:groups': { documentGroups: snapshot.documentGroups ?? [], categoryGroups: snapshot.categoryGroups ?? [] } }
      : {}),
  };
}

// ─── Import ──────────────────────────────────────────────────────────────────────────────────

const userSchema = z.object({ id: z.string(), name: z.string(), email: z.string().optional() });
const categorySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  path: z.string(),
  description: z.string(),
  color: z.string().regex(/^#[0-9a-f]{6}$/i, 'expected a colour like #4e79a7'),
  position: z.number().int(),
});
const attributeSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  options: z.array(z.object({ id: z.string(), value: z.string(), label: z.string() })),
});
const offset = z.number().int().nonnegative();
const blockSchema = z.object({
  type: z.enum(['heading', 'paragraph']),
  level: z.union([z.literal(2), z.literal(3)]).optional(),
  start: offset,
  end: offset,
});
const documentSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  author: z.string().nullable(),
  authorAffiliation: z.string().nullable(),
  outlet: z.string().nullable(),
  publishedOn: daySchema.nullable(),
  sourceUrl: z.string().nullable(),
  sourceName: z.string().nullable(),
  text: z.string(),
  blocks: z.array(blockSchema),
  contentHash: z.string(),
  createdAt: dateTimeSchema,
});
const groupSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), memberIds: z.array(z.string()), guid: z.string().optional() });
const agentSchema = z.object({ id: z.string(), name: z.string().optional() });
const collectionSchema = z.object({
  id: z.string(),
  total: z.number().int().nonnegative(),
  generated: z.string(),
  creator: agentSchema.optional(),
  first: z.unknown().optional(),
  '@included': z.array(z.unknown()).optional(),
  'parallax:baseUrl': z.string(),
  'parallax:project': z.object({ id: z.string(), slug: z.string(), name: z.string(), description: z.string(), question: z.string().optional() }),
  'parallax:users': z.array(userSchema),
  'parallax:codebook': z.object({ categories: z.array(categorySchema), attributes: z.array(attributeSchema) }),
  'parallax:documents': z.array(documentSchema),
  'parallax:groups': z.object({ documentGroups: z.array(groupSchema), categoryGroups: z.array(groupSchema) }).optional(),
});
const pageSchema = z.object({
  id: z.string(),
  type: z.literal('AnnotationPage'),
  startIndex: z.number().int().nonnegative().optional(),
  items: z.array(z.unknown()),
});
const textualBodySchema = z.object({ type: z.literal('TextualBody'), value: z.string(), purpose: z.string().optional() });
const vocabularyBodySchema = z.object({
  type: z.literal('SpecificResource'),
  purpose: z.string(),
  source: z.union([z.string(), z.object({ id: z.string() })]),
});
const itemSchema = z.object({
  id: z.string(),
  type: z.literal('Annotation'),
  motivation: z.string(),
  creator: agentSchema,
  created: dateTimeSchema.optional(),
  modified: dateTimeSchema.optional(),
  body: z.unknown(),
  target: z.unknown(),
  'parallax:layer': z.enum(['annotator', 'consensus']).optional(),
  'parallax:unplaced': z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
});
type Item = z.infer<typeof itemSchema>;

function hasAnnoContext(context: unknown): boolean {
  return context === annoContext || (Array.isArray(context) && context.includes(annoContext));
}

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The id at the end of `iri` when it starts with `prefix`, else null. */
function idAfter(iri: string, prefix: string): string | null {
  return iri.startsWith(prefix) && iri.length > prefix.length && !iri.slice(prefix.length).includes('/') ? iri.slice(prefix.length) : null;
}

/**
 * Reads a file made by toW3C (the parsed JSON, or its text) back into a snapshot. Anything else,
 * or an export whose parts contradict each other, is an ImportError that names the item and the
 * problem, e.g. "annotation 12: target has no TextPositionSelector".
 */
export function fromW3C(json: unknown): ExportSnapshot {
  let input = json;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch (error) {
      throw new ImportError(`the file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ImportError('the file is not a JSON object');
  const container = input as Record<string, unknown>;
  if (!hasAnnoContext(container['@context'])) {
    throw new ImportError(`the file is not W3C Web Annotation JSON-LD: its @context does not include "${annoContext}"`);
  }
  const type = container.type;
  if (type !== 'AnnotationCollection') {
    throw new ImportError(
      `the file is a${typeof type === 'string' ? ` ${type}` : 'n object without a type'}, not an AnnotationCollection: import the whole file Parallax exported`,
    );
  }
  if (!('parallax:documents' in container)) {
    throw new ImportError(
      'the collection carries no Parallax data (parallax:documents): W3C annotations alone do not carry the documents’ text, so only collections exported by Parallax can be imported',
    );
  }
  const parsed = collectionSchema.safeParse(container);
  if (!parsed.success) throw importErrorFromIssues('the collection', parsed.error.issues, container);
  const collection = parsed.data;

  const project = collection['parallax:project'];
  const iri = iris(collection['parallax:baseUrl'], project.id);
  const users = collection['parallax:users'];
  const { categories, attributes } = collection['parallax:codebook'];
  const userIds = new Set(users.map((u) => u.id));
  const categoryIds = new Set(categories.map((c) => c.id));

  const documents: ExportDocument[] = [];
  const pointIndexes = new Map<string, CodePointIndex>();
  collection['parallax:documents'].forEach((d, i) => {
    const points = new CodePointIndex(d.text);
    for (const block of d.blocks) {
      if (block.start > block.end || block.end > points.pointLength) {
        throw new ImportError(`document ${i + 1} (${d.title ?? d.id}): block ${block.start}-${block.end} is outside its text (${points.pointLength} characters)`);
      }
    }
    pointIndexes.set(d.id, points);
    const blocks = mapBlocks(d.blocks, (o) => points.toUnits(o)).map((b) => {
      const block: ExportBlock = { type: b.type, start: b.start, end: b.end };
      if (b.level !== undefined) block.level = b.level;
      return block;
    });
    documents.push({ ...d, blocks });
  });
  const documentsById = new Map(documents.map((d) => [d.id, d]));

  // Pages: the embedded first page and the @included ones, in startIndex order, covering 0…total-1.
  const rawPages = [...(typeof collection.first === 'object' && collection.first !== null ? [collection.first] : []), ...(collection['@included'] ?? [])];
  const pages = rawPages.map((raw, i) => {
    const page = pageSchema.safeParse(raw);
    if (!page.success) throw importErrorFromIssues(`page ${i + 1}`, page.error.issues, raw);
    return page.data;
  });
  pages.sort((a, b) => (a.startIndex ?? 0) - (b.startIndex ?? 0));
  const items: unknown[] = [];
  for (const page of pages) {
    const startIndex = page.startIndex ?? items.length;
    if (startIndex !== items.length) {
      throw new ImportError(`the page ${page.id} starts at item ${startIndex}, but the pages before it hold ${items.length} items: a page is missing or repeated`);
    }
    items.push(...page.items);
  }
  if (items.length !== collection.total) {
    throw new ImportError(`the collection says it holds ${collection.total} annotations, but its pages hold ${items.length}`);
  }

  const annotations: ExportAnnotation[] = [];
  const comments: ExportComment[] = [];
  const memos: ExportMemo[] = [];
  const userOf = (agent: { id: string }, where: string): string => {
    const id = idAfter(agent.id, `${iri.base}/users/`);
    if (id === null || !userIds.has(id)) throw new ImportError(`${where}: the creator ${agent.id} is not among the exported users`);
    return id;
  };

  const parsedItems: { item: Item; where: string }[] = items.map((raw, i) => {
    const where = `annotation ${i + 1}`;
    if (raw === null || typeof raw !== 'object') throw new ImportError(`${where} is not an object (an IRI alone cannot be imported)`);
    if ((raw as Record<string, unknown>)['@context'] !== annoContext) {
      throw new ImportError(`${where}: its @context must be "${annoContext}"`);
    }
    const item = itemSchema.safeParse(raw);
    if (!item.success) throw importErrorFromIssues(where, item.error.issues, raw);
    return { item: item.data, where };
  });

  for (const { item, where } of parsedItems) {
    if (item.motivation !== 'classifying') continue;
    annotations.push(readCoding(item, where));
  }
  const annotationIds = new Set(annotations.map((a) => a.id));
  for (const { item, where } of parsedItems) {
    if (item.motivation === 'classifying') continue;
    if (item.motivation === 'replying') comments.push(readReply(item, where));
    else if (item.motivation === 'commenting') memos.push(readMemo(item, where));
    else throw new ImportError(`${where}: the motivation "${item.motivation}" is not one Parallax exports (classifying, replying or commenting)`);
  }

  function textualBody(item: Item, where: string): string {
    const body = textualBodySchema.safeParse(Array.isArray(item.body) ? item.body[0] : item.body);
    if (!body.success || (Array.isArray(item.body) && item.body.length !== 1)) throw new ImportError(`${where}: body must be one TextualBody`);
    return body.data.value;
  }

  function readCoding(item: Item, where: string): ExportAnnotation {
    const id = idAfter(item.id, `${iri.base}/annotations/`);
    if (id === null) throw new ImportError(`${where}: its id ${item.id} is not an annotation IRI of this export (${iri.base}/annotations/<id>)`);
    const annotatorId = userOf(item.creator, where);
    if (item.created === undefined) throw new ImportError(`${where} has no created date`);

    const target = z.object({ source: z.string(), selector: z.unknown() }).safeParse(item.target);
    if (!target.success) throw new ImportError(`${where}: target must be a SpecificResource with a source and selectors`);
    const documentId = idAfter(target.data.source, `${iri.base}/documents/`);
    const document = documentId === null ? undefined : documentsById.get(documentId);
    if (documentId === null || !document) throw new ImportError(`${where}: target source ${target.data.source} is not one of the exported documents`);
    const selectors = asArray(target.data.selector);
    const selectorOf = (type: string) => selectors.find((s) => typeof s === 'object' && s !== null && (s as { type?: unknown }).type === type);
    const quote = z
      .object({ exact: z.string(), prefix: z.string().optional(), suffix: z.string().optional() })
      .safeParse(selectorOf('TextQuoteSelector'));
    if (!quote.success) throw new ImportError(`${where}: target has no TextQuoteSelector with an exact text`);
    const points = pointIndexes.get(document.id)!;
    const unplaced = item['parallax:unplaced'];
    if (unplaced !== undefined) {
      // Unplaced where it was exported: its last text and offsets come back as they were.
      const at = (p: number) => points.toUnits(Math.min(p, points.pointLength));
      return {
        ...readCodingBodies(item, where),
        id, documentId: document.id, layer: item['parallax:layer'] === 'consensus' ? 'CONSENSUS' : 'ANNOTATOR', annotatorId,
        start: at(Math.min(unplaced.start, unplaced.end)), end: at(unplaced.end), quote: quote.data.exact, prefix: quote.data.prefix ?? '', suffix: quote.data.suffix ?? '',
        createdAt: item.created, updatedAt: item.modified ?? item.created, orphaned: true,
      };
    }
    const position = z.object({ start: offset, end: offset }).safeParse(selectorOf('TextPositionSelector'));
    if (!position.success) throw new ImportError(`${where}: target has no TextPositionSelector with whole-number start and end`);
    const { start: startPoint, end: endPoint } = position.data;
    if (endPoint <= startPoint || endPoint > points.pointLength) {
      throw new ImportError(`${where}: TextPositionSelector ${startPoint}-${endPoint} is not a passage of its document (${points.pointLength} characters)`);
    }
    const start = points.toUnits(startPoint);
    const end = points.toUnits(endPoint);
    if (document.text.slice(start, end) !== quote.data.exact) {
      throw new ImportError(`${where}: the TextQuoteSelector's exact text is not the document's text at ${startPoint}-${endPoint}`);
    }

    const bodies = readCodingBodies(item, where);
    return {
      id,
      documentId: document.id,
      layer: item['parallax:layer'] === 'consensus' ? 'CONSENSUS' : 'ANNOTATOR',
      annotatorId,
      start,
      end,
      quote: quote.data.exact,
      prefix: quote.data.prefix ?? '',
      suffix: quote.data.suffix ?? '',
      ...bodies,
      createdAt: item.created,
      updatedAt: item.modified ?? item.created,
    };
  }

  /** The category, attribute values and note of a coding annotation's bodies. */
  function readCodingBodies(item: Item, where: string): { categoryId: string; note: string; attributes: Record<string, string> } {
    let categoryId: string | null = null;
    let note = '';
    const values: Record<string, string> = {};
    for (const raw of asArray(item.body)) {
      const textual = textualBodySchema.safeParse(raw);
      if (textual.success) {
        if (textual.data.purpose !== undefined && textual.data.purpose !== 'commenting') {
          throw new ImportError(`${where}: a TextualBody with the purpose "${textual.data.purpose}" is not one Parallax exports`);
        }
        note = textual.data.value;
        continue;
      }
      const vocabulary = vocabularyBodySchema.safeParse(raw);
      if (!vocabulary.success) throw new ImportError(`${where}: a body is neither a TextualBody nor a SpecificResource with a purpose and a source`);
      const sourceIri = typeof vocabulary.data.source === 'string' ? vocabulary.data.source : vocabulary.data.source.id;
      if (vocabulary.data.purpose === 'classifying') {
        const category = idAfter(sourceIri, `${iri.base}/categories/`);
        if (category === null || !categoryIds.has(category)) throw new ImportError(`${where}: its category ${sourceIri} is not in the exported codebook`);
        if (categoryId !== null) throw new ImportError(`${where} has more than one classifying body; a Parallax annotation has one category`);
        categoryId = category;
      } else if (vocabulary.data.purpose === 'tagging') {
        const match = sourceIri.startsWith(`${iri.base}/attributes/`) ? /^([^/]+)\/options\/([^/]+)$/.exec(sourceIri.slice(`${iri.base}/attributes/`.length)) : null;
        const attribute = match ? attributes.find((a) => a.id === match[1]) : undefined;
        const option = match ? attribute?.options.find((o) => o.id === match[2]) : undefined;
        if (!attribute || !option) throw new ImportError(`${where}: its tag ${sourceIri} is not an option of an exported attribute`);
        values[attribute.key] = option.value;
      } else {
        throw new ImportError(`${where}: a SpecificResource body with the purpose "${vocabulary.data.purpose}" is not one Parallax exports`);
      }
    }
    if (categoryId === null) throw new ImportError(`${where}: body has no SpecificResource with the purpose "classifying" (the category)`);

    return { categoryId, note, attributes: values };
  }

  function readReply(item: Item, where: string): ExportComment {
    const id = idAfter(item.id, `${iri.base}/comments/`);
    if (id === null) throw new ImportError(`${where}: its id ${item.id} is not a comment IRI of this export (${iri.base}/comments/<id>)`);
    const annotationId = typeof item.target === 'string' ? idAfter(item.target, `${iri.base}/annotations/`) : null;
    if (annotationId === null || !annotationIds.has(annotationId)) throw new ImportError(`${where}: the reply's target is not an annotation of this export`);
    if (item.created === undefined) throw new ImportError(`${where} has no created date`);
    return {
      id,
      annotationId,
      authorId: userOf(item.creator, where),
      body: textualBody(item, where),
      createdAt: item.created,
      editedAt: item.modified ?? null,
    };
  }

  function readMemo(item: Item, where: string): ExportMemo {
    const id = idAfter(item.id, `${iri.base}/memos/`);
    if (id === null) throw new ImportError(`${where}: its id ${item.id} is not a memo IRI of this export (${iri.base}/memos/<id>)`);
    let documentId: string | null = null;
    if (item.target !== iri.project) {
      documentId = typeof item.target === 'string' ? idAfter(item.target, `${iri.base}/documents/`) : null;
      if (documentId === null || !documentsById.has(documentId)) throw new ImportError(`${where}: the memo's target is neither the project nor an exported document`);
    }
    const updatedAt = item.modified ?? item.created;
    if (updatedAt === undefined) throw new ImportError(`${where} has no modified date`);
    return { id, documentId, body: textualBody(item, where), authorId: userOf(item.creator, where), updatedAt };
  }

  let exportedBy: string | undefined;
  if (collection.creator) exportedBy = userOf(collection.creator, 'the collection');

  // Groups name their members by id: each must be one of the file's documents or categories.
  const groups = collection['parallax:groups'];
  if (groups) {
    const documentIds = new Set(documents.map((d) => d.id));
    const categoryIds = new Set(categories.map((c) => c.id));
    for (const [kind, list, known] of [['document group', groups.documentGroups, documentIds], ['category group', groups.categoryGroups, categoryIds]] as const) {
      for (const g of list) {
        const stranger = g.memberIds.find((id) => !known.has(id));
        if (stranger !== undefined) throw new ImportError(`the ${kind} "${g.name}" names ${stranger}, which is not one of the file's ${kind === 'document group' ? 'documents' : 'categories'}`);
      }
    }
  }

  return {
    exportedAt: collection.generated,
    baseUrl: collection['parallax:baseUrl'],
    ...(exportedBy !== undefined ? { exportedBy } : {}),
    project,
    users,
    categories,
    attributes,
    documents,
    annotations,
    comments,
    memos,
    ...(groups ? { documentGroups: groups.documentGroups, categoryGroups: groups.categoryGroups } : {}),
  };
}
