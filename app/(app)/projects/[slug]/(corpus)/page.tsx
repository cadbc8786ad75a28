import type { Metadata } from 'next';
import Link from 'next/link';
import { DocumentName } from '@/components/documents/document-name';
import { displayTitle, formatDay, formatLength, progressLabels } from '@/components/documents/format';
import { LiveProvider, Viewers } from '@/components/live/live-provider';
import { buttonClass } from '@/components/ui/button';
import { Badge, EmptyState, Unknown } from '@/components/ui/states';
import { unreadCounts } from '@/lib/data/comments';
import { listDocuments } from '@/lib/data/documents';
import { listGroups } from '@/lib/data/groups';
import { DocumentGroups } from '@/components/documents/document-groups';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { canEditDocuments, canImportDocuments } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  return { title: `Corpus · ${(await params).slug}` };
}

export default async function CorpusPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ group?: string }> }) {
  const { slug } = await params;
  const { group } = await searchParams;
  const { actor, user } = await requireActor();
  const [{ project, role }, allDocuments, unread, groups] = await orNotFound(
    Promise.all([getProjectCached(actor, slug), listDocuments(actor, slug), unreadCounts(actor, { slug }), listGroups(actor, slug)]),
  );
  const activeGroup = groups.documentGroups.find((g) => g.id === group) ?? null;
  const inGroup = activeGroup ? new Set(activeGroup.memberIds) : null;
  const documents = inGroup ? allDocuments.filter((d) => inGroup.has(d.id)) : allDocuments;
  if (allDocuments.length === 0) {
    return (
      <EmptyState
        title="This corpus is empty"
        action={
          canImportDocuments(role) ? (
            <Link href={`/projects/${slug}/import`} className={buttonClass('primary')}>
              Import articles
            </Link>
          ) : undefined
        }
      >
        {canImportDocuments(role)
          ? 'Add articles by uploading .txt, .md or .html files, or by pasting text.'
          : 'An owner or curator of this project has not imported any articles yet.'}
      </EmptyState>
    );
  }
  const totalChars = documents.reduce((sum, d) => sum + d.length, 0);
  const totalAnnotations = documents.reduce((sum, d) => sum + d.annotationCount, 0);
  return (
    <LiveProvider slug={slug} documentId={null} me={user.id}>
    <div className="space-y-4">
      {project.description ? <p className="max-w-3xl text-sm text-stone-600">{project.description}</p> : null}
      <DocumentGroups
        slug={slug}
        groups={groups.documentGroups}
        documents={allDocuments.map((d) => ({ id: d.id, label: displayTitle(d) }))}
        active={activeGroup?.id ?? null}
        canEdit={canEditDocuments(role)}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-stone-500">
          {activeGroup ? `${activeGroup.name}: ` : ''}
          {documents.length} articles · {totalChars.toLocaleString('en')} characters · {totalAnnotations.toLocaleString('en')} annotations you can see
        </p>
        <Viewers documentId={null} label="Online in this project" />
      </div>
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
        <table className="min-w-full divide-y divide-stone-200 text-sm">
          <thead className="bg-stone-50 text-left text-xs font-medium uppercase tracking-wide text-stone-500">
            <tr>
              <th scope="col" className="px-4 py-3">Title</th>
              <th scope="col" className="px-4 py-3">Author</th>
              <th scope="col" className="px-4 py-3">Outlet</th>
              <th scope="col" className="px-4 py-3">Date</th>
              <th scope="col" className="px-4 py-3 text-right">Length</th>
              <th scope="col" className="px-4 py-3 text-right">Annotations</th>
              <th scope="col" className="px-4 py-3">Your status</th>
              {documents[0]?.progress.length ? <th scope="col" className="px-4 py-3">Annotators</th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {documents.map((d) => (
              <tr key={d.id} className="hover:bg-stone-50/80">
                <td className="max-w-md px-4 py-3">
                  <div className="flex items-center gap-2">
                    <Link href={`/projects/${slug}/documents/${d.id}`} className="font-medium text-stone-900 hover:text-accent-700">
                      <DocumentName doc={d} />
                    </Link>
                    <UnreadBadge counts={unread[d.id]} />
                    <Viewers documentId={d.id} label="Viewing now" size="sm" />
                  </div>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-stone-700">{d.author ?? <Unknown />}</td>
                <td className="whitespace-nowrap px-4 py-3 text-stone-700">{d.outlet ?? <Unknown />}</td>
                <td className="whitespace-nowrap px-4 py-3 text-stone-700 tabular-nums">{d.publishedOn ? formatDay(d.publishedOn) : <Unknown />}</td>
                <td className="whitespace-nowrap px-4 py-3 text-right text-stone-600 tabular-nums">{formatLength(d.length)}</td>
                <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">{d.annotationCount}</td>
                <td className="whitespace-nowrap px-4 py-3">
                  <Badge tone={d.myStatus === 'FINISHED' ? 'green' : d.myStatus === 'IN_PROGRESS' ? 'amber' : 'stone'}>
                    {progressLabels[d.myStatus]}
                  </Badge>
                </td>
                {d.progress.length ? (
                  <td className="whitespace-nowrap px-4 py-3">
                    <ul className="flex gap-1.5" aria-label="Annotators' progress">
                      {d.progress.map((p) => (
                        <li key={p.userId} title={`${p.name}: ${progressLabels[p.status].toLowerCase()}`} className="flex items-center gap-1 text-xs text-stone-600">
                          <span
                            aria-hidden
                            className={`h-2.5 w-2.5 rounded-full ${p.status === 'FINISHED' ? 'bg-emerald-500' : p.status === 'IN_PROGRESS' ? 'bg-amber-400' : 'bg-stone-200 ring-1 ring-stone-300'}`}
                          />
                          <span className="sr-only">{`${p.name}: ${progressLabels[p.status]}`}</span>
                          <span aria-hidden>{p.name}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
    </LiveProvider>
  );
}

/** "3 new" comments on a document since the user last opened it, marked "@" when one mentions them. */
function UnreadBadge({ counts }: { counts?: { unread: number; mentions: number } }) {
  if (!counts || counts.unread === 0) return null;
  const label = `${counts.unread} new ${counts.unread === 1 ? 'comment' : 'comments'}${counts.mentions > 0 ? `, ${counts.mentions} mentioning you` : ''}`;
  return (
    <span
      title={label}
      data-testid="unread-comments"
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 align-middle text-[11px] font-medium ring-1 ring-inset ${counts.mentions > 0 ? 'bg-amber-50 text-amber-800 ring-amber-300' : 'bg-accent-50 text-accent-700 ring-accent-100'}`}
    >
      {counts.mentions > 0 ? <span className="font-bold" aria-hidden>@</span> : null}
      <span aria-hidden>{counts.unread} new</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
