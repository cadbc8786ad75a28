/**
 * Scraped plain text has lost its markup, so a section heading survives only as a line of its
 * own: short, starting with a capital, and without the full stop, comma or colon that ends a
 * sentence. A question can be a heading ("What is Holding the Talks Hostage?") but so can a
 * one-line rhetorical paragraph, so a question counts only when it is set in title case.
 */
const maxHeadingLength = 120;
const maxHeadingWords = 14;
const maxQuestionWords = 12;

export function isMostlyCapitalised(words: string[]): boolean {
  const lettered = words.filter((word) => /\p{L}/u.test(word));
  const capitalised = lettered.filter((word) => /^[^\p{L}]*\p{Lu}/u.test(word));
  return lettered.length > 0 && capitalised.length / lettered.length >= 0.6;
}

export function isHeadingLike(text: string): boolean {
  if (text.length === 0 || text.length > maxHeadingLength || text.includes('\n')) return false;
  const words = text.split(/\s+/);
  if (words.length > maxHeadingWords) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(text)) return false;
  if (/[.,;:!…"”’'—–-]$/.test(text)) return false;
  if (text.endsWith('?')) return words.length <= maxQuestionWords && isMostlyCapitalised(words);
  return true;
}
