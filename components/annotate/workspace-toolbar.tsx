'use client';
import { LiveBadge } from '@/components/live/live-provider';
import type { DocumentProgress } from './types';

const progressOptions: { value: DocumentProgress; label: string }[] = [
  { value: 'NOT_STARTED', label: 'Not started' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'FINISHED', label: 'Finished' },
];

type Layer = { id: string; label: string; count: number; disabled?: boolean; title?: string };

/**
 * The bar above the text: which layers are drawn, the live mark, whether changes are saved, and the
 * user's progress on the document; and, while the server cannot be reached, a banner that stays in
 * view saying the changes are kept.
 */
export function WorkspaceToolbar(props: {
  layers: Layer[];
  shown: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  blindNote: boolean;
  pending: number;
  offline: boolean;
  status: DocumentProgress | null;
  onStatus: (next: DocumentProgress) => void;
}) {
  const { pending, offline } = props;
  return (
    <>
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white px-4 py-2.5 shadow-sm ring-1 ring-stone-200">
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <legend className="sr-only">Layers</legend>
          <span className="text-xs font-semibold uppercase tracking-wide text-stone-500">Layers</span>
          {props.layers.map((layer) => (
            <label key={layer.id} className={`flex items-center gap-1.5 ${layer.disabled ? 'text-stone-500' : ''}`} title={layer.title}>
              <input
                type="checkbox"
                className="h-4 w-4 rounded border-stone-300 accent-accent-600"
                disabled={layer.disabled}
                checked={props.shown.has(layer.id)}
                onChange={(e) => props.onToggle(layer.id, e.target.checked)}
              />
              {layer.label}
              <span className="text-xs tabular-nums text-stone-500">{layer.count}</span>
            </label>
          ))}
          {props.blindNote ? <span className="text-xs text-amber-700">Blind coding: other layers appear when you mark this document finished.</span> : null}
        </fieldset>
        <div className="flex items-center gap-3">
          <LiveBadge />
          <span
            className={`text-xs ${offline ? 'rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900' : 'text-stone-500'}`}
            aria-live="polite"
            data-testid="save-state"
            title={offline ? 'The server cannot be reached. Your changes are kept here and sent when it is back.' : undefined}
          >
            {offline && pending > 0 ? `Offline — ${pending} pending` : pending > 0 ? 'Saving…' : 'All changes saved'}
          </span>
          {props.status ? (
            <div role="radiogroup" aria-label="Your progress on this document" className="flex rounded-lg bg-stone-100 p-0.5 text-xs">
              {progressOptions.map((o) => (
                <button
                  key={o.value}
                  type="button"
                  role="radio"
                  aria-checked={props.status === o.value}
                  onClick={() => props.onStatus(o.value)}
                  className={`rounded-md px-2.5 py-1 font-medium ${props.status === o.value ? 'bg-white text-stone-900 shadow-sm' : 'text-stone-600 hover:text-stone-900'}`}
                >
                  {o.label}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      </div>
      {offline && pending > 0 ? (
        // Stays in view while the reader scrolls (the header's own mark scrolls away with it).
        <div
          role="status"
          data-testid="offline-banner"
          className="no-print fixed bottom-4 left-4 z-40 max-w-sm rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 shadow-lg ring-1 ring-amber-300"
        >
          <p className="font-medium">The server or its database is not answering.</p>
          <p className="mt-0.5 text-amber-900">
            {pending === 1 ? '1 change is' : `${pending} changes are`} kept in this browser and will be sent when it answers again. Keep annotating.
          </p>
        </div>
      ) : null}
    </>
  );
}
