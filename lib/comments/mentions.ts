// @mentions in comment bodies. Pure: no React, no database. A mention is written in the body as
// "@" followed by the member's display name ("@Ana Lopez"), and recorded separately as the user id,
// because names are neither unique nor stable; the text is what people read, the id is what counts.

export type Person = { id: string; name: string };

export type MentionSegment = { kind: 'text'; text: string } | { kind: 'mention'; text: string; userId: string };

// A name ends where a letter or digit does not follow: "@Ana," mentions Ana, "@Anabel" does not.
const wordChar = /[\p{L}\p{N}_]/u;
// An "@" starts a mention at the start of the text or after a space or opening punctuation, not
// inside an e-mail address such as ana@example.org.
const beforeAt = /[\s([{"'“‘]/u;
// Long enough for any real name with a space or two; past it the "@" is not a mention being typed.
const maxQueryLength = 40;

const startsMention = (text: string, at: number) => text[at] === '@' && (at === 0 || beforeAt.test(text[at - 1]!));
const endsName = (text: string, end: number) => end >= text.length || !wordChar.test(text[end]!);

/**
 * The mention being typed just before the caret: where its "@" is and what follows it, or null.
 * "Ask @an|" gives { start: 4, query: "an" }. Names can hold spaces, so a space does not end the
 * query; a line break, a second "@" or a long run does.
 */
export function activeMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const from = Math.max(0, caret - maxQueryLength - 1);
  for (let i = caret - 1; i >= from; i--) {
    const ch = text[i]!;
    if (ch === '\n') return null;
    if (ch === '@') return startsMention(text, i) ? { start: i, query: text.slice(i + 1, caret) } : null;
  }
  return null;
}

/**
 * Members whose name matches what was typed after "@", best first: names starting with it, then
 * names with a word starting with it, then names containing it. Case and accents are ignored.
 */
export function filterPeople<P extends Person>(people: readonly P[], query: string, limit = 6): P[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
  const q = fold(query.trim());
  const rank = (p: P) => {
    const name = fold(p.name);
    if (name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
    return name.includes(q) ? 2 : 3;
  };
  return people
    .map((p) => ({ p, r: rank(p) }))
    .filter((x) => x.r < 3)
    .sort((a, b) => a.r - b.r || a.p.name.localeCompare(b.p.name, 'en'))
    .slice(0, limit)
    .map((x) => x.p);
}

/** Replaces the typed "@query" (from `start` to the caret) with "@Name " and puts the caret after it. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret);
  // Do not double the space when one already follows.
  const glue = rest.startsWith(' ') ? inserted.slice(0, -1) : inserted;
  return { text: text.slice(0, start) + glue + rest, caret: start + glue.length + (glue === inserted ? 0 : 1) };
}

/**
 * The body split into plain text and mentions of `people` (those the comment mentions). Longer
 * names are tried first, so "@Ana Lopez" is not read as "@Ana" when both are members.
 */
export function splitMentions(body: string, people: readonly Person[]): MentionSegment[] {
  const byLength = [...people].filter((p) => p.name.length > 0).sort((a, b) => b.name.length - a.name.length);
  const segments: MentionSegment[] = [];
  let plainFrom = 0;
  let i = 0;
  while (i < body.length) {
    const person = startsMention(body, i)
      ? byLength.find((p) => body.startsWith(p.name, i + 1) && endsName(body, i + 1 + p.name.length))
      : undefined;
    if (!person) {
      i++;
      continue;
    }
    if (i > plainFrom) segments.push({ kind: 'text', text: body.slice(plainFrom, i) });
    const end = i + 1 + person.name.length;
    segments.push({ kind: 'mention', text: body.slice(i, end), userId: person.id });
    plainFrom = i = end;
  }
  if (plainFrom < body.length) segments.push({ kind: 'text', text: body.slice(plainFrom) });
  return segments;
}

/**
 * The ids of `picked` people whose "@Name" is still in the body. The reply box records an id when
 * a name is picked from the list; if the user then deletes that text, the mention goes with it.
 */
export function mentionsInBody(body: string, picked: readonly Person[]): string[] {
  const found = new Set(splitMentions(body, picked).flatMap((s) => (s.kind === 'mention' ? [s.userId] : [])));
  return picked.filter((p) => found.has(p.id)).map((p) => p.id).filter((id, i, all) => all.indexOf(id) === i);
}
