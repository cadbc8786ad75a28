import type { z } from 'zod';
import { AppError, type FieldErrors } from '@/lib/errors';
import { findUnstorable } from './storable';

/**
 * Parses input or throws INVALID with every problem in one message, each prefixed by the field it
 * concerns, so the user can fix them all at once. Text that cannot be stored as sent (a NUL, a
 * lone surrogate: ./storable.ts) is refused first, naming the field.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const unstorable = findUnstorable(input);
  if (unstorable) {
    const message = `the text ${unstorable.problem}.`;
    throw new AppError('INVALID', `${unstorable.path ? `${unstorable.path}: ` : ''}${message}`, unstorable.path ? { [unstorable.path]: `This ${message}` } : undefined);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('INVALID', formatIssues(result.error.issues), fieldErrorsOf(result.error.issues));
}

/**
 * The first message for each field, keyed by its path ("password", "layer.userId"), for forms that
 * show each under its field. Issues about the input as a whole have no field and are left out:
 * the error's message still carries them.
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors | undefined {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    if (issue.path.length === 0) continue;
    const key = issue.path.join('.');
    errors[key] ??= issue.message;
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join(' ');
}
