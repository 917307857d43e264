import { InvalidInputError } from './domain-errors';

/**
 * The one cursor format of every paged list: the sort time of a page's last row and its id,
 * which breaks ties, as base64url JSON. Opaque to clients; checked on the way back in, since a
 * tampered value that Postgres cannot hold would otherwise fail there as a 500.
 */
export interface KeysetPosition {
  /** an ISO 8601 instant, or microseconds since 1970 where rows sort finer than milliseconds */
  time: string;
  id: string;
}

export interface CursorShape {
  time: 'iso' | 'micros';
  id: 'uuid' | 'bigint';
}

/** 4713-11-24 BC 00:00 UTC, the first instant a Postgres timestamptz can hold. */
export const MIN_POSTGRES_TIME = -210_866_803_200_000;
const MIN_POSTGRES_MICROS = BigInt(MIN_POSTGRES_TIME) * 1000n;
/** The last instant a JavaScript Date can hold, in µs since 1970. */
const MAX_DATE_MICROS = 8_640_000_000_000_000_000n;
const MAX_BIGINT = 9_223_372_036_854_775_807n;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,19}$/;

export const INVALID_CURSOR =
  'cursor is not valid (the cursor is not a cursor returned by this API): pass nextCursor from the previous page';

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.time, position.id])).toString('base64url');
}

/** Throws InvalidInputError for anything `encodeCursor` did not produce for this shape. */
export function decodeCursor(cursor: string, shape: CursorShape): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInputError(INVALID_CURSOR);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new InvalidInputError(INVALID_CURSOR);
  const [time, id] = parsed as unknown[];
  if (typeof time !== 'string' || typeof id !== 'string') {
    throw new InvalidInputError(INVALID_CURSOR);
  }
  if (!timeFits(time, shape.time) || !idFits(id, shape.id)) {
    throw new InvalidInputError(INVALID_CURSOR);
  }
  return { time, id };
}

function timeFits(time: string, kind: CursorShape['time']): boolean {
  if (kind === 'iso') {
    const ms = new Date(time).getTime();
    return !Number.isNaN(ms) && ms >= MIN_POSTGRES_TIME;
  }
  if (!INTEGER.test(time)) return false;
  const micros = BigInt(time);
  return micros >= MIN_POSTGRES_MICROS && micros <= MAX_DATE_MICROS;
}

function idFits(id: string, kind: CursorShape['id']): boolean {
  if (kind === 'uuid') return UUID.test(id);
  if (!/^\d{1,19}$/.test(id)) return false;
  const value = BigInt(id);
  return value >= 1n && value <= MAX_BIGINT;
}
