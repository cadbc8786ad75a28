'use client';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CompactAnnotations } from '@/lib/annotations/compact';
import type { CommentChanges } from '@/lib/data/comments';
import type { PresenceMap, Viewer } from '@/lib/live/events';

// One Server-Sent Events connection per page (GET /api/projects/:slug/live), shared through context
// by the header's viewer list and the workspace. EventSource reconnects by itself while the server
// is away; when it has given up (a non-200 answer during a restart) a new one is opened after a
// pause. Every reconnection asks listeners to re-read, since changes made meanwhile were not sent.

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';
export type LiveListener = {
  annotations?: (data: { changed: CompactAnnotations; removed: { id: string; version: number }[] }) => void;
  comments?: (data: CommentChanges) => void;
  /** Re-read everything: the stream was interrupted and may have missed changes. */
  resync?: () => void;
};

type LiveContext = {
  status: LiveStatus;
  presence: PresenceMap;
  me: string;
  subscribe: (listener: LiveListener) => () => void;
};

const Context = createContext<LiveContext | null>(null);

export function LiveProvider({ slug, documentId, me, children }: { slug: string; documentId: string | null; me: string; children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [presence, setPresence] = useState<PresenceMap>({});
  const listeners = useRef(new Set<LiveListener>());

  useEffect(() => {
    const url = `/api/projects/${encodeURIComponent(slug)}/live${documentId ? `?document=${encodeURIComponent(documentId)}` : ''}`;
    let source: EventSource | null = null;
    let hellos = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const each = (f: (l: LiveListener) => void) => listeners.current.forEach(f);
    const connect = () => {
      source = new EventSource(url);
      source.addEventListener('hello', () => {
        setStatus('live');
        // The first hello starts the page's stream; any later one follows a gap.
        if (hellos++ > 0) each((l) => l.resync?.());
      });
      source.addEventListener('annotations', (e) => each((l) => l.annotations?.(JSON.parse((e as MessageEvent<string>).data))));
      source.addEventListener('comments', (e) => each((l) => l.comments?.(JSON.parse((e as MessageEvent<string>).data))));
      source.addEventListener('presence', (e) => setPresence(JSON.parse((e as MessageEvent<string>).data) as PresenceMap));
      source.addEventListener('resync', () => each((l) => l.resync?.()));
      source.addEventListener('closed', () => {
        stopped = true;
        source?.close();
      });
      source.onerror = () => {
        setStatus('reconnecting');
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          timer = setTimeout(connect, 2000);
        }
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [slug, documentId]);

  const value = useRef<LiveContext>(null as unknown as LiveContext);
  value.current = {
    status,
    presence,
    me,
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  };
  return <Context.Provider value={{ ...value.current }}>{children}</Context.Provider>;
}

/** The page's live connection, or null outside a LiveProvider. */
export function useLive(): LiveContext | null {
  return useContext(Context);
}

/** Calls the listener's handlers for as long as the component is mounted. */
export function useLiveListener(listener: LiveListener): void {
  const live = useLive();
  const ref = useRef(listener);
  ref.current = listener;
  const subscribe = live?.subscribe;
  useEffect(
    () =>
      subscribe?.({
        annotations: (d) => ref.current.annotations?.(d),
        comments: (d) => ref.current.comments?.(d),
        resync: () => ref.current.resync?.(),
      }),
    // subscribe changes identity every render; the set of listeners is what matters.
    [!!subscribe],
  );
}

const palette = ['#0f766e', '#7c3aed', '#b45309', '#be123c', '#1d4ed8', '#4d7c0f', '#a21caf', '#0e7490'];
/** A stable colour per person, from their id. */
function colorOf(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return palette[h % palette.length]!;
}
const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

/**
 * The other people viewing a document now (or, with no document, anywhere in the project), as
 * initials in coloured circles; the names are in the tooltip and for screen readers.
 */
export function Viewers({ documentId, label = 'Also here', size = 'md' }: { documentId: string | null; label?: string; size?: 'sm' | 'md' }) {
  const live = useLive();
  if (!live) return null;
  const viewers: Viewer[] = (documentId === null ? Object.values(live.presence).flat() : live.presence[documentId] ?? []).filter(
    (v, i, all) => v.id !== live.me && all.findIndex((w) => w.id === v.id) === i,
  );
  if (viewers.length === 0) return null;
  const names = viewers.map((v) => v.name).join(', ');
  const dim = size === 'sm' ? 'h-5 w-5 text-[9px]' : 'h-7 w-7 text-[11px]';
  return (
    <div className="flex items-center gap-2" data-testid={documentId ? `viewers-${documentId}` : 'viewers'} title={`${label}: ${names}`}>
      {size === 'md' ? <span className="text-xs text-stone-500">{label}</span> : null}
      <ul className="flex -space-x-1.5" aria-label={`${label}: ${names}`}>
        {viewers.slice(0, 5).map((v) => (
          <li
            key={v.id}
            className={`flex ${dim} items-center justify-center rounded-full font-semibold text-white ring-2 ring-white`}
            style={{ backgroundColor: colorOf(v.id) }}
            aria-label={v.name}
          >
            <span aria-hidden>{initials(v.name)}</span>
          </li>
        ))}
        {viewers.length > 5 ? (
          <li className={`flex ${dim} items-center justify-center rounded-full bg-stone-200 font-semibold text-stone-700 ring-2 ring-white`}>+{viewers.length - 5}</li>
        ) : null}
      </ul>
    </div>
  );
}

/** A small dot and word for the live connection's state. */
export function LiveBadge() {
  const live = useLive();
  if (!live) return null;
  const look =
    live.status === 'live'
      ? { dot: 'bg-emerald-500', text: 'Live', title: 'Changes by others appear as they are made.' }
      : live.status === 'connecting'
        ? { dot: 'bg-stone-300', text: 'Connecting…', title: 'Opening the live connection.' }
        : { dot: 'bg-amber-500 animate-pulse', text: 'Reconnecting…', title: 'The live connection dropped; it is being re-opened.' };
  return (
    <span className="flex items-center gap-1.5 text-xs text-stone-500" title={look.title} data-testid="live-status" data-status={live.status}>
      <span aria-hidden className={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.text}
    </span>
  );
}
