import { InvalidInputError } from '../common/domain-errors';
import { MIN_POSTGRES_TIME } from '../common/keyset-cursor';
import { MIXED, NEUTRAL, UnknownMonitorError, getMonitor } from '../analysis';
import { canonicalTimeZone, utcTime, wallClockToInstant } from './time-zone';

/** The filter every dashboard query takes, validated; times are [from, to). */
export interface DashboardFilter {
  monitor: string;
  /** the monitor's side ids, then mixed and neutral: every side a row can carry */
  sides: string[];
  side: string | null;
  source: string | null;
  from: Date;
  to: Date;
  timeZone: string;
  /** which copies of a wire story count; 'reprints' (internal) reads only the copies folded away */
  syndication: Syndication | 'reprints';
}

/**
 * collapse: a wire story counts once, by its canonical article (reprints left out);
 * all: every outlet's copy counts.
 */
export const SYNDICATION_MODES = ['collapse', 'all'] as const;
export type Syndication = (typeof SYNDICATION_MODES)[number];

/** A `syndication` parameter: collapse when absent, else one of SYNDICATION_MODES. */
export function parseSyndication(input: string | undefined): Syndication {
  const syndication = (input ?? 'collapse') as Syndication;
  if (!SYNDICATION_MODES.includes(syndication)) {
    throw new InvalidInputError(
      `syndication must be one of ${SYNDICATION_MODES.join(', ')} (got "${input}")`,
    );
  }
  return syndication;
}

export interface FilterInput {
  from?: string;
  to?: string;
  monitor?: string;
  source?: string;
  side?: string;
  tz?: string;
  syndication?: string;
}

export const DEFAULT_RANGE_DAYS = 30;
const DAY_MS = 86_400_000;

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads an ISO 8601 date or date-time, years 0000–9999 (0000 is 1 BC, as in ISO 8601). A
 * date, or a date-time without an offset, is a wall-clock time in `timeZone` (so
 * `from=2025-03-01&tz=Asia/Tokyo` starts at Tokyo midnight).
 */
export function parseInstant(name: string, text: string, timeZone: string): Date {
  const match = DATE_TIME.exec(text.trim());
  const invalid = () =>
    new InvalidInputError(
      `${name} must be an ISO 8601 date or date-time such as 2025-03-01 or 2025-03-01T08:00:00Z (got "${text}")`,
    );
  if (!match) throw invalid();
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match;
  const wall = utcTime(+y, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0${fraction}`) * 1000));
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== +y ||
    check.getUTCMonth() !== +mo - 1 ||
    check.getUTCDate() !== +d ||
    +h > 23 ||
    +mi > 59 ||
    +s > 59
  ) {
    throw invalid();
  }
  if (!offset) return new Date(wallClockToInstant(timeZone, wall));
  if (offset === 'Z') return new Date(wall);
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  if (minutes > 18 * 60) throw invalid();
  return new Date(wall - sign * minutes * 60_000);
}

export function parseFilter(
  input: FilterInput,
  defaultMonitor: string,
  now = new Date(),
): DashboardFilter {
  const timeZone = canonicalTimeZone(input.tz ?? 'UTC');
  if (timeZone === undefined) {
    throw new InvalidInputError(
      `tz must be an IANA time zone name such as Europe/Paris, UTC, GMT or EST5EDT (got "${input.tz}")`,
    );
  }
  const monitor = input.monitor ?? defaultMonitor;
  let monitorSides: string[];
  try {
    monitorSides = getMonitor(monitor).sides.map((s) => s.id);
  } catch (error) {
    if (error instanceof UnknownMonitorError)
      throw new InvalidInputError(`monitor: ${error.message}`);
    throw error;
  }
  const sides = [...monitorSides, MIXED, NEUTRAL];
  const side = input.side ?? null;
  if (side !== null && !sides.includes(side)) {
    throw new InvalidInputError(
      `side must be one of ${sides.join(', ')} for monitor ${monitor} (got "${side}")`,
    );
  }
  const source = input.source ?? null;
  if (source !== null && (source.trim() === '' || source.length > 200)) {
    throw new InvalidInputError('source must be a non-empty name of at most 200 characters');
  }

  const syndication = parseSyndication(input.syndication);

  const to = input.to !== undefined ? parseInstant('to', input.to, timeZone) : now;
  const from =
    input.from !== undefined
      ? parseInstant('from', input.from, timeZone)
      : new Date(to.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (to.getTime() <= from.getTime()) {
    throw new InvalidInputError(
      `to (${to.toISOString()}) must be after from (${from.toISOString()})`,
    );
  }
  return { monitor, sides, side, source, from, to, timeZone, syndication };
}

/**
 * The period of equal length just before the filter's, for comparisons. A long range that
 * starts early has one that begins before the first instant Postgres can hold
 * (`from=2000-01-01&to=9999-12-31` would compare with 5999 BC onwards): that is a 400.
 */
export function previousPeriod(filter: DashboardFilter): DashboardFilter {
  const length = filter.to.getTime() - filter.from.getTime();
  const start = filter.from.getTime() - length;
  if (start < MIN_POSTGRES_TIME) {
    throw new InvalidInputError(
      `from ${filter.from.toISOString()} to ${filter.to.toISOString()} cannot be compared with the period of equal length before it: that period would start before 4713-11-24 BC, the earliest time the database holds; choose a shorter range or a later from`,
    );
  }
  return { ...filter, from: new Date(start), to: filter.from };
}
