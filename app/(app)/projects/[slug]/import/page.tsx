import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ImportAnnotationsForm } from '@/components/export/import-forms';
import { ImportWizard } from '@/components/import/import-wizard';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { canEditCodebook, canImportDocuments } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor } = await requireActor();
  const { role } = await orNotFound(getProjectCached(actor, slug));
  if (!canImportDocuments(role)) notFound();
  return (
    <div className="max-w-3xl space-y-8">
      <section className="space-y-4">
        <p className="text-sm text-stone-600">Add articles to the corpus. You review the cleaned text and its details before anything is stored.</p>
        <ImportWizard projectSlug={slug} />
      </section>
      {canEditCodebook(role) ? (
        <section className="space-y-3 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-labelledby="import-annotations">
          <h2 id="import-annotations" className="text-base font-semibold text-stone-900">
            Annotations made in other tools
          </h2>
          <ImportAnnotationsForm slug={slug} />
        </section>
      ) : null}
    </div>
  );
}
