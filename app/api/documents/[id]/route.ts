import { json, withApi } from '@/lib/api';
import { getDocument } from '@/lib/data/documents';

/** One document: metadata, its canonical text (what annotation offsets point into) and blocks. */
export const GET = withApi<{ id: string }>(async ({ actor, params }) => {
  const d = await getDocument(actor, params.id);
  return json({
    document: {
      id: d.id,
      title: d.title,
      author: d.author,
      authorAffiliation: d.authorAffiliation,
      outlet: d.outlet,
      publishedAt: d.publishedOn,
      sourceUrl: d.sourceUrl,
      length: d.length,
      contentHash: d.contentHash,
      text: d.text,
      blocks: d.blocks,
    },
  });
});
