import type { Metadata } from 'next';
import { ImportReview } from '@/components/import/import-review';
import { getImport, suggestImportSlug } from '@/lib/data/imports';
import { listMembers } from '@/lib/data/projects';
import { orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Review an import' };

export default async function ImportReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor } = await requireActor();
  const job = await orNotFound(getImport(actor, id));
  const members = job.kind === 'annotations' && job.projectSlug ? (await listMembers(actor, job.projectSlug)).map((m) => ({ id: m.userId, name: m.name })) : [];
  const defaultSlug = job.kind === 'qdpx' || job.kind === 'w3c' ? await suggestImportSlug(actor, id) : '';
  return (
    <div className="mx-auto max-w-5xl">
      <ImportReview initial={job} members={members} defaultSlug={defaultSlug} />
    </div>
  );
}
