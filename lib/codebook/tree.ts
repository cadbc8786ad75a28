// Pure helpers over the category hierarchy.

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
  const out: (T & { path: string; depth: number })[] = [];
  const visit = (parentId: string | null, prefix: string, depth: number) => {
    const list = (children.get(parentId) ?? []).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    for (const row of list) {
      const path = prefix ? `${prefix} / ${row.name}` : row.name;
      out.push({ ...row, path, depth });
      visit(row.id, path, depth + 1);
    }
  };
  visit(null, '', 0);
  return out;
}
