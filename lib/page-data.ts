import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getDocument } from '@/lib/data/documents';
import { getProject } from '@/lib/data/projects';
import { isAppError } from '@/lib/errors';

/** For pages: a NOT_FOUND from the data layer renders the segment's not-found page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

// Per-request caches of the reads a layout and its page both need: the layout decides 404 before
// any loading boundary starts streaming (so the status really is 404), the page reuses the result.
export const getProjectCached = cache(getProject);
export const getDocumentCached = cache(getDocument);

/**
 * For pages whose URL carries filters: a value, or the INVALID message to show in place of the
 * figures (a bad filter in a shared link should explain itself, not crash). NOT_FOUND still renders
 * the not-found page; anything else goes to the error boundary.
 */
export async function orInvalid<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await orNotFound(promise) };
  } catch (error) {
    if (isAppError(error) && error.code === 'INVALID') return { ok: false, message: error.message };
    throw error;
  }
}
