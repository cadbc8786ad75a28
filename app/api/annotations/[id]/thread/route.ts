import { json, withApi } from '@/lib/api';
import { setThreadResolved } from '@/lib/data/comments';
import { threadStateSchema } from '@/lib/validations/comment';
import { parseOrThrow } from '@/lib/validations/parse';

/** { "resolved": true } resolves the thread, false reopens it; either way idempotent. */
export const PUT = withApi<{ id: string }>(async ({ actor, params, readJson }) => {
  const { resolved } = parseOrThrow(threadStateSchema, await readJson());
  return json({ thread: await setThreadResolved(actor, params.id, resolved) });
});
