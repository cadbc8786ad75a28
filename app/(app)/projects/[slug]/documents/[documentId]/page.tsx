import type { Metadata } from 'next';
import Link from 'next/link';
import { CodebookLegend } from '@/components/documents/codebook-legend';
import { DocumentReader } from '@/components/documents/document-reader';
import { displayTitle, formatDay, formatLength } from '@/components/documents/format';
import { MetadataForm } from '@/components/documents/metadata-form';
import { Unknown } from '@/components/ui/states';
import { getCodebook } from '@/lib/data/codebook';
import { getDocumentCached, getProjectCached, orNotFound } from '@/lib/page-data';
import { canEditDocuments } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

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

export default async function DocumentPage({ params }: { params: Params }) {
  const { slug, documentId } = await params;
  const { actor } = await requireActor();
  const [doc, { role }, codebook] = await orNotFound(
    Promise.all([getDocumentCached(actor, documentId, slug), getProjectCached(actor, slug), getCodebook(actor, slug)]),
  );
  const facts: [string, React.ReactNode][] = [
    ['Author', doc.author ?? <Unknown />],
    ['Affiliation', doc.authorAffiliation ?? <Unknown />],
    ['Outlet', doc.outlet ?? <Unknown />],
    ['Published', doc.publishedOn ? formatDay(doc.publishedOn) : <Unknown />],
    ['Length', formatLength(doc.length)],
  ];
  return (
    <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <article className="min-w-0 rounded-2xl bg-white px-6 py-10 shadow-sm ring-1 ring-stone-200 sm:px-12">
        <div className="mx-auto max-w-[42rem]">
          <Link href={`/projects/${slug}`} className="no-print text-xs font-medium text-stone-500 hover:text-stone-800">
            ← Corpus
          </Link>
          <h1 className="mt-3 font-serif text-3xl font-semibold leading-tight tracking-tight text-stone-900 sm:text-[2.1rem]">
            {doc.title ?? <span className="text-stone-400">Untitled <span className="text-base font-normal">(the source states no title)</span></span>}
          </h1>
          <p className="mt-3 text-sm text-stone-600" data-testid="byline">
            {doc.author ? <span className="font-medium text-stone-800">{doc.author}</span> : <span>Author <Unknown /></span>}
            {doc.authorAffiliation ? <span> · {doc.authorAffiliation}</span> : null}
            {doc.outlet ? <span> · {doc.outlet}</span> : null}
            {doc.publishedOn ? <span> · {formatDay(doc.publishedOn)}</span> : null}
          </p>
          <hr className="my-8 border-stone-200" />
          <DocumentReader text={doc.text} blocks={doc.blocks} />
        </div>
      </article>
      <aside className="space-y-6 lg:sticky lg:top-20 lg:self-start">
        <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
          <h2 className="text-sm font-semibold text-stone-900">About this article</h2>
          <dl className="mt-3 space-y-2 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="flex justify-between gap-4">
                <dt className="text-stone-500">{label}</dt>
                <dd className="text-right text-stone-800">{value}</dd>
              </div>
            ))}
            {doc.sourceUrl ? (
              <div className="flex justify-between gap-4">
                <dt className="text-stone-500">Source</dt>
                <dd className="truncate text-right">
                  <a href={doc.sourceUrl} rel="noreferrer noopener" target="_blank" className="text-accent-600 hover:underline">
                    {new URL(doc.sourceUrl).hostname}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
          {canEditDocuments(role) ? (
            <details className="no-print mt-4 border-t border-stone-100 pt-3">
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
        </section>
        <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
          <h2 className="mb-3 text-sm font-semibold text-stone-900">Codebook</h2>
          <CodebookLegend categories={codebook.categories} />
        </section>
      </aside>
    </div>
  );
}
