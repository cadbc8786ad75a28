import { assembleDocument } from './assemble';
import { toIsoDate } from './dates';
import { isStandaloneFurniture } from './furniture';
import type { ArticleMetadata, CleanDocument, DraftBlock } from './types';
import { normaliseSource } from './whitespace';

// Backslash escapes are swapped for private-use characters while emphasis is stripped, so an
// escaped "\*" is never read as emphasis, then swapped back for the literal character.
const escapeBase = 0xe000;
const escapable = '\\`*_{}[]()#+-.!>~|<';

function stripInlineMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|<])/g, (_match, char: string) =>
      String.fromCharCode(escapeBase + escapable.indexOf(char)),
    )
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/(`+)(.+?)\1/g, '$2')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1')
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/[\uE000-\uE013]/g, (char) => escapable[char.charCodeAt(0) - escapeBase] ?? char);
}

const frontMatterKeys: Record<string, keyof ArticleMetadata> = {
  title: 'title',
  author: 'author',
  affiliation: 'authorAffiliation',
  outlet: 'outlet',
  publication: 'outlet',
  site: 'outlet',
  date: 'publishedOn',
  published: 'publishedOn',
  publishedon: 'publishedOn',
  published_on: 'publishedOn',
  url: 'sourceUrl',
  source: 'sourceUrl',
  source_url: 'sourceUrl',
  sourceurl: 'sourceUrl',
  canonical: 'sourceUrl',
};

/** Reads simple "key: value" YAML front matter; only keys that name a metadata field count. */
function readFrontMatter(lines: string[]): { declared: Partial<ArticleMetadata>; bodyStart: number } {
  if (lines[0]?.trim() !== '---') return { declared: {}, bodyStart: 0 };
  const end = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
  if (end === -1) return { declared: {}, bodyStart: 0 };
  const declared: Partial<ArticleMetadata> = {};
  for (const line of lines.slice(1, end)) {
    const match = /^([A-Za-z_]+)\s*:\s*(.+)$/.exec(line.trim());
    const field = match ? frontMatterKeys[(match[1] ?? '').toLowerCase()] : undefined;
    if (!match || !field) continue;
    const value = (match[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
    const stored = field === 'publishedOn' ? toIsoDate(value) : value;
    if (stored && field === 'sourceUrl' && !/^https?:\/\//.test(stored)) continue;
    if (stored) declared[field] = stored;
  }
  return { declared, bodyStart: end + 1 };
}

const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const setextH1 = /^ {0,3}=+[ \t]*$/;
const setextH2 = /^ {0,3}-+[ \t]*$/;
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const listItem = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const blockquote = /^ {0,3}>[ \t]?(.*)$/;
const fence = /^ {0,3}(`{3,}|~{3,})/;
const referenceDefinition = /^ {0,3}\[[^\]]+\]:[ \t]*\S+/;

/**
 * Parses Markdown into blocks: ATX and setext headings, paragraphs, list items and block quotes
 * as paragraphs, code blocks as paragraphs without their fences. Inline syntax is stripped to its
 * visible text (link text kept, images dropped) because annotators highlight what a reader sees.
 */
export function parseMarkdown(md: string): CleanDocument {
  const lines = normaliseSource(md).split('\n');
  const { declared, bodyStart } = readFrontMatter(lines);
  const draft: DraftBlock[] = [];
  let paragraph: string[] = [];
  let paragraphIsQuote = false;
  let openFence: string | null = null;

  const pushParagraph = (lines: string[]): void => {
    if (lines.length === 0) return;
    const joined = lines.map((line) => line.trim().replace(/\\$/, '')).join(' ');
    draft.push({ type: 'paragraph', text: stripInlineMarkdown(joined) });
  };
  const flush = (): void => {
    let run: string[] = [];
    for (const line of paragraph) {
      if (isStandaloneFurniture(line)) {
        pushParagraph(run);
        pushParagraph([line]);
        run = [];
      } else {
        run.push(line);
      }
    }
    pushParagraph(run);
    paragraph = [];
  };

  for (const line of lines.slice(bodyStart)) {
    if (openFence !== null) {
      if (line.trim().startsWith(openFence)) {
        openFence = null;
        // Code is kept as written: its backticks and asterisks are not Markdown emphasis.
        if (paragraph.length > 0) draft.push({ type: 'paragraph', text: paragraph.join(' ') });
        paragraph = [];
      } else if (line.trim() === '') {
        if (paragraph.length > 0) draft.push({ type: 'paragraph', text: paragraph.join(' ') });
        paragraph = [];
      } else {
        paragraph.push(line.trim());
      }
      continue;
    }
    const fenceMatch = fence.exec(line);
    if (fenceMatch) {
      flush();
      openFence = (fenceMatch[1] ?? '```').slice(0, 3);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (paragraph.length > 0 && setextH1.test(line)) {
      draft.push({ type: 'heading', level: 1, text: stripInlineMarkdown(paragraph.join(' ')) });
      paragraph = [];
      continue;
    }
    if (paragraph.length > 0 && setextH2.test(line)) {
      draft.push({ type: 'heading', level: 2, text: stripInlineMarkdown(paragraph.join(' ')) });
      paragraph = [];
      continue;
    }
    if (thematicBreak.test(line) || referenceDefinition.test(line)) {
      flush();
      continue;
    }
    const heading = atxHeading.exec(line);
    if (heading) {
      flush();
      draft.push({ type: 'heading', level: (heading[1] ?? '#').length, text: stripInlineMarkdown(heading[2] ?? '') });
      continue;
    }
    const quote = blockquote.exec(line);
    // A quote starts a new paragraph and ends one; lazy continuation lines are not supported.
    if ((quote !== null) !== paragraphIsQuote) flush();
    paragraphIsQuote = quote !== null;
    const item = listItem.exec(quote ? (quote[1] ?? '') : line);
    if (item) {
      flush();
      paragraph.push(item[1] ?? '');
      continue;
    }
    paragraph.push(quote ? (quote[1] ?? '') : line);
  }
  if (openFence !== null && paragraph.length > 0) {
    draft.push({ type: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  }
  flush();
  return assembleDocument(draft, { declared });
}
