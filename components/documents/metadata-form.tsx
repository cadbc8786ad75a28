'use client';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { updateDocumentMetadataAction } from '@/lib/actions/documents';
import { Button } from '@/components/ui/button';
import { Field, FormError } from '@/components/ui/field';
import type { ArticleMetadata } from '@/lib/corpus';

/** The metadata a user reviews: the same fields the cleaner extracts. */
export type MetadataValues = ArticleMetadata;

/** Fields shared by the importer's review step and the document page's "Edit details". */
export function MetadataFields({ idPrefix, values, onChange }: { idPrefix: string; values: MetadataValues; onChange: (v: MetadataValues) => void }) {
  const set = (key: keyof MetadataValues) => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...values, [key]: e.target.value });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field className="sm:col-span-2" id={`${idPrefix}-title`} label="Title" placeholder="unknown" value={values.title ?? ''} onChange={set('title')} />
      <Field id={`${idPrefix}-author`} label="Author" placeholder="unknown" value={values.author ?? ''} onChange={set('author')} />
      <Field id={`${idPrefix}-affiliation`} label="Affiliation" placeholder="unknown" value={values.authorAffiliation ?? ''} onChange={set('authorAffiliation')} />
      <Field id={`${idPrefix}-outlet`} label="Outlet" placeholder="unknown" value={values.outlet ?? ''} onChange={set('outlet')} />
      <Field id={`${idPrefix}-date`} label="Published" type="date" value={values.publishedOn ?? ''} onChange={set('publishedOn')} />
      <Field className="sm:col-span-2" id={`${idPrefix}-url`} label="Source URL" placeholder="unknown" value={values.sourceUrl ?? ''} onChange={set('sourceUrl')} />
    </div>
  );
}

export function MetadataForm({ documentId, initial }: { documentId: string; initial: MetadataValues }) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        startTransition(async () => {
          const result = await updateDocumentMetadataAction(documentId, values);
          if (!result.ok) return setError(result.error.message);
          setError(undefined);
          setSaved(true);
          router.refresh();
        });
      }}
    >
      <MetadataFields idPrefix="meta" values={values} onChange={setValues} />
      <FormError message={error} />
      <div className="flex items-center justify-end gap-3">
        {saved ? <span className="text-sm text-emerald-700">Saved</span> : null}
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save details'}
        </Button>
      </div>
    </form>
  );
}
