import { AppError } from '@/lib/errors';

/**
 * A file handed to an importer that cannot become a snapshot. It is an AppError('INVALID'), so a
 * route or action reports it as 422 with the message as written: the message names what is wrong
 * and where ("annotation 12: target has no TextPositionSelector"), for the person who uploaded it.
 */
export class ImportError extends AppError {
  constructor(message: string) {
    super('INVALID', message);
    this.name = 'ImportError';
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}

type Issue = { path: PropertyKey[]; message: string };

/** "Sources › TextSource 2 › startPosition" for a zod path (list positions counted from 1). */
export function describePath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const segment of path) {
    if (typeof segment === 'number' && parts.length > 0) parts[parts.length - 1] += ` ${segment + 1}`;
    else parts.push(String(segment));
  }
  return parts.join(' › ');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/**
 * The first zod issue as an ImportError: "<where>: <path> is missing" or "… is not valid (…)".
 * `input` is what was parsed, to tell a missing value from a wrong one.
 */
export function importErrorFromIssues(where: string, issues: readonly Issue[], input?: unknown): ImportError {
  const issue = issues[0];
  if (!issue) return new ImportError(`${where} is not valid`);
  const path = describePath(issue.path);
  const missing = input !== undefined ? valueAt(input, issue.path) === undefined : /received undefined$/.test(issue.message);
  const problem = missing ? 'is missing' : `is not valid (${issue.message.replace(/^Invalid input: /, '')})`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new ImportError(`${where}: ${path === '' ? 'the value' : path} ${problem}${more}`);
}
