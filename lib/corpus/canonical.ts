import type { Block } from './types';

/** A block of a document's canonical text, by offsets: the one shape every layer passes around. */
export type ContentRange = {
  type: Block['type'];
  level?: 2 | 3;
  start: number;
  end: number;
};

/** Blocks are separated by exactly one blank line, so every paragraph is a "\n\n"-delimited run. */
export const blockSeparator = '\n\n';

/**
 * The canonical text is what annotations point into. Offsets are UTF-16 code units (what
 * JavaScript string indices and the browser's Selection API use) with `end` exclusive, so
 * `text.slice(start, end)` is the block's text.
 */
export function toCanonical(blocks: Block[]): { text: string; content: ContentRange[] } {
  const content: ContentRange[] = [];
  let cursor = 0;
  for (const block of blocks) {
    if (content.length > 0) cursor += blockSeparator.length;
    const start = cursor;
    cursor += block.text.length;
    content.push(
      block.type === 'heading'
        ? { type: 'heading', level: block.level, start, end: cursor }
        : { type: 'paragraph', start, end: cursor },
    );
  }
  return { text: joinBlocks(blocks), content };
}

export function joinBlocks(blocks: Block[]): string {
  return blocks.map((block) => block.text).join(blockSeparator);
}
