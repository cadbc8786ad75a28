import { groupOfAction, labelOfAction, type ActivityGroup } from '@/lib/activity/actions';

// One colour per group, so a glance down the log shows what kind of work happened.
const groupTones: Record<ActivityGroup, string> = {
  annotations: 'bg-sky-50 text-sky-800 ring-sky-200',
  curation: 'bg-rose-50 text-rose-800 ring-rose-200',
  memos: 'bg-teal-50 text-teal-800 ring-teal-200',
  documents: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  codebook: 'bg-violet-50 text-violet-800 ring-violet-200',
  members: 'bg-amber-50 text-amber-800 ring-amber-200',
  project: 'bg-stone-100 text-stone-700 ring-stone-200',
};

export function ActionBadge({ action }: { action: string }) {
  return (
    <span
      data-group={groupOfAction(action)}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${groupTones[groupOfAction(action)]}`}
    >
      {labelOfAction(action)}
    </span>
  );
}
