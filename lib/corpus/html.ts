import { Readability } from '@mozilla/readability';
import { DOMParser } from 'linkedom';
import { assembleDocument } from './assemble';
import { toIsoDate } from './dates';
import type { ArticleMetadata, CleanDocument, DraftBlock } from './types';
import { normaliseInline } from './whitespace';

function parseDocument(html: string): Document {
  // linkedom implements the DOM subset Readability uses; its own Document type is structurally
  // narrower than lib.dom's, so the cast is confined to this one place.
  return new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

function readMeta(doc: Document, attribute: 'name' | 'property', key: string): string | null {
  for (const meta of Array.from(doc.querySelectorAll('meta'))) {
    if ((meta.getAttribute(attribute) ?? '').toLowerCase() === key) {
      const content = normaliseInline(meta.getAttribute('content') ?? '');
      if (content !== '') return content;
    }
  }
  return null;
}

function resolveUrl(href: string, base: string | undefined): string | null {
  try {
    return new URL(href, base).toString();
  } catch {
    return null;
  }
}

/** Metadata the page declares in its head; nothing is taken from class-name guesses. */
function readDeclaredMetadata(doc: Document, url: string | undefined): Partial<ArticleMetadata> {
  const canonical = Array.from(doc.querySelectorAll('link')).find((link) =>
    (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  );
  const canonicalHref = canonical?.getAttribute('href');
  const published = readMeta(doc, 'property', 'article:published_time');
  const author = readMeta(doc, 'name', 'author');
  return {
    title: readMeta(doc, 'property', 'og:title'),
    // Some themes put a profile URL in the author tag; that is not a name.
    author: author && !/^https?:\/\//.test(author) ? author : null,
    outlet: readMeta(doc, 'property', 'og:site_name'),
    publishedOn: published ? toIsoDate(published) : null,
    sourceUrl: (canonicalHref ? resolveUrl(canonicalHref, url) : null) ?? (url ? resolveUrl(url, undefined) : null),
  };
}

/** Text as a reader sees it: <br> is a line break, so it must not glue two words together. */
function readText(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node.nodeType !== 1) return '';
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  if (tag === 'br') return ' ';
  if (tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') return '';
  return Array.from(element.childNodes).map(readText).join('');
}

const blockTags = new Set(['p', 'li', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function hasBlockChildren(element: Element): boolean {
  return Array.from(element.querySelectorAll('*')).some((child) => blockTags.has(child.tagName.toLowerCase()));
}

function collectBlocks(element: Element, draft: DraftBlock[]): void {
  for (const child of Array.from(element.children)) {
    const tag = child.tagName.toLowerCase();
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      draft.push({ type: 'heading', level: Number(heading[1]), text: readText(child) });
    } else if ((tag === 'p' || tag === 'li' || tag === 'blockquote' || tag === 'pre') && !hasBlockChildren(child)) {
      draft.push({ type: 'paragraph', text: readText(child) });
    } else if (tag !== 'figcaption' && tag !== 'script' && tag !== 'style') {
      collectBlocks(child, draft);
    }
  }
}

/**
 * Extracts the main article from an HTML page with Readability (which drops navigation,
 * footers, comment sections and sidebars), then maps h1–h3 to headings and p/li/blockquote to
 * paragraphs. Readability demotes the page's <h1> to <h2>; the first heading that repeats the
 * page's <h1> is marked level 1 again so it becomes the title rather than a section.
 */
export function parseHtml(html: string, opts: { url?: string } = {}): CleanDocument {
  const head = parseDocument(html);
  const declared = readDeclaredMetadata(head, opts.url);
  const pageHeadline = normaliseInline(head.querySelector('h1') ? readText(head.querySelector('h1') as Element) : '');

  const article = new Readability(parseDocument(html)).parse();
  // linkedom only builds a <body> for a complete document, not for a fragment.
  const container = article?.content
    ? parseDocument(`<!doctype html><html><head></head><body>${article.content}</body></html>`).body
    : parseDocument(html).body;

  const draft: DraftBlock[] = [];
  if (container) collectBlocks(container, draft);

  const headlineIndex = draft.findIndex((block) => block.type === 'heading');
  const headline = draft[headlineIndex];
  if (headline?.type === 'heading') {
    const text = normaliseInline(headline.text);
    if (text === pageHeadline || text === declared.title) draft[headlineIndex] = { ...headline, level: 1 };
  }
  return assembleDocument(draft, { declared: { ...declared, title: declared.title ?? (pageHeadline || null) } });
}
