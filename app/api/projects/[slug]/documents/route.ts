import { json, withApi } from '@/lib/api';
import { importDocuments, listDocuments } from '@/lib/data/documents';
import type { ImportedDocumentInput } from '@/lib/validations/document';

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

/** Reviewed articles to import, all or nothing: { documents: [{ title, author, …, sourceName, blocks }] } (20 MB at most). */
export const POST = withApi<{ slug: string }>(async ({ actor, params, readJson }) => {
  const body = (await readJson(20 * 1024 * 1024)) as { documents?: unknown };
  const created = await importDocuments(actor, params.slug, { documents: (body?.documents ?? body) as ImportedDocumentInput[] });
  return json({ documents: created }, 201);
});
