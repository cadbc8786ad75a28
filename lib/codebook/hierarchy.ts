// Pure rules for moving and ordering categories in the hierarchy. The data layer checks them
// against the database rows; the editor uses the same functions to offer only valid choices.

export type TreeNode = { id: string; parentId: string | null };

/** Every category below `id` (children, grandchildren, ...), not including `id` itself. */
export function descendantIds(nodes: readonly TreeNode[], id: string): Set<string> {
  const children = new Map<string | null, string[]>();
  for (const n of nodes) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out = new Set<string>();
  const stack = [...(children.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    // The guard also stops a loop should the stored tree already be corrupt.
    if (out.has(next) || next === id) continue;
    out.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/**
 * Why putting `id` under `newParentId` would create a cycle: the offending parent's id (`id`
 * itself, or one of its descendants), or null when the move is fine. Moving to the top level
 * (null) never creates one.
 */
export function cycleParent(nodes: readonly TreeNode[], id: string, newParentId: string | null): string | null {
  if (newParentId === null) return null;
  if (newParentId === id) return id;
  return descendantIds(nodes, id).has(newParentId) ? newParentId : null;
}

/**
 * Checks that `orderedIds` lists exactly the current siblings, each once. Returns what is wrong in
 * words (using `nameOf` for the message), or null when it is a permutation of `siblingIds`.
 */
export function siblingOrderProblem(
  siblingIds: readonly string[],
  orderedIds: readonly string[],
  nameOf: (id: string) => string = (id) => id,
): string | null {
  const problems: string[] = [];
  const seen = new Set<string>();
  const duplicates = orderedIds.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (duplicates.length > 0) problems.push(`listed twice: ${[...new Set(duplicates)].map((id) => `"${nameOf(id)}"`).join(', ')}`);
  const expected = new Set(siblingIds);
  const missing = siblingIds.filter((id) => !seen.has(id));
  if (missing.length > 0) problems.push(`missing: ${missing.map((id) => `"${nameOf(id)}"`).join(', ')}`);
  const unknown = [...seen].filter((id) => !expected.has(id));
  if (unknown.length > 0) problems.push(`not among these categories: ${unknown.join(', ')}`);
  if (problems.length === 0) return null;
  return `The new order must list each of the ${siblingIds.length} sibling categories exactly once (${problems.join('; ')}). Reload the page and try again.`;
}

/** `ids` with the item `id` moved one place up (-1) or down (+1); unchanged at either end. */
export function moveInOrder(ids: readonly string[], id: string, delta: -1 | 1): string[] {
  const out = [...ids];
  const from = out.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= out.length) return out;
  [out[from], out[to]] = [out[to] as string, out[from] as string];
  return out;
}
