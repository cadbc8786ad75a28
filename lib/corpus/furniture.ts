import { englishDatePattern, toIsoDate } from './dates';
import type { ArticleMetadata, DraftBlock } from './types';

/**
 * Page furniture: text a scraper or a copy-paste picks up from around an article (author boxes,
 * comment forms, share bars, tag lists, datelines, contributor notes). It is removed from the
 * body because annotators would otherwise highlight it and agreement statistics would count it.
 * When a piece of furniture *states* a fact about the article (its author, its date) that fact is
 * kept as metadata; nothing is inferred from furniture that does not state it.
 */

export type FurnitureResult = {
  blocks: DraftBlock[];
  removed: string[];
  found: Partial<ArticleMetadata>;
};

const date = englishDatePattern.source;
// A personal name as bylines print it: two to four capitalised words ("Faiza Abid", "Amir Khan Muttaqi").
const personName = String.raw`\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}`;

// WordPress "Author box" widget: "Author Recent Posts <Name> Latest posts by <Name> (see all) <posts>".
const authorBoxPattern = new RegExp(
  String.raw`^Author\s+Recent Posts\s+(.+?)\s+Latest posts by\s+(.+?)\s+\(see all\)(.*)$`,
  'u',
);
// "About Faiza Abid 7 Articles" — the heading of another theme's author box.
const aboutAuthorPattern = new RegExp(String.raw`^About\s+(${personName})\s+\d+\s+(?:Articles?|Posts?)$`, 'u');
// A line of the author's other posts: "- Title - December 24, 2025". The bullet is optional
// because Markdown parsing has already taken list markers off.
// A title has no sentence break in it, which keeps a closing sentence that ends in a date out.
const postListEntryPattern = new RegExp(String.raw`^(?:[-–—•*]\s+)?(?![^\n]*\p{Ll}{2}[.!?]\s+\p{Lu})([^\n]{3,160}?)\s+[-–—]\s+(${date})$`, 'u');
const publishedDatelinePattern = new RegExp(String.raw`^(?:Published|Posted)(?:\s+on)?:?\s+(${date})$`, 'i');
const otherDatelinePattern = new RegExp(String.raw`^(?:Last\s+)?(?:Updated|Modified)(?:\s+on)?:?\s+${date}.*$`, 'i');
const bylinePattern = new RegExp(String.raw`^(?:By|Written by|Author:)\s+(${personName})(?:\s*[|,–—-]\s*.{0,80})?$`, 'u');
const sourceUrlPattern = /^(?:Source|Originally published (?:at|on)|Read the original(?: article)?(?: at| on)?)\s*:?\s*(https?:\/\/\S+?)\.?$/i;
const sourceOutletPattern =
  /^(?:This article (?:was )?(?:originally|first) (?:appeared|published) in|Originally published in|First published in|Courtesy(?: of)?)\s*:?\s*(.{2,80}?)\.?$/i;

// Exact lines (compared case-insensitively, ignoring trailing ":" or "."), from comment forms,
// share bars and "related" widgets.
const exactFurniture = new Set(
  [
    'leave a comment',
    'leave a reply',
    'leave a reply cancel reply',
    'cancel reply',
    'post comment',
    'be the first to comment',
    'no comments yet',
    'comments',
    'share',
    'share this',
    'share this article',
    'share this post',
    'like this',
    'like loading...',
    'related',
    'related posts',
    'related articles',
    'you may also like',
    'more from this author',
    'recent posts',
    'latest posts',
    'advertisement',
    'continue reading',
    'print',
    'email',
    'save my name, email, and website in this browser for the next time i comment',
  ].map((line) => line.replace(/[.:]+$/, '')),
);

// Words a share bar is made of; a short line made only of these is a share bar.
const shareWords = new Set([
  'share', 'shares', 'on', 'this', 'via', 'tweet', 'pin', 'it', 'email', 'print', 'copy', 'link', 'whatsapp',
  'facebook', 'twitter', 'x', 'linkedin', 'telegram', 'reddit', 'pinterest', 'tumblr', 'messenger', 'click',
  'to', 'share:', 'opens', 'in', 'new', 'window', 'mail', 'sms', '|', '·', '•', '-', '–',
]);

const prefixedFurniturePatterns: RegExp[] = [
  // Comment form boilerplate, with or without the required-fields note and its asterisk.
  /^Your email address will not be published\.?(?:\s*Required fields are marked(?: with)?\s*\*?\.?)?$/i,
  /^Required fields are marked(?: with)?\s*\*?\.?$/i,
  /^\*+$/,
  /^(?:Tags?|Tagged(?: with)?|Filed under|Categories|Category|Topics)\s*:.{0,200}$/i,
  /^(?:Read more|Also read|Read also|See also|Related|Recommended)\s*:.{0,200}$/i,
  /^(?:©|\(c\)|Copyright\b).{0,160}$/i,
  /^All rights reserved\.?$/i,
  /^(?:Photo|Image|File photo|Picture|Photograph)(?: credits?)?\s*:.{0,160}$/i,
  /^(?:Subscribe|Sign up)\b.{0,80}\bnewsletter\b.{0,40}$/i,
  /^Follow us on\b.{0,80}$/i,
  /^\d+\s+(?:Comments?|Shares?|Views?)$/i,
];

// Contributor notes: "Sadia Sulaiman is an Assistant Professor at ..., Islamabad." The role word
// list keeps an ordinary closing sentence about a politician from being mistaken for one.
const contributorNotePattern = new RegExp(
  String.raw`^(${personName}|The (?:writer|author)) (?:is|was|has been) (?:an?|the|currently|presently|also|formerly)\s`,
  'u',
);
const contributorRolePattern =
  /\b(?:professor|lecturer|research(?:er)?|analyst|fellow|journalist|writer|columnist|director|student|scholar|editor|correspondent|author|associate|expert|diplomat|officer|consultant|lawyer|advocate|graduate|academic|freelance|contributor|specialist|coordinator|teacher)\b/i;

function stripFinalPunctuation(line: string): string {
  return line.toLowerCase().replace(/[\s.:!]+$/, '');
}

const shareBarAnchors = /\b(?:share|tweet|facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|email|print)\b/i;

function isShareBar(line: string): boolean {
  const words = line.toLowerCase().split(/\s+/);
  return words.length <= 12 && words.every((word) => shareWords.has(word)) && shareBarAnchors.test(line);
}

function isGenericFurniture(line: string): boolean {
  return (
    exactFurniture.has(stripFinalPunctuation(line)) ||
    prefixedFurniturePatterns.some((pattern) => pattern.test(line)) ||
    isShareBar(line)
  );
}

/**
 * Whether one line is furniture on its own. Markdown joins consecutive lines into a paragraph,
 * but a pasted comment form or author box arrives one item per line; the Markdown parser keeps
 * such lines apart so that the furniture pass can see them.
 */
export function isStandaloneFurniture(line: string): boolean {
  const text = line.trim();
  return (
    isGenericFurniture(text) ||
    authorBoxPattern.test(text) ||
    aboutAuthorPattern.test(text) ||
    publishedDatelinePattern.test(text) ||
    otherDatelinePattern.test(text) ||
    postListEntryPattern.test(text)
  );
}

/**
 * Pulls the affiliation out of a contributor note's first sentence: the organisation after
 * " at " ("... is a researcher at the Centre for Aerospace and Security Studies (CASS), Lahore.").
 */
function extractAffiliation(note: string): string | null {
  const firstSentence = /^.*?\.(?=\s|$)/.exec(note)?.[0] ?? note;
  const match = /\s(?:at|with)\s+(?:the\s+)?(.+?)\.$/.exec(firstSentence);
  return match?.[1] ?? null;
}

function startsWithName(text: string, name: string): boolean {
  return text.startsWith(`${name} `);
}

function fillOnce<K extends keyof ArticleMetadata>(found: Partial<ArticleMetadata>, key: K, value: string | null | undefined): void {
  if (value && found[key] == null) found[key] = value;
}

/**
 * Removes furniture from a parsed block list. It runs on every import path (scraped text,
 * Markdown, HTML, pasted text), because pasted text carries the same blog furniture as files.
 */
export function removeFurniture(input: DraftBlock[]): FurnitureResult {
  const found: Partial<ArticleMetadata> = {};
  const removedAt = new Set<number>();
  const authorBoxPosts: string[] = [];
  let expectedBioName: string | null = null;

  input.forEach((block, index) => {
    const text = block.text;

    if (expectedBioName !== null && startsWithName(text, expectedBioName)) {
      // The paragraph under an "About <Name>" box is that author's bio.
      removedAt.add(index);
      fillOnce(found, 'authorAffiliation', extractAffiliation(text));
      expectedBioName = null;
      return;
    }
    expectedBioName = null;

    const authorBox = authorBoxPattern.exec(text);
    if (authorBox) {
      removedAt.add(index);
      fillOnce(found, 'author', authorBox[2]);
      authorBoxPosts.push(authorBox[3] ?? '');
      return;
    }
    const aboutAuthor = aboutAuthorPattern.exec(text);
    if (aboutAuthor) {
      removedAt.add(index);
      fillOnce(found, 'author', aboutAuthor[1]);
      expectedBioName = aboutAuthor[1] ?? null;
      return;
    }
    const published = publishedDatelinePattern.exec(text);
    if (published) {
      removedAt.add(index);
      fillOnce(found, 'publishedOn', toIsoDate(published[1] ?? ''));
      return;
    }
    const byline = bylinePattern.exec(text);
    if (byline) {
      removedAt.add(index);
      fillOnce(found, 'author', byline[1]);
      return;
    }
    // A bare URL could be a reference the author cites; only a labelled one names the source.
    const sourceUrl = sourceUrlPattern.exec(text);
    if (sourceUrl) {
      removedAt.add(index);
      fillOnce(found, 'sourceUrl', sourceUrl[1]);
      return;
    }
    const sourceOutlet = sourceOutletPattern.exec(text);
    if (sourceOutlet) {
      removedAt.add(index);
      fillOnce(found, 'outlet', sourceOutlet[1]);
      return;
    }
    if (otherDatelinePattern.test(text) || isGenericFurniture(text)) {
      removedAt.add(index);
    }
  });

  // The author's post list repeats the author box; a "- Title - date" line elsewhere could be
  // part of an article's own timeline, so it only goes when the author box lists the same post.
  input.forEach((block, index) => {
    const entry = postListEntryPattern.exec(block.text);
    if (entry && authorBoxPosts.some((posts) => posts.includes(entry[1] ?? '\u0000'))) removedAt.add(index);
  });

  removeTrailingFurniture(input, removedAt, found);

  // The author box's list of posts names the page's own post too: the one whose title the body
  // argues, word for word. Its title and date are what the page states about itself.
  const own = ownPost(authorBoxPosts, input.filter((_, index) => !removedAt.has(index)).map((b) => b.text).join(' '));
  if (own) {
    fillOnce(found, 'title', own.title);
    fillOnce(found, 'publishedOn', own.publishedOn);
  }

  const blocks: DraftBlock[] = [];
  const removed: string[] = [];
  input.forEach((block, index) => (removedAt.has(index) ? removed.push(block.text) : blocks.push(block)));
  return { blocks, removed, found };
}

const postEntryPattern = new RegExp(String.raw`(.+?)\s+[–—-]\s+(${date})`, 'gu');
const stopWords = new Set(['the', 'and', 'for', 'with', 'from', 'that', 'this', 'what', 'why', 'how', 'are', 'was', 'its', 'into', 'over']);
const contentWords = (text: string) => (text.toLowerCase().match(/\p{L}[\p{L}\p{N}'’-]{2,}/gu) ?? []).filter((w) => !stopWords.has(w));

/**
 * Which of an author box's posts ("Title – December 24, 2025 Title – December 18, 2025 …") is
 * this page: the one every content word of whose title the body uses (as a word or the start of
 * one: "Fail" in "failure"), when no other post comes close. Nothing is taken when two posts
 * match about as well, or when none does.
 */
export function ownPost(lists: readonly string[], body: string): { title: string; publishedOn: string | null } | null {
  const bodyWords = new Set(contentWords(body));
  const used = (word: string) => bodyWords.has(word) || [...bodyWords].some((w) => w.startsWith(word));
  const scored = lists.flatMap((list) =>
    [...list.trim().matchAll(postEntryPattern)].map((m) => {
      const title = (m[1] ?? '').trim();
      const words = contentWords(title);
      return { title, publishedOn: toIsoDate(m[2] ?? ''), share: words.length < 3 ? 0 : words.filter(used).length / words.length };
    }),
  );
  const [best, next] = [...scored].sort((a, b) => b.share - a.share);
  if (!best || best.share < 1 || (next && next.share > 0.6)) return null;
  return { title: best.title, publishedOn: best.publishedOn };
}

/**
 * Walks back from the end: what follows the last sentence of an article is furniture more often
 * than not (post lists, contributor notes), so patterns that are too risky mid-article are
 * applied only in that tail.
 */
function removeTrailingFurniture(input: DraftBlock[], removedAt: Set<number>, found: Partial<ArticleMetadata>): void {
  for (let index = input.length - 1; index >= 0; index -= 1) {
    if (removedAt.has(index)) continue;
    const block = input[index];
    if (!block) continue;
    if (postListEntryPattern.test(block.text)) {
      removedAt.add(index);
      continue;
    }
    const note = block.type === 'paragraph' ? contributorNotePattern.exec(block.text) : null;
    const firstSentence = /^.*?\.(?=\s|$)/.exec(block.text)?.[0] ?? block.text;
    if (note && block.text.length <= 400 && contributorRolePattern.test(firstSentence)) {
      removedAt.add(index);
      const name = note[1] ?? '';
      if (!/^The (?:writer|author)$/i.test(name)) fillOnce(found, 'author', name);
      fillOnce(found, 'authorAffiliation', extractAffiliation(block.text));
      continue;
    }
    return;
  }
}
