import type { Metadata } from 'next';
import { canManageProject } from '@/lib/permissions';
import Link from 'next/link';
import { ActivityFiltersForm } from '@/components/activity/activity-filters';
import { ActivityList } from '@/components/activity/activity-list';
import { EmptyState } from '@/components/ui/states';
import { FormError } from '@/components/ui/field';
import { activityFiltersSchema, type ActivityFilters } from '@/lib/activity';
import { listActivity, listActivityFilterOptions } from '@/lib/data/activity';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';
import { formatIssues } from '@/lib/validations/parse';

export const metadata: Metadata = { title: 'Activity' };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const { actor } = await requireActor();
  const { role } = await orNotFound(getProjectCached(actor, slug));
  if (!canManageProject(role)) {
    return (
      <EmptyState title="Only owners can see the activity log" action={<Link href={`/projects/${slug}`} className="text-sm font-medium text-accent-700 hover:underline">Back to the corpus</Link>}>
        The log names everyone’s changes, so it is kept for the project’s owners.
      </EmptyState>
    );
  }
  const raw = { actor: first(query.actor), type: first(query.type), document: first(query.document), from: first(query.from), to: first(query.to) };
  const parsed = activityFiltersSchema.safeParse(raw);
  // Paging starts from the newest event; "Load older" carries the cursor, not the URL.
  const filters: Partial<ActivityFilters> = parsed.success ? { ...parsed.data, cursor: undefined, limit: undefined } : {};
  const [options, page] = await Promise.all([
    listActivityFilterOptions(actor, slug),
    parsed.success ? listActivity(actor, slug, { ...filters, limit: 50 }) : Promise.resolve({ events: [], nextCursor: null }),
  ]);
  const filtered = Object.values(filters).some((v) => v !== undefined);
  return (
    <div className="space-y-6">
      <div>
        <h2 className="font-semibold text-stone-900">Activity</h2>
        <p className="mt-1 text-sm text-stone-600">Who changed what in this project, newest first. Only owners see this page.</p>
      </div>
      <ActivityFiltersForm slug={slug} options={options} values={parsed.success ? filters : {}} />
      {parsed.success ? null : <FormError message={formatIssues(parsed.error.issues)} />}
      {page.events.length === 0 ? (
        parsed.success ? (
          <EmptyState
            title={filtered ? 'No activity matches these filters' : 'No activity yet'}
            action={filtered ? <Link href={`/projects/${slug}/activity`} className="text-sm font-medium text-accent-700 hover:underline">Clear the filters</Link> : undefined}
          >
            {filtered ? 'Try another person, kind of change or date range.' : 'Imports, annotations, codebook and member changes will appear here as they happen.'}
          </EmptyState>
        ) : null
      ) : (
        // Keyed by the filters, so applying new ones starts a fresh list instead of appending.
        <ActivityList key={JSON.stringify(filters)} slug={slug} filters={filters} initial={page.events} initialCursor={page.nextCursor} />
      )}
    </div>
  );
}
