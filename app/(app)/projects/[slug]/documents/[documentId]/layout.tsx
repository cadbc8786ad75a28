import type { ReactNode } from 'react';
import { getDocumentCached, orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

// Checks access before the page's loading boundary streams, so an unknown or foreign document
// answers with a real 404 status rather than a 200 page that says "not found".
export default async function DocumentLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string; documentId: string }> }) {
  const { slug, documentId } = await params;
  const { actor } = await requireActor();
  await orNotFound(getDocumentCached(actor, documentId, slug));
  return children;
}
