'use client';
import { useId, useState, useTransition } from 'react';
import { deleteCategoryAction, mergeCategoriesAction } from '@/lib/actions/codebook';
import type { CodebookCategory } from '@/lib/data/codebook';
import { descendantIds } from '@/lib/codebook/hierarchy';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormError, inputClass } from '@/components/ui/field';
import { InlineSpinner } from '@/components/ui/inline-spinner';

const annotations = (n: number) => `${n} ${n === 1 ? 'annotation' : 'annotations'}`;

function CategoryOptions({ categories }: { categories: CodebookCategory[] }) {
  return (
    <>
      <option value="" disabled>
        Choose a category…
      </option>
      {categories.map((c) => (
        <option key={c.id} value={c.id}>
          {c.path}
        </option>
      ))}
    </>
  );
}

/** "Merge A into B — N annotations will move", with the target chosen in the dialog. */
export function MergeDialog({
  projectSlug,
  source,
  categories,
  onClose,
  onDone,
}: {
  projectSlug: string;
  source: CodebookCategory | null;
  categories: CodebookCategory[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const [targetId, setTargetId] = useState('');
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const below = source ? descendantIds(categories, source.id) : new Set<string>();
  const targets = categories.filter((c) => c.id !== source?.id && !below.has(c.id));
  const target = categories.find((c) => c.id === targetId);
  const children = source ? categories.filter((c) => c.parentId === source.id) : [];
  const close = () => {
    if (pending) return;
    setTargetId('');
    setError(undefined);
    onClose();
  };
  const merge = () =>
    startTransition(async () => {
      if (!source || !target) return;
      const result = await mergeCategoriesAction(projectSlug, { sourceId: source.id, targetId: target.id });
      if (!result.ok) return setError(result.error.message);
      setTargetId('');
      onDone(`Merged “${source.name}” into “${target.name}”: ${annotations(result.data.moved)} moved.`);
    });
  return (
    <Dialog
      open={source !== null}
      onClose={close}
      title={source ? `Merge “${source.name}”` : 'Merge'}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button onClick={merge} disabled={pending || !target} className="min-w-24">
            {pending ? <InlineSpinner /> : null}
            {pending ? 'Merging…' : 'Merge'}
          </Button>
        </>
      }
    >
      <p>Every annotation of this category moves to the category you choose, and this category is deleted. This cannot be undone.</p>
      <div>
        <label htmlFor={`${id}-target`} className="mb-1.5 block font-medium text-stone-700">
          Merge into
        </label>
        <select id={`${id}-target`} value={targetId} onChange={(e) => setTargetId(e.target.value)} className={inputClass} disabled={pending}>
          <CategoryOptions categories={targets} />
        </select>
      </div>
      {source ? (
        <p className="rounded-md bg-stone-50 px-3 py-2 text-stone-800 ring-1 ring-inset ring-stone-200" aria-live="polite">
          {target ? (
            <>
              Merge <strong>{source.name}</strong> into <strong>{target.name}</strong> — {annotations(source.usage)} will move.
              {children.length > 0 ? ` Its ${children.length === 1 ? 'sub-category moves' : `${children.length} sub-categories move`} under ${target.name}.` : ''}
            </>
          ) : (
            <>{annotations(source.usage)} use {source.name}.</>
          )}
        </p>
      ) : null}
      <FormError message={error} />
    </Dialog>
  );
}

/**
 * Deletes a category; when annotations use it the user must choose where they go. The server
 * also counts deleted annotations, so a refusal can ask for a target even when usage shows 0.
 */
export function DeleteDialog({
  projectSlug,
  category,
  categories,
  onClose,
  onDone,
}: {
  projectSlug: string;
  category: CodebookCategory | null;
  categories: CodebookCategory[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const [reassignTo, setReassignTo] = useState('');
  const [error, setError] = useState<string>();
  const [askTarget, setAskTarget] = useState(false);
  const [pending, startTransition] = useTransition();
  const children = category ? categories.filter((c) => c.parentId === category.id) : [];
  const needsTarget = !!category && (category.usage > 0 || askTarget);
  const close = () => {
    if (pending) return;
    setReassignTo('');
    setError(undefined);
    setAskTarget(false);
    onClose();
  };
  const remove = () =>
    startTransition(async () => {
      if (!category) return;
      const result = await deleteCategoryAction(projectSlug, category.id, reassignTo ? { reassignTo } : {});
      if (!result.ok) {
        if (result.error.code === 'CONFLICT' && /reassign/.test(result.error.message)) setAskTarget(true);
        return setError(result.error.message);
      }
      const target = categories.find((c) => c.id === reassignTo);
      setReassignTo('');
      setAskTarget(false);
      onDone(
        result.data.reassigned > 0 && target
          ? `Deleted “${category.name}”; ${annotations(result.data.reassigned)} now use “${target.name}”.`
          : `Deleted “${category.name}”.`,
      );
    });
  return (
    <Dialog
      open={category !== null}
      onClose={close}
      title={category ? `Delete “${category.name}”` : 'Delete'}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={remove} disabled={pending || children.length > 0 || (needsTarget && !reassignTo)} className="min-w-24">
            {pending ? <InlineSpinner /> : null}
            {pending ? 'Deleting…' : 'Delete'}
          </Button>
        </>
      }
    >
      {children.length > 0 ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-inset ring-amber-200">
          “{category?.name}” has {children.length === 1 ? 'a sub-category' : `${children.length} sub-categories`}. Move{' '}
          {children.length === 1 ? 'it' : 'them'} elsewhere first, or merge “{category?.name}” into another category, which keeps them.
        </p>
      ) : needsTarget ? (
        <>
          <p>
            {category && category.usage > 0 ? `${annotations(category.usage)} use “${category.name}”.` : `Annotations use “${category?.name}”.`} Choose the category
            they move to before it is deleted.
          </p>
          <div>
            <label htmlFor={`${id}-reassign`} className="mb-1.5 block font-medium text-stone-700">
              Reassign annotations to
            </label>
            <select id={`${id}-reassign`} value={reassignTo} onChange={(e) => setReassignTo(e.target.value)} className={inputClass} disabled={pending}>
              <CategoryOptions categories={categories.filter((c) => c.id !== category?.id)} />
            </select>
          </div>
        </>
      ) : (
        <p>No annotation uses “{category?.name}”. It is removed from the codebook.</p>
      )}
      <FormError message={error} />
    </Dialog>
  );
}
