import { AppError } from '@/lib/errors';

export type CorpusErrorCode =
  | 'EMPTY'
  | 'BINARY'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'NOTHING_LEFT'
  | 'INVALID';

/**
 * Thrown by the importer for input it cannot turn into an article: an AppError like every other
 * (INVALID, or PAYLOAD_TOO_LARGE for a file over the limit), so actions, routes and the CLI report
 * it the one way they report errors. `reason` says which check refused it, for tests and for a
 * caller that words its own help; the message is written for the person importing: what was
 * wrong and what to do about it.
 */
export class CorpusError extends AppError {
  readonly reason: CorpusErrorCode;

  constructor(reason: CorpusErrorCode, message: string) {
    super(reason === 'TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'INVALID', message);
    this.name = 'CorpusError';
    this.reason = reason;
  }
}

export function isCorpusError(error: unknown): error is CorpusError {
  return error instanceof CorpusError;
}
