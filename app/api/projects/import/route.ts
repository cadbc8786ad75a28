import { json, withApi } from '@/lib/api';
import { importProjectFile } from '@/lib/data/exports';
import { readUpload } from '@/lib/uploads';

/** The file as the body; ?format=w3c|qdpx&slug=<new slug>&name=<name>. Creates a new project (201). */
export const POST = withApi<Record<string, never>>(async ({ actor, request, url }) => {
  const result = await importProjectFile(actor, {
    format: url.searchParams.get('format') ?? '',
    bytes: await readUpload(request),
    slug: url.searchParams.get('slug') ?? undefined,
    name: url.searchParams.get('name') ?? undefined,
  });
  return json(result, 201);
});
