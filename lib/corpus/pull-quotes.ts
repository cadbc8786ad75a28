import type { DraftBlock } from './types';

/**
 * A pull quote is a sentence from the article repeated, in quotation marks, as a design element
 * ("“The Afghan Taliban claims that they have no control over the TTP…”"). Editors often trim or
 * reword it, so it is recognised by overlap, not equality: most of its word pairs occur elsewhere
 * in the body. A genuine quoted paragraph (a statement the article reports) shares few word pairs
 * with the rest of the text and stays.
 */
const minPullQuoteWords = 8;
const minSharedPairShare = 0.6;

function listWordPairs(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(1).map((word, index) => `${words[index]} ${word}`);
}

function unwrapQuotation(text: string): string | null {
  const match = /^[“"](.+)[”"]$/su.exec(text);
  return match?.[1] ?? null;
}

export function findPullQuotes(blocks: DraftBlock[]): Set<number> {
  const candidates = new Map<number, string>();
  blocks.forEach((block, index) => {
    const inner = block.type === 'paragraph' ? unwrapQuotation(block.text) : null;
    if (inner && inner.split(/\s+/).length >= minPullQuoteWords) candidates.set(index, inner);
  });
  const pullQuotes = new Set<number>();
  for (const [index, inner] of candidates) {
    const bodyPairs = new Set(
      blocks.flatMap((block, other) => (other === index || candidates.has(other) ? [] : listWordPairs(block.text))),
    );
    const pairs = listWordPairs(inner);
    const shared = pairs.filter((pair) => bodyPairs.has(pair)).length;
    if (pairs.length > 0 && shared / pairs.length >= minSharedPairShare) pullQuotes.add(index);
  }
  return pullQuotes;
}
