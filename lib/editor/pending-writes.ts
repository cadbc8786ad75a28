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
 * user's own, as the page was rendered). A write whose answer was lost may well have arrived, so
 * each annotation's writes are replayed against what the server has, in their order:
 * - its existence: a create or restore is sent only if, by then, the annotation does not exist, and
 *   a delete only if it does. An annotation the server does not have and whose last such write is
 *   a delete needs nothing at all (created and deleted, or deleted already): a create sent for it
 *   would meet its deleted row and be refused;
 * - its edits become one: each field takes the value of the last edit that set it, and only the
 *   fields where that differs from what the server has are sent, in one write at the place of the
 *   last edit. (Judging each edit by whether the server "carries" it was wrong when a later edit
 *   set a field to the value it already had: that edit looked arrived, and so did every edit before
 *   it, which had not.)
 * Both rules were found by the sync engine's property test (tests/unit/editor/annotation-sync.test.ts).
 */
export function writesStillToSend(writes: readonly PendingWrite[], stored: ReadonlyMap<string, StoredFields>): PendingWrite[] {
  const lastExistence = new Map<string, PendingWrite['kind']>();
  const lastEdit = new Map<string, number>();
  const merged = new Map<string, PendingFields>();
  writes.forEach((w, i) => {
    if (w.kind === 'update') {
      lastEdit.set(w.id, i);
      merged.set(w.id, { ...merged.get(w.id), ...w.change });
    } else lastExistence.set(w.id, w.kind);
  });
  const exists = new Map<string, boolean>();
  const out: PendingWrite[] = [];
  writes.forEach((w, i) => {
    if (!stored.has(w.id) && lastExistence.get(w.id) === 'delete') return;
    const now = exists.get(w.id) ?? stored.has(w.id);
    switch (w.kind) {
      case 'create':
      case 'restore':
        if (!now) {
          exists.set(w.id, true);
          out.push(w);
        }
        return;
      case 'update': {
        if (!now || lastEdit.get(w.id) !== i) return;
        const change = stillToChange(stored.get(w.id), merged.get(w.id)!);
        if (change) out.push({ ...w, change });
        return;
      }
      case 'delete':
        if (now) {
          exists.set(w.id, false);
          out.push(w);
        }
        return;
    }
  });
  return out;
}

/** The fields of `change` whose values the server does not have yet (all of them for an annotation it does not have). */
function stillToChange(current: StoredFields | undefined, change: PendingFields): PendingFields | null {
  if (!current) return change;
  const out: PendingFields = {};
  if (change.categoryId !== undefined && !carriesChange(current, { categoryId: change.categoryId })) out.categoryId = change.categoryId;
  if (change.note !== undefined && !carriesChange(current, { note: change.note })) out.note = change.note;
  if (change.attributes !== undefined && !carriesChange(current, { attributes: change.attributes })) out.attributes = change.attributes;
  return Object.keys(out).length > 0 ? out : null;
}

type WithoutKey<T> = T extends unknown ? Omit<T, 'key'> : never;
/** A write as the workspace describes it before it is stored (the key is added then). */
export type NewPendingWrite = WithoutKey<PendingWrite>;
