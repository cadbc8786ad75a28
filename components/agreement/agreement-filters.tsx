import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { displayTitle } from '@/components/documents/format';
import { Checklist } from '@/components/ui/checklist';
import type { AgreementView } from '@/lib/data/agreement';
import { GroupSelect } from '@/components/documents/group-select';

/**
 * The agreement page's choices as a plain GET form: annotators, documents and categories are
 * checkbox lists in drop-down panels, so the chosen view lives in the URL (shareable, bookmarkable)
 * and works before any script has loaded.
 */
export function AgreementFilters({ view, action, extra }: { view: AgreementView; action: string; extra?: Record<string, string> }) {
  const { selection } = view;
  return (
    <form method="get" action={action} className="no-print flex flex-wrap items-center gap-2" aria-label="Choose what to compare">
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {view.groups.length > 0 ? <GroupSelect groups={view.groups} chosen={selection.group} /> : null}
      <Checklist
        name="annotators"
        label="Annotators"
        summary={`${selection.annotators.length} of ${view.annotators.length}`}
        options={view.annotators.map((a) => ({ id: a.id, label: a.name, hint: `${a.spanCount} spans` }))}
        chosen={selection.annotators}
      />
      <Checklist
        name="documents"
        label="Documents"
        summary={`${selection.documents.length} of ${view.documents.length}`}
        options={view.documents.map((d) => ({
          id: d.id,
          label: displayTitle(d),
          hint: view.annotators.map((a) => `${a.name} ${d.spanCounts[a.id] ?? 0}`).join(' · '),
        }))}
        chosen={selection.documents}
        wide
      />
      <Checklist
        name="categories"
        label="Categories"
        summary={`${selection.categories.length} of ${view.categories.length}`}
        options={view.categories.map((c) => ({ id: c.id, label: c.path, hint: `${c.spanCount}`, color: c.color }))}
        chosen={selection.categories}
        wide
      />
      <button type="submit" className={buttonClass('secondary', 'py-1.5')}>
        Compare
      </button>
      <Link href={action + (extra && Object.keys(extra).length > 0 ? `?${new URLSearchParams(extra).toString()}` : '')} className={buttonClass('ghost', 'py-1.5')}>
        Reset
      </Link>
    </form>
  );
}
