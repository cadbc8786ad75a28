import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '@/lib/export/errors';
import { annoContext, fromW3C, toW3C, type W3CAnnotationPage, type W3CCodingAnnotation, type W3CExport } from '@/lib/export/w3c';
import { annotationIds, cloneFixture, extraAnnotationIds, fixture, ids, richFixture } from './fixture';
import { failedAssertions, hasW3cReference, loadAssertions, noteSkipped, w3cDir } from './reference';

const base = 'http://localhost:3000';

function pagesOf(collection: W3CExport): W3CAnnotationPage[] {
  return [...(collection.first ? [collection.first] : []), ...(collection['@included'] ?? [])];
}

function itemsOf(collection: W3CExport) {
  return pagesOf(collection).flatMap((page) => page.items);
}

function coding(collection: W3CExport, id: string): W3CCodingAnnotation {
  const item = itemsOf(collection).find((a) => a.id === `${base}/annotations/${id}`);
  if (!item || item.motivation !== 'classifying') throw new Error(`no coding ${id}`);
  return item;
}

/** A JSON copy, as a file would be read back. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function expectImportError(run: () => unknown, message: string | RegExp) {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ImportError);
  expect((thrown as Error).message).toMatch(message);
}

describe('toW3C', () => {
  const single = toW3C(fixture);
  const paged = toW3C(fixture, { pageSize: 4 });
  const total = fixture.annotations.length + fixture.comments.length + fixture.memos.length;

  it('is an AnnotationCollection whose @context adds the Parallax term to anno.jsonld', () => {
    expect(single['@context'][0]).toBe(annoContext);
    expect(single['@context'][1]).toMatchObject({ parallax: expect.stringMatching(/#$/) });
    expect(single.type).toBe('AnnotationCollection');
    expect(single.id).toBe(`${base}/projects/${ids.project}/annotations`);
    expect(single.total).toBe(total);
    expect(single.label).toContain(fixture.project.name);
    expect(single.generated).toBe(fixture.exportedAt);
    expect(single.creator).toEqual({ id: `${base}/users/${ids.chen}`, type: 'Person', name: 'Chen Li' });
  });

  it('embeds the only page as first, with every item', () => {
    expect(single.first?.items).toHaveLength(total);
    expect(single.first?.startIndex).toBe(0);
    expect(single.first?.partOf).toEqual({ id: single.id, label: single.label, total });
    expect(single.first?.next).toBeUndefined();
    expect(single.first?.prev).toBeUndefined();
    expect(single.last).toBe(single.first?.id);
    expect(single['@included']).toBeUndefined();
  });

  it('splits many items into linked pages: first embedded, the rest under @included', () => {
    const pages = pagesOf(paged);
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 4, 3]);
    expect(pages.map((p) => p.startIndex)).toEqual([0, 4, 8, 12]);
    pages.forEach((page, i) => {
      expect(page.partOf).toEqual({ id: paged.id, label: paged.label, total });
      expect(page.prev).toBe(i === 0 ? undefined : pages[i - 1]!.id);
      expect(page.next).toBe(i === pages.length - 1 ? undefined : pages[i + 1]!.id);
    });
    expect(paged.last).toBe(pages[3]!.id);
    expect(new Set(pages.map((p) => p.id)).size).toBe(4);
  });

  it('writes a coding with category, attribute and note bodies and both selectors', () => {
    const a1 = fixture.annotations.find((a) => a.id === annotationIds.a1)!;
    expect(coding(single, annotationIds.a1)).toEqual({
      '@context': annoContext,
      id: `${base}/annotations/${a1.id}`,
      type: 'Annotation',
      motivation: 'classifying',
      creator: { id: `${base}/users/${ids.ana}`, type: 'Person', name: 'Ana Ahmed' },
      created: a1.createdAt,
      modified: a1.updatedAt,
      body: [
        { type: 'SpecificResource', purpose: 'classifying', source: { id: `${base}/categories/${ids.sanctuary}`, label: 'Security / TTP sanctuary' } },
        {
          type: 'SpecificResource',
          purpose: 'tagging',
          source: { id: `${base}/attributes/${ids.blame}/options/${ids.optTaliban}`, label: 'Blame target: Afghan Taliban' },
        },
        { type: 'TextualBody', value: a1.note, format: 'text/plain', purpose: 'commenting' },
      ],
      target: {
        type: 'SpecificResource',
        source: `${base}/documents/${ids.doc1}`,
        selector: [
          { type: 'TextQuoteSelector', exact: a1.quote, prefix: a1.prefix, suffix: a1.suffix },
          { type: 'TextPositionSelector', start: a1.start, end: a1.end },
        ],
      },
      'parallax:layer': 'annotator',
    });
    expect(coding(single, annotationIds.a5)['parallax:layer']).toBe('consensus');
    expect(coding(single, annotationIds.a5).creator.id).toBe(`${base}/users/${ids.chen}`);
  });

  it('counts TextPositionSelector offsets in code points: an emoji before the passage counts once', () => {
    const a4 = fixture.annotations.find((a) => a.id === annotationIds.a4)!;
    const position = coding(single, annotationIds.a4).target.selector[1]!;
    expect(a4.quote).toBe('hurting traders on both sides');
    expect(position).toEqual({ type: 'TextPositionSelector', start: a4.start - 1, end: a4.end - 1 });
    const text = fixture.documents[0]!.text;
    expect([...text].slice(position.start, position.end).join('')).toBe(a4.quote);
    // The passage holding the emoji is one character shorter than its UTF-16 length.
    const a3 = coding(single, annotationIds.a3).target.selector[1]!;
    const quote3 = fixture.annotations.find((a) => a.id === annotationIds.a3)!.quote;
    expect(a3.end - a3.start).toBe(quote3.length - 1);
  });

  it('writes comments as replies to the annotation and memos as comments on the document or project', () => {
    const items = itemsOf(single);
    const replies = items.filter((a) => a.motivation === 'replying');
    const memos = items.filter((a) => a.motivation === 'commenting');
    expect(replies).toHaveLength(3);
    expect(replies[0]).toMatchObject({ target: `${base}/annotations/${annotationIds.a1}`, body: { type: 'TextualBody', value: fixture.comments[0]!.body } });
    expect(replies[0]).not.toHaveProperty('modified');
    expect(replies[1]).toHaveProperty('modified', fixture.comments[1]!.editedAt);
    expect(memos.map((m) => m.target)).toEqual([`${base}/documents/${ids.doc1}`, `${base}/projects/${ids.project}`]);
  });

  it('carries documents with text, metadata and code-point blocks, the codebook, users and project', () => {
    expect(single['parallax:baseUrl']).toBe(base);
    expect(single['parallax:project']).toEqual(fixture.project);
    expect(single['parallax:users']).toEqual(fixture.users);
    expect(single['parallax:codebook']).toEqual({ categories: fixture.categories, attributes: fixture.attributes });
    const doc1 = single['parallax:documents'][0]!;
    expect(doc1.text).toBe(fixture.documents[0]!.text);
    // The last paragraph follows the emoji, so its offsets are one less than in UTF-16.
    expect(doc1.blocks.at(-1)).toEqual({ ...fixture.documents[0]!.blocks.at(-1), start: fixture.documents[0]!.blocks.at(-1)!.start - 1, end: fixture.documents[0]!.blocks.at(-1)!.end - 1 });
    expect(doc1.blocks[0]).toEqual(fixture.documents[0]!.blocks[0]);
  });

  it('is deterministic and needs an absolute baseUrl', () => {
    expect(toW3C(fixture)).toEqual(single);
    expect(() => toW3C({ ...fixture, baseUrl: '' })).toThrow(/absolute baseUrl/);
    expect(() => toW3C(fixture, { pageSize: 0 })).toThrow(/pageSize/);
    expect(toW3C({ ...fixture, baseUrl: `${base}/` }).id).toBe(single.id);
  });

  it('exports an empty project as an empty collection', () => {
    const empty = toW3C({ ...fixture, annotations: [], comments: [], memos: [] });
    expect(empty.total).toBe(0);
    expect(empty.first).toBeUndefined();
    expect(empty.last).toBeUndefined();
  });
});

describe.skipIf(!hasW3cReference)('toW3C against the W3C Web Annotation test suite (MUST assertions)', () => {
  // Loaded when a test runs: a skipped describe's body still runs to collect its tests.
  let annotationMusts: ReturnType<typeof loadAssertions> = [];
  let collectionMusts: ReturnType<typeof loadAssertions> = [];
  let pageMusts: ReturnType<typeof loadAssertions> = [];
  beforeAll(() => {
    annotationMusts = loadAssertions('annotations/annotationMusts.test');
    collectionMusts = loadAssertions('collections/collectionMusts.test');
    pageMusts = loadAssertions('collections/pages/pageMusts.test');
  });

  it('loads every assertion the .test files list', () => {
    expect(annotationMusts.length).toBeGreaterThan(40);
    expect(collectionMusts.length).toBe(10);
    expect(pageMusts.length).toBe(15);
  });

  it('the harness accepts the suite’s correct samples and rejects one of its incorrect ones', () => {
    const samples = path.join(w3cDir, 'tools', 'samples');
    const correct = JSON.parse(readFileSync(path.join(samples, 'correct', 'anno1.json'), 'utf8')) as unknown;
    expect(failedAssertions(annotationMusts, correct)).toEqual([]);
    const collection = JSON.parse(readFileSync(path.join(samples, 'correct', 'collection1.json'), 'utf8')) as unknown;
    expect(failedAssertions(collectionMusts, collection)).toEqual([]);
    expect(failedAssertions(pageMusts, collection)).toEqual([]);
    const incorrect = readdirSync(path.join(samples, 'incorrect'))
      .map((file) => readFileSync(path.join(samples, 'incorrect', file), 'utf8'))
      .flatMap((text) => {
        try {
          return [JSON.parse(text) as unknown];
        } catch {
          return [];
        }
      });
    expect(incorrect.some((sample) => failedAssertions(annotationMusts, sample).length > 0)).toBe(true);
  });

  for (const pageSize of [500, 4, 1]) {
    describe(`with pageSize ${pageSize}`, () => {
      const collection = viaJson(toW3C(fixture, { pageSize }));
      const pages = pagesOf(collection);

      it('every annotation meets every MUST', () => {
        const items = pages.flatMap((page) => page.items);
        expect(items).toHaveLength(collection.total);
        for (const item of items) expect({ id: item.id, failed: failedAssertions(annotationMusts, item) }).toEqual({ id: item.id, failed: [] });
      });

      it('the collection meets every collection MUST and, with its embedded first page, every page MUST', () => {
        expect(failedAssertions(collectionMusts, collection)).toEqual([]);
        expect(failedAssertions(pageMusts, collection)).toEqual([]);
      });

      it('each page on its own meets every page MUST', () => {
        for (const page of pages) expect({ id: page.id, failed: failedAssertions(pageMusts, page) }).toEqual({ id: page.id, failed: [] });
      });
    });
  }

  it('an empty collection meets the collection MUSTs', () => {
    const empty = viaJson(toW3C({ ...fixture, annotations: [], comments: [], memos: [] }));
    expect(failedAssertions(collectionMusts, empty)).toEqual([]);
  });
});

if (!hasW3cReference) noteSkipped('the W3C Web Annotation conformance checks', `${w3cDir} is not there (it is on CI, beside the repository)`);

describe('fromW3C', () => {
  it('reads an export back into the same snapshot', () => {
    expect(fromW3C(viaJson(toW3C(fixture)))).toEqual(fixture);
    expect(fromW3C(viaJson(toW3C(fixture, { pageSize: 3 })))).toEqual(fixture);
    expect(fromW3C(JSON.stringify(toW3C(fixture)))).toEqual(fixture);
  });

  it('round-trips: toW3C(fromW3C(toW3C(s))) equals toW3C(s)', () => {
    const once = viaJson(toW3C(fixture, { pageSize: 4 }));
    expect(toW3C(fromW3C(once), { pageSize: 4 })).toEqual(once);
  });

  it('carries document and category groups, and refuses a group that names what the file does not hold', () => {
    const grouped = cloneFixture();
    grouped.documentGroups = [{ id: '99999999-0000-4000-8000-000000000001', name: 'Pakistani press', description: 'Dawn', memberIds: [ids.doc1] }];
    grouped.categoryGroups = [{ id: '99999999-0000-4000-8000-000000000002', name: 'Security', description: '', memberIds: [ids.security, ids.sanctuary], guid: '{ABC}' }];
    const file = viaJson(toW3C(grouped));
    expect(fromW3C(file)).toEqual(grouped);
    (file as unknown as { 'parallax:groups': { documentGroups: { memberIds: string[] }[] } })['parallax:groups'].documentGroups[0]!.memberIds.push('nope');
    expectImportError(() => fromW3C(file), /the document group "Pakistani press" names nope, which is not one of the file's documents/);
    // A project without groups writes none, as before.
    expect('parallax:groups' in viaJson(toW3C(fixture))).toBe(false);
  });

  it('keeps unplaced passages unplaced, with their last quote, through a round trip', () => {
    const rich = richFixture();
    const file = viaJson(toW3C(rich));
    const orphanItem = itemsOf(file).find((a) => (a as unknown as { id: string }).id.endsWith(extraAnnotationIds.orphan)) as unknown as W3CCodingAnnotation;
    // An unplaced passage has no place in today's text: only its quote is a selector.
    expect(orphanItem.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector']);
    const back = fromW3C(file);
    for (const id of [extraAnnotationIds.orphan, extraAnnotationIds.orphanConsensus]) {
      const before = rich.annotations.find((a) => a.id === id)!;
      const after = back.annotations.find((a) => a.id === id)!;
      expect(after).toMatchObject({ orphaned: true, quote: before.quote, start: before.start, end: before.end, note: before.note, layer: before.layer });
    }
    // Placed passages stay placed.
    expect(back.annotations.filter((a) => a.orphaned)).toHaveLength(2);
  });

  it('gives UTF-16 offsets back from code points', () => {
    const back = fromW3C(viaJson(toW3C(fixture)));
    const a4 = back.annotations.find((a) => a.id === annotationIds.a4)!;
    expect(back.documents[0]!.text.slice(a4.start, a4.end)).toBe('hurting traders on both sides');
    expect(back.documents[0]!.blocks).toEqual(fixture.documents[0]!.blocks);
  });

  const exported = () => viaJson(toW3C(fixture, { pageSize: 4 }));
  const nth = (collection: W3CExport, n: number) => itemsOf(collection)[n - 1] as unknown as Record<string, unknown>;

  it('names an annotation whose target lacks a TextPositionSelector', () => {
    const file = exported();
    const item = nth(file, 10) as unknown as W3CCodingAnnotation;
    (item.target as { selector: unknown[] }).selector = [item.target.selector[0]];
    expectImportError(() => fromW3C(file), /^annotation 10: target has no TextPositionSelector/);
  });

  it('refuses a quote that does not match the document text', () => {
    const file = exported();
    (nth(file, 2) as unknown as W3CCodingAnnotation).target.selector[0].exact = 'something else';
    expectImportError(() => fromW3C(file), /^annotation 2: the TextQuoteSelector's exact text is not the document's text/);
  });

  it('refuses a position past the document end', () => {
    const file = exported();
    (nth(file, 3) as unknown as W3CCodingAnnotation).target.selector[1]!.end = 100_000;
    expectImportError(() => fromW3C(file), /^annotation 3: TextPositionSelector \d+-100000 is not a passage/);
  });

  it('refuses an unknown category, creator or document', () => {
    let file = exported();
    (nth(file, 1) as unknown as W3CCodingAnnotation).body[0] = {
      type: 'SpecificResource',
      purpose: 'classifying',
      source: { id: `${base}/categories/nope`, label: 'x' },
    };
    expectImportError(() => fromW3C(file), /^annotation 1: its category .*nope is not in the exported codebook/);
    file = exported();
    (nth(file, 1) as unknown as W3CCodingAnnotation).creator.id = `${base}/users/nobody`;
    expectImportError(() => fromW3C(file), /^annotation 1: the creator .*nobody is not among the exported users/);
    file = exported();
    (nth(file, 1) as unknown as W3CCodingAnnotation).target.source = `${base}/documents/elsewhere`;
    expectImportError(() => fromW3C(file), /^annotation 1: target source .*elsewhere is not one of the exported documents/);
  });

  it('refuses an annotation whose own @context is not exactly anno.jsonld', () => {
    const file = exported();
    nth(file, 5)['@context'] = [annoContext];
    expectImportError(() => fromW3C(file), /^annotation 5: its @context must be/);
  });

  it('refuses a collection with a missing page', () => {
    const file = exported();
    file['@included'] = file['@included']!.slice(1);
    expectImportError(() => fromW3C(file), /starts at item 8, but the pages before it hold 4 items/);
  });

  it('refuses what is not a Parallax collection', () => {
    expectImportError(() => fromW3C('{not json'), /^the file is not JSON/);
    expectImportError(() => fromW3C([]), /not a JSON object/);
    expectImportError(() => fromW3C({ '@context': 'http://schema.org', type: 'AnnotationCollection' }), /@context does not include/);
    expectImportError(() => fromW3C(nth(exported(), 1)), /is a Annotation, not an AnnotationCollection|is an? Annotation, not an AnnotationCollection/);
    const bare = exported() as unknown as Record<string, unknown>;
    delete bare['parallax:documents'];
    expectImportError(() => fromW3C(bare), /carries no Parallax data/);
    const broken = exported() as unknown as Record<string, unknown>;
    (broken['parallax:users'] as Record<string, unknown>[])[1]!.name = 42;
    expectImportError(() => fromW3C(broken), /^the collection: parallax:users 2 › name is not valid/);
  });

  it('keeps a consensus annotation in the consensus layer with its curator', () => {
    const back = fromW3C(viaJson(toW3C(cloneFixture())));
    expect(back.annotations.filter((a) => a.layer === 'CONSENSUS').map((a) => a.annotatorId)).toEqual([ids.chen, ids.chen, ids.chen]);
  });
});
