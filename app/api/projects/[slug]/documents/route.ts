import { json, withApi } from '@/lib/api';
import { listDocuments } from '@/lib/data/documents';

/** The project's corpus: metadata only; GET /api/documents/:id has the text. */
export const GET = withApi<{ slug: string }>(async ({ actor, params }) => {
  const documents = await listDocuments(actor, params.slug);
  return json({
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      author: d.author,
      outlet: d.outlet,
      publishedAt: d.publishedOn,
      length: d.length,
    })),
  });
});
