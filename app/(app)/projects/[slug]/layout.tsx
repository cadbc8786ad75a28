import type { ReactNode } from 'react';
import Link from 'next/link';
import { ProjectTabs } from '@/components/layout/project-tabs';
import { Badge } from '@/components/ui/states';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { canCurate, canImportDocuments, canManageProject, canSeeAgreement, roleLabels } from '@/lib/permissions';
import { requireActor } from '@/lib/session';

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor } = await requireActor();
  const { project, role } = await orNotFound(getProjectCached(actor, slug));
  const tabs = [
    { href: '', label: 'Corpus' },
    { href: '/codebook', label: 'Codebook' },
    // Agreement is for curators and owners unless the owner opens it to annotators (the page checks too).
    ...(canSeeAgreement(role, project) ? [{ href: '/agreement', label: 'Agreement' }] : []),
    ...(canCurate(role) ? [{ href: '/curation', label: 'Curation' }] : []),
    { href: '/compare', label: 'Compare' },
    { href: '/export', label: 'Export' },
    ...(canImportDocuments(role) ? [{ href: '/import', label: 'Import' }] : []),
    // Every member sees who else is in the project; only owners get the controls (the page decides).
    { href: '/members', label: 'Members' },
    // The log and the settings are the owners' tools; the pages refuse others as well.
    ...(canManageProject(role) ? [{ href: '/activity', label: 'Activity' }, { href: '/settings', label: 'Settings' }] : []),
  ];
  return (
    <div>
      <div className="border-b border-stone-200">
        <nav aria-label="Breadcrumb" className="no-print text-xs text-stone-500">
          <Link href="/projects" className="hover:text-stone-800">
            Projects
          </Link>
          <span className="mx-1.5">/</span>
          <span className="text-stone-700">{project.name}</span>
        </nav>
        <div className="mt-1 mb-4 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
          <Badge tone="accent">{roleLabels[role]}</Badge>
          {project.blindCoding && !project.layersRevealedAt ? <Badge tone="amber">Blind coding</Badge> : null}
          {project.archivedAt ? <Badge tone="stone">Archived</Badge> : null}
        </div>
        {project.archivedAt ? (
          <p role="note" className="mb-4 rounded-md bg-stone-100 px-3 py-2 text-sm text-stone-700 ring-1 ring-inset ring-stone-200">
            This project is archived: you can read and export it, but nothing in it can be changed.{' '}
            {canManageProject(role) ? (
              <Link href={`/projects/${project.slug}/settings`} className="font-medium text-accent-700 underline">
                Restore it in Settings
              </Link>
            ) : (
              'An owner can restore it.'
            )}
          </p>
        ) : null}
        <ProjectTabs slug={project.slug} tabs={tabs} />
      </div>
      <div className="pt-6">{children}</div>
    </div>
  );
}
