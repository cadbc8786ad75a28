'use server';
import { redirect } from 'next/navigation';
import { createProject } from '@/lib/data/projects';
import { isAppError } from '@/lib/errors';
import { requireActor } from '@/lib/session';
import type { FormState } from './auth';

export async function createProjectAction(_prev: FormState, form: FormData): Promise<FormState> {
  const { actor } = await requireActor();
  const input = { slug: String(form.get('slug') ?? ''), name: String(form.get('name') ?? ''), description: String(form.get('description') ?? '') };
  let slug: string;
  try {
    ({ slug } = await createProject(actor, input));
  } catch (error) {
    if (isAppError(error)) return { error: error.message, fields: input };
    throw error;
  }
  redirect(`/projects/${slug}`);
}
