'use client';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import type { ActivityFiltersInput } from '@/lib/activity';
import { listActivityAction } from '@/lib/actions/projects';
import type { ActivityEventDto } from '@/lib/data/activity';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { InlineSpinner } from '@/components/ui/inline-spinner';
import { ActionBadge } from './action-badge';

// UTC, as the date filters are: the server renders the first page, and a viewer's own zone would
// make the server's and the browser's rendering disagree.
const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** The log's rows, newest first; "Load older" appends the next page under the same filters. */
export function ActivityList({
  slug,
  filters,
  initial,
  initialCursor,
}: {
  slug: string;
  filters: ActivityFiltersInput;
  initial: ActivityEventDto[];
  initialCursor: string | null;
}) {
  const [events, setEvents] = useState(initial);
  const [cursor, setCursor] = useState(initialCursor);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 text-xs font-medium text-stone-500">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Time (UTC)
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Person
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Action
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                What happened
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {events.map((e) => (
              <tr key={e.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-2.5 text-stone-500 tabular-nums">
                  <time dateTime={e.createdAt}>{timeFormat.format(new Date(e.createdAt))}</time>
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-stone-800">{e.actor ? e.actor.name : <span className="text-stone-500 italic">System</span>}</td>
                <td className="px-4 py-2.5">
                  <ActionBadge action={e.action} />
                </td>
                <td className="px-4 py-2.5 text-stone-700">
                  {e.document ? (
                    <Link href={`/projects/${slug}/documents/${e.document.id}`} className="hover:text-accent-700 hover:underline">
                      {e.summary}
                    </Link>
                  ) : (
                    e.summary
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormError message={error} />
      {cursor ? (
        <div className="flex justify-center">
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await listActivityAction(slug, { ...filters, cursor });
                if (!result.ok) return setError(result.error.message);
                setError(undefined);
                setEvents((prev) => [...prev, ...result.data.events]);
                setCursor(result.data.nextCursor);
              })
            }
          >
            {pending ? (
              <>
                <InlineSpinner /> Loading…
              </>
            ) : (
              'Load older'
            )}
          </Button>
        </div>
      ) : events.length > 0 ? (
        <p className="text-center text-xs text-stone-500">That is everything{Object.values(filters).some(Boolean) ? ' matching these filters' : ''}.</p>
      ) : null}
    </div>
  );
}
