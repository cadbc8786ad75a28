import { json, withApi } from '@/lib/api';
import { confirmImport, startImport, waitForImport } from '@/lib/data/imports';
import { AppError } from '@/lib/errors';

/**
 * A REFI-QDA codebook (.qdc) as the body: its codes are added to the project's codebook. Answers
 * { added, existing, attributesAdded, groupsAdded, summary }.
 */
export const POST = withApi<{ slug: string }>(async ({ actor, params, request }) => {
  const job = await startImport(actor, { kind: 'qdc', fileName: 'codebook.qdc', project: params.slug, body: request.body });
  const read = await waitForImport(actor, job.id, ['ANALYSING']);
  if (read.status === 'FAILED') throw new AppError('INVALID', read.error ?? 'The file could not be read.');
  await confirmImport(actor, job.id, {});
  const done = await waitForImport(actor, job.id, ['IMPORTING']);
  if (done.status !== 'DONE' || !done.result?.codebook) throw new AppError('INVALID', done.error ?? 'The import did not complete.');
  return json({ ...done.result.codebook, summary: done.summary }, 200);
});
