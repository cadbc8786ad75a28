import { CorpusError } from './errors';
import { parseHtml } from './html';
import { parseMarkdown } from './markdown';
import { cleanText } from './plain-text';
import type { CleanDocument } from './types';

export type ImportFormat = 'text' | 'markdown' | 'html';

/** One article, however long, is well under this; a bigger file is a site dump or not text. */
export const maxArticleFileBytes = 2 * 1024 * 1024;

const formatsByExtension: Record<string, ImportFormat> = {
  txt: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
};

const supportedExtensions = 'plain text (.txt), Markdown (.md, .markdown) or HTML (.html, .htm)';

function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB (${bytes.toLocaleString('en-US')} bytes)`;
}

function parseByFormat(text: string, format: ImportFormat): CleanDocument {
  if (format === 'markdown') return parseMarkdown(text);
  if (format === 'html') return parseHtml(text);
  return cleanText(text);
}

function requireBodyText(document: CleanDocument, what: string): CleanDocument {
  if (!document.blocks.some((block) => block.type === 'paragraph')) {
    const dropped = document.removed.length > 0 ? ` (${document.removed.length} piece(s) of page furniture were removed)` : '';
    throw new CorpusError(
      'NOTHING_LEFT',
      `${what} has no article text left after cleaning${dropped}: it contained only page furniture such as author boxes, comment forms or share buttons. Check that you copied the article itself, not just the page around it.`,
    );
  }
  return document;
}

function findExtension(name: string): string {
  const match = /\.([^./\\]+)$/.exec(name.trim());
  return match?.[1]?.toLowerCase() ?? '';
}

/**
 * Validates and cleans an uploaded file. Checks run cheapest and most specific first: an empty
 * or oversized file is reported before its type, and the type before its bytes are decoded, so a
 * PDF is told "PDF is not supported" rather than "not text".
 */
export function importFile(file: { name: string; bytes: Uint8Array }): CleanDocument {
  const { name, bytes } = file;
  const label = `"${name}"`;
  if (bytes.length === 0) {
    throw new CorpusError('EMPTY', `${label} is empty (0 bytes). Choose the file that contains the article's text.`);
  }
  if (bytes.length > maxArticleFileBytes) {
    throw new CorpusError(
      'TOO_LARGE',
      `${label} is ${formatSize(bytes.length)}; the limit is 2 MB per article. Import the article on its own, without the rest of the site or embedded images.`,
    );
  }
  const extension = findExtension(name);
  const format = formatsByExtension[extension];
  if (!format) {
    const found = extension ? `has the extension .${extension}` : 'has no file extension';
    throw new CorpusError(
      'UNSUPPORTED_TYPE',
      `${label} ${found}, which Parallax cannot import. Save the article as ${supportedExtensions} and import that file.`,
    );
  }
  if (bytes.includes(0)) {
    throw new CorpusError(
      'BINARY',
      `${label} is not a text file: it contains NUL bytes, as images, PDFs, Word files and UTF-16 text do. Save the article as UTF-8 ${supportedExtensions}.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CorpusError(
      'BINARY',
      `${label} is not valid UTF-8 text, so it is either a binary file or text in another encoding (such as Windows-1252). Re-save it as UTF-8 and import it again.`,
    );
  }
  if (text.trim() === '') {
    throw new CorpusError('EMPTY', `${label} contains only whitespace. Choose the file that contains the article's text.`);
  }
  return requireBodyText(parseByFormat(text, format), label);
}

/** Validates and cleans text pasted into the importer; the same rules as for files. */
export function importPastedText(text: string, format: ImportFormat): CleanDocument {
  if (!(format === 'text' || format === 'markdown' || format === 'html')) {
    throw new CorpusError('INVALID', `Unknown paste format "${String(format)}". Use "text", "markdown" or "html".`);
  }
  if (text.trim() === '') {
    throw new CorpusError('EMPTY', 'The pasted text is empty. Paste the article text, then import again.');
  }
  const size = new TextEncoder().encode(text).length;
  if (size > maxArticleFileBytes) {
    throw new CorpusError(
      'TOO_LARGE',
      `The pasted text is ${formatSize(size)}; the limit is 2 MB per article. Paste one article at a time.`,
    );
  }
  if (text.includes('\u0000')) {
    throw new CorpusError(
      'BINARY',
      'The pasted text contains NUL characters, which means binary data was pasted. Copy the article from a web page or text editor instead.',
    );
  }
  return requireBodyText(parseByFormat(text, format), 'The pasted text');
}
