import { fileResponse, withApi } from '@/lib/api';
import { exportProject } from '@/lib/data/exports';
import { exportOptionsSchema } from '@/lib/validations/export';
import { parseOrThrow } from '@/lib/validations/parse';

/** The file itself: ?format=html|pdf|csv|w3c|qdpx|qdc&documents=&categories=&group=&layers=&annotators=&comments=&memos= */
export const GET = withApi<{ slug: string }>(async ({ actor, params, url }) => {
  const q = url.searchParams;
  const list = (name: string) => q.getAll(name).join(',') || undefined;
  const options = parseOrThrow(exportOptionsSchema, {
    format: q.get('format') ?? undefined,
    documents: list('documents'),
    categories: list('categories'),
    group: q.get('group') || undefined,
    layers: q.get('layers') ?? undefined,
    annotators: list('annotators'),
    comments: q.get('comments') ?? undefined,
    memos: q.get('memos') ?? undefined,
  });
  const file = await exportProject(actor, params.slug, options, url.origin);
  return fileResponse(file);
});
