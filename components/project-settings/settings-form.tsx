'use client';
import { useState, useTransition } from 'react';
import { updateProjectSettingsAction } from '@/lib/actions/projects';
import { limits } from '@/lib/validations/limits';
import { Button } from '@/components/ui/button';
import { Field, FormError, inputClass } from '@/components/ui/field';

export type SettingsFormValues = { name: string; description: string; blindCoding: boolean; annotatorsSeeAgreement: boolean };

/** A checkbox with its label and a one-line explanation underneath. */
function Toggle({ id, label, hint, checked, onChange }: { id: string; label: string; hint: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint`}
        className="mt-0.5 h-4 w-4 rounded border-stone-300 accent-accent-600 focus:ring-accent-500"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-stone-800">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-stone-500">
          {hint}
        </p>
      </div>
    </div>
  );
}

export function SettingsForm({ slug, initial }: { slug: string; initial: SettingsFormValues }) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const set = <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
  };
  return (
    <form
      className="space-y-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await updateProjectSettingsAction(slug, values);
          if (!result.ok) return setError(result.error.message);
          setError(undefined);
          setSaved(true);
        });
      }}
    >
      <Field id="project-name" label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} maxLength={limits.projectName} required />
      <div>
        <label htmlFor="project-description" className="mb-1.5 block text-sm font-medium text-stone-700">
          Description
        </label>
        <textarea
          id="project-description"
          rows={3}
          value={values.description}
          onChange={(e) => set('description', e.target.value)}
          maxLength={limits.projectDescription}
          className={inputClass}
        />
      </div>
      <Toggle
        id="blind-coding"
        label="Blind coding"
        hint="Annotators see only their own annotations until they mark a document finished or you reveal the layers, so they code independently."
        checked={values.blindCoding}
        onChange={(v) => set('blindCoding', v)}
      />
      <Toggle
        id="annotators-see-agreement"
        label="Annotators may see agreement figures"
        hint="Owners and curators always see them; turn this on to show annotators how far they agree, too."
        checked={values.annotatorsSeeAgreement}
        onChange={(v) => set('annotatorsSeeAgreement', v)}
      />
      <FormError message={error} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save settings'}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
