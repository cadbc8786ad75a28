'use client';
import { useActionState, useState } from 'react';
import { createProjectAction } from '@/lib/actions/projects';
import type { FormState } from '@/lib/actions/auth';
import { Button } from '@/components/ui/button';
import { Field, FormError } from '@/components/ui/field';
import { slugify } from '@/lib/slug';


export function CreateProjectForm() {
  const [open, setOpen] = useState(false);
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [state, action, pending] = useActionState<FormState, FormData>(createProjectAction, undefined);
  if (!open) return <Button onClick={() => setOpen(true)}>New project</Button>;
  return (
    <form action={action} className="w-full space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200" noValidate>
      <h2 className="font-semibold">New project</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="project-name"
          name="name"
          label="Name"
          required
          autoFocus
          defaultValue={state?.fields?.name}
          onChange={(e) => {
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
        />
        <Field
          id="project-slug"
          name="slug"
          label="Slug"
          hint="Used in links: lower-case letters, digits and hyphens."
          required
          value={slug}
          onChange={(e) => {
            setSlugEdited(true);
            setSlug(e.target.value);
          }}
        />
      </div>
      <Field id="project-description" name="description" label="Description (optional)" defaultValue={state?.fields?.description} />
      <FormError message={state?.error} />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create project'}
        </Button>
      </div>
    </form>
  );
}
