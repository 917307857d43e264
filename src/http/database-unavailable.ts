/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors of a connection that could not be opened or was lost. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away, starting up, or full: class 08 (connection
 * exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now) and 53300
 * (too many connections).
 */
function isUnavailableState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300';
}

/** Messages node-postgres and its pool give without a code. */
const POOL_MESSAGES =
  /^(?:timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end)/i;

/**
 * True when an error means Postgres is unreachable (down, restarting or refusing
 * connections), as opposed to a query that failed: such a request may succeed if repeated
 * later, so it is answered 503 with Retry-After rather than 500. Looks through TypeORM's
 * `driverError`, `cause` and the `errors` of an AggregateError (one per address tried).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || error === null || typeof error !== 'object') return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || isUnavailableState(e.code))) {
    return true;
  }
  if (typeof e.message === 'string' && POOL_MESSAGES.test(e.message)) return true;
  const inner: unknown[] = [e.driverError, e.cause];
  if (Array.isArray(e.errors)) inner.push(...(e.errors as unknown[]));
  return inner.some((i) => i !== error && isDatabaseUnavailable(i, depth + 1));
}
