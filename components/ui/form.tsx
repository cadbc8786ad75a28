'use client';
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  useTransition,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';
import type { ActionError, ActionResult, FieldErrors } from '@/lib/errors';
import { Button } from './button';
import { cn } from './cn';
import { inputClass } from './field';

// The one form helper. A form posts its FormData to a server action that answers with an
// ActionResult; an INVALID answer carries `fieldErrors` (lib/validations/parse.ts), and each field
// shows its own message under itself, marked aria-invalid and tied by aria-describedby, and the
// first invalid field takes the focus. The form is submitted from JavaScript, not through React's
// form `action`, so nothing is reset: what the user typed (passwords too) stays as typed.

type FormContextValue = {
  id: string;
  pending: boolean;
  error: ActionError | null;
  errorFor: (name: string) => string | undefined;
};

const FormContext = createContext<FormContextValue | null>(null);

function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('A form field must sit inside <ActionForm>.');
  return value;
}

/** The ids a field's label, hint and error use, and its aria attributes, for custom controls. */
export function useFieldProps(name: string, hint?: boolean) {
  const { id, errorFor } = useFormContext();
  const base = `${id}-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const error = errorFor(name);
  return {
    inputId: base,
    errorId: `${base}-error`,
    hintId: `${base}-hint`,
    error,
    controlProps: {
      id: base,
      name,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': [error ? `${base}-error` : null, hint ? `${base}-hint` : null].filter(Boolean).join(' ') || undefined,
    },
  };
}

export function ActionForm<T>({
  action,
  onSuccess,
  children,
  className,
  ...rest
}: {
  action: (form: FormData) => Promise<ActionResult<T>>;
  /** Called with the data and the form (e.g. to clear it) when the action succeeded. */
  onSuccess?: (data: T, form: HTMLFormElement) => void;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<ActionError | null>(null);
  // Fields the user has edited since the answer: their old message no longer applies.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [answers, setAnswers] = useState(0);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (answers === 0 || !ref.current) return;
    const target = ref.current.querySelector<HTMLElement>('[aria-invalid="true"]') ?? ref.current.querySelector<HTMLElement>('[data-form-message]');
    target?.focus();
  }, [answers]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await action(data);
      setEdited(new Set());
      if (result.ok) {
        setError(null);
        onSuccess?.(result.data, form);
      } else {
        setError(result.error);
        setAnswers((n) => n + 1);
      }
    });
  };

  const fieldErrors: FieldErrors = error?.fieldErrors ?? {};
  const value: FormContextValue = {
    id,
    pending,
    error,
    errorFor: (name) => (edited.has(name) ? undefined : fieldErrors[name]),
  };
  return (
    <FormContext value={value}>
      <form
        ref={ref}
        onSubmit={submit}
        onInput={(e) => {
          const name = (e.target as HTMLInputElement).name;
          if (name && fieldErrors[name] && !edited.has(name)) setEdited(new Set([...edited, name]));
        }}
        noValidate
        className={className}
        {...rest}
      >
        {children}
      </form>
    </FormContext>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs text-red-700">
      {message}
    </p>
  );
}

export function FormField({
  name,
  label,
  hint,
  className,
  children,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; hint?: string; children?: ReactNode }) {
  const f = useFieldProps(name, !!hint);
  // The caller's own description (a strength meter) is kept beside the error and hint.
  const describedBy = [f.controlProps['aria-describedby'], props['aria-describedby']].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={f.inputId} className="mb-1.5 block text-sm font-medium text-stone-700">
        {label}
      </label>
      <input className={cn(inputClass, f.error && 'ring-red-400')} {...props} {...f.controlProps} aria-describedby={describedBy} />
      {children}
      {hint ? (
        <p id={f.hintId} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={f.errorId} message={f.error} />
    </div>
  );
}

export function FormTextArea({
  name,
  label,
  hint,
  className,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; label: string; hint?: string }) {
  const f = useFieldProps(name, !!hint);
  return (
    <div className={className}>
      <label htmlFor={f.inputId} className="mb-1.5 block text-sm font-medium text-stone-700">
        {label}
      </label>
      <textarea className={cn(inputClass, f.error && 'ring-red-400')} {...props} {...f.controlProps} />
      {hint ? (
        <p id={f.hintId} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={f.errorId} message={f.error} />
    </div>
  );
}

/**
 * The form's own message: an error that concerns no one field (a wrong password at sign-in, a
 * rate limit), or, when fields are marked, a pointer to them instead of repeating their messages.
 */
export function FormMessage({ success }: { success?: string | null }) {
  const { error } = useFormContext();
  if (!error) {
    return success ? (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
        {success}
      </p>
    ) : null;
  }
  const marked = Object.keys(error.fieldErrors ?? {}).length;
  return (
    <p
      role="alert"
      tabIndex={-1}
      data-form-message
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200 focus:outline-none"
    >
      {marked > 0 ? (marked === 1 ? 'Check the marked field.' : `Check the ${marked} marked fields.`) : error.message}
    </p>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  variant,
  className,
  disabled,
}: {
  children: ReactNode;
  pendingLabel: string;
  variant?: 'primary' | 'danger' | 'secondary';
  className?: string;
  disabled?: boolean;
}) {
  const { pending } = useFormContext();
  return (
    <Button type="submit" variant={variant} className={className} disabled={pending || disabled}>
      {pending ? pendingLabel : children}
    </Button>
  );
}
