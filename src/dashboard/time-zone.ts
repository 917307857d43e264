/**
 * Time-zone arithmetic for dashboard filters, on the IANA database that Node's Intl carries.
 * Postgres does the bucketing itself; these functions validate names, read wall-clock dates
 * given without an offset, and tell whether hourly UTC rollups can serve a zone's buckets.
 */

/** A zone name: letters first (`GMT`, `EST5EDT`, `Etc/GMT+5`, `America/Argentina/Salta`), not an offset. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
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

/**
 * The canonical IANA name of a zone that Intl knows, under any of its names (`Europe/Paris`,
 * `UTC`, `GMT`, `EST5EDT`, `Etc/GMT-3`, old links such as `US/Eastern`, any letter case), or
 * undefined. Offsets like `+05:00` are refused. Postgres gets the canonical name, which its
 * own time zone database knows too, so both sides compute the same local times.
 */
export function canonicalTimeZone(name: string): string | undefined {
  if (name.length > 64 || !ZONE_NAME.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== undefined;
}

/** 400 Gregorian years, 146,097 days: the calendar repeats exactly after them. */
const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;

/** Date.UTC, except that years 0–99 stay years 0–99 instead of becoming 1900–1999. */
export function utcTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  if (year < 0 || year > 99) return Date.UTC(year, month, day, hour, minute, second, ms);
  return Date.UTC(year + 400, month, day, hour, minute, second, ms) - GREGORIAN_CYCLE_MS;
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(timeZone: string, instant: number): number {
  const fields = formatterFor(timeZone).formatToParts(new Date(instant));
  const parts = Object.fromEntries(fields.map((p) => [p.type, Number(p.value)]));
  // Intl counts years before 1 AD as 1 BC, 2 BC, …; astronomical years are 0, -1, …
  if (fields.some((p) => p.type === 'era' && p.value === 'BC')) parts.year = 1 - parts.year;
  const wall = utcTime(
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
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The zone's offset at `from`, every week after it and at `to`: no zone holds an offset for
 * less than a week, so two equal neighbours mean no change between them.
 */
function weeklyOffsets(timeZone: string, from: number, to: number): [number, number][] {
  const samples: [number, number][] = [];
  for (let t = from; t < to + WEEK_MS; t += WEEK_MS) {
    const at = Math.min(t, to);
    samples.push([at, offsetAt(timeZone, at)]);
  }
  return samples;
}

/**
 * Whether every offset the zone uses between two instants is a whole number of hours, so
 * its day and week boundaries fall on UTC hour boundaries.
 */
export function hasWholeHourOffsets(timeZone: string, from: number, to: number): boolean {
  return weeklyOffsets(timeZone, from, to).every(([, offset]) => offset % 3_600_000 === 0);
}

/** Whether the zone is at UTC (offset 0) throughout. */
export function hasOffsetZero(timeZone: string, from: number, to: number): boolean {
  return weeklyOffsets(timeZone, from, to).every(([, offset]) => offset === 0);
}

/**
 * The zone's offset at any instant of [from, to], from few lookups: the weekly offsets, and
 * each change between two of them found to the minute by bisection.
 */
function offsetsOver(timeZone: string, from: number, to: number): (instant: number) => number {
  const samples = weeklyOffsets(timeZone, from, to);
  const changes: { at: number; offset: number }[] = [{ at: -Infinity, offset: samples[0][1] }];
  for (let i = 1; i < samples.length; i++) {
    const [previousAt, before] = samples[i - 1];
    const [next, after] = samples[i];
    if (after === before) continue;
    let low = Math.floor(previousAt / MINUTE_MS) * MINUTE_MS;
    let high = next;
    while (high - low > MINUTE_MS) {
      const middle = Math.floor((low + high) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetAt(timeZone, middle) === before) low = middle;
      else high = middle;
    }
    changes.push({ at: high, offset: after });
  }
  return (instant) => {
    let offset = changes[0].offset;
    for (const change of changes) if (change.at <= instant) offset = change.offset;
    return offset;
  };
}

/**
 * The UTC days of [from, to) (both UTC midnights) that a day or week boundary of the zone falls
 * strictly inside, as the instants they start: a daily UTC rollup cannot serve them. A day is cut
 * when its first and last instants have different local dates (day) or weeks starting on Monday
 * (week), as Postgres' date_trunc in the zone would give.
 */
export function daysCutByBuckets(
  timeZone: string,
  bucket: 'day' | 'week',
  from: number,
  to: number,
): number[] {
  const offset = offsetsOver(timeZone, from, to);
  // 1970-01-01 was a Thursday: day n is in the week (n + 3) / 7, weeks starting on Monday
  const index = (local: number) => {
    const day = Math.floor(local / DAY_MS);
    return bucket === 'day' ? day : Math.floor((day + 3) / 7);
  };
  const cut: number[] = [];
  for (let day = from; day < to; day += DAY_MS) {
    const last = day + DAY_MS - 1;
    if (index(day + offset(day)) !== index(last + offset(last))) cut.push(day);
  }
  return cut;
}
