import type { Metadata } from 'next';
import { CodebookEditor } from '@/components/codebook/codebook-editor';
import { ImportCodebookForm } from '@/components/export/import-forms';
import { CodebookView } from '@/components/codebook/codebook-view';
import { getCodebook } from '@/lib/data/codebook';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { canEditCodebook } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Codebook' };

export default async function CodebookPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor } = await requireActor();
  // The role only chooses the view; every change is checked again by the data layer.
  const [{ role }, codebook] = await orNotFound(Promise.all([getProjectCached(actor, slug), getCodebook(actor, slug)]));
  if (canEditCodebook(role)) {
    return (
      <div className="space-y-6">
        <CodebookEditor projectSlug={slug} categories={codebook.categories} attributes={codebook.attributes} />
        <div className="border-t border-stone-200 pt-4">
          <ImportCodebookForm slug={slug} />
        </div>
      </div>
    );
  }
  return <CodebookView {...codebook} />;
}
