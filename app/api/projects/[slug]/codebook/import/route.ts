import { json, withApi } from '@/lib/api';
import { importCodebookFile } from '@/lib/data/exports';
import { readUpload } from '@/lib/uploads';

/** A REFI-QDA codebook (.qdc) as the body: its codes are added to the project's codebook. */
export const POST = withApi<{ slug: string }>(async ({ actor, params, request }) => json(await importCodebookFile(actor, params.slug, await readUpload(request))));
