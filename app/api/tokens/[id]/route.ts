import { noContent, withApi } from '@/lib/api';
import { revokeApiToken } from '@/lib/data/tokens';

export const DELETE = withApi<{ id: string }>(async ({ actor, params }) => {
  await revokeApiToken(actor, params.id);
  return noContent();
});
