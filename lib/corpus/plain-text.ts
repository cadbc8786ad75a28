import { assembleDocument } from './assemble';
import { isMostlyCapitalised } from './headings';
import type { CleanDocument, DraftBlock } from './types';
import { normaliseSource } from './whitespace';

/**
 * Scraped text puts one paragraph per line (some pages also leave blank lines between them), but
 * text copied from an email or a terminal can be hard-wrapped at a fixed width. A blank-line
 * separated chunk is taken as one wrapped paragraph only when it looks like one: its lines are
 * filled to a similar width of at most 100 characters, at least one of them stops mid-sentence
 * in ordinary (not title) case, and every following line starts with a word. A short title over
 * a paragraph, or a comment form and its stray asterisk, does not pass.
 */
const minWrapWidth = 40;
const maxWrapWidth = 100;
const minFilledShare = 0.7;

function isTerminated(line: string): boolean {
  return /[.!?:;"”’)]$/.test(line);
}

function looksHardWrapped(chunk: string[]): boolean {
  if (chunk.length < 2) return false;
  const widest = Math.max(...chunk.map((line) => line.length));
  if (widest < minWrapWidth || widest > maxWrapWidth) return false;
  const filled = chunk.slice(0, -1);
  return (
    filled.every((line) => line.length >= widest * minFilledShare) &&
    filled.some((line) => !isTerminated(line) && !isMostlyCapitalised(line.split(/\s+/))) &&
    chunk.slice(1).every((line) => /^[\p{L}\p{N}“‘"'(]/u.test(line))
  );
}

function splitChunk(chunk: string[]): string[] {
  return looksHardWrapped(chunk) ? [chunk.join(' ')] : chunk;
}

export function splitPlainText(raw: string): string[] {
  const chunks: string[][] = [[]];
  for (const line of normaliseSource(raw).split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') {
      if ((chunks[chunks.length - 1] ?? []).length > 0) chunks.push([]);
    } else {
      chunks[chunks.length - 1]?.push(trimmed);
    }
  }
  return chunks.filter((chunk) => chunk.length > 0).flatMap(splitChunk);
}

/** Cleans scraped plain text (one paragraph per line, furniture around the article). */
export function cleanText(raw: string): CleanDocument {
  const draft: DraftBlock[] = splitPlainText(raw).map((text) => ({ type: 'paragraph', text }));
  return assembleDocument(draft, { recogniseHeadingLines: true });
}
