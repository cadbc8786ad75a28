'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { deleteDocumentGroupAction, saveDocumentGroupAction } from '@/lib/actions/groups';
import type { GroupDto } from '@/lib/data/groups';
import { Button, buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { FormError, inputClass } from '@/components/ui/field';

type Doc = { id: string; label: string };

/**
 * The corpus page's document groups: one chip per group that narrows the list to its articles (the
 * choice is in the URL), and for owners and curators a dialog to make, change and delete groups.
 */
export function DocumentGroups({ slug, groups, documents, active, canEdit }: { slug: string; groups: GroupDto[]; documents: Doc[]; active: string | null; canEdit: boolean }) {
  const [editing, setEditing] = useState<GroupDto | 'new' | null>(null);
  if (groups.length === 0 && !canEdit) return null;
  const chip = (selected: boolean) =>
    cn('inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset transition-colors', selected ? 'bg-accent-600 text-white ring-accent-600' : 'bg-white text-stone-700 ring-stone-300 hover:bg-stone-50');
  return (
    <nav aria-label="Document groups" className="flex flex-wrap items-center gap-2">
      <span className="text-xs font-medium uppercase tracking-wide text-stone-500">Groups</span>
      <Link href={`/projects/${slug}`} className={chip(active === null)} aria-current={active === null ? 'true' : undefined}>
        All articles <span className="tabular-nums opacity-80">{documents.length}</span>
      </Link>
      {groups.map((g) => (
        <span key={g.id} className="inline-flex items-center">
          <Link href={`/projects/${slug}?group=${g.id}`} className={chip(active === g.id)} aria-current={active === g.id ? 'true' : undefined} title={g.description || undefined}>
            {g.name} <span className="tabular-nums opacity-80">{g.memberIds.length}</span>
          </Link>
          {canEdit ? (
            <button type="button" onClick={() => setEditing(g)} className="ml-0.5 rounded px-1 text-xs text-stone-500 hover:text-stone-900" aria-label={`Edit the group ${g.name}`}>
              ✎
            </button>
          ) : null}
        </span>
      ))}
      {canEdit ? (
        <button type="button" onClick={() => setEditing('new')} className={buttonClass('ghost', 'px-2 py-1 text-xs')}>
          + New group
        </button>
      ) : null}
      {editing ? <GroupDialog slug={slug} group={editing === 'new' ? null : editing} documents={documents} onClose={() => setEditing(null)} /> : null}
    </nav>
  );
}

function GroupDialog({ slug, group, documents, onClose }: { slug: string; group: GroupDto | null; documents: Doc[]; onClose: () => void }) {
  const router = useRouter();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [chosen, setChosen] = useState(new Set(group?.memberIds ?? []));
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const save = () =>
    start(async () => {
      const result = await saveDocumentGroupAction(slug, group?.id ?? null, { name, description, documentIds: [...chosen] });
      if (!result.ok) return setError(result.error.message);
      router.refresh();
      onClose();
    });
  const remove = () =>
    start(async () => {
      if (!group) return;
      const result = await deleteDocumentGroupAction(slug, group.id);
      if (!result.ok) return setError(result.error.message);
      router.push(`/projects/${slug}`);
      router.refresh();
      onClose();
    });
  return (
    <Dialog
      open
      onClose={onClose}
      title={group ? `Edit “${group.name}”` : 'New document group'}
      footer={
        <>
          {group ? (
            <Button variant="ghost" onClick={remove} disabled={pending} className="mr-auto text-red-700">
              Delete group
            </Button>
          ) : null}
          <Button variant="ghost" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button onClick={save} disabled={pending}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
        </>
      }
    >
      <label className="block text-xs font-medium text-stone-600">
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} className={`${inputClass} mt-1`} autoFocus />
      </label>
      <label className="block text-xs font-medium text-stone-600">
        Description (optional)
        <input value={description} onChange={(e) => setDescription(e.target.value)} className={`${inputClass} mt-1`} />
      </label>
      <fieldset>
        <legend className="text-xs font-medium text-stone-600">
          Articles ({chosen.size} of {documents.length})
        </legend>
        <ul className="mt-1 max-h-64 space-y-1 overflow-y-auto rounded-md p-2 ring-1 ring-stone-200">
          {documents.map((d) => (
            <li key={d.id}>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={chosen.has(d.id)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(d.id);
                    else next.delete(d.id);
                    setChosen(next);
                  }}
                  className="accent-accent-600"
                />
                <span className="truncate">{d.label}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <FormError message={error} />
    </Dialog>
  );
}
