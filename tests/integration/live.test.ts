import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '@/lib/data/annotations';
import { createComment, deleteComment, setThreadResolved } from '@/lib/data/comments';
import type { CommentChanges } from '@/lib/data/comments';
import { setDocumentStatus } from '@/lib/data/document-status';
import { removeMember } from '@/lib/data/members';
import { endSession, startSession } from '@/lib/data/sessions';
import { openLiveStream } from '@/lib/data/live';
import type { Actor } from '@/lib/data/actor';
import type { CompactAnnotations } from '@/lib/annotations/compact';
import type { PresenceMap } from '@/lib/live/events';
import { expectAppError, makeCodebook, makeDocument, makeProject, spanOf } from './helpers';

// The live stream on the real database: the row triggers NOTIFY, the hub LISTENs, and each stream
// gets what its viewer may see. Blind coding must hold here as on every other read path.

type Message = { event: string; data: unknown };

/** Reads a live stream as a browser would, keeping every message it has seen. */
class StreamReader {
  readonly messages: Message[] = [];
  private buffer = '';
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  /** Settles when the server ends the stream. */
  ended: Promise<void> = Promise.resolve();
  private constructor() {}

  static async open(actor: Actor, slug: string, documentId: string | null, sessionId: string | null = null): Promise<StreamReader> {
    const reader = new StreamReader();
    const stream = await openLiveStream(actor, slug, documentId, reader.controller.signal, { sessionId });
    reader.ended = reader.pump(stream);
    await reader.next('presence');
    return reader;
  }

  private async pump(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    const r = stream.getReader();
    for (;;) {
      const { value, done } = await r.read();
      if (done) return;
      this.buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
        const chunk = this.buffer.slice(0, cut);
        this.buffer = this.buffer.slice(cut + 2);
        const event = /^event: (.+)$/m.exec(chunk)?.[1];
        const data = /^data: (.+)$/m.exec(chunk)?.[1];
        if (event && data) this.messages.push({ event, data: JSON.parse(data) as unknown });
      }
      for (const w of this.waiters.splice(0)) w();
    }
  }

  /** The first message of the kind (after `from`) matching `test`, waiting up to 3 s for it. */
  async next<T>(event: string, test: (data: T) => boolean = () => true, from = 0): Promise<T> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const found = this.messages.slice(from).find((m) => m.event === event && test(m.data as T));
      if (found) return found.data as T;
      if (Date.now() > deadline) throw new Error(`no "${event}" message within 3 s; got ${this.messages.map((m) => m.event).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  annotationIds(): { changed: string[]; removed: string[] } {
    const all = this.messages.filter((m) => m.event === 'annotations').map((m) => m.data as { changed: CompactAnnotations; removed: { id: string }[] });
    return { changed: all.flatMap((d) => d.changed.id), removed: all.flatMap((d) => d.removed.map((r) => r.id)) };
  }

  close(): void {
    this.controller.abort();
  }
}

const open: StreamReader[] = [];
const openStream = async (actor: Actor, slug: string, documentId: string | null, sessionId: string | null = null) => {
  const s = await StreamReader.open(actor, slug, documentId, sessionId);
  open.push(s);
  return s;
};
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** Long enough for a notification that was going to arrive to have arrived (it takes a few ms). */
const settle = () => new Promise((r) => setTimeout(r, 400));

async function blindSetup() {
  const p = await makeProject({ ana: 'ANNOTATOR', ben: 'ANNOTATOR', cur: 'CURATOR' });
  const { security } = await makeCodebook(p.slug);
  const doc = await makeDocument(p);
  return { p, doc, security, ana: p.members.ana!, ben: p.members.ben!, cur: p.members.cur! };
}

describe('live stream', () => {
  it('sends an annotator’s changes to curators and owners at once, and to no other blind annotator', async () => {
    const s = await blindSetup();
    const owner = await openStream(s.p.owner.actor, s.p.slug, s.doc.id);
    const curator = await openStream(s.cur.actor, s.p.slug, s.doc.id);
    const ben = await openStream(s.ben.actor, s.p.slug, s.doc.id);
    const ana = await openStream(s.ana.actor, s.p.slug, s.doc.id);

    const { annotation } = await createAnnotation(s.ana.actor, s.doc.id, { id: randomUUID(), ...spanOf(s.doc.text, 'Both sides'), categoryId: s.security.id });
    const seen = await owner.next<{ changed: CompactAnnotations }>('annotations', (d) => d.changed.id.includes(annotation.id));
    expect(seen.changed.start[0]).toBe(annotation.start);
    expect(seen.changed.annotators[0]).toEqual({ id: s.ana.id, name: expect.any(String) });
    await curator.next<{ changed: CompactAnnotations }>('annotations', (d) => d.changed.id.includes(annotation.id));
    await ana.next<{ changed: CompactAnnotations }>('annotations', (d) => d.changed.id.includes(annotation.id));

    const edited = await updateAnnotation(s.ana.actor, annotation.id, { version: 1, note: 'secret reasoning' });
    await owner.next<{ changed: CompactAnnotations }>('annotations', (d) => d.changed.version[0] === edited.version && d.changed.notes[0]?.[1] === 'secret reasoning');
    await deleteAnnotation(s.ana.actor, annotation.id);
    await owner.next<{ removed: { id: string }[] }>('annotations', (d) => d.removed.some((r) => r.id === annotation.id));
    await settle();
    // Ben, blind and not finished, heard nothing of any of it: no id, no note, no removal.
    expect(ben.annotationIds()).toEqual({ changed: [], removed: [] });
    expect(JSON.stringify(ben.messages)).not.toContain('secret reasoning');
    expect(JSON.stringify(ben.messages)).not.toContain(annotation.id);
  });

  it('sends comments and thread states to those who may read the annotation, and nothing to a blind annotator', async () => {
    const s = await blindSetup();
    const owner = await openStream(s.p.owner.actor, s.p.slug, s.doc.id);
    const ben = await openStream(s.ben.actor, s.p.slug, s.doc.id);
    const { annotation } = await createAnnotation(s.ana.actor, s.doc.id, { id: randomUUID(), ...spanOf(s.doc.text, 'Both sides'), categoryId: s.security.id });
    const { comment } = await createComment(s.ana.actor, annotation.id, { id: randomUUID(), body: 'private doubt about this', mentions: [] });
    const seen = await owner.next<CommentChanges>('comments', (d) => d.comments.some((c) => c.id === comment.id));
    expect(seen.comments[0]).toMatchObject({ body: 'private doubt about this', author: { id: s.ana.id } });
    await setThreadResolved(s.p.owner.actor, annotation.id, true);
    await owner.next<CommentChanges>('comments', (d) => d.threads.some((t) => t.annotationId === annotation.id && t.resolvedAt !== null));
    await deleteComment(s.ana.actor, comment.id);
    await owner.next<CommentChanges>('comments', (d) => d.removed.includes(comment.id));
    await settle();
    expect(ben.messages.filter((m) => m.event === 'comments')).toEqual([]);
    expect(JSON.stringify(ben.messages)).not.toContain('private doubt');
  });

  it('opens other layers on the stream once the annotator finishes the document, and everyone’s when blind coding is off', async () => {
    const s = await blindSetup();
    const ben = await openStream(s.ben.actor, s.p.slug, s.doc.id);
    await setDocumentStatus(s.ben.actor, s.doc.id, 'FINISHED');
    const first = await createAnnotation(s.ana.actor, s.doc.id, { id: randomUUID(), ...spanOf(s.doc.text, 'Both sides'), categoryId: s.security.id });
    await ben.next<{ changed: CompactAnnotations }>('annotations', (d) => d.changed.id.includes(first.annotation.id));

    const ana = await openStream(s.ana.actor, s.p.slug, s.doc.id);
    const bens = await createAnnotation(s.ben.actor, s.doc.id, { id: randomUUID(), ...spanOf(s.doc.text, 'blamed'), categoryId: s.security.id });
    await settle();
    expect(ana.annotationIds().changed).not.toContain(bens.annotation.id);

    await getDb().project.update({ where: { slug: s.p.slug }, data: { blindCoding: false } });
    await updateAnnotation(s.ben.actor, bens.annotation.id, { version: 1, note: 'now shared' });
    await ana.next<{ changed: CompactAnnotations }>('annotations', (d) => d.changed.id.includes(bens.annotation.id));
  });

  it('sends a document’s changes only to streams on that document', async () => {
    const s = await blindSetup();
    const other = await makeDocument(s.p, 'Other');
    const onOther = await openStream(s.p.owner.actor, s.p.slug, other.id);
    const onCorpus = await openStream(s.p.owner.actor, s.p.slug, null);
    const onDoc = await openStream(s.p.owner.actor, s.p.slug, s.doc.id);
    const { annotation } = await createAnnotation(s.ana.actor, s.doc.id, { id: randomUUID(), ...spanOf(s.doc.text, 'Both sides'), categoryId: s.security.id });
    await onDoc.next<{ changed: CompactAnnotations }>('annotations', (d) => d.changed.id.includes(annotation.id));
    await settle();
    expect(onOther.annotationIds().changed).toEqual([]);
    expect(onCorpus.annotationIds().changed).toEqual([]);
  });

  it('reports who is viewing which document, and drops a viewer whose stream closed', async () => {
    const s = await blindSetup();
    const owner = await openStream(s.p.owner.actor, s.p.slug, null);
    const from = owner.messages.length;
    const ana = await openStream(s.ana.actor, s.p.slug, s.doc.id);
    const withAna = await owner.next<PresenceMap>('presence', (m) => (m[s.doc.id] ?? []).some((v) => v.id === s.ana.id), from);
    expect(withAna['']?.map((v) => v.id)).toEqual([s.p.owner.id]);
    expect(withAna[s.doc.id]).toEqual([{ id: s.ana.id, name: expect.any(String) }]);

    const mark = owner.messages.length;
    ana.close();
    await owner.next<PresenceMap>('presence', (m) => !m[s.doc.id], mark);
    expect(await getDb().presence.count({ where: { userId: s.ana.id } })).toBe(0);
  });

  it('closes a removed member’s open streams within a second, saying why, and keeps the others’', async () => {
    const s = await blindSetup();
    const anaProject = await openStream(s.ana.actor, s.p.slug, null);
    const anaDocument = await openStream(s.ana.actor, s.p.slug, s.doc.id);
    const ben = await openStream(s.ben.actor, s.p.slug, s.doc.id);
    const started = Date.now();
    await removeMember(s.p.owner.actor, s.p.slug, s.ana.id);
    const within = (p: Promise<void>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 1_000))]);
    expect(await within(anaProject.ended)).toBe(true);
    expect(await within(anaDocument.ended)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(anaDocument.messages.at(-1)).toEqual({ event: 'closed', data: { reason: 'You no longer have access to this project.' } });
    // Ben is still a member: his stream stays open and still hears the project.
    expect(await within(ben.ended)).toBe(false);
    const mark = ben.messages.length;
    await createAnnotation(s.ben.actor, s.doc.id, { ...spanOf(s.doc.text, 'The talks failed'), categoryId: s.security.id });
    await ben.next('annotations', () => true, mark);
  });

  it('closes the streams a session opened when it ends (sign-out), and only those', async () => {
    const s = await blindSetup();
    const [laptop, phone] = [await startSession(s.ana.id), await startSession(s.ana.id)];
    const onLaptop = await openStream(s.ana.actor, s.p.slug, s.doc.id, laptop);
    const onPhone = await openStream(s.ana.actor, s.p.slug, s.doc.id, phone);
    await endSession(laptop);
    const within = (p: Promise<void>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 1_000))]);
    expect(await within(onLaptop.ended)).toBe(true);
    expect(onLaptop.messages.at(-1)).toEqual({ event: 'closed', data: { reason: 'You signed out.' } });
    expect(await within(onPhone.ended)).toBe(false);
  });

  it('answers NOT_FOUND to a non-member, and for a document of another project', async () => {
    const s = await blindSetup();
    const stranger = await makeProject();
    const signal = new AbortController().signal;
    await expectAppError(openLiveStream(stranger.owner.actor, s.p.slug, null, signal), 'NOT_FOUND');
    const foreignDoc = await makeDocument(stranger);
    await expectAppError(openLiveStream(s.p.owner.actor, s.p.slug, foreignDoc.id, signal), 'NOT_FOUND');
    await expectAppError(openLiveStream(s.p.owner.actor, s.p.slug, 'not-a-uuid', signal), 'NOT_FOUND');
  });
});
