'use server';
import { saveMemo, type MemoDto } from '@/lib/data/compare';
import { toVersionedActionError, type VersionedActionResult } from '@/lib/errors';
import type { MemoInput } from '@/lib/validations/compare';
import { requireActor } from '@/lib/session';

/** Saves a memo; a stale version comes back as CONFLICT with the memo as it now is. */
export async function saveMemoAction(slug: string, input: MemoInput): Promise<VersionedActionResult<MemoDto, MemoDto | null>> {
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await saveMemo(actor, slug, input) };
  } catch (error) {
    return toVersionedActionError<MemoDto | null>(error, 'saveMemoAction');
  }
}
