import { json, withApi } from '@/lib/api';
import { getCurationView } from '@/lib/data/curation';

/** The curation board's data: open review items, the consensus, decisions and what each rule would do. */
export const GET = withApi<{ id: string }>(async ({ actor, params, url }) => {
  const annotators = url.searchParams.getAll('annotators').join(',') || undefined;
  return json(await getCurationView(actor, params.id, { annotators }));
});
