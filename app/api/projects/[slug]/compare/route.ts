import { json, withApi } from '@/lib/api';
import { comparisonToJson } from '@/lib/compare/text';
import { getComparison } from '@/lib/data/compare';

const list = (url: URL, name: string) => url.searchParams.getAll(name).join(',') || undefined;

/** ?layer=consensus|pooled|<annotator id>&annotators=&documents=&categories=&attr=key:value&group=<document group id> */
export const GET = withApi<{ slug: string }>(async ({ actor, params, url }) => {
  const view = await getComparison(actor, params.slug, {
    layer: url.searchParams.get('layer') ?? undefined,
    annotators: list(url, 'annotators'),
    documents: list(url, 'documents'),
    categories: list(url, 'categories'),
    attr: url.searchParams.get('attr') ?? undefined,
    group: url.searchParams.get('group') || undefined,
  });
  return json(comparisonToJson(view));
});
