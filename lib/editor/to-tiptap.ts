// Builds the viewer's ProseMirror (Tiptap) document from a document's canonical text and block
// offsets. Pure: the same function serves the browser editor and server-side rendering.

import type { ContentRange } from '@/lib/corpus/canonical';

export type TextBlock = ContentRange;

export type TiptapNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: TiptapNode[];
  text?: string;
};

export function toTiptapDoc(text: string, blocks: readonly TextBlock[]): TiptapNode {
  return {
    type: 'doc',
    content: blocks.map((block) => {
      // ProseMirror rejects empty text nodes: an empty block has no content at all.
      const slice = text.slice(block.start, block.end);
      const content = slice ? [{ type: 'text', text: slice }] : [];
      return block.type === 'heading'
        ? { type: 'heading', attrs: { level: block.level ?? 2 }, content }
        : { type: 'paragraph', content };
    }),
  };
}
