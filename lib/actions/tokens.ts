'use server';
import { revalidatePath } from 'next/cache';
import { createApiToken, revokeApiToken, type ApiTokenSummary } from '@/lib/data/tokens';
import { toActionError, type ActionResult } from '@/lib/errors';
import { requireActor } from '@/lib/session';
import type { CreateApiTokenInput } from '@/lib/validations/token';

/** The token is in the result this once; the settings page shows it and never again. */
export async function createApiTokenAction(
  input: CreateApiTokenInput,
): Promise<ActionResult<{ id: string; name: string; prefix: string; token: string }>> {
  const { actor } = await requireActor();
  try {
    const created = await createApiToken(actor, input);
    revalidatePath('/settings');
    return { ok: true, data: created };
  } catch (error) {
    return toActionError(error, 'createApiTokenAction');
  }
}

export async function revokeApiTokenAction(tokenId: string): Promise<ActionResult<ApiTokenSummary>> {
  const { actor } = await requireActor();
  try {
    const revoked = await revokeApiToken(actor, tokenId);
    revalidatePath('/settings');
    return { ok: true, data: revoked };
  } catch (error) {
    return toActionError(error, 'revokeApiTokenAction');
  }
}
