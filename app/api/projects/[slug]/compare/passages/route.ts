import { json, withApi } from '@/lib/api';
import { getComparisonPassages } from '@/lib/data/compare';
import { AppError } from '@/lib/errors';

const list = (url: URL, name: string) => url.searchParams.getAll(name).join(',') || undefined;

/** ?category=<id> (required) and the comparison filters: one factor's passages per article. */
export const GET = withApi<{ slug: string }>(async ({ actor, params, url }) => {
  const category = url.searchParams.get('category');
  if (!category) throw new AppError('INVALID', 'category is required: the factor whose passages to list.');
  return json(
    await getComparisonPassages(actor, params.slug, {
      category,
      layer: url.searchParams.get('layer') ?? undefined,
      annotators: list(url, 'annotators'),
      documents: list(url, 'documents'),
      attr: url.searchParams.get('attr') ?? undefined,
      group: url.searchParams.get('group') || undefined,
    }),
  );
});
