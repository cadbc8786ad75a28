import { json, withApi } from '@/lib/api';
import { listDocumentComments } from '@/lib/data/comments';

/** Every comment of the document you may see (oldest first), the thread states and your read mark. */
export const GET = withApi<{ id: string }>(async ({ actor, params }) => {
  return json(await listDocumentComments(actor, params.id));
});
