import type { z } from 'zod';
import { AppError } from '@/lib/errors';

/**
 * Parses input or throws INVALID with every problem in one message, each prefixed by the field it
 * concerns, so the user can fix them all at once.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
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
