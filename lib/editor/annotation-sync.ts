import { newClientId } from '@/lib/ids';
import {
  carriesChange,
  parsePendingWrites,
  writesStillToSend,
  type NewPendingWrite,
  type PendingFields,
  type PendingWrite,
} from './pending-writes';

// The annotation workspace's writes and the state they change, with no framework in it: the
// component (components/annotate/annotation-workspace.tsx) binds it through useSyncExternalStore,
// and tests/unit/editor/annotation-sync.test.ts drives it against a model server with random
// sequences of edits, lost answers, outages, restarts and other people's live changes.
//
// What it keeps:
// - the annotations as shown: the server's answers, with the user's unanswered changes shown at once
//   (optimistic), and other people's changes as the live stream delivers them;
// - one queue of writes per annotation: two quick edits of one annotation (a category, then a note)
//   go one after the other, the second naming the version the first produced, or the second would
//   be refused as stale;
// - the unanswered writes, also in storage (the browser's localStorage) until answered, so that a
//   tab closed while the server cannot be reached loses none of them: they are sent when the
//   document is next opened (replayPending);
// - retries: a write that got no answer (the connection or the server is down), or was answered
//   UNAVAILABLE (the server's database is down), is sent again with backoff up to 3 s until it is
//   answered. Every write is safe to send twice: creates carry their own id, and what the server
//   already has is worked out from its answers;
// - undo of the user's own creates, edits and deletes.

/** The fields of an annotation this engine needs; the view's annotations carry more (names, colours). */
export type SyncAnnotation = { id: string; version: number; categoryId: string; note: string; attributes: Record<string, string> };

export type AnnotationFields = Pick<SyncAnnotation, 'categoryId' | 'note' | 'attributes'>;

/** A server action's answer, as lib/actions returns it. */
export type WriteResult<T, A> = { ok: true; data: T } | { ok: false; error: { code?: string; message: string; current?: A } };

export type SyncTransport<A extends SyncAnnotation> = {
  create(input: { id: string; start: number; end: number; categoryId: string }): Promise<WriteResult<{ annotation: A }, A>>;
  update(id: string, input: { version: number } & PendingFields): Promise<WriteResult<A, A>>;
  delete(id: string): Promise<WriteResult<unknown, A>>;
  restore(id: string): Promise<WriteResult<A, A>>;
};

/** localStorage's part that the engine uses (an in-memory map in tests). */
export type KeyValueStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };

export type Notice = { message: string; tone: 'info' | 'error'; undo?: boolean };

export type UndoEntry<A> =
  | { kind: 'create'; id: string; label: string }
  /** `deleted`: the annotation as it was, shown again at once when the delete is undone. */
  | { kind: 'delete'; id: string; label: string; deleted: A }
  | { kind: 'update'; id: string; before: AnnotationFields; label: string };

export type SyncState<A extends SyncAnnotation> = {
  annotations: ReadonlyMap<string, A>;
  /** Writes sent and not yet answered. */
  pending: number;
  /** True while writes fail to reach the server: they stay queued and are retried until answered. */
  offline: boolean;
  undoDepth: number;
};

export type SyncOptions<A extends SyncAnnotation> = {
  initial: readonly A[];
  transport: SyncTransport<A>;
  storage: KeyValueStorage | null;
  storageKey: string;
  /** The annotation with an edit applied, its derived fields (category name, colour) included. */
  withChange: (annotation: A, change: Partial<AnnotationFields>) => A;
  /** What the undo list and notices call an annotation ("“Trade and transit”"). */
  label: (annotation: A) => string;
  notify: (notice: Notice) => void;
  /** A create the server confirmed (the server marks the document in progress on the first one). */
  onCreated?: (annotation: A) => void;
  /** Waits before a retry: `ms`, or less when the browser says the network is back. */
  wait: (ms: number) => Promise<void>;
  /** Told when a write goes unanswered (for the console). */
  onRetry?: (error: unknown) => void;
};

const fieldsOf = (a: SyncAnnotation): AnnotationFields => ({ categoryId: a.categoryId, note: a.note, attributes: a.attributes });

/** Thrown into the writes of an engine that was disposed (the page went away): they stop, untouched. */
class Disposed extends Error {}

export class AnnotationSync<A extends SyncAnnotation> {
  private annotations: Map<string, A>;
  private readonly versions = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * Annotations the user deleted whose delete is not answered yet: an earlier write's answer (the
   * create of a passage tagged and undone at once) must not show them again.
   */
  private readonly deleting = new Set<string>();
  /** Annotations with writes not yet answered: live changes and re-reads leave them alone. */
  private readonly inflight = new Map<string, number>();
  private undoStack: UndoEntry<A>[] = [];
  private pending = 0;
  private offline = false;
  private disposed = false;
  private replayed = false;
  private state: SyncState<A>;
  private readonly listeners = new Set<() => void>();
  private readonly all = new Set<Promise<unknown>>();

  constructor(private readonly options: SyncOptions<A>) {
    this.annotations = new Map(options.initial.map((a) => [a.id, a]));
    for (const a of options.initial) this.versions.set(a.id, a.version);
    this.state = this.snapshot();
  }

  // ── The store ──────────────────────────────────────────────────────────────────────────────
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = (): SyncState<A> => this.state;

  private snapshot(): SyncState<A> {
    return { annotations: this.annotations, pending: this.pending, offline: this.offline, undoDepth: this.undoStack.length };
  }
  private changed(): void {
    if (this.disposed) return;
    this.state = this.snapshot();
    for (const listener of this.listeners) listener();
  }
  private setAnnotations(update: (next: Map<string, A>) => void): void {
    const next = new Map(this.annotations);
    update(next);
    this.annotations = next;
    this.changed();
  }
  /** Shows an optimistic state (the version is not the server's yet). */
  private show(a: A): void {
    this.setAnnotations((m) => m.set(a.id, a));
  }
  /** Stores what the server confirmed. */
  put = (a: A): void => {
    this.versions.set(a.id, a.version);
    if (!this.deleting.has(a.id)) this.show(a);
  };
  private drop(id: string): void {
    this.setAnnotations((m) => m.delete(id));
  }
  private current(id: string): A | undefined {
    return this.annotations.get(id);
  }

  /** Resolves once no write is waiting for an answer, including writes a finished one led to (tests wait on it). */
  async settled(): Promise<void> {
    // A write's answer can start the next one a few turns later (replayPending sends one after
    // another), so the queue is empty only when it stays empty across a macrotask.
    for (;;) {
      while (this.all.size > 0) await Promise.allSettled([...this.all]);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.all.size === 0) return;
    }
  }

  /** The page went away: writes still being retried stop, and leave storage as it is. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  // ── Storage ────────────────────────────────────────────────────────────────────────────────
  private persist(update: (list: PendingWrite[]) => PendingWrite[]): void {
    const storage = this.options.storage;
    if (!storage || this.disposed) return;
    try {
      const next = update(parsePendingWrites(storage.getItem(this.options.storageKey)));
      if (next.length > 0) storage.setItem(this.options.storageKey, JSON.stringify(next));
      else storage.removeItem(this.options.storageKey);
    } catch {
      // Storage full or turned off: the write is still sent; only closing the tab would lose it.
    }
  }

  // ── Sending ────────────────────────────────────────────────────────────────────────────────
  /**
   * Sends a write in its annotation's queue (`id` null: a write of no annotation, such as the
   * document's status), retried until answered. `description` is the write as data, for storage;
   * the rare writes without one are retried only while the page is open.
   *
   * `settle` takes in the answer inside the queue, before the annotation's next write starts: that
   * write must name the version this one produced. (Taken in after the queue moves on, a second
   * quick edit was sent with the old version and refused as stale, the test's model found.)
   */
  send<T>(id: string | null, call: () => Promise<T>, description?: NewPendingWrite | PendingWrite, settle?: (answer: T) => void): Promise<T> {
    this.pending++;
    if (id) this.inflight.set(id, (this.inflight.get(id) ?? 0) + 1);
    this.changed();
    // A write replayed from storage is there already, under its key, until it is answered.
    const stored = description !== undefined && 'key' in description;
    const key = stored ? description.key : newClientId();
    if (description && !stored) this.persist((list) => [...list, { ...description, key } as PendingWrite]);
    const attempt = async (): Promise<T> => {
      for (let delay = 400; ; delay = Math.min(delay * 2, 3000)) {
        if (this.disposed) throw new Disposed();
        try {
          const result = await call();
          // The server answered but its database did not (an outage): as good as no answer.
          const failed = result as { ok?: boolean; error?: { code?: string } } | null;
          if (failed?.ok === false && failed.error?.code === 'UNAVAILABLE') {
            this.setOffline(true);
            await this.options.wait(delay);
            continue;
          }
          this.setOffline(false);
          if (!this.disposed) settle?.(result);
          return result;
        } catch (error) {
          if (this.disposed) throw new Disposed();
          this.options.onRetry?.(error);
          this.setOffline(true);
          await this.options.wait(delay);
        }
      }
    };
    const previous = (id && this.queues.get(id)) || Promise.resolve();
    const next = previous.then(attempt, attempt).finally(() => {
      if (this.disposed) return;
      this.pending--;
      if (description) this.persist((list) => list.filter((w) => w.key !== key));
      if (id) {
        const left = (this.inflight.get(id) ?? 1) - 1;
        if (left > 0) this.inflight.set(id, left);
        else this.inflight.delete(id);
      }
      this.changed();
    });
    if (id) this.queues.set(id, next);
    this.track(next);
    // A disposed engine's writes never answer, as a closed page's never do.
    return next.catch((error: unknown) => (error instanceof Disposed ? new Promise<never>(() => undefined) : Promise.reject(error)));
  }

  private track(p: Promise<unknown>): void {
    this.all.add(p);
    const done = () => {
      this.all.delete(p);
    };
    p.then(done, done);
  }

  private setOffline(value: boolean): void {
    if (this.offline === value) return;
    this.offline = value;
    this.changed();
  }

  // Each send* sends one write and shows the server's answer. The user's actions below show their
  // change at once and record it for undo first; writes left from an earlier visit are only sent.
  private async sendCreate(id: string, start: number, end: number, categoryId: string, replayed?: PendingWrite): Promise<void> {
    await this.send(id, () => this.options.transport.create({ id, start, end, categoryId }), replayed ?? { kind: 'create', id, start, end, categoryId }, (result) => {
      if (result.ok) {
        this.put(result.data.annotation);
        this.options.onCreated?.(result.data.annotation);
      } else {
        this.drop(id);
        this.options.notify({ message: `Not saved: ${result.error.message}`, tone: 'error' });
      }
    });
  }

  /** `before`: the annotation to show again if the edit is refused without a current state. */
  private async sendUpdate(id: string, change: PendingFields, before?: A, replayed?: PendingWrite): Promise<void> {
    // Read when the write's turn comes, so that it names the version the previous write produced.
    const version = () => this.versions.get(id) ?? this.current(id)?.version ?? before?.version ?? 1;
    await this.send(id, () => this.options.transport.update(id, { version: version(), ...change }), replayed ?? { kind: 'update', id, change }, (result) => {
      if (result.ok) this.put(result.data);
      // A retried edit whose first try did arrive comes back stale, carrying this very change.
      else if (result.error.current && carriesChange(result.error.current, change)) this.put(result.error.current);
      else if (result.error.current) {
        this.put(result.error.current);
        this.options.notify({ message: `${result.error.message} The current version is shown.`, tone: 'error' });
      } else {
        if (before) this.put(before);
        this.options.notify({ message: `Not saved: ${result.error.message}`, tone: 'error' });
      }
    });
  }

  private async sendDelete(id: string, before?: A, replayed?: PendingWrite): Promise<void> {
    this.drop(id);
    this.deleting.add(id);
    await this.send(id, () => this.options.transport.delete(id), replayed ?? { kind: 'delete', id }, (result) => {
      this.deleting.delete(id);
      // NOT_FOUND: already deleted (a retried delete whose first try arrived, or someone else).
      if (!result.ok && result.error.code !== 'NOT_FOUND') {
        if (before) this.put(before);
        this.options.notify({ message: `Not deleted: ${result.error.message}`, tone: 'error' });
      }
    });
  }

  /** `shown`: the annotation is shown already (an undo), and goes again if the restore is refused. */
  private async sendRestore(id: string, replayed?: PendingWrite, shown = false): Promise<boolean> {
    const result = await this.send(id, () => this.options.transport.restore(id), replayed ?? { kind: 'restore', id }, (answer) => {
      if (answer.ok) this.put(answer.data);
      else {
        if (shown) this.drop(id);
        this.options.notify({ message: `Could not restore: ${answer.error.message}`, tone: 'error' });
      }
    });
    return result.ok;
  }

  // ── The user's changes ─────────────────────────────────────────────────────────────────────
  /** A new annotation of the user's, complete as it will show (`annotation.version` 1). */
  async create(annotation: A, start: number, end: number): Promise<void> {
    this.put(annotation);
    this.pushUndo({ kind: 'create', id: annotation.id, label: `tag ${this.options.label(annotation)}` });
    await this.sendCreate(annotation.id, start, end, annotation.categoryId);
  }

  async edit(id: string, change: Partial<AnnotationFields>, recordUndo = true): Promise<void> {
    const current = this.current(id);
    if (!current) return;
    this.show(this.options.withChange(current, change));
    if (recordUndo) this.pushUndo({ kind: 'update', id, before: fieldsOf(current), label: 'edit' });
    await this.sendUpdate(id, change, current);
  }

  async remove(id: string, recordUndo = true): Promise<void> {
    const current = this.current(id);
    if (!current) return;
    if (recordUndo) {
      this.pushUndo({ kind: 'delete', id, label: this.options.label(current), deleted: current });
      this.options.notify({ message: `Deleted ${this.options.label(current)}.`, tone: 'info', undo: true });
    }
    await this.sendDelete(id, current);
  }

  async undo(): Promise<void> {
    const entry = this.undoStack.at(-1);
    if (!entry) return this.options.notify({ message: 'Nothing to undo.', tone: 'info' });
    this.undoStack = this.undoStack.slice(0, -1);
    this.changed();
    if (entry.kind === 'create') {
      await this.remove(entry.id, false);
      this.options.notify({ message: `Undid ${entry.label}.`, tone: 'info' });
    } else if (entry.kind === 'update') {
      await this.edit(entry.id, entry.before, false);
      this.options.notify({ message: 'Undid the edit.', tone: 'info' });
    } else {
      // Shown again at once, so that a second undo (of its create, say) finds it.
      this.show(entry.deleted);
      if (await this.sendRestore(entry.id, undefined, true)) this.options.notify({ message: `Restored ${entry.label}.`, tone: 'info' });
    }
  }

  private pushUndo(entry: UndoEntry<A>): void {
    this.undoStack = [...this.undoStack, entry];
    this.changed();
  }

  /**
   * Writes left unanswered the last time this document was open here (the tab was closed while the
   * server could not be reached) are sent now, in their order, except those that had arrived after
   * all. Answers with how many were sent.
   */
  async replayPending(): Promise<number> {
    const storage = this.options.storage;
    if (!storage || this.replayed) return 0;
    this.replayed = true;
    let left: PendingWrite[];
    try {
      left = parsePendingWrites(storage.getItem(this.options.storageKey));
    } catch {
      return 0;
    }
    if (left.length === 0) return 0;
    const toSend = writesStillToSend(left, new Map([...this.annotations.values()].map((a) => [a.id, fieldsOf(a)])));
    // Those that had arrived are taken off the list; the others stay on it, each until its answer
    // comes, so that a page closed again during the replay loses none of them.
    // (An annotation's edits are sent as one: that one replaces the last of them in storage.)
    const sending = new Map(toSend.map((w) => [w.key, w]));
    this.persist((list) => list.filter((w) => !left.some((l) => l.key === w.key) || sending.has(w.key)).map((w) => sending.get(w.key) ?? w));
    // All are queued now, in their order, each in its annotation's queue: a change the user makes
    // meanwhile goes after them (waiting for one before queueing the next let a new edit overtake
    // an older one, which then overwrote it).
    await Promise.all(
      toSend.map((w) =>
        w.kind === 'create' ? this.sendCreate(w.id, w.start, w.end, w.categoryId, w)
        : w.kind === 'update' ? this.sendUpdate(w.id, w.change, undefined, w)
        : w.kind === 'delete' ? this.sendDelete(w.id, undefined, w)
        : this.sendRestore(w.id, w),
      ),
    );
    return toSend.length;
  }

  // ── Other people's changes ─────────────────────────────────────────────────────────────────
  /**
   * Changes the live stream reports: newer versions replace what is shown, and removed ones go,
   * except annotations with the user's own writes on their way. Answers with what was taken.
   */
  applyLive(changed: readonly A[], removed: readonly { id: string; version: number }[]): A[] {
    const incoming = changed.filter((a) => !this.inflight.has(a.id) && a.version > (this.versions.get(a.id) ?? 0));
    // A deletion older than what is shown (the user restored it since) is no news: the stream may
    // deliver it after the restore's answer.
    const gone = removed.filter((r) => !this.inflight.has(r.id) && r.version > (this.versions.get(r.id) ?? 0)).map((r) => r.id);
    if (incoming.length === 0 && gone.length === 0) return [];
    for (const a of incoming) this.versions.set(a.id, a.version);
    for (const r of removed) if (gone.includes(r.id)) this.versions.set(r.id, r.version);
    this.setAnnotations((m) => {
      for (const a of incoming) m.set(a.id, a);
      for (const id of gone) m.delete(id);
    });
    return incoming;
  }

  /** After a gap in the stream: everything as the server has it now, except what is still being sent. */
  resync(fresh: readonly A[]): void {
    const next = new Map<string, A>();
    for (const a of fresh) if (!this.inflight.has(a.id)) next.set(a.id, a);
    for (const [id, a] of this.annotations) if (this.inflight.has(id)) next.set(id, a);
    for (const a of next.values()) if (!this.inflight.has(a.id)) this.versions.set(a.id, a.version);
    this.annotations = next;
    this.changed();
  }
}
