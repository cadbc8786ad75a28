import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateProjectForm } from '@/components/projects/create-project-form';
import { ImportProjectForm } from '@/components/export/import-forms';
import { Badge, EmptyState } from '@/components/ui/states';
import { listProjects } from '@/lib/data/projects';
import { isOwnerRole, roleLabels } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage({ searchParams }: { searchParams: Promise<{ archived?: string; deleted?: string }> }) {
  const { archived: archivedParam, deleted } = await searchParams;
  const archived = archivedParam === '1';
  const { actor } = await requireActor();
  const projects = await listProjects(actor, { archived });
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{archived ? 'Archived projects' : 'Projects'}</h1>
          <p className="mt-1 text-sm text-stone-600">
            {archived ? 'Read-only until an owner restores them. ' : 'Each project holds a corpus of articles, a codebook and its annotators. '}
            <Link href={archived ? '/projects' : '/projects?archived=1'} className="font-medium text-accent-700 hover:underline">
              {archived ? 'Back to active projects' : 'Show archived'}
            </Link>
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <ImportProjectForm />
          <CreateProjectForm />
        </div>
      </div>
      {typeof deleted === 'string' && deleted !== '' ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
          Deleted the project “{deleted.slice(0, 200)}”.
        </p>
      ) : null}
      {projects.length === 0 ? (
        archived ? (
          <EmptyState title="No archived projects">An owner archives a finished project from its Settings tab; it then appears here.</EmptyState>
        ) : (
          <EmptyState title="No projects yet">Create a project, then import the articles you want to compare.</EmptyState>
        )
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map((p) => (
            <li key={p.id}>
              <Link
                href={`/projects/${p.slug}`}
                className="group block h-full rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200 transition hover:shadow-md hover:ring-accent-500/40"
              >
                <div className="flex items-start justify-between gap-3">
                  <h2 className="font-semibold text-stone-900 group-hover:text-accent-700">{p.name}</h2>
                  <Badge tone={isOwnerRole(p.role) ? 'accent' : 'stone'}>{roleLabels[p.role]}</Badge>
                </div>
                <p className="mt-1 font-mono text-xs text-stone-500">{p.slug}</p>
                {p.description ? <p className="mt-3 line-clamp-3 text-sm text-stone-600">{p.description}</p> : null}
                <p className="mt-4 text-xs text-stone-500">
                  {p.documentCount} {p.documentCount === 1 ? 'article' : 'articles'} · {p.memberCount}{' '}
                  {p.memberCount === 1 ? 'member' : 'members'}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
