/**
 * Why a fetch failed, in words an operator can act on. `transient` failures (timeouts,
 * connection errors, 5xx, 429) may succeed on a later attempt; the others will not, so
 * callers record them once instead of retrying.
 */
export type FetchFailure =
  | 'invalid-url'
  | 'private-target'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'http-status'
  | 'content-type'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'encoding';

const TRANSIENT: ReadonlySet<FetchFailure> = new Set(['network', 'timeout']);

export class FetchError extends Error {
  readonly transient: boolean;

  constructor(
    readonly failure: FetchFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
    this.transient =
      TRANSIENT.has(failure) ||
      (failure === 'http-status' && status !== undefined && (status >= 500 || status === 429));
  }
}
