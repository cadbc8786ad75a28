import { describe, expect, it } from 'vitest';
import { createAnnotation, listAnnotations } from '@/lib/data/annotations';
import { createCategory } from '@/lib/data/codebook';
import { createComment } from '@/lib/data/comments';
import { saveMemo } from '@/lib/data/compare';
import { correctDocumentText, getDocument } from '@/lib/data/documents';
import { createProject, getProject } from '@/lib/data/projects';
import { createApiToken } from '@/lib/data/tokens';
import { createUser } from '@/lib/data/users';
import { AppError } from '@/lib/errors';
import { makeCodebook, makeDocument, makeProject, spanOf, uniq } from '../integration/helpers';

// A table of hostile values, sent where text is expected, to the data functions every action,
// route and CLI command calls. Each either is stored exactly as sent (SQL-ish, script-ish and
// bidirectional-override text is just text) or is refused with INVALID naming the field; nothing
// reaches PostgreSQL unchecked, and nothing fails with anything but an AppError.

const refused: [string, unknown, RegExp][] = [
  ['a NUL character', 'before\u0000after', /NUL character \(U\+0000\) at position 6/],
  ['a lone high surrogate', 'note \uD800 here', /unpaired surrogate \(U\+D800\)/],
  ['a lone low surrogate', '\uDC00', /unpaired surrogate \(U\+DC00\)/],
  ['an array for text', ['a', 'b'], /./],
  ['an object for text', { toString: 'x' }, /./],
  ['a number for text', 42, /./],
];
const kept: [string, string][] = [
  ['SQL-ish', "Robert'); DROP TABLE \"Annotation\";--"],
  ['script-ish', '<script>alert(1)</script><img src=x onerror=alert(2)>'],
  ['a right-to-left override', 'file\u202Etxt.exe'],
  ['a paired surrogate (an emoji)', 'ok 🚫 fine'],
];

async function outcome(run: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    // Anything but an AppError would have been a 500.
    expect(error, String(error)).toBeInstanceOf(AppError);
    return { ok: false, code: (error as AppError).code, message: (error as AppError).message };
  }
}

describe('hostile input', async () => {
  const p = await makeProject({ ana: 'ANNOTATOR' });
  const { security } = await makeCodebook(p.slug);
  const doc = await makeDocument(p, 'Hostile');
  const ana = p.members.ana!.actor;
  const span = spanOf(doc.text, 'The talks failed');
  const annotation = (await createAnnotation(ana, doc.id, { ...span, categoryId: security.id })).annotation;

  const targets: [string, (value: unknown) => Promise<unknown>][] = [
    ['an annotation’s note', (v) => createAnnotation(ana, doc.id, { ...span, categoryId: security.id, note: v as string })],
    ['a comment', (v) => createComment(ana, annotation.id, { body: v as string })],
    ['a memo', (v) => saveMemo(p.owner.actor, p.slug, { documentId: null, body: v as string, version: 0 })],
    ['a token name', (v) => createApiToken(ana, { name: v as string })],
    ['a category name', (v) => createCategory(p.owner.actor, p.slug, { name: v as string, color: '#0072b2' })],
    ['a project name', (v) => createProject(p.owner.actor, { slug: `h-${uniq()}`, name: v as string })],
    ['a sign-up name', (v) => createUser({ email: `h-${uniq()}@test.example`, password: 'long enough pass', name: v as string })],
    ['an article’s text', (v) => correctDocumentText(p.owner.actor, doc.id, { blocks: [{ type: 'paragraph', text: v }] })],
  ];

  for (const [target, run] of targets) {
    it(`${target}: refuses NUL, lone surrogates and wrong types with INVALID, naming the problem`, async () => {
      for (const [name, value, message] of refused) {
        const result = await outcome(() => run(value));
        expect(result.ok, `${target} took ${name}`).toBe(false);
        if (!result.ok) {
          expect(result.code, `${target}, ${name}: ${result.message}`).toBe('INVALID');
          expect(result.message, `${target}, ${name}`).toMatch(message);
        }
      }
    });
  }

  it('keeps SQL-ish, script-ish and bidirectional text exactly as sent', async () => {
    for (const [name, value] of kept) {
      const created = await createAnnotation(ana, doc.id, { ...span, categoryId: security.id, note: value });
      const back = (await listAnnotations(ana, doc.id, { layer: 'mine' })).find((a) => a.id === created.annotation.id);
      expect(back?.note, name).toBe(value);
    }
  });

  it('refuses a slug that is not text, and a text correction that is no text, leaving the article as it was', async () => {
    for (const slug of [['pak'], { $ne: 1 }, 'a\u0000b', 7]) {
      const result = await outcome(() => getProject(p.owner.actor, slug as unknown as string));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['INVALID', 'NOT_FOUND']).toContain(result.code);
    }
    const before = await getDocument(p.owner.actor, doc.id);
    for (const input of [{}, { blocks: {} }, { blocks: 'text' }, { blocks: [{}] }, { blocks: [{ type: 'paragraph', text: { a: 1 } }] }]) {
      const result = await outcome(() => correctDocumentText(p.owner.actor, doc.id, input as { blocks: unknown }));
      expect(result.ok, JSON.stringify(input)).toBe(false);
    }
    expect((await getDocument(p.owner.actor, doc.id)).text).toBe(before.text);
  });

  it('refuses a 10 MB note with the limit, not a database error', async () => {
    const result = await outcome(() => createAnnotation(ana, doc.id, { ...span, categoryId: security.id, note: 'x'.repeat(10 * 1024 * 1024) }));
    expect(result).toMatchObject({ ok: false, code: 'INVALID', message: expect.stringMatching(/too long/) });
  });
});
