import 'server-only';
import { randomUUID } from 'node:crypto';
import type { CompactAnnotations } from '@/lib/annotations/compact';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import {
  Batcher,
  EVENTS_CHANNEL,
  PRESENCE_CHANNEL,
  SSE_PING,
  formatSse,
  groupPresence,
  parseDbEvent,
  type DbEvent,
  type PresenceMap,
} from '@/lib/live/events';
import { requireDocumentAccess, requireProjectAccess } from './access';
import type { Actor } from './actor';
import { PgListener } from './pg-listener';
import { listAnnotationsForView, listVisibleDeletions } from './annotations';
import { listCommentChanges, type CommentChanges } from './comments';

// Live updates across app instances. Each process keeps ONE PostgreSQL connection that LISTENs to
// the channels the row triggers notify on (see the "collaboration" migration) and fans every event
// out to the Server-Sent Events streams it serves. A notification carries ids only; for each
// viewer the changed rows are read again through the same visibility rule as every other read
// path (lib/data/visibility), so blind coding holds on the stream as it does on pages and REST.

/** What one browser tab's stream receives. */
export type LiveMessage =
  | { event: 'hello'; data: { connectionId: string } }
  | { event: 'annotations'; data: { changed: CompactAnnotations; removed: { id: string; version: number }[] } }
  | { event: 'comments'; data: CommentChanges }
  | { event: 'presence'; data: PresenceMap }
  | { event: 'resync'; data: { reason: string } }
  | { event: 'closed'; data: { reason: string } };

/** The events about rows of a document, which are forwarded to its viewers. */
type ChangeEvent = Extract<DbEvent, { kind: 'annotation' | 'comment' | 'thread' }>;

type Subscriber = {
  connectionId: string;
  actor: Actor;
  userId: string;
  projectId: string;
  documentId: string | null;
  /** The browser session the stream was opened with (cookie), or null (an API token). */
  sessionId: string | null;
  send: (message: LiveMessage) => void;
  close: () => void;
};

/** A presence row older than this belongs to a stopped instance and is ignored, then swept. */
const PRESENCE_STALE_SECONDS = 45;
const HEARTBEAT_MS = 15_000;
const PING_MS = 4_000;
/** Rows written together (a correction re-anchoring hundreds) are read back in one query per viewer. */
const BATCH_MS = 25;

class LiveHub {
  private readonly byProject = new Map<string, Set<Subscriber>>();
  // After a drop, notifications sent meanwhile are lost: every stream re-reads its document.
  private readonly listener = new PgListener({
    name: 'live',
    channels: [EVENTS_CHANNEL, PRESENCE_CHANNEL],
    onNotification: (channel, payload) => this.onNotification(channel, payload),
    shouldReconnect: () => this.byProject.size > 0, // nobody listening: connect on the next viewer
    onReconnected: () => {
      for (const set of this.byProject.values()) for (const sub of set) sub.send({ event: 'resync', data: { reason: 'reconnected' } });
      void this.beat();
    },
  });
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private readonly annotationBatches = new Batcher<string, ChangeEvent>(BATCH_MS, (documentId, events) => void this.forwardAnnotations(documentId, events));
  private readonly commentBatches = new Batcher<string, ChangeEvent>(BATCH_MS, (documentId, events) => void this.forwardComments(documentId, events));
  private readonly presenceBatches = new Batcher<string, null>(BATCH_MS * 4, (projectId) => void this.broadcastPresence(projectId));

  /** Adds a viewer; resolves once the LISTEN connection is up, so no change after this is missed. */
  async add(sub: Subscriber): Promise<void> {
    await this.listener.ensure();
    let set = this.byProject.get(sub.projectId);
    if (!set) this.byProject.set(sub.projectId, (set = new Set()));
    set.add(sub);
    this.heartbeat ??= setInterval(() => void this.beat(), HEARTBEAT_MS);
    const db = getDb();
    await db.presence.upsert({
      where: { connectionId: sub.connectionId },
      create: { connectionId: sub.connectionId, projectId: sub.projectId, documentId: sub.documentId, userId: sub.userId },
      update: { seenAt: new Date() },
    });
    await announcePresence(sub.projectId);
  }

  async remove(sub: Subscriber): Promise<void> {
    const set = this.byProject.get(sub.projectId);
    if (!set?.delete(sub)) return;
    if (set.size === 0) this.byProject.delete(sub.projectId);
    if (this.byProject.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
    try {
      await getDb().presence.deleteMany({ where: { connectionId: sub.connectionId } });
      await announcePresence(sub.projectId);
    } catch (error) {
      // The database may be going away with the server; the heartbeat of others sweeps the row.
      console.warn('[parallax] live: could not remove presence', error instanceof Error ? error.message : error);
    }
  }

  private onNotification(channel: string, payload: string | undefined): void {
    if (channel === PRESENCE_CHANNEL) {
      if (payload && this.byProject.has(payload)) this.presenceBatches.add(payload, null);
      return;
    }
    const event = parseDbEvent(payload);
    if (event?.kind === 'session') return this.closeSession(event.sessionId);
    if (!event || !this.byProject.has(event.projectId)) return;
    if (event.kind === 'access') return void this.recheckAccess(event.projectId, event.userId);
    if (event.kind === 'annotation') this.annotationBatches.add(event.documentId, event);
    else this.commentBatches.add(event.documentId, event);
  }

  /** A session ended: the streams it opened end too, saying why. */
  private closeSession(sessionId: string): void {
    for (const set of this.byProject.values()) {
      for (const sub of [...set]) {
        if (sub.sessionId !== sessionId) continue;
        sub.send({ event: 'closed', data: { reason: 'You signed out.' } });
        sub.close();
      }
    }
  }

  /**
   * A person's membership changed: each of their streams in the project asks the access rules
   * again, and one that may no longer see the project (or its document) is told so and closed.
   */
  private async recheckAccess(projectId: string, userId: string): Promise<void> {
    for (const sub of [...(this.byProject.get(projectId) ?? [])]) {
      if (sub.userId !== userId) continue;
      try {
        await requireProjectAccess(sub.actor, { id: projectId });
        if (sub.documentId !== null) await requireDocumentAccess(sub.actor, sub.documentId);
      } catch (error) {
        if (!(error instanceof AppError)) {
          console.warn('[parallax] live: could not re-check access', error instanceof Error ? error.message : error);
          continue;
        }
        sub.send({ event: 'closed', data: { reason: 'You no longer have access to this project.' } });
        sub.close();
      }
    }
  }

  private viewersOf(documentId: string, projectId: string): Subscriber[] {
    return [...(this.byProject.get(projectId) ?? [])].filter((s) => s.documentId === documentId);
  }

  /** Reads the changed annotations once per viewer, through the visibility rule, and sends what each may see. */
  private forwardAnnotations(documentId: string, events: ChangeEvent[]): Promise<void> {
    const ids = [...new Set(events.map((e) => e.id))];
    return this.forward(documentId, events[0]!.projectId, async (sub) => {
      const [changed, removed] = await Promise.all([
        listAnnotationsForView(sub.actor, documentId, { ids }),
        listVisibleDeletions(sub.actor, documentId, ids),
      ]);
      return changed.id.length > 0 || removed.length > 0 ? { event: 'annotations', data: { changed, removed } } : null;
    });
  }

  /** The same for comments and thread states: only those on annotations the viewer may read. */
  private forwardComments(documentId: string, events: ChangeEvent[]): Promise<void> {
    const commentIds = [...new Set(events.filter((e) => e.kind === 'comment').map((e) => e.id))];
    const threadAnnotationIds = [...new Set(events.filter((e) => e.kind === 'thread').map((e) => e.id))];
    return this.forward(documentId, events[0]!.projectId, async (sub) => {
      const changes = await listCommentChanges(sub.actor, documentId, { commentIds, threadAnnotationIds });
      return changes.comments.length + changes.removed.length + changes.threads.length > 0 ? { event: 'comments', data: changes } : null;
    });
  }

  /** Runs `read` for each viewer of the document and sends its message, if any. */
  private async forward(documentId: string, projectId: string, read: (sub: Subscriber) => Promise<LiveMessage | null>): Promise<void> {
    await Promise.all(
      this.viewersOf(documentId, projectId).map(async (sub) => {
        try {
          const message = await read(sub);
          if (message) sub.send(message);
        } catch (error) {
          if (error instanceof AppError && error.code === 'NOT_FOUND') {
            // Removed from the project, or the document deleted: the stream ends.
            sub.send({ event: 'closed', data: { reason: 'This document is no longer visible to you.' } });
            sub.close();
          } else {
            console.warn('[parallax] live: could not forward a change', error);
            sub.send({ event: 'resync', data: { reason: 'error' } });
          }
        }
      }),
    );
  }

  private async broadcastPresence(projectId: string): Promise<void> {
    const subs = this.byProject.get(projectId);
    if (!subs || subs.size === 0) return;
    try {
      const presence = await readPresence(projectId);
      for (const sub of subs) sub.send({ event: 'presence', data: presence });
    } catch (error) {
      console.warn('[parallax] live: could not read presence', error instanceof Error ? error.message : error);
    }
  }

  /** Keeps this instance's viewers fresh and sweeps stopped instances' leftovers. */
  private async beat(): Promise<void> {
    const subs = [...this.byProject.values()].flatMap((s) => [...s]);
    try {
      const db = getDb();
      if (subs.length > 0) {
        // An upsert, not an update: after a database restart the rows have to come back.
        await db.$executeRaw`
          INSERT INTO "Presence" ("connectionId", "projectId", "documentId", "userId", "seenAt")
          SELECT t.c, t.p, t.d, t.u, now()
          FROM unnest(${subs.map((s) => s.connectionId)}::uuid[], ${subs.map((s) => s.projectId)}::uuid[],
                      ${subs.map((s) => s.documentId)}::uuid[], ${subs.map((s) => s.userId)}::uuid[]) AS t(c, p, d, u)
          ON CONFLICT ("connectionId") DO UPDATE SET "seenAt" = now()`;
      }
      const swept = await db.$queryRaw<{ projectId: string }[]>`
        DELETE FROM "Presence" WHERE "seenAt" < now() - make_interval(secs => ${PRESENCE_STALE_SECONDS})
        RETURNING "projectId"::text AS "projectId"`;
      for (const projectId of new Set(swept.map((r) => r.projectId))) await announcePresence(projectId);
    } catch (error) {
      console.warn('[parallax] live: heartbeat failed', error instanceof Error ? error.message : error);
    }
  }
}

const globalForLive = globalThis as unknown as { parallaxLiveHub?: LiveHub };
const hub = (): LiveHub => (globalForLive.parallaxLiveHub ??= new LiveHub());

async function announcePresence(projectId: string): Promise<void> {
  await getDb().$executeRaw`SELECT pg_notify(${PRESENCE_CHANNEL}, ${projectId})`;
}

async function readPresence(projectId: string): Promise<PresenceMap> {
  const rows = await getDb().presence.findMany({
    where: { projectId, seenAt: { gt: new Date(Date.now() - PRESENCE_STALE_SECONDS * 1000) } },
    select: { documentId: true, userId: true, user: { select: { name: true } } },
  });
  return groupPresence(rows.map((r) => ({ documentId: r.documentId, userId: r.userId, name: r.user.name })));
}

/** Who is viewing which document of the project now (for pages rendered on the server). */
export async function getPresence(actor: Actor, slug: string): Promise<PresenceMap> {
  const access = await requireProjectAccess(actor, { slug });
  return readPresence(access.project.id);
}

const encoder = new TextEncoder();

/**
 * A Server-Sent Events stream of a project's live changes for the actor: presence for the whole
 * project, and, with a document, that document's annotation changes the actor may see. NOT_FOUND
 * for a project or document the actor cannot see. The stream ends when `signal` aborts.
 */
export async function openLiveStream(
  actor: Actor,
  slug: string,
  documentId: string | null,
  signal: AbortSignal,
  options: { sessionId?: string | null } = {},
): Promise<ReadableStream<Uint8Array>> {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN', 'Live updates are for signed-in users.');
  const access = await requireProjectAccess(actor, { slug });
  if (documentId !== null) {
    const doc = await requireDocumentAccess(actor, documentId);
    if (doc.access.project.id !== access.project.id) throw new AppError('NOT_FOUND', 'No such document is visible to you.');
  }
  let sub: Subscriber | null = null;
  let ping: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    if (ping) clearInterval(ping);
    ping = null;
    if (sub) void hub().remove(sub);
    sub = null;
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          stop(); // the client went away between two writes
        }
      };
      const close = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      sub = {
        connectionId: randomUUID(),
        actor,
        userId: actor.userId,
        projectId: access.project.id,
        documentId,
        sessionId: options.sessionId ?? null,
        send: (m) => write(formatSse(m.event, m.data)),
        close,
      };
      if (signal.aborted) return close();
      signal.addEventListener('abort', close, { once: true });
      // Tell the browser how soon to reconnect if the server goes away (EventSource's `retry:`).
      write('retry: 1000\n\n');
      sub.send({ event: 'hello', data: { connectionId: sub.connectionId } });
      await hub().add(sub);
      sub?.send({ event: 'presence', data: await readPresence(access.project.id) });
      // A write is how a server notices a browser that went away without closing (a killed tab, a
      // dropped network): the ping keeps that, and so the viewer list, within a few seconds.
      ping = setInterval(() => write(SSE_PING), PING_MS);
    },
    cancel() {
      stop();
    },
  });
}
