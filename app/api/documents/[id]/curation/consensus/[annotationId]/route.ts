import { json, withApi } from '@/lib/api';
import { removeConsensusPassage } from '@/lib/data/curation';

/** Takes a passage out of the consensus; its review item opens again. */
export const DELETE = withApi<{ id: string; annotationId: string }>(async ({ actor, params }) => {
  return json({ decision: await removeConsensusPassage(actor, params.id, params.annotationId) });
});
