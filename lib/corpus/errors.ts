export type CorpusErrorCode =
  | 'EMPTY'
  | 'BINARY'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'NOTHING_LEFT'
  | 'INVALID';

/**
 * Thrown by the importer for input it cannot turn into an article. The code lets callers map
 * the failure (to an HTTP status, a form error) without parsing the message; the message is
 * written for the person importing: what was wrong and what to do about it.
 */
export class CorpusError extends Error {
  readonly code: CorpusErrorCode;

  constructor(code: CorpusErrorCode, message: string) {
    super(message);
    this.name = 'CorpusError';
    this.code = code;
  }
}

export function isCorpusError(error: unknown): error is CorpusError {
  return error instanceof CorpusError;
}
