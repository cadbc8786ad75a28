// The live-update protocol, pure (no database, no Next): what PostgreSQL's NOTIFY carries between
// app instances, what the Server-Sent Events stream carries to browsers, and how one is written.
// The database triggers (migration "collaboration") send `DbEvent`s; lib/data/live turns each into
// the `StreamEvent`s a viewer may see.
import { z } from 'zod';

/** The channel the row triggers notify on. */
export const EVENTS_CHANNEL = 'parallax_events';
/** The channel presence changes are announced on; the payload is the project id. */
export const PRESENCE_CHANNEL = 'parallax_presence';

const uuid = z.string().uuid();

export const dbEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('annotation'),
    id: uuid,
    projectId: uuid,
    documentId: uuid,
    annotatorId: uuid,
    layer: z.enum(['ANNOTATOR', 'CONSENSUS']),
    version: z.number().int(),
    deleted: z.boolean(),
  }),
  z.object({ kind: z.literal('comment'), id: uuid, projectId: uuid, documentId: uuid, annotationId: uuid, version: z.number().int(), deleted: z.boolean() }),
  z.object({ kind: z.literal('thread'), id: uuid, projectId: uuid, documentId: uuid, annotationId: uuid, resolved: z.boolean() }),
  // A membership removed or changed (migration "membership_notify"): that person's streams are re-checked.
  z.object({ kind: z.literal('access'), projectId: uuid, userId: uuid }),
  // A session ended (migration "session_notify"): the streams it opened are closed.
  z.object({ kind: z.literal('session'), sessionId: uuid, userId: uuid }),
]);
export type DbEvent = z.infer<typeof dbEventSchema>;

/** A NOTIFY payload as an event, or null when it is not one of ours (never throws: a bad message must not stop the stream). */
export function parseDbEvent(payload: string | undefined): DbEvent | null {
  if (!payload) return null;
  try {
    const parsed = dbEventSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type Viewer = { id: string; name: string };
/** Who views what in a project: document id (or "" for the corpus list) → distinct viewers. */
export type PresenceMap = Record<string, Viewer[]>;

/** Presence rows (one per open connection) as distinct viewers per document, by name. */
export function groupPresence(rows: readonly { documentId: string | null; userId: string; name: string }[]): PresenceMap {
  const out: PresenceMap = {};
  const seen = new Set<string>();
  for (const r of rows) {
    const key = r.documentId ?? '';
    if (seen.has(`${key}\u0000${r.userId}`)) continue;
    seen.add(`${key}\u0000${r.userId}`);
    (out[key] ??= []).push({ id: r.userId, name: r.name });
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return out;
}

/**
 * One Server-Sent Events message. Data is JSON on one line (JSON.stringify never emits raw line
 * breaks), so a message cannot be split or forged by the text it carries.
 */
export function formatSse(event: string, data: unknown): string {
  if (!/^[a-z][a-z-]*$/.test(event)) throw new Error(`Bad event name: ${event}`);
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: keeps proxies and the browser from timing the connection out. */
export const SSE_PING = ': ping\n\n';

/** Batches events per key and hands each batch over after `delayMs`: many rows written in one go become one fetch. */
export class Batcher<K, V> {
  private readonly pending = new Map<K, V[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    private readonly delayMs: number,
    private readonly flush: (key: K, items: V[]) => void,
  ) {}

  add(key: K, item: V): void {
    const list = this.pending.get(key);
    if (list) list.push(item);
    else this.pending.set(key, [item]);
    this.timer ??= setTimeout(() => this.drain(), this.delayMs);
  }

  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [key, items] of batches) this.flush(key, items);
  }
}
