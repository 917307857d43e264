/**
 * Time-zone arithmetic for dashboard filters, on the IANA database that Node's Intl carries.
 * Postgres does the bucketing itself; these functions validate names, read wall-clock dates
 * given without an offset, and tell whether hourly UTC rollups can serve a zone's buckets.
 */

const IANA_NAME = /^(?:UTC|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){1,2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for IANA names such as `Europe/Paris` or `UTC`; offsets like `+05:00` are refused. */
export function isTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(timeZone: string, instant: number): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks show a wall-clock time (given as if it were UTC).
 * A time skipped by a DST change resolves to the instant just after the gap.
 */
export function wallClockToInstant(timeZone: string, wallAsUtc: number): number {
  const guess = wallAsUtc - offsetAt(timeZone, wallAsUtc);
  return wallAsUtc - offsetAt(timeZone, guess);
}

const WEEK_MS = 7 * 86_400_000;

/**
 * Whether every offset the zone uses between two instants is a whole number of hours, so
 * its day and week boundaries fall on UTC hour boundaries. Offsets are sampled weekly:
 * no zone holds a sub-hour offset for less than a week.
 */
export function hasWholeHourOffsets(timeZone: string, from: number, to: number): boolean {
  for (let t = from; t < to + WEEK_MS; t += WEEK_MS) {
    if (offsetAt(timeZone, Math.min(t, to)) % 3_600_000 !== 0) return false;
  }
  return true;
}
