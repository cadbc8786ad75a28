import { json, withApi } from '@/lib/api';
import { createApiToken, listApiTokens } from '@/lib/data/tokens';
import { parseOrThrow } from '@/lib/validations/parse';
import { createApiTokenSchema } from '@/lib/validations/token';

export const GET = withApi(async ({ actor }) => json({ tokens: await listApiTokens(actor) }));

/** 201 with the token itself, shown this once: only its hash is stored. */
export const POST = withApi(async ({ actor, readJson }) => {
  const input = parseOrThrow(createApiTokenSchema, await readJson());
  return json({ token: await createApiToken(actor, input) }, 201);
});
