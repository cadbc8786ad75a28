'use client';
import { useState } from 'react';
import { createProjectAction } from '@/lib/actions/projects';
import { Button } from '@/components/ui/button';
import { ActionForm, FormField, FormMessage, SubmitButton } from '@/components/ui/form';
import { slugify } from '@/lib/slug';

export function CreateProjectForm() {
  const [open, setOpen] = useState(false);
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  if (!open) return <Button onClick={() => setOpen(true)}>New project</Button>;
  return (
    <ActionForm action={createProjectAction} aria-label="New project" className="w-full space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
      <h2 className="font-semibold">New project</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          name="name"
          label="Name"
          required
          autoFocus
          onChange={(e) => {
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
        />
        <FormField
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
      <FormField name="question" label="Research question (optional)" hint="What the study asks of its articles, e.g. “How does each author frame the failure of the talks?”" />
      <FormField name="description" label="Description (optional)" />
      <FormMessage />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <SubmitButton pendingLabel="Creating…">Create project</SubmitButton>
      </div>
    </ActionForm>
  );
}
