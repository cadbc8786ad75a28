// Pure helpers over the category hierarchy.

/** How a path names its levels: "Security / TTP sanctuary". A category's name may not contain it (lib/validations/codebook.ts). */
export const categoryPathSeparator = ' / ';

/**
 * Every category's path ("Parent / Child") by id: the one rule, for the codebook, exports, imports
 * and messages. A cycle (a corrupt tree) stops at the repeated category.
 */
export function categoryPaths(categories: readonly { id: string; parentId: string | null; name: string }[]): Map<string, string> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  for (const category of categories) {
    const names: string[] = [];
    const seen = new Set<string>();
    let current: { id: string; parentId: string | null; name: string } | undefined = category;
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      names.unshift(current.name);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    paths.set(category.id, names.join(categoryPathSeparator));
  }
  return paths;
}

/** Orders a category forest depth-first, siblings by position, and computes each path. */
export function flattenCategoryTree<T extends { id: string; parentId: string | null; name: string; position: number }>(
  rows: T[],
): (T & { path: string; depth: number })[] {
  const children = new Map<string | null, T[]>();
  for (const row of rows) {
    const list = children.get(row.parentId) ?? [];
    list.push(row);
    children.set(row.parentId, list);
  }
  const paths = categoryPaths(rows);
  const out: (T & { path: string; depth: number })[] = [];
  const visit = (parentId: string | null, depth: number) => {
    const list = (children.get(parentId) ?? []).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    for (const row of list) {
      out.push({ ...row, path: paths.get(row.id)!, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
