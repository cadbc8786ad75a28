import Link from 'next/link';
import { activityGroupLabels, activityTypeOptions, type ActivityFilters } from '@/lib/activity';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { ActivityFilterOptions } from '@/lib/data/activity';

const labelClass = 'mb-1.5 block text-xs font-medium text-stone-600';

/**
 * The log's filters as a plain GET form: they live in the URL, so a filtered view can be bookmarked
 * or shared and works before any script has loaded.
 */
export function ActivityFiltersForm({ slug, options, values }: { slug: string; options: ActivityFilterOptions; values: Partial<ActivityFilters> }) {
  return (
    <form method="get" action={`/projects/${slug}/activity`} className="flex flex-wrap items-end gap-3" aria-label="Filter the activity log">
      <div className="min-w-40">
        <label htmlFor="filter-actor" className={labelClass}>
          Person
        </label>
        <select id="filter-actor" name="actor" defaultValue={values.actor ?? ''} className={inputClass}>
          <option value="">Everyone</option>
          {options.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          {options.hasSystem ? <option value="system">System (command line)</option> : null}
        </select>
      </div>
      <div className="min-w-48">
        <label htmlFor="filter-type" className={labelClass}>
          What
        </label>
        <select id="filter-type" name="type" defaultValue={values.type ?? ''} className={inputClass}>
          <option value="">All activity</option>
          {activityTypeOptions().map(({ group, actions }) => (
            <optgroup key={group} label={activityGroupLabels[group]}>
              <option value={group}>All {activityGroupLabels[group].toLowerCase()}</option>
              {actions.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="min-w-48 max-w-72 flex-1">
        <label htmlFor="filter-document" className={labelClass}>
          Document
        </label>
        <select id="filter-document" name="document" defaultValue={values.document ?? ''} className={inputClass}>
          <option value="">Any document</option>
          {options.documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title ?? 'Untitled'}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-from" className={labelClass}>
          From (UTC)
        </label>
        <input id="filter-from" name="from" type="date" defaultValue={values.from ?? ''} className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-to" className={labelClass}>
          To (UTC)
        </label>
        <input id="filter-to" name="to" type="date" defaultValue={values.to ?? ''} className={inputClass} />
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" className={buttonClass('secondary')}>
          Apply filters
        </button>
        <Link href={`/projects/${slug}/activity`} className={buttonClass('ghost')}>
          Clear
        </Link>
      </div>
    </form>
  );
}
