'use client';
import { useState } from 'react';
import { updateProjectSettingsAction } from '@/lib/actions/projects';
import { limits } from '@/lib/validations/limits';
import { ActionForm, FormField, FormMessage, FormTextArea, SubmitButton } from '@/components/ui/form';

export type SettingsFormValues = { name: string; description: string; question: string; blindCoding: boolean; annotatorsSeeAgreement: boolean };

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
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof SettingsFormValues>(key: K, value: SettingsFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
  };
  return (
    <ActionForm className="space-y-5" aria-label="Project settings" action={() => updateProjectSettingsAction(slug, values)} onSuccess={() => setSaved(true)}>
      <FormField name="name" label="Name" value={values.name} onChange={(e) => set('name', e.target.value)} maxLength={limits.projectName} required />
      <FormField
        name="question"
        label="Research question"
        hint="What the study asks of its articles, e.g. “How does each author frame the failure of the talks?” Compare, memos and reports ask it."
        value={values.question}
        onChange={(e) => set('question', e.target.value)}
        maxLength={limits.projectQuestion}
      />
      <FormTextArea
        name="description"
        label="Description"
        rows={3}
        value={values.description}
        onChange={(e) => set('description', e.target.value)}
        maxLength={limits.projectDescription}
      />
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
      <FormMessage success={saved ? 'Saved.' : null} />
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </ActionForm>
  );
}
