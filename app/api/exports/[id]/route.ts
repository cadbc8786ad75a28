import { withApi } from '@/lib/api';
import { getStoredExport } from '@/lib/data/exports';

/** A finished export, for the user who made it, within an hour. */
export const GET = withApi<{ id: string }>(async ({ actor, params }) => {
  const file = await getStoredExport(actor, params.id);
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Content-Length': String(file.bytes.length),
      'Cache-Control': 'no-store',
    },
  });
});
