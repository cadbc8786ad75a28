import type { Metadata } from 'next';
import Link from 'next/link';
import { CurationBoard } from '@/components/curation/curation-board';
import { displayTitle } from '@/components/documents/format';
import { EmptyState } from '@/components/ui/states';
import { getCodebook } from '@/lib/data/codebook';
import { getCurationView } from '@/lib/data/curation';
import { getDocumentCached, getProjectCached, orNotFound } from '@/lib/page-data';
import { canCurate } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Curate' };

type Params = Promise<{ slug: string; documentId: string }>;

export default async function CuratePage({ params, searchParams }: { params: Params; searchParams: Promise<{ annotators?: string }> }) {
  const [{ slug, documentId }, { annotators }] = await Promise.all([params, searchParams]);
  const { actor } = await requireActor();
  const [access, doc] = await orNotFound(Promise.all([getProjectCached(actor, slug), getDocumentCached(actor, documentId, slug)]));
  const back = (
    <Link href={`/projects/${slug}/documents/${documentId}`} className="text-xs font-medium text-stone-500 hover:text-stone-800">
      ← {displayTitle(doc)}
    </Link>
  );
  if (!canCurate(access.role)) {
    return (
      <div className="space-y-4">
        {back}
        <EmptyState title="Curation is for curators and owners">Ask the project’s owner for the curator role to build the consensus layer.</EmptyState>
      </div>
    );
  }
  const [view, codebook] = await orNotFound(Promise.all([getCurationView(actor, documentId, { annotators }), getCodebook(actor, slug)]));
  return (
    <div className="space-y-5">
      <div>
        <div className="flex items-center justify-between gap-4">
          {back}
          <Link href={`/projects/${slug}/curation`} className="text-xs font-medium text-stone-500 hover:text-stone-800">
            All documents’ curation →
          </Link>
        </div>
        <h2 className="mt-2 text-xl font-semibold tracking-tight text-stone-900">Curate the consensus of “{displayTitle(doc)}”</h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-600">
          The consensus layer is the project’s settled reading of this article: it is what the comparison views and the exports use. Build it from the
          annotators’ layers; every decision is kept with who made it and which spans it came from.
        </p>
      </div>
      {view.annotators.length === 0 ? (
        <EmptyState title="Nobody has annotated this document yet">The curation board fills in as annotators tag passages.</EmptyState>
      ) : (
        <CurationBoard
          key={view.chosen.join(',')}
          initial={view}
          slug={slug}
          codebook={{
            categories: codebook.categories.map((c) => ({ id: c.id, path: c.path, color: c.color })),
            attributes: codebook.attributes.map((a) => ({ key: a.key, name: a.name, options: a.options.map((o) => ({ value: o.value, label: o.label })) })),
          }}
        />
      )}
    </div>
  );
}
