import { joinBlocks } from './canonical';
import { removeFurniture } from './furniture';
import { isHeadingLike } from './headings';
import { findPullQuotes } from './pull-quotes';
import type { ArticleMetadata, Block, CleanDocument, DraftBlock } from './types';
import { normaliseInline } from './whitespace';

export type AssembleOptions = {
  /** Metadata the source declares outright (HTML meta tags, Markdown front matter). */
  declared?: Partial<ArticleMetadata>;
  /** Plain text has no markup, so headings and the title line must be recognised by shape. */
  recogniseHeadingLines?: boolean;
};

function toFinalLevel(level: number): 2 | 3 {
  return level <= 2 ? 2 : 3;
}

function pickMetadata(...sources: Partial<ArticleMetadata>[]): ArticleMetadata {
  const pick = (key: keyof ArticleMetadata): string | null =>
    sources.map((source) => source[key]).find((value): value is string => typeof value === 'string' && value !== '') ??
    null;
  return {
    title: pick('title'),
    author: pick('author'),
    authorAffiliation: pick('authorAffiliation'),
    outlet: pick('outlet'),
    publishedOn: pick('publishedOn'),
    sourceUrl: pick('sourceUrl'),
  };
}

/** Marks heading-shaped lines as headings, but only where a paragraph follows them. */
function recogniseHeadings(blocks: DraftBlock[]): DraftBlock[] {
  return blocks.map((block, index) => {
    const next = blocks[index + 1];
    if (block.type === 'paragraph' && next !== undefined && isHeadingLike(block.text) && !isHeadingLike(next.text)) {
      return { type: 'heading', level: 2, text: block.text };
    }
    return block;
  });
}

/**
 * The shared back half of every parser: whitespace, furniture, title, pull quotes, metadata.
 * Keeping it in one place is what guarantees that pasted Markdown or HTML is cleaned exactly
 * like a scraped text file.
 */
export function assembleDocument(draft: DraftBlock[], options: AssembleOptions = {}): CleanDocument {
  const normalised = draft
    .map((block) => ({ ...block, text: normaliseInline(block.text) }))
    .filter((block) => block.text !== '');
  const { blocks: kept, removed, found } = removeFurniture(normalised);

  let blocks = options.recogniseHeadingLines ? recogniseHeadings(kept) : kept;

  // A headline is the first thing on the page: in plain text the first line when it is shaped
  // like a heading, in Markdown/HTML a leading level-1 heading. It is metadata, not body.
  let statedTitle: string | null = null;
  const first = blocks[0];
  const firstIsTitle =
    first !== undefined &&
    blocks.length > 1 &&
    (options.recogniseHeadingLines
      ? first.type === 'heading' || isHeadingLike(first.text)
      : first.type === 'heading' && (first.level === 1 || first.text === options.declared?.title));
  if (first && firstIsTitle) {
    statedTitle = first.text;
    blocks = blocks.slice(1);
  }

  const pullQuotes = findPullQuotes(blocks);
  const body: Block[] = [];
  blocks.forEach((block, index) => {
    if (pullQuotes.has(index)) {
      removed.push(block.text);
      return;
    }
    body.push(
      block.type === 'heading'
        ? { type: 'heading', level: toFinalLevel(block.level), text: block.text }
        : { type: 'paragraph', text: block.text },
    );
  });

  const metadata = pickMetadata(options.declared ?? {}, { title: statedTitle }, found);
  return { ...metadata, blocks: body, text: joinBlocks(body), removed };
}
