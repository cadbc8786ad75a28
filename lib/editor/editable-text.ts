// The plain form in which an owner corrects a document's text: one block per paragraph, blocks
// separated by a blank line, headings marked "## " (level 2) or "### " (level 3). Deliberately
// simpler than Markdown import: a correction must not run the furniture cleaner or reinterpret
// the text, only carry the user's edits.

import type { ContentRange } from '@/lib/corpus/canonical';

export type EditableBlock = { type: 'heading'; level: 2 | 3; text: string } | { type: 'paragraph'; text: string };

export function toEditableText(text: string, blocks: readonly ContentRange[]): string {
  return blocks
    .map((b) => {
      const body = text.slice(b.start, b.end);
      return b.type === 'heading' ? `${b.level === 3 ? '###' : '##'} ${body}` : body;
    })
    .join('\n\n');
}

export function fromEditableText(source: string): EditableBlock[] {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((chunk) => chunk.replace(/\s*\n\s*/g, ' ').trim())
    .filter((chunk) => chunk !== '')
    .map((chunk): EditableBlock => {
      const heading = /^(#{2,3})\s+(.+)$/.exec(chunk);
      if (heading) return { type: 'heading', level: heading[1] === '###' ? 3 : 2, text: heading[2]!.trim() };
      return { type: 'paragraph', text: chunk };
    });
}
