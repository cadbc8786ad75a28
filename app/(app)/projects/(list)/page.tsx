import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateProjectForm } from '@/components/projects/create-project-form';
import { ImportProjectForm } from '@/components/export/import-forms';
import { Badge, EmptyState } from '@/components/ui/states';
import { listProjects } from '@/lib/data/projects';
import { isOwnerRole, roleLabels } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  const { actor } = await requireActor();
  const projects = await listProjects(actor);
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
          <p className="mt-1 text-sm text-stone-600">Each project holds a corpus of articles, a codebook and its annotators.</p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <ImportProjectForm />
          <CreateProjectForm />
        </div>
      </div>
      {projects.length === 0 ? (
        <EmptyState title="No projects yet">Create a project, then import the articles you want to compare.</EmptyState>
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
