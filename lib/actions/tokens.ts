'use server';
import { runAction } from '@/lib/actions/run';
import { revalidatePath } from 'next/cache';
import { createApiToken, revokeApiToken, type ApiTokenSummary } from '@/lib/data/tokens';
import { type ActionResult } from '@/lib/errors';
import type { CreateApiTokenInput } from '@/lib/validations/token';

/** The token is in the result this once; the settings page shows it and never again. */
export async function createApiTokenAction(
  input: CreateApiTokenInput,
): Promise<ActionResult<{ id: string; name: string; prefix: string; token: string }>> {
  return runAction('createApiTokenAction', async (actor) => {
    const created = await createApiToken(actor, input);
    revalidatePath('/settings');
    return created;
  });
}

export async function revokeApiTokenAction(tokenId: string): Promise<ActionResult<ApiTokenSummary>> {
  return runAction('revokeApiTokenAction', async (actor) => {
    const revoked = await revokeApiToken(actor, tokenId);
    revalidatePath('/settings');
    return revoked;
  });
}
