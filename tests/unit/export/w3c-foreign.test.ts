import { readFileSync } from 'node:fs';
import { DOMParser } from 'linkedom';
import { test } from 'vitest';
import { parseHtml } from '@/lib/corpus';
import { readForeignW3C } from '@/lib/export/w3c-foreign';
const dir = 'tests/fixtures/w3c/';
const read = (p: string) => readFileSync(dir + p, 'utf8');
function show(r: ReturnType<typeof readForeignW3C>) {
  console.log(r.format, r.total, r.notes);
  for (const p of r.placements) console.log('  P', p.index, p.articleId, p.start, p.end, p.how, JSON.stringify(p.quote.slice(0, 50)), p.tags, JSON.stringify(p.note));
  for (const u of r.unmatched) console.log('  U', u.index, u.reason);
}
test('explore', () => {
  const decoy = { id: 'decoy', title: 'Troy, New York', sourceUrl: null, text: 'Troy is a city in New York. The Odyssey was read aloud there: death in battle or by shipwreck.' };
  const rjHtml = read('recogito-js/index.html');
  const rjCanon = parseHtml(rjHtml);
  show(readForeignW3C(read('recogito-js/annotations.w3c.json'), [{ id: 'odyssey', title: rjCanon.title, sourceUrl: null, text: rjCanon.text }, decoy]));
  const taHtml = read('text-annotator/index.html');
  const doc = new DOMParser().parseFromString(taHtml, 'text/html');
  for (const n of Array.from(doc.querySelectorAll('#content .not-annotatable')) as any[]) n.remove();
  const taText = doc.querySelector('#content')!.textContent as string;
  show(readForeignW3C(read('text-annotator/annotations.w3c.json'), [{ id: 'odyssey', title: 'Homer: The Odyssey', sourceUrl: 'https://www.gutenberg.org/files/1727/1727-h/1727-h.htm', text: taText }, decoy]));
  const taCanon = parseHtml(taHtml);
  show(readForeignW3C(read('text-annotator/annotations.w3c.json'), [{ id: 'odyssey', title: 'Homer: The Odyssey', sourceUrl: 'https://www.gutenberg.org/files/1727/1727-h/1727-h.htm', text: taCanon.text }, decoy]));
  const wHtml = read('hypothesis-client/wikipedia-regression-testing.html');
  const wDoc = new DOMParser().parseFromString(wHtml, 'text/html');
  show(readForeignW3C(read('hypothesis-client/wikipedia-regression-testing.json'), [{ id: 'wiki', title: 'Regression testing', sourceUrl: 'https://en.wikipedia.org/wiki/Regression_testing', text: wDoc.body.textContent as string }, decoy]));
  const wCanon = parseHtml(wHtml);
  show(readForeignW3C(read('hypothesis-client/wikipedia-regression-testing.json'), [{ id: 'wiki', title: wCanon.title, sourceUrl: 'http://en.wikipedia.org/wiki/Regression_testing/', text: wCanon.text }, decoy]));
  show(readForeignW3C(read('hypothesis-client/minimal.json'), [{ id: 'min', title: null, sourceUrl: null, text: 'One Two Three' }, decoy]));
});
test('heading', () => {
  const c = parseHtml(read('hypothesis-client/wikipedia-regression-testing.html'));
  let at = -1;
  while ((at = c.text.indexOf('Regression testing', at + 1)) !== -1) console.log(at, JSON.stringify(c.text.slice(at - 20, at + 40)));
});
import { toW3C } from '@/lib/export/w3c';
import { fixture } from './fixture';
test('samples', () => {
  const S = '/work/shared/reference/w3c-web-annotation/tools/samples/correct/';
  const page1 = { id: 'page1', title: null, sourceUrl: 'http://example.org/page1', text: 'Notes: this is an anotation that has some errors.\n\nSome text before the Selected Text and text after it.' };
  show(readForeignW3C(readFileSync(S + 'collection1.json', 'utf8'), [page1]));
  const r = readForeignW3C(toW3C(fixture), fixture.documents.map((d) => ({ id: d.id, title: d.title, sourceUrl: d.sourceUrl, text: d.text })));
  show(r);
  for (const a of fixture.annotations) console.log(a.id, a.documentId.slice(-2), a.start, a.end);
});
