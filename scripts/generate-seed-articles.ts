/**
 * Regenerates prisma/seed-data/articles.json from the scraped corpus in /work/shared/corpus.
 *
 * The project keeps its own cleaned copy because a clone of the repository has no access to the
 * shared corpus; the golden test in tests/unit/corpus checks the copy still matches the cleaner.
 *
 *   npx tsx scripts/generate-seed-articles.ts [corpusDir]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanText } from '../lib/corpus/plain-text';
import type { Block } from '../lib/corpus/types';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = process.argv[2] ?? '/work/shared/corpus';
const outputFile = path.join(projectRoot, 'prisma/seed-data/articles.json');

// Why each metadata field is set or left null. The cleaner only records what a text states;
// these notes record the reading of each text that the values rest on, for reviewers.
const metadataNotes: Record<string, string[]> = {
  '000_61e857c44eeacd65.txt': [
    'author: stated by the WordPress author box ("Author Recent Posts Tooba Nazakat Latest posts by',
    '  Tooba Nazakat (see all) ..."), which is furniture around this post.',
    'title, publishedOn: stated in the same author box, whose list of the author\'s latest posts names',
    '  this page\'s own post: "Why Talks Between Pakistan and Afghan Taliban Fail? – December 24, 2025".',
    '  It is the only one of the three whose title the body argues word for word (talks, Pakistan,',
    '  Afghan Taliban, fail[ure]); the other two ("27th Amendment: The Future of Public Trust and',
    '  Perception in Judiciary", "Legal Dimensions of Cross-Border Engagement") are about other subjects.',
    '  The cleaner takes it by that rule (lib/corpus/furniture.ts, ownPost); the box itself is removed',
    '  as furniture.',
    'outlet, sourceUrl, authorAffiliation: not stated.',
  ],
  '001_2a4c27f6674d840a.txt': [
    'title: the first line, a headline-shaped line set apart above the first paragraph.',
    'author, authorAffiliation, publishedOn, outlet, sourceUrl: not stated anywhere in the text.',
  ],
  '002_3d7eaf6e210601aa.txt': [
    'title: the first line (a title-case question set apart above the first paragraph).',
    'author: stated by the author box "About Faiza Abid 7 Articles"; authorAffiliation from the bio',
    '  under it ("is a researcher at the Centre for Aerospace and Security Studies (CASS), Lahore").',
    'publishedOn: null; the body says only "this month" and "October 2025", which dates events, not',
    '  the article. outlet: null; CASS is the author\'s employer, not named as the publisher.',
  ],
  '003_2063ded40225888b.txt': [
    'publishedOn: stated by the dateline "PUBLISHED on November 2, 2025".',
    'author, authorAffiliation: the contributor note that closes the text ("Sadia Sulaiman is an',
    '  Assistant Professor at the Center for Regional Studies ..."), the op-ed convention for naming',
    '  the writer.',
    'title: null; the text starts with the dateline and has no headline. outlet, sourceUrl: not stated.',
  ],
  '004_e63e6b5f7dc9a978.txt': [
    'Nothing is stated: no headline, byline, dateline, outlet or URL ("according to media reports"',
    '  names no source). All metadata is null; the section headings are kept as headings.',
  ],
};

// Invisible characters are written as escapes (valid JSON) so a reader of the data file can see them.
function visible(json: string): string {
  return json.replace(/[\u00A0\u2007\u202F\u200B-\u200D\u2060\uFEFF]/g, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** The notes as sentences: a line that starts with two spaces continues the note before it. */
function notesOf(sourceName: string): string[] {
  const notes: string[] = [];
  for (const line of metadataNotes[sourceName] ?? ['No notes recorded for this file.']) {
    if (line.startsWith('  ') && notes.length > 0) notes[notes.length - 1] += ` ${line.trim()}`;
    else notes.push(line);
  }
  return notes;
}

function articleOf(sourceName: string, raw: string) {
  const document = cleanText(raw);
  return {
    sourceName,
    metadataNotes: notesOf(sourceName),
    title: document.title,
    author: document.author,
    authorAffiliation: document.authorAffiliation,
    outlet: document.outlet,
    publishedOn: document.publishedOn,
    sourceUrl: document.sourceUrl,
    blocks: document.blocks satisfies Block[],
    text: document.text,
  };
}

function generateSeedArticles(): void {
  const names = readdirSync(corpusDir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  if (names.length === 0) throw new Error(`No .txt files in ${corpusDir}; pass the corpus folder as the first argument.`);
  const articles = names.map((name) => articleOf(name, readFileSync(path.join(corpusDir, name), 'utf8')));
  writeFileSync(outputFile, `${visible(JSON.stringify(articles, null, 2))}\n`);
  console.log(`Wrote ${names.length} articles to ${path.relative(projectRoot, outputFile)}`);
}

generateSeedArticles();
