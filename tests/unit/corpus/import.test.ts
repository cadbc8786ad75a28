import { describe, expect, it, test } from 'vitest';
import { CorpusError, importFile, importPastedText, maxArticleFileBytes, type CorpusErrorCode } from '../../../lib/corpus';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const article = 'The lack of mutual trust between Pakistan and Afghanistan led to the failure of talks.';
const furnitureOnly = [
  'Author Recent Posts Tooba Nazakat Latest posts by Tooba Nazakat (see all) Why Talks Fail? – December 24, 2025',
  '- Why Talks Fail? - December 24, 2025',
  '',
  'Leave a Comment',
  'Your email address will not be published. Required fields are marked with *',
  '*',
].join('\n');
const pngHeader = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

function catchCorpusError(run: () => unknown): CorpusError {
  try {
    run();
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  throw new Error('expected a CorpusError');
}

describe('importFile', () => {
  test.each<[string, CorpusErrorCode, { name: string; bytes: Uint8Array }, RegExp]>([
    ['empty file', 'EMPTY', { name: 'a.txt', bytes: new Uint8Array() }, /"a\.txt" is empty/],
    ['whitespace only', 'EMPTY', { name: 'a.txt', bytes: encode(' \n\n\t ') }, /only whitespace/],
    ['PNG bytes named .txt', 'BINARY', { name: 'photo.txt', bytes: pngHeader }, /not a text file.*NUL/],
    ['invalid UTF-8 (Windows-1252 quote)', 'BINARY', { name: 'a.txt', bytes: Uint8Array.from([0x49, 0x74, 0x92, 0x73]) }, /not valid UTF-8.*UTF-8/],
    ['2 MB + 1 byte', 'TOO_LARGE', { name: 'big.txt', bytes: new Uint8Array(maxArticleFileBytes + 1).fill(0x61) }, /2\.00 MB \(2,097,153 bytes\).*limit is 2 MB/],
    ['PDF', 'UNSUPPORTED_TYPE', { name: 'report.pdf', bytes: encode(article) }, /extension \.pdf.*\.txt/],
    ['Word', 'UNSUPPORTED_TYPE', { name: 'report.DOCX', bytes: encode(article) }, /extension \.docx.*Markdown/],
    ['no extension', 'UNSUPPORTED_TYPE', { name: 'README', bytes: encode(article) }, /no file extension/],
    ['furniture only', 'NOTHING_LEFT', { name: 'comments.txt', bytes: encode(furnitureOnly) }, /no article text left.*page furniture/],
    ['headings only', 'NOTHING_LEFT', { name: 'toc.md', bytes: encode('# Title\n\n## One\n\n## Two') }, /no article text left/],
  ])('%s → %s', (_name, code, file, message) => {
    const error = catchCorpusError(() => importFile(file));
    expect(error.reason).toBe(code);
    expect(error.code).toBe(code === 'TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'INVALID');
    expect(error.message).toMatch(message);
  });

  it('accepts exactly 2 MB', () => {
    const text = `${article}\n`.repeat(Math.floor(maxArticleFileBytes / (article.length + 1)));
    const bytes = new Uint8Array(maxArticleFileBytes).fill(0x20);
    bytes.set(encode(text));
    expect(importFile({ name: 'big.txt', bytes }).blocks.length).toBeGreaterThan(1000);
  });

  test.each([
    ['a.txt', article, article],
    ['a.md', `# Title\n\n**${article}**`, article],
    ['a.markdown', article, article],
    ['a.html', `<html><body><article><p>${article}</p></article></body></html>`, article],
    ['A.HTM', `<html><body><p>${article}</p></body></html>`, article],
  ])('%s is parsed by its format', (name, content, text) => {
    expect(importFile({ name, bytes: encode(content) }).text).toBe(text);
  });

  it('strips a UTF-8 byte order mark and normalises to NFC', () => {
    const decomposed = 'Quaid-i-Aza\u0301m'; // "á" as a + combining accent
    const document = importFile({ name: 'a.txt', bytes: encode(`\uFEFF${decomposed} said so.\r\n`) });
    expect(document.text).toBe('Quaid-i-Azám said so.');
  });
});

describe('importPastedText', () => {
  test.each<[string, CorpusErrorCode, string, 'text' | 'markdown' | 'html']>([
    ['empty', 'EMPTY', '  \n ', 'text'],
    ['NUL characters', 'BINARY', `${article}\u0000`, 'text'],
    ['too large', 'TOO_LARGE', 'a'.repeat(maxArticleFileBytes + 1), 'text'],
    ['furniture only as text', 'NOTHING_LEFT', furnitureOnly, 'text'],
    ['furniture only as Markdown', 'NOTHING_LEFT', furnitureOnly, 'markdown'],
    ['furniture only as HTML', 'NOTHING_LEFT', '<html><body><p>Leave a Reply</p><p>Be the first to comment</p></body></html>', 'html'],
  ])('%s → %s', (_name, code, text, format) => {
    expect(catchCorpusError(() => importPastedText(text, format)).reason).toBe(code);
  });

  it('rejects an unknown format', () => {
    const error = catchCorpusError(() => importPastedText(article, 'pdf' as 'text'));
    expect(error.reason).toBe('INVALID');
    expect(error.code).toBe('INVALID');
    expect(error.message).toMatch(/"pdf".*"text", "markdown" or "html"/);
  });

  it('removes furniture from pasted text', () => {
    const document = importPastedText(`${article}\n\nBe the first to comment\n\nLeave a Reply`, 'text');
    expect(document.text).toBe(article);
    expect(document.removed).toEqual(['Be the first to comment', 'Leave a Reply']);
  });
});
