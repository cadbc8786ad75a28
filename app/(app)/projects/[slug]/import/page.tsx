import type { Metadata } from 'next';
import { ImportWizard } from '@/components/import/import-wizard';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { canImportDocuments } from '@/lib/permissions';
import { requireActor } from '@/lib/session';
import { notFound } from 'next/navigation';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor } = await requireActor();
  const { role } = await orNotFound(getProjectCached(actor, slug));
  if (!canImportDocuments(role)) notFound();
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm text-stone-600">Add articles to the corpus. You review the cleaned text and its details before anything is stored.</p>
      <ImportWizard projectSlug={slug} />
    </div>
  );
}
