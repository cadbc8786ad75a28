'use client';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createAnnotationAction, deleteAnnotationAction, restoreAnnotationAction, updateAnnotationAction } from '@/lib/actions/annotations';
import { plural } from '@/lib/activity/summaries';
import { AnnotationSync, type Notice, type SyncState } from '@/lib/editor/annotation-sync';
import { pendingStorageKey } from '@/lib/editor/pending-writes';
import type { CodebookCategory, ViewAnnotation } from './types';

/**
 * Waits before retrying a write the server did not answer: `ms`, or less if the browser reports
 * the network is back.
 */
function waitToRetry(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage turned off: writes are still sent, only a closed tab would lose them
  }
}

/**
 * The workspace's binding of the sync engine (lib/editor/annotation-sync.ts): one engine per
 * document view, its state read through useSyncExternalStore, its writes sent through the
 * annotation server actions. Writes left unanswered on an earlier visit are sent once, on mount,
 * and leaving the page with writes unanswered asks first.
 */
export function useAnnotationSync(input: {
  documentId: string;
  text: string;
  initial: readonly ViewAnnotation[];
  userId: string;
  categoryById: ReadonlyMap<string, CodebookCategory>;
  notify: (notice: Notice) => void;
  onCreated: () => void;
}): { engine: AnnotationSync<ViewAnnotation>; state: SyncState<ViewAnnotation> } {
  // The callbacks change on every render; the engine, made once, reads the latest.
  const ref = useRef({ notify: input.notify, onCreated: input.onCreated, categoryById: input.categoryById });
  ref.current = { notify: input.notify, onCreated: input.onCreated, categoryById: input.categoryById };
  const [engine] = useState(
    () =>
      new AnnotationSync<ViewAnnotation>({
        initial: input.initial,
        storage: typeof window === 'undefined' ? null : browserStorage(),
        storageKey: pendingStorageKey(input.userId, input.documentId),
        transport: {
          create: ({ id, start, end, categoryId }) => createAnnotationAction(input.documentId, { id, start, end, quote: input.text.slice(start, end), categoryId }),
          update: (id, change) => updateAnnotationAction(id, change),
          delete: (id) => deleteAnnotationAction(id),
          restore: (id) => restoreAnnotationAction(id),
        },
        withChange: (annotation, change) => {
          const category = change.categoryId ? ref.current.categoryById.get(change.categoryId) : undefined;
          return { ...annotation, ...change, ...(category ? { categoryName: category.name, categoryPath: category.path, color: category.color } : {}) };
        },
        label: (a) => `“${a.categoryName}”`,
        notify: (notice) => ref.current.notify(notice),
        onCreated: () => ref.current.onCreated(),
        wait: waitToRetry,
        onRetry: (error) => console.warn('[parallax] a write got no answer; retrying', error),
      }),
  );
  const state = useSyncExternalStore(engine.subscribe, engine.getState, engine.getState);

  // Not disposed on unmount: writes still on their way keep going, as they would in a closing tab
  // (and React's strict mode mounts twice). The engine replays once, however often this runs.
  useEffect(() => {
    void engine.replayPending().then((sent) => {
      if (sent > 0) ref.current.notify({ message: `Saved ${plural(sent, 'change')} left unsent when this document was last open here.`, tone: 'info' });
    });
  }, [engine, ref]);

  // Leaving the page with unsent changes would lose them: ask first.
  useEffect(() => {
    if (state.pending === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.pending]);

  return { engine, state };
}
