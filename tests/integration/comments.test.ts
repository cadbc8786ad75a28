import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { createAnnotation } from '@/lib/data/annotations';
import {
  createComment,
  deleteComment,
  getComment,
  getThreadState,
  listAnnotationComments,
  listDocumentComments,
  markDocumentRead,
  setThreadResolved,
  unreadCounts,
  updateComment,
  type CommentDto,
} from '@/lib/data/comments';
import { setDocumentStatus } from '@/lib/data/document-status';
import { createApiToken } from '@/lib/data/tokens';
import * as annotationCommentsRoute from '@/app/api/annotations/[id]/comments/route';
import * as threadRoute from '@/app/api/annotations/[id]/thread/route';
import * as commentRoute from '@/app/api/comments/[id]/route';
import * as documentCommentsRoute from '@/app/api/documents/[id]/comments/route';
import { ConflictError } from '@/lib/errors';
import { expectAppError, makeCodebook, makeDocument, makeProject, makeUser, spanOf } from './helpers';

// A blind-coding project (the default) with two annotators, a curator and a viewer; ana and ben
// each tag the same passage in their own layer.
async function setup() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cur: 'CURATOR', viewer: 'VIEWER' });
  const { sanctuary } = await makeCodebook(p.slug);
  const doc = await makeDocument(p);
  const ana = p.members.ana!;
  const ben = p.members.ben!;
  const span = spanOf(doc.text, 'The talks failed');
  const { annotation: anaNote } = await createAnnotation(ana.actor, doc.id, { ...span, categoryId: sanctuary.id });
  const { annotation: benNote } = await createAnnotation(ben.actor, doc.id, { ...span, categoryId: sanctuary.id });
  const projectId = (await getDb().project.findUniqueOrThrow({ where: { slug: p.slug }, select: { id: true } })).id;
  return { ...p, projectId, doc, ana, ben, cur: p.members.cur!, viewer: p.members.viewer!, anaNote, benNote };
}

const post = (actor: Parameters<typeof createComment>[0], annotationId: string, body: string, mentions: string[] = []) =>
  createComment(actor, annotationId, { id: randomUUID(), body, mentions }).then((r) => r.comment);

const reveal = (projectId: string) => getDb().project.update({ where: { id: projectId }, data: { layersRevealedAt: new Date() } });

describe('comments: threads on annotations', () => {
  it('posts and replies, and lists the document thread oldest first with authors', async () => {
    const s = await setup();
    const first = await post(s.ana.actor, s.anaNote.id, '  Is this really about sanctuary?  ');
    const reply = await post(s.cur.actor, s.anaNote.id, 'I think so, see paragraph 2.');
    expect(first).toMatchObject({
      annotationId: s.anaNote.id,
      documentId: s.doc.id,
      author: { id: s.ana.id, name: 'ana' },
      body: 'Is this really about sanctuary?',
      mentions: [],
      version: 1,
      editedAt: null,
    });
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    const listed = await listDocumentComments(s.ana.actor, s.doc.id);
    expect(listed.comments.map((c) => c.id)).toEqual([first.id, reply.id]);
    expect(listed.comments[1]).toEqual(reply);
    expect(listed.threads).toEqual([]);
    expect(listed.readAt).toBeNull();
    expect(await getComment(s.ana.actor, reply.id)).toEqual(reply);
    const thread = await listAnnotationComments(s.cur.actor, s.anaNote.id);
    expect(thread.comments).toEqual([first, reply]);
    expect(thread.thread).toEqual({ annotationId: s.anaNote.id, resolvedAt: null, resolvedBy: null });
  });

  it('is idempotent by client id, and refuses the same id with other content (409)', async () => {
    const s = await setup();
    const id = randomUUID();
    const once = await createComment(s.ana.actor, s.anaNote.id, { id, body: 'Same words', mentions: [s.ben.id] });
    const twice = await createComment(s.ana.actor, s.anaNote.id, { id, body: ' Same words ', mentions: [s.ben.id, s.ben.id] });
    expect(once.created).toBe(true);
    expect(twice).toEqual({ comment: once.comment, created: false });
    expect(await getDb().comment.count({ where: { annotationId: s.anaNote.id } })).toBe(1);
    await expectAppError(createComment(s.ana.actor, s.anaNote.id, { id, body: 'Other words' }), 'CONFLICT', /already exists/);
    // Someone else reusing the id is a conflict too, and learns nothing else.
    // Someone else's comment id: refused as an id this client may not use, saying nothing of it.
    const taken = await expectAppError(createComment(s.cur.actor, s.anaNote.id, { id, body: 'Same words', mentions: [s.ben.id] }), 'INVALID', /cannot be used for this comment/);
    expect(taken.message).not.toMatch(/exists|Same words/);
  });

  it('validates the body and the mentions', async () => {
    const s = await setup();
    await expectAppError(post(s.ana.actor, s.anaNote.id, '   '), 'INVALID', /body must not be empty/);
    await expectAppError(post(s.ana.actor, s.anaNote.id, 'x'.repeat(20_001)), 'INVALID', /too long \(20,000/);
    const stranger = await makeUser('stranger');
    await expectAppError(post(s.ana.actor, s.anaNote.id, '@stranger hi', [stranger.id]), 'INVALID', new RegExp(`${stranger.id} is not a member`));
    await expectAppError(
      createComment(s.ana.actor, s.anaNote.id, { body: 'hi', mentions: ['not-a-uuid'] }),
      'INVALID',
      /mentions\.0: mentions must be user ids/,
    );
    const ok = await post(s.ana.actor, s.anaNote.id, '@owner @viewer please look', [s.owner.id, s.viewer.id]);
    expect(new Set(ok.mentions)).toEqual(new Set([s.owner.id, s.viewer.id]));
    expect(await getDb().comment.count({ where: { annotationId: s.anaNote.id } })).toBe(1);
  });

  it('lets only the author edit, with versions: a stale edit is CONFLICT carrying the current comment', async () => {
    const s = await setup();
    const c = await post(s.ana.actor, s.anaNote.id, 'first draft');
    const edited = await updateComment(s.ana.actor, c.id, { version: 1, body: 'second draft', mentions: [s.cur.id] });
    expect(edited).toMatchObject({ id: c.id, body: 'second draft', mentions: [s.cur.id], version: 2 });
    expect(edited.editedAt).not.toBeNull();
    expect(edited.createdAt).toBe(c.createdAt);
    const stale = await expectAppError(updateComment(s.ana.actor, c.id, { version: 1, body: 'third' }), 'CONFLICT', /your version 1, current 2/);
    expect((stale as ConflictError<CommentDto>).current).toEqual(edited);
    await expectAppError(updateComment(s.cur.actor, c.id, { version: 2, body: 'curator rewrite' }), 'FORBIDDEN', /Only the author/);
    await expectAppError(updateComment(s.owner.actor, c.id, { version: 2, body: 'owner rewrite' }), 'FORBIDDEN');
    await expectAppError(updateComment(s.ana.actor, c.id, { version: 2, body: '' }), 'INVALID', /must not be empty/);
    expect((await getComment(s.ana.actor, c.id)).body).toBe('second draft');
  });

  it('deletes: the author, or an owner or curator; not another annotator; deleted comments vanish', async () => {
    const s = await setup();
    await reveal(s.projectId);
    const byAna = await post(s.ana.actor, s.anaNote.id, 'mine to delete');
    const byBen = await post(s.ben.actor, s.anaNote.id, 'moderated away');
    const kept = await post(s.ben.actor, s.anaNote.id, 'stays');
    await expectAppError(deleteComment(s.ana.actor, byBen.id), 'FORBIDDEN', /author of a comment, or an owner or curator/);
    await expectAppError(deleteComment(s.ana.actor, byAna.id, { version: 7 }), 'CONFLICT', /your version 7, current 1/);
    expect(await deleteComment(s.ana.actor, byAna.id, { version: 1 })).toEqual({ id: byAna.id, version: 2 });
    expect(await deleteComment(s.owner.actor, byBen.id)).toEqual({ id: byBen.id, version: 2 });
    const curatorDeletes = await post(s.ana.actor, s.anaNote.id, 'curator removes this');
    await deleteComment(s.cur.actor, curatorDeletes.id);
    expect((await listDocumentComments(s.ana.actor, s.doc.id)).comments.map((c) => c.id)).toEqual([kept.id]);
    await expectAppError(getComment(s.ana.actor, byAna.id), 'NOT_FOUND');
    await expectAppError(deleteComment(s.ana.actor, byAna.id), 'NOT_FOUND');
    await expectAppError(updateComment(s.ana.actor, byAna.id, { version: 2, body: 'back?' }), 'NOT_FOUND');
    // Soft: the row stays, marked deleted, with its version bumped for the live stream.
    expect(await getDb().comment.findUnique({ where: { id: byAna.id }, select: { deletedAt: true, version: true } })).toMatchObject({ version: 2 });
  });

  it('lets viewers read but not comment or resolve (403), once they can see the annotation', async () => {
    const s = await setup();
    // Blind coding: a viewer sees no layer at all until the owner reveals them.
    await expectAppError(post(s.viewer.actor, s.anaNote.id, 'hello'), 'NOT_FOUND');
    await reveal(s.projectId);
    const c = await post(s.ana.actor, s.anaNote.id, 'for the viewer to read');
    expect((await listDocumentComments(s.viewer.actor, s.doc.id)).comments.map((x) => x.id)).toEqual([c.id]);
    await expectAppError(post(s.viewer.actor, s.anaNote.id, 'hello'), 'FORBIDDEN', /Viewers can read comments/);
    await expectAppError(setThreadResolved(s.viewer.actor, s.anaNote.id, true), 'FORBIDDEN');
    await expectAppError(deleteComment(s.viewer.actor, c.id), 'FORBIDDEN');
  });

  it('resolves and reopens a thread; a new reply reopens a resolved one', async () => {
    const s = await setup();
    await post(s.ana.actor, s.anaNote.id, 'question');
    const resolved = await setThreadResolved(s.cur.actor, s.anaNote.id, true);
    expect(resolved).toMatchObject({ annotationId: s.anaNote.id, resolvedBy: { id: s.cur.id, name: 'cur' } });
    expect(resolved.resolvedAt).not.toBeNull();
    expect((await listDocumentComments(s.ana.actor, s.doc.id)).threads).toEqual([resolved]);
    expect(await setThreadResolved(s.ana.actor, s.anaNote.id, false)).toEqual({ annotationId: s.anaNote.id, resolvedAt: null, resolvedBy: null });
    await setThreadResolved(s.ana.actor, s.anaNote.id, true);
    expect((await getThreadState(s.ana.actor, s.anaNote.id)).resolvedBy).toEqual({ id: s.ana.id, name: 'ana' });
    await post(s.cur.actor, s.anaNote.id, 'one more thing');
    expect(await getThreadState(s.ana.actor, s.anaNote.id)).toEqual({ annotationId: s.anaNote.id, resolvedAt: null, resolvedBy: null });
  });

  it("counts unread comments by others per document, with mentions, until the document is marked read", async () => {
    const s = await setup();
    const doc2 = await makeDocument(s, 'Second');
    await post(s.ana.actor, s.anaNote.id, 'my own note does not count for me');
    await post(s.cur.actor, s.anaNote.id, '@ana have a look', [s.ana.id]);
    await post(s.owner.actor, s.anaNote.id, 'general remark');
    const deleted = await post(s.owner.actor, s.anaNote.id, 'gone');
    await deleteComment(s.owner.actor, deleted.id);
    expect(await unreadCounts(s.ana.actor, { slug: s.slug })).toEqual({ [s.doc.id]: { unread: 2, mentions: 1 } });
    // The owner (and curator) see ana's comment as unread; their own do not count.
    expect(await unreadCounts(s.owner.actor, { slug: s.slug })).toEqual({ [s.doc.id]: { unread: 2, mentions: 0 } });

    const { readAt } = await markDocumentRead(s.ana.actor, s.doc.id);
    expect((await listDocumentComments(s.ana.actor, s.doc.id)).readAt).toBe(readAt);
    expect(await unreadCounts(s.ana.actor, { id: s.projectId })).toEqual({});
    // Marking read again is harmless; a comment after it is unread again.
    await markDocumentRead(s.ana.actor, s.doc.id);
    await post(s.owner.actor, s.anaNote.id, '@ana one more', [s.ana.id]);
    expect(await unreadCounts(s.ana.actor, { slug: s.slug })).toEqual({ [s.doc.id]: { unread: 1, mentions: 1 } });
    // Reading another document changes nothing here.
    await markDocumentRead(s.ana.actor, doc2.id);
    expect(await unreadCounts(s.ana.actor, { slug: s.slug })).toEqual({ [s.doc.id]: { unread: 1, mentions: 1 } });
  });
});

describe('comments: blind coding and other projects', () => {
  it("hides ana's thread from ben until ben finishes the document; curators and owners always see it", async () => {
    const s = await setup();
    const anaComment = await post(s.ana.actor, s.anaNote.id, 'on my own annotation', [s.ben.id]);
    await setThreadResolved(s.ana.actor, s.anaNote.id, true);
    const benComment = await post(s.ben.actor, s.benNote.id, 'on mine');

    // ben, blind: his own thread only; ana's is not there at all.
    let seen = await listDocumentComments(s.ben.actor, s.doc.id);
    expect(seen.comments.map((c) => c.id)).toEqual([benComment.id]);
    expect(seen.threads).toEqual([]);
    await expectAppError(getComment(s.ben.actor, anaComment.id), 'NOT_FOUND');
    await expectAppError(listAnnotationComments(s.ben.actor, s.anaNote.id), 'NOT_FOUND');
    await expectAppError(getThreadState(s.ben.actor, s.anaNote.id), 'NOT_FOUND');
    await expectAppError(post(s.ben.actor, s.anaNote.id, 'sneaky reply'), 'NOT_FOUND');
    await expectAppError(setThreadResolved(s.ben.actor, s.anaNote.id, false), 'NOT_FOUND');
    await expectAppError(updateComment(s.ben.actor, anaComment.id, { version: 1, body: 'x' }), 'NOT_FOUND');
    await expectAppError(deleteComment(s.ben.actor, anaComment.id), 'NOT_FOUND');
    // Even though ana mentioned him, nothing is counted for ben.
    expect(await unreadCounts(s.ben.actor, { slug: s.slug })).toEqual({});
    // ana, blind too, does not see ben's.
    expect((await listDocumentComments(s.ana.actor, s.doc.id)).comments.map((c) => c.id)).toEqual([anaComment.id]);
    expect(await unreadCounts(s.ana.actor, { slug: s.slug })).toEqual({});

    for (const actor of [s.cur.actor, s.owner.actor]) {
      const all = await listDocumentComments(actor, s.doc.id);
      expect(all.comments.map((c) => c.id)).toEqual([anaComment.id, benComment.id]);
      expect(all.threads.map((t) => t.annotationId)).toEqual([s.anaNote.id]);
    }

    // ben finishes the document: every layer of it, and its threads, open to him.
    await setDocumentStatus(s.ben.actor, s.doc.id, 'FINISHED');
    seen = await listDocumentComments(s.ben.actor, s.doc.id);
    expect(seen.comments.map((c) => c.id)).toEqual([anaComment.id, benComment.id]);
    expect(seen.threads.map((t) => t.annotationId)).toEqual([s.anaNote.id]);
    expect(await getComment(s.ben.actor, anaComment.id)).toEqual(anaComment);
    expect(await unreadCounts(s.ben.actor, { slug: s.slug })).toEqual({ [s.doc.id]: { unread: 1, mentions: 1 } });
    const reply = await post(s.ben.actor, s.anaNote.id, 'now I can answer');
    expect(reply.annotationId).toBe(s.anaNote.id);
  });

  it('opens the threads to everyone once the owner reveals the layers', async () => {
    const s = await setup();
    const anaComment = await post(s.ana.actor, s.anaNote.id, 'visible after the reveal');
    expect(await unreadCounts(s.ben.actor, { slug: s.slug })).toEqual({});
    await reveal(s.projectId);
    expect(await getComment(s.ben.actor, anaComment.id)).toEqual(anaComment);
    expect(await unreadCounts(s.ben.actor, { slug: s.slug })).toEqual({ [s.doc.id]: { unread: 1, mentions: 0 } });
    expect((await listDocumentComments(s.viewer.actor, s.doc.id)).comments.map((c) => c.id)).toEqual([anaComment.id]);
  });

  it("answers NOT_FOUND to another project's member, whatever they try", async () => {
    const s = await setup();
    const other = await makeProject({ eve: 'ANNOTATOR' });
    const eve = other.members.eve!;
    const c = await post(s.ana.actor, s.anaNote.id, 'private to this project');
    await expectAppError(listDocumentComments(eve.actor, s.doc.id), 'NOT_FOUND', /No such document/);
    await expectAppError(listAnnotationComments(eve.actor, s.anaNote.id), 'NOT_FOUND', /No such annotation/);
    await expectAppError(getComment(eve.actor, c.id), 'NOT_FOUND', /No such comment/);
    await expectAppError(post(eve.actor, s.anaNote.id, 'hi'), 'NOT_FOUND');
    await expectAppError(updateComment(eve.actor, c.id, { version: 1, body: 'x' }), 'NOT_FOUND');
    await expectAppError(deleteComment(eve.actor, c.id), 'NOT_FOUND');
    await expectAppError(setThreadResolved(eve.actor, s.anaNote.id, true), 'NOT_FOUND');
    await expectAppError(markDocumentRead(eve.actor, s.doc.id), 'NOT_FOUND');
    await expectAppError(unreadCounts(eve.actor, { slug: s.slug }), 'NOT_FOUND');
    // Malformed ids read as missing too.
    await expectAppError(getComment(eve.actor, 'nope'), 'NOT_FOUND');
    await expectAppError(post(s.ana.actor, 'nope', 'hi'), 'NOT_FOUND');
    // A comment cannot be mentioned into another project: eve is not a member here.
    await expectAppError(post(s.ana.actor, s.anaNote.id, '@eve', [eve.id]), 'INVALID', /not a member/);
  });
});

// ─── REST ────────────────────────────────────────────────────────────────────────────────────
// The route handlers are called directly with a Request, as Next would; every request carries a
// Bearer token, so no session cookie (and no Next request context) is needed.

type ErrorBody = { error: { code: string; message: string; current?: CommentDto } };

function request(method: string, path: string, token: string | null, body?: unknown): Request {
  const headers = new Headers();
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (body !== undefined) headers.set('content-type', 'application/json');
  return new Request(`http://localhost${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}
const segment = (id: string) => ({ params: Promise.resolve({ id }) });

describe('comments: REST API', () => {
  async function setupApi() {
    const s = await setup();
    const outsider = await makeUser('outsider');
    const [ana, ben, owner, out] = await Promise.all(
      [s.ana.actor, s.ben.actor, s.owner.actor, outsider.actor].map((actor) => createApiToken(actor, { name: 'test' }).then((t) => t.token)),
    );
    return { ...s, tokens: { ana: ana!, ben: ben!, owner: owner!, outsider: out! } };
  }

  it('posts (201, then 200 on a retry), lists, edits, resolves and deletes', async () => {
    const s = await setupApi();
    const id = randomUUID();
    const path = `/api/annotations/${s.anaNote.id}/comments`;
    const body = { id, body: '@owner is this sanctuary?', mentions: [s.owner.id] };
    let res = await annotationCommentsRoute.POST(request('POST', path, s.tokens.ana, body), segment(s.anaNote.id));
    expect(res.status).toBe(201);
    const { comment } = (await res.json()) as { comment: CommentDto };
    expect(comment).toMatchObject({ id, body: '@owner is this sanctuary?', mentions: [s.owner.id], author: { id: s.ana.id, name: 'ana' }, version: 1 });
    res = await annotationCommentsRoute.POST(request('POST', path, s.tokens.ana, body), segment(s.anaNote.id));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ comment });

    res = await annotationCommentsRoute.GET(request('GET', path, s.tokens.owner), segment(s.anaNote.id));
    expect(await res.json()).toEqual({ comments: [comment], thread: { annotationId: s.anaNote.id, resolvedAt: null, resolvedBy: null } });

    res = await commentRoute.PATCH(request('PATCH', `/api/comments/${id}`, s.tokens.ana, { version: 1, body: 'edited', mentions: [] }), segment(id));
    expect(res.status).toBe(200);
    const edited = ((await res.json()) as { comment: CommentDto }).comment;
    expect(edited).toMatchObject({ body: 'edited', mentions: [], version: 2 });

    res = await threadRoute.PUT(request('PUT', `/api/annotations/${s.anaNote.id}/thread`, s.tokens.owner, { resolved: true }), segment(s.anaNote.id));
    expect(res.status).toBe(200);
    const { thread } = (await res.json()) as { thread: { resolvedBy: unknown } };
    expect(thread.resolvedBy).toEqual({ id: s.owner.id, name: 'owner' });

    res = await documentCommentsRoute.GET(request('GET', `/api/documents/${s.doc.id}/comments`, s.tokens.owner), segment(s.doc.id));
    expect(res.status).toBe(200);
    const listed = (await res.json()) as { comments: CommentDto[]; threads: unknown[]; readAt: null };
    expect(listed.comments).toEqual([edited]);
    expect(listed.threads).toEqual([thread]);
    expect(listed.readAt).toBeNull();

    res = await commentRoute.DELETE(request('DELETE', `/api/comments/${id}?version=2`, s.tokens.ana), segment(id));
    expect(res.status).toBe(204);
    res = await commentRoute.DELETE(request('DELETE', `/api/comments/${id}`, s.tokens.ana), segment(id));
    expect(res.status).toBe(404);
  });

  it('answers 400, 401, 403, 404, 409 and 422 with the error shape', async () => {
    const s = await setupApi();
    const path = `/api/annotations/${s.anaNote.id}/comments`;
    const c = await post(s.ana.actor, s.anaNote.id, 'original');
    const expectError = async (res: Promise<Response>, status: number, code: string, message?: RegExp) => {
      const r = await res;
      expect(r.status).toBe(status);
      const body = (await r.json()) as ErrorBody;
      expect(body.error.code).toBe(code);
      if (message) expect(body.error.message).toMatch(message);
      return body;
    };
    await expectError(annotationCommentsRoute.POST(request('POST', path, s.tokens.ana, '{not json'), segment(s.anaNote.id)), 400, 'BAD_REQUEST', /not valid JSON/);
    await expectError(annotationCommentsRoute.POST(request('POST', path, s.tokens.ana), segment(s.anaNote.id)), 400, 'BAD_REQUEST');
    await expectError(annotationCommentsRoute.GET(request('GET', path, 'plx_wrong'), segment(s.anaNote.id)), 401, 'UNAUTHENTICATED');
    await expectError(annotationCommentsRoute.POST(request('POST', path, s.tokens.ana, { body: '' }), segment(s.anaNote.id)), 422, 'INVALID', /body must not be empty/);
    await expectError(
      annotationCommentsRoute.POST(request('POST', path, s.tokens.ana, { body: 'hi', mentions: [s.ben.id, randomUUID()] }), segment(s.anaNote.id)),
      422,
      'INVALID',
      /is not a member of this project/,
    );
    await expectError(threadRoute.PUT(request('PUT', `/api/annotations/${s.anaNote.id}/thread`, s.tokens.ana, { resolved: 'yes' }), segment(s.anaNote.id)), 422, 'INVALID', /resolved is required/);
    // Blind coding: ben cannot see ana's annotation, so its thread does not exist for him.
    await expectError(annotationCommentsRoute.GET(request('GET', path, s.tokens.ben), segment(s.anaNote.id)), 404, 'NOT_FOUND');
    await expectError(annotationCommentsRoute.POST(request('POST', path, s.tokens.ben, { body: 'hi' }), segment(s.anaNote.id)), 404, 'NOT_FOUND');
    await expectError(commentRoute.PATCH(request('PATCH', `/api/comments/${c.id}`, s.tokens.ben, { version: 1, body: 'x' }), segment(c.id)), 404, 'NOT_FOUND');
    await expectError(documentCommentsRoute.GET(request('GET', `/api/documents/${s.doc.id}/comments`, s.tokens.outsider), segment(s.doc.id)), 404, 'NOT_FOUND');
    await expectError(commentRoute.PATCH(request('PATCH', `/api/comments/${c.id}`, s.tokens.owner, { version: 1, body: 'x' }), segment(c.id)), 403, 'FORBIDDEN', /Only the author/);
    // A stale edit: 409 with the comment as it now is.
    await updateComment(s.ana.actor, c.id, { version: 1, body: 'second' });
    const stale = await expectError(commentRoute.PATCH(request('PATCH', `/api/comments/${c.id}`, s.tokens.ana, { version: 1, body: 'third' }), segment(c.id)), 409, 'CONFLICT');
    expect(stale.error.current).toMatchObject({ id: c.id, body: 'second', version: 2 });
    await expectError(commentRoute.DELETE(request('DELETE', `/api/comments/${c.id}?version=1`, s.tokens.ana), segment(c.id)), 409, 'CONFLICT');
    await expectError(commentRoute.DELETE(request('DELETE', `/api/comments/${c.id}?version=two`, s.tokens.ana), segment(c.id)), 422, 'INVALID', /version/);
    expect((await getComment(s.ana.actor, c.id)).body).toBe('second');
  });
});
