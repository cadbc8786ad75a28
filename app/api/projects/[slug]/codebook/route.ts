import { json, withApi } from '@/lib/api';
import { getCodebook } from '@/lib/data/codebook';

export const GET = withApi<{ slug: string }>(async ({ actor, params }) => {
  const { categories, attributes } = await getCodebook(actor, params.slug);
  return json({
    categories: categories.map((c) => ({
      id: c.id,
      name: c.name,
      path: c.path,
      color: c.color,
      parentId: c.parentId,
      shortcut: c.shortcut,
      description: c.description,
    })),
    attributes: attributes.map((a) => ({
      key: a.key,
      name: a.name,
      options: a.options.map((o) => ({ value: o.value, label: o.label })),
    })),
  });
});
