import type { z } from 'zod';
import { AppError } from '@/lib/errors';
import { findUnstorable } from './storable';

/**
 * Parses input or throws INVALID with every problem in one message, each prefixed by the field it
 * concerns, so the user can fix them all at once. Text that cannot be stored as sent (a NUL, a
 * lone surrogate: ./storable.ts) is refused first, naming the field.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const unstorable = findUnstorable(input);
  if (unstorable) throw new AppError('INVALID', `${unstorable.path ? `${unstorable.path}: ` : ''}the text ${unstorable.problem}.`);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('INVALID', formatIssues(result.error.issues));
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join(' ');
}
