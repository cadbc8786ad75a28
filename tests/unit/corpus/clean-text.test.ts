import { describe, expect, it, test } from 'vitest';
import { cleanText } from '../../../lib/corpus';
import { seedArticles } from '../../../prisma/seed-data/articles';
import { corpusFileNames, hasCorpus, listCorpusFiles, noteMissingCorpus, readRaw, type CorpusFileName } from './load-corpus';

noteMissingCorpus('clean-text corpus tests');

// Every piece of furniture in the five scraped files, by line, as identified by reading them.
// The sentence check below derives the article body independently of the cleaner: raw lines
// minus these lines (and the title line, which becomes metadata).
const furnitureLines: Record<CorpusFileName, string[]> = {
  '000_61e857c44eeacd65.txt': [
    'Author Recent Posts Tooba Nazakat Latest posts by Tooba Nazakat (see all) Why Talks Between Pakistan and Afghan Taliban Fail? – December 24, 2025 27th Amendment: The Future of Public Trust and Perception in Judiciary – December 18, 2025 Legal Dimensions of Cross-Border Engagement – December 11, 2025',
    '- Why Talks Between Pakistan and Afghan Taliban Fail? - December 24, 2025',
    '- 27th Amendment: The Future of Public Trust and Perception in Judiciary - December 18, 2025',
    '- Legal Dimensions of Cross-Border Engagement - December 11, 2025',
    'Leave a Comment',
    'Your email address will not be published. Required fields are marked with *',
  ],
  '001_2a4c27f6674d840a.txt': [],
  '002_3d7eaf6e210601aa.txt': [
    'About Faiza Abid 7 Articles',
    'Faiza Abid is a researcher at the Centre for Aerospace and Security Studies (CASS), Lahore. She can be reached at [email\u00A0protected].',
    'Be the first to comment',
    'Leave a Reply',
    'Your email address will not be published.',
    '*',
  ],
  '003_2063ded40225888b.txt': [
    'PUBLISHED on November 2, 2025',
    // Pull quotes: reworded repeats of body sentences, set in quotation marks by the page design.
    '“The Afghan Taliban claims that they have no control over the TTP or the BLA. In particular, they have a soft spot for the TTP, given their shared religious ideology and decades of historical experience as insurgent movements.”',
    '“More importantly, the two neighbors were expected to engage at different levels and on different platforms to negotiate various issues of common concern such as border security and management, refugee repatriation, counter-terrorism and relocation of the TTP from Afghanistan.”',
    'Sadia Sulaiman is an Assistant Professor at the Center for Regional Studies for Africa, North and South America, Quaid-i-Azam University, Islamabad.',
  ],
  '004_e63e6b5f7dc9a978.txt': [],
};

// Strings that must not survive anywhere in the cleaned text.
const furnitureStrings = [
  'Author Recent Posts',
  'Latest posts by',
  '(see all)',
  '27th Amendment',
  'Legal Dimensions of Cross-Border Engagement',
  'December 24, 2025',
  'Leave a Comment',
  'Leave a Reply',
  'Your email address will not be published',
  'Required fields are marked',
  'Be the first to comment',
  'About Faiza Abid',
  '7 Articles',
  'email\u00A0protected',
  'can be reached at',
  'PUBLISHED on',
  'is an Assistant Professor',
  'is a researcher at',
  'The Afghan Taliban claims that they have no control',
];

type Expected = {
  title: string | null;
  author: string | null;
  authorAffiliation: string | null;
  outlet: string | null;
  publishedOn: string | null;
  sourceUrl: string | null;
  headings: string[];
};

const expected: Record<CorpusFileName, Expected> = {
  '000_61e857c44eeacd65.txt': {
    // The author box lists the author's posts; one of them, the only one whose title the body
    // argues word for word, is this page: its title and date are what the page states of itself.
    title: 'Why Talks Between Pakistan and Afghan Taliban Fail?',
    author: 'Tooba Nazakat',
    authorAffiliation: null,
    outlet: null,
    publishedOn: '2025-12-24',
    sourceUrl: null,
    headings: [],
  },
  '001_2a4c27f6674d840a.txt': {
    title: 'Why Did Pakistan, Afghanistan Talks Fail and What Could Happen Next',
    author: null,
    authorAffiliation: null,
    outlet: null,
    publishedOn: null,
    sourceUrl: null,
    headings: ['A Little Backgrounder', 'What is Holding the Talks Hostage?', 'What Can Pakistan Do to Succeed in Negotiations?'],
  },
  '002_3d7eaf6e210601aa.txt': {
    title: 'Why Pakistan-Afghanistan Negotiations Remain Elusive?',
    author: 'Faiza Abid',
    authorAffiliation: 'Centre for Aerospace and Security Studies (CASS), Lahore',
    outlet: null,
    publishedOn: null,
    sourceUrl: null,
    headings: [],
  },
  '003_2063ded40225888b.txt': {
    title: null,
    author: 'Sadia Sulaiman',
    authorAffiliation: 'Center for Regional Studies for Africa, North and South America, Quaid-i-Azam University, Islamabad',
    outlet: null,
    publishedOn: '2025-11-02',
    sourceUrl: null,
    headings: [],
  },
  '004_e63e6b5f7dc9a978.txt': {
    title: null,
    author: null,
    authorAffiliation: null,
    outlet: null,
    publishedOn: null,
    sourceUrl: null,
    headings: [
      'Background: A Century of Contention and Interdependence',
      'Historical Trajectories and Geopolitical Shifts',
      'The Scourge of Terrorism: TTP and Regional Security',
      'The Enduring Refugee Crisis',
      'Key Developments: The Recent Diplomatic Deadlock',
      'Points of Contention and Unmet Demands',
      'The Impasse: A Breakdown in Trust',
      'Impact: Ripple Effects Across the Region',
      'Security Implications for Pakistan',
      'Afghanistan’s Deepening Isolation and Humanitarian Crisis',
      'Regional Stability and Geopolitical Realignments',
      'The Fate of Afghan Refugees',
      'What Next: Navigating an Uncertain Future',
      'Escalation Risks and Unilateral Actions',
      'Renewed Diplomatic Efforts and Third-Party Mediation',
      'Economic Pressures and Border Management',
      'The International Community’s Role',
      'Internal Dynamics and Future of TTP',
    ],
  },
};

function normaliseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Sentence boundaries: terminal punctuation (and any closing quote) followed by a capitalised start. */
function splitSentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?][”’"]?)\s+(?=[“‘"(]?[\p{Lu}\p{N}])/u).filter((sentence) => sentence.trim() !== '');
}

function listBodySentences(name: CorpusFileName): string[] {
  const skip = new Set([...furnitureLines[name], expected[name].title].map((line) => line && normaliseSpaces(line)));
  return readRaw(name)
    .split(/\r?\n/)
    .map(normaliseSpaces)
    .filter((line) => line !== '' && !skip.has(line))
    .flatMap(splitSentences);
}

const cases = corpusFileNames.map((name) => [name] as const);

describe.skipIf(!hasCorpus)('cleanText on the scraped corpus', () => {
  it('covers exactly the five files in the corpus folder', () => {
    expect(listCorpusFiles()).toEqual([...corpusFileNames]);
  });

  test.each(cases)('%s: no furniture survives', (name) => {
    const document = cleanText(readRaw(name));
    for (const furniture of furnitureStrings) expect(document.text).not.toContain(furniture);
    for (const line of furnitureLines[name]) expect(document.text).not.toContain(normaliseSpaces(line));
    expect(document.text).not.toMatch(/^\*+$/m);
    expect(document.text).not.toMatch(/\n{3,}/);
    expect(document.text).toBe(document.text.trim());
  });

  test.each(cases)('%s: the furniture identified by reading the file is what was removed', (name) => {
    const removed = cleanText(readRaw(name)).removed.map(normaliseSpaces);
    expect([...removed].sort()).toEqual(furnitureLines[name].map(normaliseSpaces).sort());
  });

  test.each(cases)('%s: every sentence of the body survives verbatim', (name) => {
    const text = normaliseSpaces(cleanText(readRaw(name)).text);
    const sentences = listBodySentences(name);
    expect(sentences.length).toBeGreaterThan(20);
    const missing = sentences.filter((sentence) => !text.includes(sentence));
    expect(missing).toEqual([]);
  });

  test.each(cases)('%s: headings are recognised', (name) => {
    const { blocks } = cleanText(readRaw(name));
    const headings = blocks.flatMap((block) => (block.type === 'heading' ? [block.text] : []));
    expect(headings).toEqual(expected[name].headings);
    // Plain text carries no nesting, so every recognised heading is a section heading.
    expect(blocks.every((block) => block.type === 'paragraph' || block.level === 2)).toBe(true);
    expect(blocks.at(0)?.type).toBe('paragraph');
    expect(blocks.at(-1)?.type).toBe('paragraph');
  });

  test.each(cases)('%s: metadata is only what the text states', (name) => {
    const { title, author, authorAffiliation, outlet, publishedOn, sourceUrl } = cleanText(readRaw(name));
    const { headings: _headings, ...metadata } = expected[name];
    expect({ title, author, authorAffiliation, outlet, publishedOn, sourceUrl }).toEqual(metadata);
  });

  test.each(cases)('%s: prisma/seed-data/articles.json matches the cleaner (golden)', (name) => {
    const { removed: _removed, ...document } = cleanText(readRaw(name));
    const { metadataNotes, ...article } = seedArticles.find((a) => a.sourceName === name)!;
    expect(article).toEqual({ sourceName: name, ...document });
    // Every article says where its metadata come from, or why they are missing.
    expect(metadataNotes.length).toBeGreaterThan(0);
  });
});

describe('seed articles', () => {
  it('holds the five articles in file order', () => {
    expect(seedArticles.map((article) => article.sourceName)).toEqual([...corpusFileNames]);
  });

  test.each(seedArticles.map((article) => [article.sourceName, article] as const))(
    '%s: text is its blocks joined by blank lines',
    (_name, article) => {
      expect(article.text).toBe(article.blocks.map((block) => block.text).join('\n\n'));
      expect(article.blocks.every((block) => block.text === block.text.trim() && !block.text.includes('\n'))).toBe(true);
      expect(article.text).toBe(article.text.normalize('NFC'));
    },
  );
});
