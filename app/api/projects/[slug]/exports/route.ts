import { withApi } from '@/lib/api';
import { exportProject, storeExport } from '@/lib/data/exports';
import { getProject } from '@/lib/data/projects';
import { isAppError } from '@/lib/errors';
import { exportOptionsSchema } from '@/lib/validations/export';
import { parseOrThrow } from '@/lib/validations/parse';

export const dynamic = 'force-dynamic';

/**
 * Starts an export and streams its progress as NDJSON, one line per step:
 *   {"type":"progress","stage":"Drawing the report","done":2,"total":5}
 *   {"type":"done","id":"…","filename":"….pdf","size":123456}   (then GET /api/exports/:id)
 *   {"type":"error","code":"INVALID","message":"…"}
 * The work pauses between articles, so the server keeps answering other requests meanwhile.
 */
export const POST = withApi<{ slug: string }>(async ({ actor, params, url, readJson }) => {
  const options = parseOrThrow(exportOptionsSchema, await readJson());
  // Access first, before the stream starts: an outsider gets a plain 404, not a 200 whose body
  // says "not found" (which would tell them apart from a project that does not exist only by luck).
  await getProject(actor, params.slug);
  const encoder = new TextEncoder();
  // The client may stop reading (a closed tab): the export then finishes for nothing, quietly.
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    cancel() {
      cancelled = true;
    },
    async start(controller) {
      const send = (line: unknown) => {
        if (!cancelled) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      try {
        const file = await exportProject(actor, params.slug, options, url.origin, (p) => send({ type: 'progress', ...p }));
        send({ type: 'done', ...(await storeExport(actor, params.slug, file)) });
      } catch (error) {
        if (isAppError(error)) send({ type: 'error', code: error.code, message: error.message });
        else {
          console.error(`[parallax] export of ${params.slug} failed`, error);
          send({ type: 'error', code: 'INTERNAL', message: 'The export failed on the server; it has been logged.' });
        }
      } finally {
        if (!cancelled) controller.close();
      }
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' } });
});
