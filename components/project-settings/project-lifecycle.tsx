'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { deleteProjectAction, setProjectArchivedAction } from '@/lib/actions/projects';
import { ActionForm, FormField, FormMessage, SubmitButton } from '@/components/ui/form';

/** Archive (read-only, out of the list) or restore: one button, since either is undone as easily. */
export function ArchiveControl({ slug, archived }: { slug: string; archived: boolean }) {
  const router = useRouter();
  return (
    <ActionForm action={() => setProjectArchivedAction(slug, !archived)} onSuccess={() => router.refresh()} aria-label={archived ? 'Restore the project' : 'Archive the project'} className="space-y-3">
      <FormMessage />
      <SubmitButton variant="secondary" pendingLabel={archived ? 'Restoring…' : 'Archiving…'}>
        {archived ? 'Restore project' : 'Archive project'}
      </SubmitButton>
    </ActionForm>
  );
}

/** Deleting, after the owner types the project's name; the export is offered first. */
export function DeleteProjectForm({ slug, name }: { slug: string; name: string }) {
  return (
    <ActionForm action={(form) => deleteProjectAction(slug, form)} aria-label="Delete the project" className="space-y-3">
      <p className="text-sm text-stone-700">
        Want a copy first?{' '}
        <Link href={`/projects/${slug}/export`} className="font-medium text-accent-700 underline">
          Export the project
        </Link>{' '}
        (a REFI-QDA project file keeps the texts, codebook, annotations and notes).
      </p>
      <FormField name="confirmName" label={`Type the project’s name, ${name}, to confirm`} autoComplete="off" spellCheck={false} className="sm:max-w-md" />
      <FormMessage />
      <SubmitButton variant="danger" pendingLabel="Deleting…">
        Delete project
      </SubmitButton>
    </ActionForm>
  );
}
