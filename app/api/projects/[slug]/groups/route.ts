import { json, withApi } from '@/lib/api';
import type { DocumentGroupInput } from '@/lib/validations/groups';
import { createDocumentGroup, listGroups } from '@/lib/data/groups';

/** The project's document groups and category groups, each with its members' ids. */
export const GET = withApi<{ slug: string }>(async ({ actor, params }) => json(await listGroups(actor, params.slug)));

/** Validated by the data layer. { "name": "…", "description": "…", "documentIds": [<id>, …] }: a new document group (owners and curators). */
export const POST = withApi<{ slug: string }>(async ({ actor, params, readJson }) => json({ group: await createDocumentGroup(actor, params.slug, (await readJson()) as DocumentGroupInput) }, 201));
