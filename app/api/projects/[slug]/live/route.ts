import { withApi } from '@/lib/api';
import { openLiveStream } from '@/lib/data/live';
import { AppError } from '@/lib/errors';
import { currentSessionId } from '@/lib/session';

// GET /api/projects/:slug/live[?document=<id>] — Server-Sent Events: presence for the project and,
// with a document, its annotation changes that the caller may see. Cookie session or Bearer token.
export const dynamic = 'force-dynamic';

export const GET = withApi<{ slug: string }>(async ({ actor, params, url, request }) => {
  const documentId = url.searchParams.get('document');
  if (documentId !== null && documentId.trim() === '') throw new AppError('INVALID', 'document= needs a document id.');
  // A stream opened with the session cookie ends when that session does (sign-out).
  const sessionId = request.headers.get('authorization') === null ? await currentSessionId() : null;
  const stream = await openLiveStream(actor, params.slug, documentId, request.signal, { sessionId });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps compression from buffering the stream; the rest keeps proxies from it.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
});
