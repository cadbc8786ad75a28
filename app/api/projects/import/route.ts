import { json, withApi } from '@/lib/api';
import { confirmImport, startImport, waitForImport } from '@/lib/data/imports';
import { AppError } from '@/lib/errors';

/**
 * The file as the body; ?format=w3c|qdpx&slug=<new slug>&name=<name>[&dryRun=true]. Reads it in a
 * worker, then (unless dryRun) imports it into a new project and answers 201 with the result and
 * the summary. The same job as the browser's upload, without the review step.
 */
export const POST = withApi<Record<string, never>>(async ({ actor, request, url }) => {
  const format = url.searchParams.get('format') ?? '';
  if (format !== 'qdpx' && format !== 'w3c') throw new AppError('INVALID', 'format must be one of w3c, qdpx (a .qdc codebook goes to /api/projects/<slug>/codebook/import).');
  const declared = request.headers.get('content-length');
  const job = await startImport(actor, { kind: format, fileName: url.searchParams.get('fileName') ?? `upload.${format === 'qdpx' ? 'qdpx' : 'jsonld'}`, body: request.body, declaredBytes: declared === null ? null : Number(declared) });
  const read = await waitForImport(actor, job.id, ['ANALYSING']);
  if (read.status === 'FAILED') throw new AppError('INVALID', read.error ?? 'The file could not be read.');
  if (url.searchParams.get('dryRun') === 'true') return json({ summary: read.summary }, 200);
  await confirmImport(actor, job.id, { slug: url.searchParams.get('slug') ?? undefined, name: url.searchParams.get('name') ?? undefined });
  const done = await waitForImport(actor, job.id, ['IMPORTING']);
  if (done.status !== 'DONE') throw new AppError(done.error?.includes('already exists') ? 'CONFLICT' : 'INVALID', done.error ?? 'The import did not complete.');
  return json({ ...done.result, summary: done.summary }, 201);
});
