'use server';
import { formFields, runAction } from '@/lib/actions/run';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActivityFiltersInput } from '@/lib/activity';
import { listActivity, type ActivityPage } from '@/lib/data/activity';
import { createProject, deleteProject, setLayersRevealed, setProjectArchived, updateProjectSettings } from '@/lib/data/projects';
import type { ActionResult } from '@/lib/errors';
import type { ProjectSettingsInput } from '@/lib/validations/project';

export async function createProjectAction(form: FormData): Promise<ActionResult<null>> {
  const result = await runAction('createProjectAction', (actor) => createProject(actor, formFields(form, ['slug', 'name', 'question', 'description'])));
  if (!result.ok) return result;
  redirect(`/projects/${result.data.slug}`);
}

const projectPath = (slug: string) => `/projects/${slug}`;

/** Saves the owner's settings form; the whole project layout shows the name and blind-coding badge. */
export async function updateProjectSettingsAction(slug: string, input: ProjectSettingsInput): Promise<ActionResult<null>> {
  return runAction('updateProjectSettingsAction', async (actor) => {
    await updateProjectSettings(actor, slug, input);
    revalidatePath(projectPath(slug), 'layout');
    return null;
  });
}

export async function setLayersRevealedAction(slug: string, revealed: boolean): Promise<ActionResult<null>> {
  return runAction('setLayersRevealedAction', async (actor) => {
    await setLayersRevealed(actor, slug, revealed);
    revalidatePath(projectPath(slug), 'layout');
    return null;
  });
}

/** The activity log's "Load older": the next page after `filters.cursor`, under the same filters. */
export async function listActivityAction(slug: string, filters: ActivityFiltersInput): Promise<ActionResult<ActivityPage>> {
  return runAction('listActivityAction', (actor) => listActivity(actor, slug, filters));
}

/** Archives or restores the project; the list and every page of the project change with it. */
export async function setProjectArchivedAction(slug: string, archived: boolean): Promise<ActionResult<null>> {
  return runAction('setProjectArchivedAction', async (actor) => {
    await setProjectArchived(actor, slug, archived);
    revalidatePath('/projects', 'layout');
    return null;
  });
}

export async function deleteProjectAction(slug: string, form: FormData): Promise<ActionResult<null>> {
  const result = await runAction('deleteProjectAction', (actor) => deleteProject(actor, slug, formFields(form, ['confirmName']).confirmName));
  if (!result.ok) return result;
  revalidatePath('/projects', 'layout');
  redirect(`/projects?deleted=${encodeURIComponent(result.data.name)}`);
}
