import { z } from 'zod';

// The workspace's unanswered writes, as data, so that they outlive the page: a tab closed (or a
// laptop put to sleep and the tab discarded) while the server cannot be reached would otherwise
// lose them. They are kept in the browser's localStorage, per user and document, and sent again
// when that document is next opened. Every write is safe to send twice: creates carry their own id,
// and what the server already has is worked out below before anything is sent.

const fields = z.object({
  categoryId: z.string().optional(),
  note: z.string().optional(),
  attributes: z.record(z.string(), z.string()).optional(),
});

const pendingWriteSchema = z.discriminatedUnion('kind', [
  z.object({ key: z.string(), kind: z.literal('create'), id: z.string(), start: z.number().int(), end: z.number().int(), categoryId: z.string() }),
  z.object({ key: z.string(), kind: z.literal('update'), id: z.string(), change: fields }),
  z.object({ key: z.string(), kind: z.literal('delete'), id: z.string() }),
  z.object({ key: z.string(), kind: z.literal('restore'), id: z.string() }),
]);

/** One write; `key` tells it apart from every other write (in any tab), so its answer can remove it. */
export type PendingWrite = z.infer<typeof pendingWriteSchema>;
export type PendingFields = z.infer<typeof fields>;

/** What the server holds of an annotation, as far as replaying writes needs to know. */
export type StoredFields = { categoryId: string; note: string; attributes: Record<string, string> };

export const pendingStorageKey = (userId: string, documentId: string) => `parallax:pending:${userId}:${documentId}`;

/** The stored list; anything unreadable (an older format, a hand edit) reads as nothing pending. */
export function parsePendingWrites(raw: string | null): PendingWrite[] {
  if (!raw) return [];
  try {
    const parsed = z.array(pendingWriteSchema).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Whether the stored annotation already carries a change (an edit that had gone through). */
export function carriesChange(stored: StoredFields, change: PendingFields): boolean {
  if (change.categoryId !== undefined && change.categoryId !== stored.categoryId) return false;
  if (change.note !== undefined && change.note !== stored.note) return false;
  if (change.attributes !== undefined) {
    const a = Object.entries(change.attributes).sort();
    const b = Object.entries(stored.attributes).sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) return false;
  }
  return true;
}

/**
 * The writes that still have to be sent, in order, given the annotations the server has now (the
 * user's own, as the page was rendered). A write whose answer was lost may well have arrived:
 * - a create is done when its id is stored; a restore likewise;
 * - a delete is done when the id is not stored (and no create or restore before it brings it back);
 * - of the edits of one annotation, those up to the last one the stored fields already carry are
 *   done (edits apply in order, so the server has every earlier one too); an edit of an
 *   annotation that is gone for good has nothing left to change.
 */
export function writesStillToSend(writes: readonly PendingWrite[], stored: ReadonlyMap<string, StoredFields>): PendingWrite[] {
  const lastCarried = new Map<string, number>();
  writes.forEach((w, i) => {
    const current = stored.get(w.id);
    if (w.kind === 'update' && current && carriesChange(current, w.change)) lastCarried.set(w.id, i);
  });
  const revived = new Set<string>();
  const out: PendingWrite[] = [];
  writes.forEach((w, i) => {
    const exists = stored.has(w.id) || revived.has(w.id);
    switch (w.kind) {
      case 'create':
      case 'restore':
        if (!stored.has(w.id)) {
          revived.add(w.id);
          out.push(w);
        }
        return;
      case 'update':
        if (exists && i > (lastCarried.get(w.id) ?? -1)) out.push(w);
        return;
      case 'delete':
        if (exists) out.push(w);
        return;
    }
  });
  return out;
}

type WithoutKey<T> = T extends unknown ? Omit<T, 'key'> : never;
/** A write as the workspace describes it before it is stored (the key is added then). */
export type NewPendingWrite = WithoutKey<PendingWrite>;
