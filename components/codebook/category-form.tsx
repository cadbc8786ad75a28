'use client';
import { useId, useState, useTransition, type ReactNode } from 'react';
import type { CodebookCategory } from '@/lib/data/codebook';
import { descendantIds } from '@/lib/codebook/hierarchy';
import { colorPattern } from '@/lib/codebook/palette';
import { normalizeShortcut, shortcutProblem } from '@/lib/codebook/shortcuts';
import { limits } from '@/lib/validations/limits';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { inputClass } from '@/components/ui/field';
import { InlineSpinner } from '@/components/ui/inline-spinner';
import { ColorPicker } from './color-picker';

export type CategoryDraft = {
  name: string;
  color: string;
  shortcut: string;
  parentId: string | null;
  description: string;
  example: string;
};

type FieldName = 'name' | 'color' | 'shortcut' | 'parentId' | 'form';

/**
 * Which control a server message is about, so it is shown beside that control. The data layer's
 * messages start with the field's own words ("Shortcut …", "A category named …", "Cannot move …").
 */
function fieldOf(message: string): FieldName {
  if (/^(shortcut: )?Shortcut /.test(message)) return 'shortcut';
  if (/^A category named |^name: /.test(message)) return 'name';
  if (/^Cannot move |new parent|^parentId: /.test(message)) return 'parentId';
  if (/^color: /.test(message)) return 'color';
  return 'form';
}

/** An error line that takes no room while empty; the caller reserves the room. */
function ErrorLine({ id, message }: { id: string; message: string | null | undefined }) {
  return (
    <p id={id} role="alert" className="text-xs text-red-700 empty:hidden">
      {message ?? ''}
    </p>
  );
}

function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  // Always rendered (empty when fine) so that an error appearing does not shift the form.
  return (
    <p id={id} role="alert" className="mt-1 min-h-4 text-xs text-red-700">
      {message ?? ''}
    </p>
  );
}

/**
 * The fields of one category, for adding (with a parent select) and editing (with "Move under…").
 * Shortcut and colour are checked as the user types with the same rules the server applies; the
 * server's verdict still decides and is shown beside the control it concerns.
 */
export function CategoryForm({
  mode,
  initial,
  categories,
  selfId,
  onSubmit,
  onCancel,
  extraActions,
}: {
  mode: 'add' | 'edit';
  initial: CategoryDraft;
  categories: CodebookCategory[];
  selfId?: string;
  onSubmit: (draft: CategoryDraft) => Promise<string | undefined>;
  onCancel: () => void;
  extraActions?: ReactNode;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [serverError, setServerError] = useState<{ field: FieldName; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof CategoryDraft>(key: K, value: CategoryDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (serverError?.field === key || serverError?.field === 'form') setServerError(null);
  };

  const takenBy = new Map(categories.filter((c) => c.shortcut !== null && c.id !== selfId).map((c) => [c.shortcut as string, c.path]));
  const shortcut = normalizeShortcut(draft.shortcut);
  const shortcutError = shortcut === '' ? null : shortcutProblem(shortcut, takenBy);
  const colorError = colorPattern.test(draft.color) ? null : 'invalid';
  const nameError = draft.name.trim() === '' ? 'Name is required.' : null;
  // Itself and its own descendants are not offered: a category cannot move under them.
  const excluded = selfId ? new Set([selfId, ...descendantIds(categories, selfId)]) : new Set<string>();
  const parents = categories.filter((c) => !excluded.has(c.id));
  const blocked = shortcutError !== null || colorError !== null || nameError !== null;

  const submit = () =>
    startTransition(async () => {
      setServerError(null);
      const message = await onSubmit({ ...draft, shortcut });
      if (message) setServerError({ field: fieldOf(message), message });
    });

  const errorFor = (field: FieldName) => (serverError?.field === field ? serverError.message : null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocked) submit();
      }}
      aria-label={mode === 'add' ? 'New category' : `Edit ${initial.name}`}
      className="space-y-4"
      noValidate
    >
      <fieldset disabled={pending} className="space-y-3">
        <div className="grid gap-x-4 gap-y-1 sm:grid-cols-[minmax(0,1fr)_7rem]">
          <div>
            <label htmlFor={`${id}-name`} className="mb-1.5 block text-sm font-medium text-stone-700">
              Name
            </label>
            <input
              id={`${id}-name`}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
              maxLength={limits.categoryName}
              autoFocus
              aria-invalid={!!errorFor('name')}
              aria-describedby={`${id}-name-error`}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor={`${id}-shortcut`} className="mb-1.5 block text-sm font-medium text-stone-700">
              Shortcut
            </label>
            <input
              id={`${id}-shortcut`}
              value={draft.shortcut}
              onChange={(e) => set('shortcut', e.target.value)}
              maxLength={1}
              placeholder="none"
              spellCheck={false}
              autoComplete="off"
              aria-invalid={!!(shortcutError ?? errorFor('shortcut'))}
              aria-describedby={`${id}-shortcut-error ${id}-shortcut-hint`}
              className={cn(inputClass, 'text-center font-mono')}
            />
            <p id={`${id}-shortcut-hint`} className="sr-only">
              One digit or letter. u, n and x are kept for undo, note and delete.
            </p>
          </div>
          {/* One line reserved for both fields' messages: the shortcut's are too long for its column. */}
          <div className="min-h-5 sm:col-span-2">
            <ErrorLine id={`${id}-name-error`} message={errorFor('name')} />
            <ErrorLine id={`${id}-shortcut-error`} message={shortcutError ?? errorFor('shortcut')} />
          </div>
        </div>

        <ColorPicker value={draft.color} onChange={(hex) => set('color', hex)} />
        {errorFor('color') ? <FieldError id={`${id}-color-error`} message={errorFor('color')} /> : null}

        <div>
          <label htmlFor={`${id}-parent`} className="mb-1.5 block text-sm font-medium text-stone-700">
            {mode === 'add' ? 'Parent' : 'Move under…'}
          </label>
          <select
            id={`${id}-parent`}
            value={draft.parentId ?? ''}
            onChange={(e) => set('parentId', e.target.value === '' ? null : e.target.value)}
            aria-describedby={`${id}-parent-error`}
            className={inputClass}
          >
            <option value="">Top level (no parent)</option>
            {parents.map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-parent-error`} message={errorFor('parentId')} />
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={`${id}-description`} className="mb-1.5 block text-sm font-medium text-stone-700">
              Description
            </label>
            <textarea
              id={`${id}-description`}
              value={draft.description}
              onChange={(e) => set('description', e.target.value)}
              rows={3}
              maxLength={limits.categoryDescription}
              placeholder="When to use this category, and when not."
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor={`${id}-example`} className="mb-1.5 block text-sm font-medium text-stone-700">
              Example
            </label>
            <textarea
              id={`${id}-example`}
              value={draft.example}
              onChange={(e) => set('example', e.target.value)}
              rows={3}
              maxLength={limits.categoryExample}
              placeholder="A passage that clearly belongs here."
              className={cn(inputClass, 'font-serif')}
            />
          </div>
        </div>
      </fieldset>

      {serverError?.field === 'form' ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
          {serverError.message}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-2 border-t border-stone-100 pt-4">
        {extraActions}
        <div className="ml-auto flex items-center gap-2">
          <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending || blocked} className="min-w-28">
            {pending ? <InlineSpinner /> : null}
            {pending ? 'Saving…' : mode === 'add' ? 'Add category' : 'Save'}
          </Button>
        </div>
      </div>
    </form>
  );
}
