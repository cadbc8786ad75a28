// One error type for the whole data layer, with one table from code to HTTP status, so a server
// action, a REST route and the CLI report the same failure the same way.
import { isDatabaseUnavailable } from './db-errors';

export const errorStatus = {
  // Malformed requests (a body that is not JSON); well-formed but wrong input is INVALID.
  BAD_REQUEST: 400,
  INVALID: 422,
  UNAUTHENTICATED: 401,
  // Outsiders get NOT_FOUND, never FORBIDDEN: a 403 would confirm that a project or document exists.
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // The database cannot be reached or did not answer in time (lib/db-errors.ts).
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A message for each input field that is wrong, keyed by the field's name (its zod path). */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Set when the error is about named fields, so a form shows each message under its field. */
  readonly fieldErrors: FieldErrors | undefined;
  constructor(code: ErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

/**
 * A refused edit of something that changed since the client read it. `current` carries the state
 * that won, so the UI can show it instead of making the user reload to find out.
 */
export class ConflictError<T> extends AppError {
  readonly current: T;
  constructor(message: string, current: T) {
    super('CONFLICT', message);
    this.name = 'ConflictError';
    this.current = current;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export type ActionError = { code: ErrorCode; message: string; fieldErrors?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Like ActionResult, but a stale edit also carries the record as it now is, for the UI to show. */
export type VersionedActionResult<T, C> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; current?: C } };

/** toActionError for versioned edits: a ConflictError keeps its `current`. */
export function toVersionedActionError<C>(error: unknown, context: string): VersionedActionResult<never, C> {
  if (error instanceof ConflictError) {
    return { ok: false, error: { code: error.code, message: error.message, current: error.current as C } };
  }
  return toActionError(error, context);
}

/**
 * Turns a thrown AppError into the `{ ok: false }` shape server actions return; anything else is
 * a bug, so it is logged once with its context and re-thrown for Next's error boundary.
 */
export function toActionError(error: unknown, context: string): ActionResult<never> {
  if (isAppError(error)) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) } };
  }
  if (isDatabaseUnavailable(error)) {
    console.warn(`[parallax] ${context}: the database is not answering`);
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'The database is not answering right now; try again in a few seconds.' } };
  }
  console.error(`[parallax] unexpected error in ${context}`, error);
  throw error;
}
