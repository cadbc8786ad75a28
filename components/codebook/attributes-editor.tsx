'use client';
import { useId, useState, useTransition } from 'react';
import { createAttributeAction, deleteAttributeAction, updateAttributeAction } from '@/lib/actions/codebook';
import type { CodebookAttribute } from '@/lib/data/codebook';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { FormError, inputClass } from '@/components/ui/field';
import { InlineSpinner } from '@/components/ui/inline-spinner';
import { slugify } from '@/lib/slug';
import { dangerLinkClass } from './styles';


type OptionDraft = { key: string; value: string; label: string; usage: number; isNew: boolean; valueEdited: boolean };
type AttributeDraft = { key: string; name: string; description: string; options: OptionDraft[] };

let nextKey = 0;
const newOption = (): OptionDraft => ({ key: `new-${nextKey++}`, value: '', label: '', usage: 0, isNew: true, valueEdited: false });

function draftOf(a: CodebookAttribute): AttributeDraft {
  return {
    key: a.key,
    name: a.name,
    description: a.description,
    options: a.options.map((o) => ({ key: o.id, value: o.value, label: o.label, usage: o.usage, isNew: false, valueEdited: true })),
  };
}

/**
 * The fields of one attribute. Existing values keep their machine value (annotations and exports
 * refer to it) and can only be relabelled; a value in use cannot be removed, which the server
 * enforces too. New values get a machine value derived from their label unless typed in.
 */
function AttributeForm({
  mode,
  initial,
  onSubmit,
  onCancel,
  onDelete,
}: {
  mode: 'add' | 'edit';
  initial: AttributeDraft;
  onSubmit: (draft: AttributeDraft) => Promise<string | undefined>;
  onCancel: () => void;
  onDelete?: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [keyEdited, setKeyEdited] = useState(mode === 'edit');
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const setOption = (key: string, patch: Partial<OptionDraft>) =>
    setDraft((d) => ({ ...d, options: d.options.map((o) => (o.key === key ? { ...o, ...patch } : o)) }));
  const submit = () =>
    startTransition(async () => {
      setError(undefined);
      setError(await onSubmit(draft));
    });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-label={mode === 'add' ? 'New attribute' : `Edit attribute ${initial.name}`}
      className="space-y-3"
      noValidate
    >
      <fieldset disabled={pending} className="space-y-3">
        <div>
          <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium text-stone-700">
            Attribute name
          </label>
          <input
            id={`${id}-name`}
            value={draft.name}
            autoFocus
            onChange={(e) => {
              const name = e.target.value;
              setDraft((d) => ({ ...d, name, key: keyEdited ? d.key : slugify(name) }));
            }}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor={`${id}-key`} className="mb-1 block text-sm font-medium text-stone-700">
            Key
          </label>
          <input
            id={`${id}-key`}
            value={draft.key}
            readOnly={mode === 'edit'}
            onChange={(e) => {
              setKeyEdited(true);
              setDraft((d) => ({ ...d, key: e.target.value }));
            }}
            aria-describedby={`${id}-key-hint`}
            className={cn(inputClass, 'font-mono text-xs', mode === 'edit' && 'bg-stone-50 text-stone-500')}
          />
          <p id={`${id}-key-hint`} className="mt-1 text-xs text-stone-500">
            {mode === 'edit' ? 'Exports refer to the key, so it cannot change.' : 'Lower-case letters, digits and hyphens; used in exports.'}
          </p>
        </div>
        <div>
          <label htmlFor={`${id}-description`} className="mb-1 block text-sm font-medium text-stone-700">
            Description
          </label>
          <textarea
            id={`${id}-description`}
            value={draft.description}
            rows={2}
            onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
            className={inputClass}
          />
        </div>
        <fieldset>
          <legend className="mb-1 block text-sm font-medium text-stone-700">Allowed values</legend>
          <ul className="space-y-1.5">
            {draft.options.map((o, i) => (
              <li key={o.key} className="grid grid-cols-[minmax(0,1fr)_minmax(0,0.8fr)_2rem] items-center gap-1.5">
                <input
                  aria-label={`Label of value ${i + 1}`}
                  value={o.label}
                  placeholder="Label"
                  onChange={(e) =>
                    setOption(o.key, { label: e.target.value, ...(o.valueEdited ? {} : { value: slugify(e.target.value) }) })
                  }
                  className={cn(inputClass, 'py-1.5')}
                />
                <input
                  aria-label={`Value ${i + 1}`}
                  value={o.value}
                  placeholder="value"
                  readOnly={!o.isNew}
                  title={o.isNew ? undefined : 'Existing values keep their machine value.'}
                  onChange={(e) => setOption(o.key, { value: e.target.value, valueEdited: true })}
                  className={cn(inputClass, 'py-1.5 font-mono text-xs', !o.isNew && 'bg-stone-50 text-stone-500')}
                />
                <button
                  type="button"
                  onClick={() => setDraft((d) => ({ ...d, options: d.options.filter((x) => x.key !== o.key) }))}
                  disabled={o.usage > 0}
                  aria-label={`Remove ${o.label || `value ${i + 1}`}`}
                  title={o.usage > 0 ? `Used by ${o.usage} ${o.usage === 1 ? 'annotation' : 'annotations'}: cannot be removed` : 'Remove'}
                  className="flex h-8 w-8 items-center justify-center rounded-md text-stone-500 hover:bg-red-50 hover:text-red-700 disabled:cursor-not-allowed disabled:opacity-30 disabled:hover:bg-transparent"
                >
                  <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden>
                    <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
                  </svg>
                </button>
              </li>
            ))}
          </ul>
          <Button type="button" variant="ghost" className="mt-1.5 px-2 py-1 text-accent-700" onClick={() => setDraft((d) => ({ ...d, options: [...d.options, newOption()] }))}>
            + Add value
          </Button>
        </fieldset>
      </fieldset>
      <FormError message={error} />
      <div className="flex items-center gap-2 border-t border-stone-100 pt-3">
        {onDelete ? (
          <button type="button" className={dangerLinkClass} onClick={onDelete} disabled={pending}>
            Delete…
          </button>
        ) : null}
        <div className="ml-auto flex gap-2">
          <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending} className="min-w-20">
            {pending ? <InlineSpinner /> : null}
            {pending ? 'Saving…' : mode === 'add' ? 'Add attribute' : 'Save'}
          </Button>
        </div>
      </div>
    </form>
  );
}

const toOptions = (d: AttributeDraft) => d.options.map((o) => ({ value: o.value, label: o.label }));

/** Attribute definitions (e.g. "blame target") and their allowed values. */
export function AttributesEditor({ projectSlug, attributes }: { projectSlug: string; attributes: CodebookAttribute[] }) {
  const [editingId, setEditingId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<CodebookAttribute | null>(null);
  const [deleteError, setDeleteError] = useState<string>();
  const [deletePending, startDelete] = useTransition();

  const remove = () =>
    startDelete(async () => {
      if (!deleting) return;
      const result = await deleteAttributeAction(projectSlug, deleting.id);
      if (!result.ok) return setDeleteError(result.error.message);
      setDeleting(null);
      setEditingId(null);
    });
  const usageOf = (a: CodebookAttribute) => a.options.reduce((n, o) => n + o.usage, 0);

  return (
    <section aria-labelledby="attributes-heading" className="space-y-4">
      <div className="flex items-end justify-between gap-3">
        <div>
          <h2 id="attributes-heading" className="text-lg font-semibold text-stone-900">
            Attributes <span className="ml-1 text-sm font-normal text-stone-500">{attributes.length}</span>
          </h2>
          <p className="mt-0.5 text-xs text-stone-500">Values besides the category.</p>
        </div>
        <Button variant="secondary" className="shrink-0 whitespace-nowrap" onClick={() => { setEditingId(null); setAdding(true); }} disabled={adding}>
          Add attribute
        </Button>
      </div>

      {adding ? (
        <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-accent-100">
          <AttributeForm
            mode="add"
            initial={{ key: '', name: '', description: '', options: [newOption(), newOption()] }}
            onSubmit={async (d) => {
              const result = await createAttributeAction(projectSlug, { key: d.key, name: d.name, description: d.description, options: toOptions(d) });
              if (!result.ok) return result.error.message;
              setAdding(false);
              return undefined;
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}

      {attributes.length === 0 && !adding ? (
        <p className="rounded-xl border border-dashed border-stone-300 bg-white px-5 py-6 text-sm text-stone-600">
          No attributes. An attribute lets annotators add a value to an annotation besides its category, such as who a passage blames.
        </p>
      ) : null}

      {attributes.map((a) => (
        <article key={a.id} aria-label={`Attribute ${a.name}`} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
          {editingId === a.id ? (
            <AttributeForm
              key={a.id}
              mode="edit"
              initial={draftOf(a)}
              onSubmit={async (d) => {
                const result = await updateAttributeAction(projectSlug, a.id, { name: d.name, description: d.description, options: toOptions(d) });
                if (!result.ok) return result.error.message;
                setEditingId(null);
                return undefined;
              }}
              onCancel={() => setEditingId(null)}
              onDelete={() => { setDeleteError(undefined); setDeleting(a); }}
            />
          ) : (
            <>
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <h3 className="font-semibold text-stone-900">{a.name}</h3>
                  <p className="mt-0.5 font-mono text-xs text-stone-500">{a.key}</p>
                </div>
                <Button variant="ghost" className="-mr-2 -mt-1 px-2.5 py-1.5" aria-label={`Edit attribute ${a.name}`} onClick={() => { setAdding(false); setEditingId(a.id); }}>
                  Edit
                </Button>
              </div>
              {a.description ? <p className="mt-2 text-sm text-stone-700">{a.description}</p> : null}
              <ul className="mt-3 flex flex-wrap gap-1.5">
                {a.options.map((o) => (
                  <li key={o.id} title={`${o.value} · used by ${o.usage}`} className="rounded-full bg-stone-100 px-2.5 py-0.5 text-xs text-stone-700">
                    {o.label}
                    {o.usage > 0 ? <span className="ml-1 tabular-nums text-stone-500">{o.usage}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      ))}

      <Dialog
        open={deleting !== null}
        onClose={() => { if (!deletePending) setDeleting(null); }}
        title={deleting ? `Delete attribute “${deleting.name}”` : 'Delete attribute'}
        footer={
          <>
            <Button variant="ghost" onClick={() => setDeleting(null)} disabled={deletePending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={remove} disabled={deletePending} className="min-w-24">
              {deletePending ? <InlineSpinner /> : null}
              {deletePending ? 'Deleting…' : 'Delete'}
            </Button>
          </>
        }
      >
        <p>
          {deleting && usageOf(deleting) > 0
            ? `Its values on ${usageOf(deleting)} ${usageOf(deleting) === 1 ? 'annotation' : 'annotations'} will be removed. This cannot be undone.`
            : 'No annotation has a value for it yet.'}
        </p>
        <FormError message={deleteError} />
      </Dialog>
    </section>
  );
}
