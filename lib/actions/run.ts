import 'server-only';
import type { Actor } from '@/lib/data/actor';
import { toActionError, type ActionResult } from '@/lib/errors';
import { requireActor } from '@/lib/session';

/**
 * The one shape of a server action: who is asking (signed out, the visitor is sent to sign in),
 * the call into lib/data (which parses its input with zod), and the answer: the data, or the error
 * mapped to what the form or the workspace shows. `name` is for the log, when the error is not one
 * the app expected.
 *
 * Not a 'use server' module: it exports a helper, which the actions' modules call.
 */
export async function runAction<T>(name: string, call: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  // Outside the try: when no one is signed in, requireActor redirects, by throwing what Next
  // turns into the redirect.
  const { actor } = await requireActor();
  try {
    return { ok: true, data: await call(actor) };
  } catch (error) {
    return toActionError(error, name);
  }
}

/** The named text fields of a posted form, as the plain object the data layer's schemas parse. */
export function formFields<K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = form.get(name);
    out[name] = typeof value === 'string' ? value : '';
  }
  return out;
}
