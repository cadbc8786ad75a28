import type { Metadata } from 'next';
import { canManageProject } from '@/lib/permissions';
import Link from 'next/link';
import { LayersControl } from '@/components/project-settings/layers-control';
import { ArchiveControl, DeleteProjectForm } from '@/components/project-settings/project-lifecycle';
import { SettingsForm } from '@/components/project-settings/settings-form';
import { EmptyState } from '@/components/ui/states';
import { getProjectCached, orNotFound } from '@/lib/page-data';
import { requireActor } from '@/lib/session';

export const metadata: Metadata = { title: 'Settings' };

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function ProjectSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor } = await requireActor();
  // The role only chooses the view; every change is checked again by the data layer.
  const { project, role } = await orNotFound(getProjectCached(actor, slug));
  if (!canManageProject(role)) {
    return (
      <EmptyState title="Only owners can change the project settings" action={<Link href={`/projects/${slug}`} className="text-sm font-medium text-accent-700 hover:underline">Back to the corpus</Link>}>
        Ask a project owner if the name, blind coding or who sees agreement figures should change.
      </EmptyState>
    );
  }
  const revealed = project.layersRevealedAt !== null;
  const archived = project.archivedAt !== null;
  return (
    <div className="space-y-8">
      {archived ? null : (
        <>
      <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-labelledby="settings-heading">
        <div>
          <h2 id="settings-heading" className="font-semibold text-stone-900">
            Project settings
          </h2>
          <p className="mt-1 text-sm text-stone-600">Every change is recorded in the activity log.</p>
        </div>
        <SettingsForm
          slug={slug}
          initial={{ name: project.name, description: project.description, question: project.question, blindCoding: project.blindCoding, annotatorsSeeAgreement: project.annotatorsSeeAgreement }}
        />
      </section>
      <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-labelledby="layers-heading">
        <div>
          <h2 id="layers-heading" className="font-semibold text-stone-900">
            Annotators’ layers
          </h2>
          <p className="mt-1 text-sm text-stone-600" role="status">
            {revealed
              ? `Revealed on ${dateFormat.format(project.layersRevealedAt!)} UTC: every annotator sees everyone’s annotations.`
              : project.blindCoding
                ? 'Hidden: each annotator sees only their own annotations until they mark a document finished. Reveal them when the team is ready to compare and discuss.'
                : 'Blind coding is off, so annotators already see every layer; revealing matters only while blind coding is on.'}
          </p>
        </div>
        <LayersControl slug={slug} revealed={revealed} />
      </section>
        </>
      )}
      <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-stone-200" aria-labelledby="archive-heading">
        <div>
          <h2 id="archive-heading" className="font-semibold text-stone-900">
            {archived ? 'Archived project' : 'Archive'}
          </h2>
          <p className="mt-1 text-sm text-stone-600" role="status">
            {archived
              ? `Archived on ${dateFormat.format(project.archivedAt!)} UTC. Everyone can still read and export it; nobody can change it. Restore it to work on it again and to show it in the project list.`
              : 'An archived project is read-only for every member, owners included, and is listed only under “Show archived”. Nothing is deleted; you can restore it at any time.'}
          </p>
        </div>
        <ArchiveControl slug={slug} archived={archived} />
      </section>
      <section className="space-y-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-red-200" aria-labelledby="delete-heading">
        <div>
          <h2 id="delete-heading" className="font-semibold text-red-800">
            Delete project
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Deletes the project for every member: its articles, codebook, annotations, comments, memos, exports and activity log. This cannot be
            undone. A record of the deletion (who, when, how much it held) is kept.
          </p>
        </div>
        <DeleteProjectForm slug={slug} name={project.name} />
      </section>
    </div>
  );
}
