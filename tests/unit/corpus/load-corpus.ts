import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The scraped originals live outside the repository; a user's clone does not have them.
 * PARALLAX_CORPUS_DIR points the tests elsewhere (or at a missing folder, to check the skip).
 */
export const corpusDir = process.env.PARALLAX_CORPUS_DIR ?? '/work/shared/corpus';
export const hasCorpus = existsSync(corpusDir);

export const corpusFileNames = [
  '000_61e857c44eeacd65.txt',
  '001_2a4c27f6674d840a.txt',
  '002_3d7eaf6e210601aa.txt',
  '003_2063ded40225888b.txt',
  '004_e63e6b5f7dc9a978.txt',
] as const;

export type CorpusFileName = (typeof corpusFileNames)[number];

export function readRaw(name: CorpusFileName): string {
  return readFileSync(path.join(corpusDir, name), 'utf8');
}

export function listCorpusFiles(): string[] {
  return readdirSync(corpusDir).filter((name) => name.endsWith('.txt')).sort();
}

export function noteMissingCorpus(suite: string): void {
  if (!hasCorpus) {
    console.log(`[${suite}] skipped: ${corpusDir} is not present (only the shared workspace has the scraped originals).`);
  }
}
