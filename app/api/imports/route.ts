import { json, withApi } from '@/lib/api';
import { startImport } from '@/lib/data/imports';

/**
 * An upload: the file as the raw body (streamed to disk, 200 MB at most), and
 * ?kind=qdpx|w3c|annotations|qdc&fileName=<name>[&project=<slug>]. Answers 202 with the job at once;
 * GET /api/imports/<id> follows it until its summary is READY for review.
 */
export const POST = withApi<Record<string, never>>(async ({ actor, request, url }) => {
  const declared = request.headers.get('content-length');
  const job = await startImport(actor, {
    kind: url.searchParams.get('kind') ?? '',
    fileName: url.searchParams.get('fileName') ?? '',
    project: url.searchParams.get('project'),
    body: request.body,
    declaredBytes: declared === null ? null : Number(declared),
  });
  return json(job, 202);
});
