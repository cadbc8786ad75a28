'use client';
import { useEffect, useOptimistic, useRef, useState, useTransition, type KeyboardEvent } from 'react';
import { createCategoryAction, reorderCategoriesAction, updateCategoryAction } from '@/lib/actions/codebook';
import type { CodebookAttribute, CodebookCategory } from '@/lib/data/codebook';
import { moveInOrder } from '@/lib/codebook/hierarchy';
import { pickUnusedColor } from '@/lib/codebook/palette';
import { flattenCategoryTree } from '@/lib/codebook/tree';
import type { UpdateCategoryInput } from '@/lib/validations/codebook';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { InlineSpinner } from '@/components/ui/inline-spinner';
import { EmptyState } from '@/components/ui/states';
import { AttributesEditor } from './attributes-editor';
import { CategoryForm, type CategoryDraft } from './category-form';
import { DeleteDialog, MergeDialog } from './category-dialogs';
import { dangerLinkClass } from './styles';

type Reorder = { parentId: string | null; orderedIds: string[] };

/** The categories as they will be once a reorder is saved: new positions, same depth-first order rules. */
function applyReorder(categories: CodebookCategory[], { orderedIds }: Reorder): CodebookCategory[] {
  const position = new Map(orderedIds.map((id, i) => [id, i]));
  return flattenCategoryTree(categories.map((c) => ({ ...c, position: position.get(c.id) ?? c.position })));
}

const emptyDraft = (categories: CodebookCategory[], parentId: string | null): CategoryDraft => ({
  name: '',
  color: pickUnusedColor(categories.map((c) => c.color)),
  shortcut: '',
  parentId,
  description: '',
  example: '',
});

const draftOf = (c: CodebookCategory): CategoryDraft => ({
  name: c.name,
  color: c.color,
  shortcut: c.shortcut ?? '',
  parentId: c.parentId,
  description: c.description,
  example: c.example,
});

/** Only what changed goes to the server, so a rename does not re-check an untouched shortcut. */
function changes(before: CategoryDraft, after: CategoryDraft): UpdateCategoryInput {
  const out: UpdateCategoryInput = {};
  if (after.name !== before.name) out.name = after.name;
  if (after.color.toLowerCase() !== before.color.toLowerCase()) out.color = after.color;
  if (after.shortcut !== before.shortcut) out.shortcut = after.shortcut === '' ? null : after.shortcut;
  if (after.parentId !== before.parentId) out.parentId = after.parentId;
  if (after.description !== before.description) out.description = after.description;
  if (after.example !== before.example) out.example = after.example;
  return out;
}

/**
 * The codebook editor for owners and curators. Every change is saved at once through a server
 * action; the action revalidates the page, and the fresh props replace the local view. Only
 * reordering is shown optimistically, so rows do not jump back while the save is in flight.
 */
export function CodebookEditor({
  projectSlug,
  categories,
  attributes,
}: {
  projectSlug: string;
  categories: CodebookCategory[];
  attributes: CodebookAttribute[];
}) {
  const [shown, showReorder] = useOptimistic(categories, applyReorder);
  const [reordering, startReorder] = useTransition();
  const [movingId, setMovingId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ parentId: string | null } | null>(null);
  const [mergeId, setMergeId] = useState<string | null>(null);
  const [deleteId, setDeleteId] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const refocusId = useRef<string | null>(null);

  // A reordered row is re-rendered in its new place; keep the keyboard focus on it.
  useEffect(() => {
    const id = refocusId.current;
    if (!id) return;
    listRef.current?.querySelector<HTMLElement>(`[data-category-id="${id}"]`)?.focus();
  }, [shown]);

  const siblingsOf = (c: CodebookCategory) => shown.filter((s) => s.parentId === c.parentId);

  const move = (c: CodebookCategory, delta: -1 | 1) => {
    const ids = siblingsOf(c).map((s) => s.id);
    const orderedIds = moveInOrder(ids, c.id, delta);
    if (orderedIds.every((id, i) => id === ids[i])) return;
    refocusId.current = c.id;
    setRowError(null);
    setMovingId(c.id);
    startReorder(async () => {
      showReorder({ parentId: c.parentId, orderedIds });
      const result = await reorderCategoriesAction(projectSlug, { parentId: c.parentId, orderedIds });
      if (!result.ok) setRowError({ id: c.id, message: result.error.message });
      setMovingId(null);
    });
  };

  const onRowKeyDown = (c: CodebookCategory) => (e: KeyboardEvent<HTMLLIElement>) => {
    // Only when the row itself has focus: inside its edit form, Alt+arrows belong to the inputs.
    if (e.target !== e.currentTarget || !e.altKey || reordering) return;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      move(c, e.key === 'ArrowUp' ? -1 : 1);
    }
  };

  const done = (message: string) => {
    setNotice(message);
    setMergeId(null);
    setDeleteId(null);
    setEditingId(null);
  };

  const create = async (draft: CategoryDraft) => {
    const result = await createCategoryAction(projectSlug, {
      name: draft.name,
      color: draft.color,
      shortcut: draft.shortcut === '' ? null : draft.shortcut,
      parentId: draft.parentId,
      description: draft.description,
      example: draft.example,
    });
    if (!result.ok) return result.error.message;
    setAdding(null);
    setNotice(`Added “${result.data.name}”.`);
    return undefined;
  };

  const save = (c: CodebookCategory) => async (draft: CategoryDraft) => {
    const input = changes(draftOf(c), draft);
    if (Object.keys(input).length === 0) {
      setEditingId(null);
      return undefined;
    }
    const result = await updateCategoryAction(projectSlug, c.id, input);
    if (!result.ok) return result.error.message;
    setEditingId(null);
    setNotice(`Saved “${result.data.name}”.`);
    return undefined;
  };

  const startAdding = (parentId: string | null) => {
    setEditingId(null);
    setAdding({ parentId });
  };

  const addForm = adding ? (
    <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-accent-100">
      <h3 className="mb-4 text-sm font-semibold text-stone-900">
        {adding.parentId ? `New sub-category of “${shown.find((c) => c.id === adding.parentId)?.name ?? ''}”` : 'New category'}
      </h3>
      <CategoryForm
        key={`add-${adding.parentId ?? 'root'}`}
        mode="add"
        initial={emptyDraft(shown, adding.parentId)}
        categories={shown}
        onSubmit={create}
        onCancel={() => setAdding(null)}
      />
    </div>
  ) : null;

  return (
    <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-labelledby="categories-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="categories-heading" className="text-lg font-semibold text-stone-900">
              Categories <span className="ml-1 text-sm font-normal text-stone-500">{shown.length}</span>
            </h2>
            <p className="mt-0.5 text-xs text-stone-500">
              Focus a row and press <kbd className="rounded border border-stone-300 bg-white px-1 font-mono">Alt</kbd>+
              <kbd className="rounded border border-stone-300 bg-white px-1 font-mono">↑</kbd>/<kbd className="rounded border border-stone-300 bg-white px-1 font-mono">↓</kbd> to
              reorder it among its siblings.
            </p>
          </div>
          <div className="flex min-w-0 items-center gap-3">
            {/* Beside the button rather than above the list, so a message never pushes the rows down. */}
            <p role="status" aria-live="polite" className="max-w-xs truncate text-sm text-emerald-700" title={notice}>
              {notice}
            </p>
            <Button onClick={() => startAdding(null)} disabled={adding?.parentId === null} className="shrink-0">
              Add category
            </Button>
          </div>
        </div>

        {adding?.parentId === null ? addForm : null}

        {shown.length === 0 && !adding ? (
          <EmptyState title="No categories yet" action={<Button onClick={() => startAdding(null)}>Add the first category</Button>}>
            Categories are the codes annotators tag passages with. Give each a colour, a short description, an example and a shortcut key.
          </EmptyState>
        ) : null}

        {shown.length > 0 ? (
          <ul ref={listRef} className="divide-y divide-stone-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
            {shown.map((c) => {
              const siblings = siblingsOf(c);
              const index = siblings.findIndex((s) => s.id === c.id);
              const editing = editingId === c.id;
              const busy = movingId === c.id;
              return (
                <li
                  key={c.id}
                  data-category-id={c.id}
                  tabIndex={0}
                  aria-label={c.path}
                  aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                  onKeyDown={onRowKeyDown(c)}
                  className={cn('outline-none focus-visible:bg-accent-50/60 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-accent-500', editing && 'bg-stone-50/70')}
                >
                  <div className="flex items-center gap-3 py-2.5 pr-3" style={{ paddingLeft: `${0.875 + c.depth * 1.5}rem` }}>
                    {c.depth > 0 ? <span aria-hidden className="-ml-3 h-5 w-2 shrink-0 rounded-bl border-b border-l border-stone-300" /> : null}
                    <span className="h-4 w-4 shrink-0 rounded ring-1 ring-black/10" style={{ backgroundColor: c.color }} aria-hidden />
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium text-stone-900">{c.name}</p>
                      {c.description ? <p className="truncate text-xs text-stone-500">{c.description}</p> : null}
                    </div>
                    <span className="w-8 shrink-0 text-center">
                      {c.shortcut ? (
                        <kbd title={`Shortcut key ${c.shortcut}`} className="rounded border border-stone-300 bg-stone-50 px-1.5 py-0.5 font-mono text-xs text-stone-700">
                          {c.shortcut}
                        </kbd>
                      ) : null}
                    </span>
                    <span className="hidden w-24 shrink-0 text-right text-xs tabular-nums text-stone-500 sm:block">
                      {c.usage} {c.usage === 1 ? 'annotation' : 'annotations'}
                    </span>
                    <div className="flex shrink-0 items-center gap-0.5">
                      <span className="flex w-5 justify-center text-stone-500">{busy ? <InlineSpinner /> : null}</span>
                      <button
                        type="button"
                        onClick={() => move(c, -1)}
                        disabled={index <= 0 || reordering}
                        aria-label={`Move ${c.name} up`}
                        title="Move up (Alt+↑)"
                        className="rounded-md p-1.5 text-stone-500 hover:bg-stone-100 hover:text-stone-900 disabled:cursor-not-allowed disabled:opacity-30"
                      >
                        <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden>
                          <path d="M4 10l4-4 4 4" strokeLinecap="round" strokeLinejoin="round" />
                        </svg>
                      </button>
                      <button
                        type="button"
                        onClick={() => move(c, 1)}
                        disabled={index >= siblings.length - 1 || reordering}
                        aria-label={`Move ${c.name} down`}
                        title="Move down (Alt+↓)"
                        className="rounded-md p-1.5 text-stone-500 hover:bg-stone-100 hover:text-stone-900 disabled:cursor-not-allowed disabled:opacity-30"
                      >
                        <svg viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.75" aria-hidden>
                          <path d="M4 6l4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
                        </svg>
                      </button>
                      <Button
                        variant="ghost"
                        className="ml-1 px-2.5 py-1.5"
                        aria-label={`Edit ${c.name}`}
                        aria-expanded={editing}
                        onClick={() => {
                          setAdding(null);
                          setEditingId(editing ? null : c.id);
                        }}
                      >
                        {editing ? 'Close' : 'Edit'}
                      </Button>
                    </div>
                  </div>
                  {rowError?.id === c.id ? (
                    <p role="alert" className="mx-3 mb-2.5 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
                      {rowError.message}
                    </p>
                  ) : null}
                  {editing ? (
                    <div className="border-t border-stone-100 bg-white px-5 py-5">
                      <CategoryForm
                        key={c.id}
                        mode="edit"
                        initial={draftOf(c)}
                        categories={shown}
                        selfId={c.id}
                        onSubmit={save(c)}
                        onCancel={() => setEditingId(null)}
                        extraActions={
                          <>
                            <Button type="button" variant="secondary" onClick={() => startAdding(c.id)}>
                              Add sub-category
                            </Button>
                            <Button type="button" variant="secondary" onClick={() => setMergeId(c.id)}>
                              Merge…
                            </Button>
                            <button type="button" className={dangerLinkClass} onClick={() => setDeleteId(c.id)}>
                              Delete…
                            </button>
                          </>
                        }
                      />
                    </div>
                  ) : null}
                  {adding?.parentId === c.id ? <div className="border-t border-stone-100 bg-stone-50/70 p-4">{addForm}</div> : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>

      <AttributesEditor projectSlug={projectSlug} attributes={attributes} />

      <MergeDialog
        projectSlug={projectSlug}
        source={shown.find((c) => c.id === mergeId) ?? null}
        categories={shown}
        onClose={() => setMergeId(null)}
        onDone={done}
      />
      <DeleteDialog
        projectSlug={projectSlug}
        category={shown.find((c) => c.id === deleteId) ?? null}
        categories={shown}
        onClose={() => setDeleteId(null)}
        onDone={done}
      />
    </div>
  );
}
