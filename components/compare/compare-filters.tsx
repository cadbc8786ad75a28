import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Checklist } from '@/components/ui/checklist';
import { displayTitle } from '@/components/documents/format';
import { GroupSelect } from '@/components/documents/group-select';
import type { ComparisonSelection, CompareAttributeInfo, CompareCategoryInfo, CompareDocumentInfo } from '@/lib/data/compare';

export type FilterOptions = {
  documents: CompareDocumentInfo[];
  categories: CompareCategoryInfo[];
  attributes: CompareAttributeInfo[];
  annotators: { id: string; name: string; count: number }[];
  consensusCount: number;
  groups: { id: string; name: string; count: number }[];
};

export type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The filters of a page's URL, as the data layer takes them. */
export function filtersOf(query: SearchParams) {
  return { layer: first(query.layer), annotators: query.annotators, documents: query.documents, categories: query.categories, attr: first(query.attr) || undefined, group: first(query.group) || undefined };
}

/** The URL query of a selection, for links between the comparison views (filters carry over). */
export function selectionQuery(selection: ComparisonSelection, all: FilterOptions, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  q.set('layer', selection.layer);
  if (selection.layer === 'pooled' && selection.annotators.length !== all.annotators.length) q.set('annotators', selection.annotators.join(','));
  if (selection.documents.length !== all.documents.length) q.set('documents', selection.documents.join(','));
  if (selection.categories.length !== all.categories.length) q.set('categories', selection.categories.join(','));
  if (selection.attr) q.set('attr', selection.attr);
  if (selection.group) q.set('group', selection.group);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) q.set(k, v);
  return q.toString();
}

/** Source layer, annotators, a document group, documents, factors and an attribute value, as a GET form: the view lives in the URL. */
export function CompareFilters({ action, selection, options, hidden = {} }: { action: string; selection: ComparisonSelection; options: FilterOptions; hidden?: Record<string, string> }) {
  return (
    <form method="get" action={action} className="no-print flex flex-wrap items-center gap-2" aria-label="Choose what to compare">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="flex items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-stone-300">
        <span className="font-medium text-stone-800">Source</span>
        <select name="layer" defaultValue={selection.layer} className="border-0 bg-transparent py-0 pl-0 pr-6 text-sm text-stone-700 focus:ring-0" aria-label="Source layer">
          <option value="consensus" disabled={options.consensusCount === 0}>
            Consensus ({options.consensusCount})
          </option>
          <option value="pooled">All annotators pooled</option>
          {options.annotators.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} only ({a.count})
            </option>
          ))}
        </select>
      </label>
      {selection.layer === 'pooled' ? (
        <Checklist
          name="annotators"
          label="Annotators"
          summary={`${selection.annotators.length} of ${options.annotators.length}`}
          options={options.annotators.map((a) => ({ id: a.id, label: a.name, hint: `${a.count} annotations` }))}
          chosen={selection.annotators}
        />
      ) : null}
      {options.groups.length > 0 ? <GroupSelect groups={options.groups} chosen={selection.group} /> : null}
      <Checklist
        name="documents"
        label="Articles"
        summary={`${selection.documents.length} of ${options.documents.length}`}
        options={options.documents.map((d) => ({ id: d.id, label: displayTitle(d), hint: d.author ?? 'author unknown' }))}
        chosen={selection.documents}
        wide
      />
      <Checklist
        name="categories"
        label="Factors"
        summary={`${selection.categories.length} of ${options.categories.length}`}
        options={options.categories.map((c) => ({ id: c.id, label: c.path, color: c.color }))}
        chosen={selection.categories}
        wide
      />
      {options.attributes.length > 0 ? (
        <label className="flex items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-stone-300">
          <span className="font-medium text-stone-800">Only</span>
          <select name="attr" defaultValue={selection.attr ?? ''} className="border-0 bg-transparent py-0 pl-0 pr-6 text-sm text-stone-700 focus:ring-0" aria-label="Attribute value">
            <option value="">any passage</option>
            {options.attributes.map((a) => (
              <optgroup key={a.key} label={a.name}>
                {a.options.map((o) => (
                  <option key={o.value} value={`${a.key}:${o.value}`}>
                    {a.name}: {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      ) : null}
      <button type="submit" className={buttonClass('secondary', 'py-1.5')}>
        Apply
      </button>
      <Link href={action} className={buttonClass('ghost', 'py-1.5')}>
        Reset
      </Link>
    </form>
  );
}
