export type Block =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; text: string };

export type ArticleMetadata = {
  title: string | null;
  author: string | null;
  authorAffiliation: string | null;
  outlet: string | null;
  /** ISO calendar date, yyyy-mm-dd. */
  publishedOn: string | null;
  sourceUrl: string | null;
};

export type CleanDocument = ArticleMetadata & {
  blocks: Block[];
  /** Canonical plain text: block texts joined by a blank line (see canonical.ts). */
  text: string;
  /** Furniture that was dropped (line furniture first, then pull quotes), so a reviewer can see what went. */
  removed: string[];
};

/**
 * A block as a parser first sees it, before furniture removal. Headings keep their source
 * level (1–6) because a leading level-1 heading is the article's title, not a section.
 */
export type DraftBlock =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string };
