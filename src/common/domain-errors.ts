/**
 * What the services throw when a request cannot be served as asked. They carry a code, never
 * an HTTP status: the API's exception filter maps each code to its status in one place, the
 * worker and the CLI match on the classes, and nothing below a controller imports HTTP types.
 */
export type DomainErrorCode =
  'invalid_input' | 'not_found' | 'conflict' | 'too_large' | 'unprocessable' | 'unavailable';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  /** as given: one sentence, or every problem found when a request has several */
  readonly detail: string | readonly string[];

  constructor(detail: string | readonly string[]) {
    super(typeof detail === 'string' ? detail : detail.join('; '));
    this.detail = detail;
    this.name = new.target.name;
  }
}

/** The request names something malformed or out of range. */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid_input';
}

/** The request names a record that does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The request clashes with a stored record (a url already taken). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The request is larger than a configured limit. */
export class TooLargeError extends DomainError {
  readonly code = 'too_large';
}

/** The request is well formed, but its content cannot be processed (HTML past a limit). */
export class UnprocessableInputError extends DomainError {
  readonly code = 'unprocessable';
}

/** A part the request needs is busy or down; the same request may succeed later. */
export class TemporarilyUnavailableError extends DomainError {
  readonly code = 'unavailable';
}
