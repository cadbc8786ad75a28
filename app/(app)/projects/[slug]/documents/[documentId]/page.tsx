import type { Metadata } from 'next';
import Link from 'next/link';
import { AnnotationWorkspace } from '@/components/annotate/annotation-workspace';
import { CodebookLegend } from '@/components/documents/codebook-legend';
import { displayTitle, formatDay, formatLength } from '@/components/documents/format';
import { MetadataForm } from '@/components/documents/metadata-form';
import { CorrectText } from '@/components/documents/correct-text';
import { LiveProvider, Viewers } from '@/components/live/live-provider';
import { Unknown } from '@/components/ui/states';
import { listAnnotationsForView } from '@/lib/data/annotations';
import { getCodebook } from '@/lib/data/codebook';
import { listDocumentComments } from '@/lib/data/comments';
import { getDocumentStatus } from '@/lib/data/document-status';
import { listMembers } from '@/lib/data/projects';
import { canSeeOtherLayers } from '@/lib/data/visibility';
import { getDocumentCached, getProjectCached, orNotFound } from '@/lib/page-data';
import { canAnnotate, canCurate, canEditDocuments, canModerateComments } from '@/lib/permissions';
import { requireActor } from '@/lib/session';
import { httpUrlOrNull } from '@/lib/validations/document';

type Params = Promise<{ slug: string; documentId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug, documentId } = await params;
  const { actor } = await requireActor();
  try {
    return { title: displayTitle(await getDocumentCached(actor, documentId, slug)) };
  } catch {
    return { title: 'Document' };
  }
}

export default async function DocumentPage({ params, searchParams }: { params: Params; searchParams: Promise<{ layers?: string; at?: string }> }) {
  const { slug, documentId } = await params;
  const { layers, at } = await searchParams;
  const { user, actor } = await requireActor();
  const [doc, access, codebook, annotations, status, comments, members] = await orNotFound(
    Promise.all([
      getDocumentCached(actor, documentId, slug),
      getProjectCached(actor, slug),
      getCodebook(actor, slug),
      listAnnotationsForView(actor, documentId),
      getDocumentStatus(actor, documentId),
      listDocumentComments(actor, documentId),
      listMembers(actor, slug),
    ]),
  );
  const othersVisible = canSeeOtherLayers(actor, access, status);
  const sourceLink = httpUrlOrNull(doc.sourceUrl);
  // null: the source does not state it (shown as such).
  const facts: [string, string | null][] = [
    ['Author', doc.author],
    ['Affiliation', doc.authorAffiliation],
    ['Outlet', doc.outlet],
    ['Published', doc.publishedOn ? formatDay(doc.publishedOn) : null],
    ['Length', formatLength(doc.length)],
    ['Source file', doc.sourceName],
  ];
  const about = (
    <div className="space-y-4">
      <dl className="space-y-2 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4">
            <dt className="text-stone-500">{label}</dt>
            <dd className="min-w-0 truncate text-right text-stone-800">{value ?? <Unknown />}</dd>
          </div>
        ))}
        {doc.sourceUrl ? (
          <div className="flex justify-between gap-4">
            <dt className="text-stone-500">Source</dt>
            <dd className="truncate text-right">
              {sourceLink ? (
                <a href={sourceLink.href} rel="noreferrer noopener" target="_blank" className="text-accent-600 hover:underline">
                  {sourceLink.hostname}
                </a>
              ) : (
                <span className="text-stone-600" title="Not an http(s) address, so not shown as a link">
                  {doc.sourceUrl}
                </span>
              )}
            </dd>
          </div>
        ) : null}
      </dl>
      {canEditDocuments(access.role) ? (
        <details className="border-t border-stone-100 pt-3">
          <summary className="cursor-pointer text-sm font-medium text-accent-600">Edit details</summary>
          <div className="mt-4">
            <MetadataForm
              documentId={doc.id}
              initial={{
                title: doc.title,
                author: doc.author,
                authorAffiliation: doc.authorAffiliation,
                outlet: doc.outlet,
                publishedOn: doc.publishedOn,
                sourceUrl: doc.sourceUrl,
              }}
            />
          </div>
        </details>
      ) : null}
      {canEditDocuments(access.role) ? (
        <div className="border-t border-stone-100 pt-3">
          <CorrectText documentId={doc.id} />
        </div>
      ) : null}
    </div>
  );
  return (
    <LiveProvider slug={slug} documentId={doc.id} me={user.id}>
    <div className="space-y-6">
      <header className="max-w-[48rem]">
        <div className="no-print flex min-h-7 items-center justify-between gap-4">
          <Link href={`/projects/${slug}`} className="text-xs font-medium text-stone-500 hover:text-stone-800">
            ← Corpus
          </Link>
          <span className="flex items-center gap-4">
            <Viewers documentId={doc.id} label="Also viewing" />
            {canCurate(access.role) ? (
              <Link href={`/projects/${slug}/documents/${doc.id}/curate`} className="text-xs font-medium text-accent-700 hover:underline">
                Curate consensus
              </Link>
            ) : null}
          </span>
        </div>
        <h1 className="mt-2 font-serif text-3xl font-semibold leading-tight tracking-tight text-stone-900 sm:text-[2.1rem]">
          {doc.title ?? (doc.label ? <span className="italic text-stone-600">“{doc.label}”</span> : <span className="text-stone-500">Untitled</span>)}
        </h1>
        {doc.title ? null : (
          <p className="mt-1 text-xs text-stone-600">The source states no title{doc.label ? ': the article is labelled by its first words' : ''}. An owner can give it one under About.</p>
        )}
        <p className="mt-2 text-sm text-stone-600" data-testid="byline">
          {doc.author ? <span className="font-medium text-stone-800">{doc.author}</span> : <span>Author <Unknown /></span>}
          {doc.authorAffiliation ? <span> · {doc.authorAffiliation}</span> : null}
          {doc.outlet ? <span> · {doc.outlet}</span> : null}
          {doc.publishedOn ? <span> · {formatDay(doc.publishedOn)}</span> : null}
        </p>
      </header>
      <AnnotationWorkspace
        key={`${othersVisible}-${doc.contentHash}`}
        document={{ id: doc.id, text: doc.text, blocks: doc.blocks }}
        categories={codebook.categories}
        attributes={codebook.attributes}
        annotations={annotations}
        me={{ id: user.id, name: user.name }}
        canAnnotate={canAnnotate(access.role)}
        othersVisible={othersVisible}
        blindCoding={access.project.blindCoding && !access.project.layersRevealedAt}
        status={status}
        comments={{
          documentId: doc.id,
          ...comments,
          // Names only: the thread needs no e-mail addresses.
          members: members.map((m) => ({ id: m.userId, name: m.name })),
          me: { id: user.id, name: user.name },
          canComment: canAnnotate(access.role),
          // Moderation is the curators' job, the same roles that see every layer.
          canModerate: canModerateComments(access.role),
        }}
        initialLayers={layers === 'all' ? 'all' : 'mine'}
        initialOffset={at !== undefined && /^\d+$/.test(at) ? Number(at) : undefined}
        extraTabs={[
          { id: 'codebook', label: 'Codebook', content: <CodebookLegend categories={codebook.categories} /> },
          { id: 'about', label: 'About', content: about },
        ]}
      />
    </div>
    </LiveProvider>
  );
}
