// W3C files from other tools placed on articles Parallax holds (lib/export/w3c-foreign.ts), tested
// with what the tools themselves wrote (tests/fixtures/w3c/README.md: Recogito's two annotators and
// the Hypothesis client, each beside the page it annotated) and with the W3C specification's own
// examples. Each article's text is derived from the fixture's HTML page, the way Parallax would
// hold it (parseHtml, the importer's cleaner) or the way the tool saw it (the DOM's text), so the
// files' quotes and offsets are checked against real texts, not against copies made to fit.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from 'linkedom';
import { describe, expect, it, test } from 'vitest';
import { parseHtml } from '@/lib/corpus';
import { ImportError } from '@/lib/export/errors';
import { maxForeignAnnotations, readForeignW3C, type ForeignArticle, type ForeignReading } from '@/lib/export/w3c-foreign';
import { noteSkipped, w3cDir } from './reference';

const fixtures = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'w3c');
const read = (file: string) => readFileSync(path.join(fixtures, file), 'utf8');
const readJson = (file: string) => JSON.parse(read(file)) as unknown;
const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();

/** The text a browser shows for `selector` (the DOM's textContent), less the parts matching `remove`. */
function domText(html: string, selector: string, remove?: string): string {
  // linkedom builds a <body> only for a whole document; its types are narrower than lib.dom's.
  const doc = new DOMParser().parseFromString(/<html/i.test(html) ? html : `<!doctype html><html><head></head>${html}</html>`, 'text/html') as unknown as Document;
  const root = doc.querySelector(selector);
  if (!root) throw new Error(`${selector} is not in the page`);
  if (remove) for (const node of Array.from(root.querySelectorAll(remove))) node.remove();
  return root.textContent ?? '';
}

type Quoted = { exact: string };

/** Every TextQuoteSelector of the annotation's targets (selectors, refinedBy chains, Hypothesis target lists). */
function quotesOf(annotation: unknown): Quoted[] {
  const found: Quoted[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (record.type === 'TextQuoteSelector' && typeof record.exact === 'string') found.push({ exact: record.exact });
    for (const key of ['selector', 'refinedBy', 'items']) visit(record[key]);
  };
  visit((annotation as { target?: unknown }).target);
  return found;
}

/** Each placement is its annotation's quote, on the article's own text. */
function expectPlacementsQuote(reading: ForeignReading, items: unknown[], articles: readonly ForeignArticle[], opts: { collapsed?: number[] } = {}) {
  for (const p of reading.placements) {
    const article = articles.find((a) => a.id === p.articleId);
    expect(article, `annotation ${p.index + 1} is on an article we gave`).toBeDefined();
    const exact = quotesOf(items[p.index])[0]?.exact;
    expect(exact, `annotation ${p.index + 1} has a TextQuoteSelector`).toBeDefined();
    const slice = article!.text.slice(p.start, p.end);
    expect(p.quote).toBe(slice);
    // A page's text may break a line where the tool's quote has a space: compared then as a reader sees it.
    if (opts.collapsed?.includes(p.index)) {
      expect(slice).not.toBe(exact);
      expect(collapse(slice)).toBe(collapse(exact!));
    } else {
      expect(slice, `annotation ${p.index + 1}`).toBe(exact);
    }
    expect(p.prefix).toBe(article!.text.slice(Math.max(0, p.start - p.prefix.length), p.start));
    expect(p.suffix).toBe(article!.text.slice(p.end, p.end + p.suffix.length));
  }
}

const byIndex = (reading: ForeignReading) => new Map(reading.placements.map((p) => [p.index, p]));

// ─── The fixtures' texts ─────────────────────────────────────────────────────────────────────

const recogitoItems = readJson('recogito-js/annotations.w3c.json') as unknown[];
const recogitoPage = parseHtml(read('recogito-js/index.html'));
const odysseyRj: ForeignArticle = { id: 'odyssey-rj', title: recogitoPage.title, sourceUrl: null, text: recogitoPage.text };

const textAnnotatorItems = readJson('text-annotator/annotations.w3c.json') as unknown[];
const textAnnotatorHtml = read('text-annotator/index.html');
const gutenberg = 'https://www.gutenberg.org/files/1727/1727-h/1727-h.htm';
// What @recogito/text-annotator counted its offsets in: #content's text, less what it may not annotate.
const odysseyDom: ForeignArticle = { id: 'odyssey-dom', title: 'The Odyssey', sourceUrl: gutenberg, text: domText(textAnnotatorHtml, '#content', '.not-annotatable') };
// What Parallax holds after importing the page: the cleaned article, whose offsets differ.
const odysseyClean: ForeignArticle = { id: 'odyssey-clean', title: 'The Odyssey', sourceUrl: 'http://www.gutenberg.org/files/1727/1727-h/1727-h.htm#top', text: parseHtml(textAnnotatorHtml).text };

const hypothesisSearch = readJson('hypothesis-client/wikipedia-regression-testing.json') as { total: number; rows: unknown[] };
const wikipediaHtml = read('hypothesis-client/wikipedia-regression-testing.html');
const wikipediaDom: ForeignArticle = { id: 'wiki-dom', title: 'Regression testing', sourceUrl: 'https://en.wikipedia.org/wiki/Regression_testing', text: domText(wikipediaHtml, 'body') };
const wikipediaPage = parseHtml(wikipediaHtml);
const wikipediaClean: ForeignArticle = { id: 'wiki-clean', title: wikipediaPage.title, sourceUrl: 'http://en.wikipedia.org/wiki/Regression_testing/', text: wikipediaPage.text };

/** An article that shares words with the Odyssey's opening, to catch a quote matched on the wrong text. */
const decoy: ForeignArticle = {
  id: 'decoy',
  title: 'Troy, New York',
  sourceUrl: 'https://example.org/troy',
  text: 'Troy is a city in New York. The Odyssey was read aloud there: death in battle or by shipwreck, the gods and Ithaca.',
};

describe('Recogito (RecogitoJS): a bare array', () => {
  it('places each annotation by its quote, with its tags and comment, and lists the link between two annotations', () => {
    const reading = readForeignW3C(read('recogito-js/annotations.w3c.json'), [odysseyRj]);
    expect(reading.format).toBe('Recogito (array)');
    expect(reading.total).toBe(4);
    expectPlacementsQuote(reading, recogitoItems, [odysseyRj]);
    const placed = byIndex(reading);
    expect([...placed.keys()]).toEqual([0, 1, 2]);
    // Recogito counted its offsets in the page's DOM, not in the cleaned article: found by the quote.
    expect(reading.placements.map((p) => p.how)).toEqual(['quote', 'quote', 'quote']);
    expect(placed.get(0)).toMatchObject({ quote: 'Troy', tags: ['A Tag', 'Another Tag'], note: 'This is a comment', sourceId: '#ce0ed291-766b-4763-8e91-90ce1d04e706', creator: null });
    expect(placed.get(1)).toMatchObject({ quote: 'death in battle', tags: [], note: 'Another comment' });
    // Its TextPositionSelector (963–970) is 7 characters for a 6-letter quote: the quote decides.
    expect(placed.get(2)).toMatchObject({ quote: 'Ithaca', tags: [], note: 'Comment...' });
    expect(reading.unmatched).toEqual([
      {
        index: 3,
        sourceId: '#9ba844a7-e8ec-4127-ad12-1f7f16a240c6',
        reason: 'annotation 4: it is a link between annotations (motivation "linking") labelled "isRelatedTo", not on a passage of text: Parallax has no links between annotations',
      },
    ]);
  });

  it('does not guess between two articles that both hold a quote, and says why', () => {
    const reading = readForeignW3C(recogitoItems, [odysseyRj, decoy]);
    // The file names no source or title, so both articles are searched; each quote is in both, with
    // no prefix or suffix to choose, and offsets say nothing across articles.
    const unmatched = new Map(reading.unmatched.map((u) => [u.index, u]));
    expect(unmatched.get(0)?.reason).toBe(
      'annotation 1: the quote "Troy" occurs 2 times (1 in “Homer: The Odyssey”, 1 in “Troy, New York”) and neither prefix/suffix nor position decides',
    );
    expect(unmatched.get(0)?.quote).toBe('Troy');
    expect(unmatched.get(1)?.reason).toMatch(/^annotation 2: the quote "death in battle" occurs 2 times \(1 in “Homer: The Odyssey”, 1 in “Troy, New York”\)/);
    expect(unmatched.get(2)?.reason).toMatch(/^annotation 3: the quote "Ithaca" occurs 2 times/);
    expect(reading.placements).toEqual([]);
  });
});

describe('Recogito (@recogito/text-annotator): source, creator and created', () => {
  it('places every annotation where its TextPositionSelector says, on the text the tool counted in', () => {
    const reading = readForeignW3C(textAnnotatorItems, [odysseyDom, decoy]);
    expect(reading.format).toBe('Recogito (array)');
    expect(reading.unmatched).toEqual([]);
    expect(reading.placements.map((p) => [p.index, p.articleId, p.how])).toEqual([0, 1, 2, 3, 4].map((i) => [i, 'odyssey-dom', 'position']));
    // Annotation 3's quote has a space where the page breaks the line.
    expectPlacementsQuote(reading, textAnnotatorItems, [odysseyDom], { collapsed: [2] });
    expect(reading.placements.map((p) => [p.start, p.end])).toEqual([[741, 772], [982, 1030], [1408, 1581], [988, 1011], [970, 1001]]);
    const placed = byIndex(reading);
    expect(placed.get(0)).toMatchObject({ creator: { id: 'ktKoKXUSAY88XxClOvGp' }, created: '2024-01-05T13:19:14.716Z', tags: [], note: '' });
    expect(placed.get(3)).toMatchObject({ creator: { id: 'htjjQ0q46ZxyQajyl__F' }, created: '2024-03-26T12:55:49.144Z' });
    expect(reading.creators).toEqual([
      { id: 'ktKoKXUSAY88XxClOvGp', placements: 3 },
      { id: 'htjjQ0q46ZxyQajyl__F', placements: 2 },
    ]);
  });

  it('finds them by their quotes on the cleaned article, whose source differs only by scheme and fragment', () => {
    const reading = readForeignW3C(textAnnotatorItems, [decoy, odysseyClean]);
    expect(reading.unmatched).toEqual([]);
    expect(reading.placements.every((p) => p.articleId === 'odyssey-clean' && p.how === 'quote')).toBe(true);
    expectPlacementsQuote(reading, textAnnotatorItems, [odysseyClean]);
    // The overlapping passages (2, 4 and 5 share "years went by") keep their own places.
    expect(reading.placements.map((p) => [p.start, p.end])).toEqual([[674, 705], [899, 947], [1276, 1441], [905, 928], [887, 918]]);
  });

  it('reports a quote that two copies of the article hold alike as unmatched, even where both positions agree', () => {
    const twin: ForeignArticle = { ...odysseyDom, id: 'odyssey-twin', title: 'The Odyssey (second copy)' };
    const reading = readForeignW3C(textAnnotatorItems, [odysseyDom, twin]);
    expect(reading.placements).toEqual([]);
    expect(reading.unmatched).toHaveLength(5);
    for (const u of reading.unmatched) {
      // (The page repeats some passages, so a quote may occur several times in each copy.)
      const counts = /occurs (\d+) times \((\d+) in “The Odyssey”, (\d+) in “The Odyssey \(second copy\)”\) and neither prefix\/suffix nor position decides$/.exec(u.reason);
      expect(counts, u.reason).not.toBeNull();
      expect(counts![2]).toBe(counts![3]);
    }
  });
});

describe('Hypothesis: the API’s search response and the client’s export', () => {
  const hypothesisExpected = [
    { index: 0, note: 'Footer', quote: '11 November 2016' },
    { index: 1, note: 'Body', quote: null },
    { index: 2, note: 'Quote', quote: null },
    { index: 3, note: 'Introduction', quote: null },
    { index: 4, note: 'Heading', quote: 'Regression testing' },
  ];

  it('places each annotation on the page the client saw, with its note and user', () => {
    const reading = readForeignW3C(hypothesisSearch, [decoy, wikipediaDom]);
    expect(reading.format).toBe('Hypothesis (API search)');
    expect(reading.unmatched).toEqual([]);
    expectPlacementsQuote(reading, hypothesisSearch.rows, [wikipediaDom]);
    for (const expected of hypothesisExpected) {
      const p = byIndex(reading).get(expected.index);
      expect(p).toMatchObject({ articleId: 'wiki-dom', note: expected.note, tags: [], creator: { id: 'acct:mark@localhost', name: 'mark' } });
      if (expected.quote) expect(p?.quote).toBe(expected.quote);
    }
    // Hypothesis counts UTF-16 code units in document.body's text: four positions hold their quotes;
    // the footer's is off by what this DOM and the browser's disagree on, and its quote finds it.
    expect(reading.placements.map((p) => p.how)).toEqual(['quote', 'position', 'position', 'position', 'position']);
    expect(byIndex(reading).get(1)).toMatchObject({ created: '2016-12-16T11:23:56.096030+00:00', modified: '2016-12-16T11:23:56.096030+00:00' });
    expect(reading.notes).toEqual([expect.stringMatching(/^RangeSelector ignored/)]);
    expect(reading.creators).toEqual([{ id: 'acct:mark@localhost', name: 'mark', placements: 5 }]);
  });

  it('on the cleaned article: the heading among eight “Regression testing”s by its context, the footer not there at all', () => {
    const reading = readForeignW3C(hypothesisSearch, [wikipediaClean, decoy]);
    expectPlacementsQuote(reading, hypothesisSearch.rows, [wikipediaClean]);
    expect(reading.placements.map((p) => [p.index, p.how])).toEqual([[1, 'quote'], [2, 'quote'], [3, 'quote'], [4, 'quote']]);
    let occurrences = 0;
    for (let at = wikipediaClean.text.indexOf('Regression testing'); at !== -1; at = wikipediaClean.text.indexOf('Regression testing', at + 1)) occurrences++;
    expect(occurrences).toBeGreaterThan(5);
    expect(byIndex(reading).get(4)).toMatchObject({ start: 0, end: 18 });
    // The reader view drops the page's footer; the source URL names the article, so the reason says so.
    expect(reading.unmatched).toEqual([
      {
        index: 0,
        sourceId: expect.any(String),
        quote: '11 November 2016',
        reason: 'annotation 1: the quote "11 November 2016" is not in “Regression testing”, the article its source https://en.wikipedia.org/wiki/Regression_testing names',
      },
    ]);
  });

  it('takes the article the file’s page title names when no source matches, and only that one', () => {
    const titled: ForeignArticle = { ...wikipediaDom, id: 'wiki-titled', title: 'Regression Testing – Wikipedia', sourceUrl: null };
    const untitled: ForeignArticle = { ...wikipediaDom, id: 'wiki-copy', title: 'Another copy', sourceUrl: null };
    const reading = readForeignW3C(hypothesisSearch, [untitled, titled]);
    expect(reading.unmatched).toEqual([]);
    expect(reading.placements.map((p) => p.articleId)).toEqual(new Array(5).fill('wiki-titled'));
    // Without the title both copies hold every quote alike: nothing is guessed.
    const blind = readForeignW3C(hypothesisSearch, [untitled, { ...titled, title: 'Copy two' }]);
    expect(blind.placements).toEqual([]);
    expect(blind.unmatched).toHaveLength(5);
  });

  it('reads the minimal baseline by its TextPositionSelector', () => {
    const html = read('hypothesis-client/minimal.html');
    const minimal: ForeignArticle = { id: 'minimal', title: null, sourceUrl: null, text: domText(html, 'body') };
    expect(minimal.text).toBe('One Two Three');
    const reading = readForeignW3C(read('hypothesis-client/minimal.json'), [minimal]);
    expect(reading.placements).toMatchObject([{ index: 0, sourceId: 'test', start: 4, end: 7, quote: 'Two', how: 'position', creator: null }]);
    expect(reading.unmatched).toEqual([]);
  });
});

describe('every shape a file may come in', () => {
  const expectSameAsArray = (reading: ForeignReading, format: string) => {
    const reference = readForeignW3C(recogitoItems, [odysseyRj]);
    expect(reading.format).toBe(format);
    expect(reading.placements).toEqual(reference.placements);
    expect(reading.unmatched).toEqual(reference.unmatched);
  };

  test('an AnnotationPage', () => {
    expectSameAsArray(readForeignW3C({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items: recogitoItems }, [odysseyRj]), 'AnnotationPage');
  });

  test('an AnnotationCollection with its first page embedded', () => {
    const collection = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 4, first: { type: 'AnnotationPage', startIndex: 0, items: recogitoItems } };
    expectSameAsArray(readForeignW3C(JSON.stringify(collection), [odysseyRj]), 'AnnotationCollection');
  });

  test('an AnnotationCollection with two pages, the second in @included, in order', () => {
    const collection = {
      type: 'AnnotationCollection',
      total: 4,
      first: { type: 'AnnotationPage', startIndex: 0, items: recogitoItems.slice(0, 2), next: 'p2' },
      '@included': [{ id: 'p2', type: 'AnnotationPage', startIndex: 2, items: recogitoItems.slice(2) }],
    };
    expectSameAsArray(readForeignW3C(collection, [odysseyRj]), 'AnnotationCollection');
  });

  test('one Annotation', () => {
    const reading = readForeignW3C({ ...(recogitoItems[0] as object) }, [odysseyRj]);
    expect(reading.format).toBe('Annotation');
    expect(reading.placements).toMatchObject([{ index: 0, quote: 'Troy', tags: ['A Tag', 'Another Tag'], note: 'This is a comment' }]);
  });

  test('Hypothesis’s API search response, replies apart', () => {
    const reply = { id: 'r1', uri: wikipediaDom.sourceUrl, text: 'I agree', references: ['x'], target: [{ source: wikipediaDom.sourceUrl }] };
    const reading = readForeignW3C({ ...hypothesisSearch, replies: [reply] }, [wikipediaDom]);
    expect(reading.format).toBe('Hypothesis (API search)');
    expect(reading.total).toBe(6);
    expect(reading.placements).toHaveLength(5);
    expect(reading.notes).toContain('1 reply: Parallax imports replies as comments only on Parallax exports');
  });

  test('the Hypothesis client’s JSON export (annotations, export_date)', () => {
    const exported = { export_date: '2024-05-01T10:00:00.000Z', export_userid: 'acct:mark@localhost', client_version: '1.1500.0', annotations: hypothesisSearch.rows };
    const reading = readForeignW3C(JSON.stringify(exported), [wikipediaDom]);
    expect(reading.format).toBe('Hypothesis (JSON export)');
    expect(reading.placements).toEqual(readForeignW3C(hypothesisSearch, [wikipediaDom]).placements);
  });

  test('one Hypothesis annotation, and a byte-order mark before the JSON', () => {
    const reading = readForeignW3C(`\uFEFF${JSON.stringify(hypothesisSearch.rows[3])}`, [wikipediaDom]);
    expect(reading.format).toBe('Hypothesis (annotation)');
    expect(reading.placements).toMatchObject([{ note: 'Introduction', how: 'position' }]);
  });

  test.each([
    ['a collection whose pages are only linked', { type: 'AnnotationCollection', total: 42023, first: 'http://example.org/page1' }, /pages are not in the file \(its first page is only linked: http:\/\/example\.org\/page1\)/],
    [
      'a collection that embeds fewer annotations than its total',
      { type: 'AnnotationCollection', total: 10, first: { type: 'AnnotationPage', items: recogitoItems } },
      /holds 10 annotations but the file embeds only 4 of them/,
    ],
    ['an empty list', [], /empty list/],
    ['an empty page', { type: 'AnnotationPage', items: [] }, /the page holds no annotations/],
    ['a page whose items are not a list', { type: 'AnnotationPage', items: 'x' }, /^the page: items is not valid/],
    ['an object of another kind', { type: 'Person', name: 'Ana' }, /the file is a Person, not a W3C Annotation/],
    ['an empty Hypothesis search', { total: 0, rows: [] }, /rows is empty/],
  ])('refuses %s with a clear error', (_, file, message) => {
    expect(() => readForeignW3C(file, [odysseyRj])).toThrow(ImportError);
    expect(() => readForeignW3C(file, [odysseyRj])).toThrow(message);
  });
});

describe('the W3C Web Annotation specification’s examples', () => {
  const samples = path.join(w3cDir, 'tools', 'samples', 'correct');
  const hasSamples = existsSync(samples);
  if (!hasSamples) noteSkipped('the W3C specification’s examples', `${samples} is absent (../shared/reference is not beside the repository)`);

  // The two texts the examples quote (anno26, anno32), as one page; an ebook for anno27's offsets.
  const page1: ForeignArticle = {
    id: 'page1',
    title: null,
    sourceUrl: 'http://example.org/page1',
    text: 'Notes: this is an anotation that has some errors.\n\nSome text before the Selected Text and text after it.',
  };
  const ebook1: ForeignArticle = { id: 'ebook1', title: 'Ebook', sourceUrl: 'http://example.org/ebook1', text: 'Chapter one. '.repeat(80) };
  const files = hasSamples ? readdirSync(samples).filter((f) => f.endsWith('.json')).sort() : [];

  it.skipIf(!hasSamples)('finds all the examples', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.skipIf(!hasSamples).each(files)('%s: a placement for each TextQuoteSelector on our text, a reason for every other annotation', (file) => {
    const json = JSON.parse(readFileSync(path.join(samples, file), 'utf8')) as Record<string, unknown>;
    if (json.type === 'AnnotationCollection' && typeof json.first === 'string') {
      // example41: the collection's pages are only linked, so there is nothing in the file to read.
      expect(() => readForeignW3C(json, [page1])).toThrow(/pages are not in the file/);
      return;
    }
    const items: unknown[] =
      json.type === 'AnnotationCollection' ? ((json.first as { items: unknown[] }).items) : json.type === 'AnnotationPage' ? (json.items as unknown[]) : [json];
    const reading = readForeignW3C(json, [page1]);
    expect(reading.total).toBe(items.length);
    expect(reading.placements.length + reading.unmatched.length).toBe(items.length);
    items.forEach((item, index) => {
      const target = (item as { target?: { source?: string } }).target;
      const quotes = quotesOf(item);
      const placement = reading.placements.find((p) => p.index === index);
      if (quotes.length > 0 && target?.source === page1.sourceUrl) {
        expect(placement, `${file} annotation ${index + 1} is placed`).toMatchObject({ articleId: 'page1', how: 'quote', quote: quotes[0]!.exact });
        expect(page1.text.slice(placement!.start, placement!.end)).toBe(quotes[0]!.exact);
        expect(placement!.note).toBe('http://example.org/comment1');
      } else {
        expect(placement, `${file} annotation ${index + 1} is not placed`).toBeUndefined();
        const unmatched = reading.unmatched.find((u) => u.index === index);
        expect(unmatched?.reason, `${file} annotation ${index + 1} has a reason`).toMatch(new RegExp(`^annotation ${index + 1}: .{20,}`));
      }
    });
    if (json.type === 'AnnotationPage' && json.next) expect(reading.notes[0]).toMatch(/next page \(http:\/\/example\.org\/page2\) is not in the file/);
  });

  it.skipIf(!hasSamples)('collection1 (all the examples as one collection): why each is not placed', () => {
    const reading = readForeignW3C(readFileSync(path.join(samples, 'collection1.json'), 'utf8'), [page1, ebook1]);
    expect(reading.placements.map((p) => [p.sourceId, p.how, p.quote])).toEqual([
      ['http://example.org/anno26', 'quote', 'anotation'],
      // Offsets alone are taken on the one article the target's source names.
      ['http://example.org/anno27', 'position', ebook1.text.slice(412, 795).trim()],
      ['http://example.org/anno32', 'quote', 'Selected Text'],
    ]);
    const reason = (n: number) => reading.unmatched.find((u) => u.index === n - 1)?.reason;
    expect(reason(1)).toBe('annotation 1: target has no selector: it names the whole resource http://example.com/page1, not a passage of text');
    expect(reason(24)).toBe('annotation 24: target has no TextQuoteSelector or TextPositionSelector (only CssSelector)');
    expect(reason(28)).toBe('annotation 28: target has no TextQuoteSelector or TextPositionSelector (only DataPositionSelector)');
    expect(reason(41)).toMatch(/^annotation 41: its only TextPositionSelector refines a FragmentSelector "xpointer\(\/doc\/body\/section\[2\]\/para\[1\]\)"/);
    expect(reading.notes).toContain('FragmentSelector ignored: they locate passages in the page’s markup, which Parallax’s articles do not keep; the text selectors placed them');
  });

  it.skipIf(!hasSamples)('anno41: tags, the first choice of a Choice as the note, the creator and times', () => {
    const anno = JSON.parse(readFileSync(path.join(samples, 'anno41-example44.json'), 'utf8')) as Record<string, unknown>;
    // The same annotation on a passage Parallax can find: its bodies are read as the model says.
    const placed = { ...anno, target: { source: 'http://example.org/page1', selector: { type: 'TextQuoteSelector', exact: 'Selected Text' } } };
    const reading = readForeignW3C(placed, [page1]);
    expect(reading.placements).toMatchObject([
      {
        quote: 'Selected Text',
        tags: ['love'],
        note: 'I really love this particular bit of text in this XML. No really.',
        creator: { id: 'http://example.org/user1', name: 'A. Person' },
        created: '2015-10-13T13:00:00Z',
      },
    ]);
  });
});

describe('hostile files get a clear error or reason, not a crash', () => {
  const article: ForeignArticle = { id: 'a', title: 'A', sourceUrl: null, text: 'One Two Three' };
  const quote = (exact: string) => ({ type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact } } });

  test.each([
    ['text that is not JSON', '{"type": "Annotation",', /^the file is not JSON: /],
    ['an empty file', '', /^the file is not JSON: /],
    ['a JSON number', '42', /^the file is a JSON number, not an annotation, a list of annotations, a page or a collection$/],
    ['a JSON string', '"Annotation"', /^the file is a JSON string/],
    ['null', 'null', /^the file is null/],
    ['objects nested 100,000 deep', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, /^the file is an object without a type/],
    ['Hypothesis rows that are not a list', '{"rows": 5}', /^the file is an object without a type/],
  ])('%s', (_, file, message) => {
    let error: unknown;
    try {
      readForeignW3C(file, [article]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(message);
  });

  test('lists nested 100,000 deep: the one item is not an annotation', () => {
    const reading = readForeignW3C(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, [article]);
    expect(reading.unmatched).toEqual([{ index: 0, sourceId: null, reason: 'annotation 1 is a list, not an annotation' }]);
  });

  test('refinedBy nested 100,000 deep still finds the quote at the bottom', () => {
    let selector: Record<string, unknown> = { type: 'TextQuoteSelector', exact: 'Two' };
    for (let i = 0; i < 100_000; i++) selector = { type: 'FragmentSelector', value: 'x', refinedBy: selector };
    const reading = readForeignW3C([{ type: 'Annotation', target: { selector } }], [article]);
    expect(reading.placements).toMatchObject([{ start: 4, end: 7, how: 'quote' }]);
  });

  test('more annotations than an import takes', () => {
    expect(() => readForeignW3C(new Array(maxForeignAnnotations + 1).fill(null), [article])).toThrow(/the file holds 100,001 annotations; an import takes at most 100,000/);
  });

  test('a Composite of 300,000 targets, and 300,000 selectors', () => {
    const composite = { type: 'Annotation', target: { type: 'Composite', items: new Array(300_000).fill({ selector: { type: 'TextQuoteSelector', exact: 'Two' } }) } };
    const selectors = { type: 'Annotation', target: { selector: new Array(300_000).fill({ type: 'TextQuoteSelector', exact: 'Two' }) } };
    const reading = readForeignW3C([composite, selectors], [article]);
    expect(reading.unmatched).toEqual([{ index: 0, sourceId: null, reason: 'annotation 1: it has 300,000 targets; an annotation may have at most 1,000' }]);
    expect(reading.placements).toMatchObject([{ index: 1, quote: 'Two' }]);
  });

  test('a one-letter quote that occurs half a million times', () => {
    const reading = readForeignW3C([quote('a')], [{ id: 'b', title: 'Letters', sourceUrl: null, text: 'a '.repeat(500_000) }]);
    expect(reading.unmatched[0]?.reason).toBe('annotation 1: the quote "a" occurs more than 100,000 times in “Letters”: too often to tell its occurrences apart');
  });

  test('a quote too long to look for approximately', () => {
    const words = Array.from({ length: 4_000 }, (_, i) => `word${i}`).join(' ');
    const reading = readForeignW3C([quote(`${words.slice(0, 12_000)}x`)], [{ id: 'b', title: 'Words', sourceUrl: null, text: words }]);
    expect(reading.unmatched[0]?.reason).toMatch(/is not in the project's articles exactly, and at 12,001 characters it is too long to look for approximately \(at most 10,000\)$/);
  });

  test('long quotes over a repetitive text end in seconds, unplaced with a reason', { timeout: 60_000 }, () => {
    const text = 'ab'.repeat(300_000);
    const started = Date.now();
    const reading = readForeignW3C([quote('ab'.repeat(20_000)), quote(`${'ab'.repeat(4_000)}c`), quote(`${'ab'.repeat(30_000)}c`)], [{ id: 'b', title: 'Repeats', sourceUrl: null, text }]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(reading.placements).toEqual([]);
    const tooOften = (n: number) => new RegExp(`^annotation ${n}: the quote "abab.*" cannot be looked for in “Repeats” in the time an import gives it: its first 16 characters occur there too often$`);
    expect(reading.unmatched.map((u) => u.reason)).toEqual([expect.stringMatching(tooOften(1)), expect.stringMatching(tooOften(2)), expect.stringMatching(tooOften(3))]);
  });

  test.each([
    ['a TextPositionSelector past any integer', { type: 'TextPositionSelector', start: 0, end: 1e300 }, /selector: end is not valid/],
    ['a TextPositionSelector with fractions', { type: 'TextPositionSelector', start: 1.5, end: 3 }, /selector: start is not valid/],
    ['a TextPositionSelector that ends before it starts', { type: 'TextPositionSelector', start: 7, end: 4 }, /selector: end is not valid \(end is before start\)/],
    ['a TextQuoteSelector without exact', { type: 'TextQuoteSelector', prefix: 'One ' }, /selector: exact is missing/],
    ['a TextQuoteSelector whose exact is a number', { type: 'TextQuoteSelector', exact: 2 }, /selector: exact is not valid/],
  ])('%s is listed with the reason', (_, selector, reason) => {
    const reading = readForeignW3C([{ type: 'Annotation', target: { source: 'x', selector } }], [article]);
    expect(reading.placements).toEqual([]);
    expect(reading.unmatched[0]?.reason).toMatch(reason);
  });

  test('an annotation is placed whole or not at all: one target that cannot be placed keeps the others out', () => {
    const reading = readForeignW3C(
      [{ type: 'Annotation', target: [{ selector: { type: 'TextQuoteSelector', exact: 'Two' } }, { selector: { type: 'TextQuoteSelector', exact: 'Four' } }] }],
      [article],
    );
    expect(reading.placements).toEqual([]);
    expect(reading.unmatched[0]?.reason).toBe('annotation 1: target 2: the quote "Four" is in none of the project\'s articles');
  });

  test('U+0000, which PostgreSQL cannot store, is dropped from notes, tags, ids and creators', () => {
    const reading = readForeignW3C(
      [{ id: 'x\u0000', type: 'Annotation', creator: { name: 'A\u0000' }, body: [{ type: 'TextualBody', value: 'n\u0000' }, { type: 'TextualBody', purpose: 'tagging', value: '\u0000' }, { type: 'TextualBody', purpose: 'tagging', value: 'T\u0000' }], target: { selector: { type: 'TextQuoteSelector', exact: 'Two' } } }],
      [article],
    );
    expect(reading.placements).toMatchObject([{ sourceId: 'x', note: 'n', tags: ['T'], creator: { name: 'A' } }]);
    expect(reading.creators).toEqual([{ name: 'A', placements: 1 }]);
  });

  test('nothing in a body is run or kept as markup', () => {
    const reading = readForeignW3C(
      [{ type: 'Annotation', body: { type: 'TextualBody', format: 'text/html', value: '<p>Look <img src=x onerror=alert(1)>here</p><script>x</script>' }, target: { selector: { type: 'TextQuoteSelector', exact: 'Two' } } }],
      [article],
    );
    expect(reading.placements[0]?.note).toBe('Look here\n\nx');
    expect(reading.notes).toContain('1 HTML body was converted to plain text');
  });
});
