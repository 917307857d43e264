import { parseFilter, previousPeriod } from '../../../src/dashboard/dashboard-filter';
import { canonicalTimeZone, offsetAt, utcTime } from '../../../src/dashboard/time-zone';

describe('dashboard time zones and early years', () => {
  it.each([
    ['GMT', 'UTC'],
    ['utc', 'UTC'],
    ['EST5EDT', 'America/New_York'],
    ['US/Eastern', 'America/New_York'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    ['europe/paris', 'Europe/Paris'],
    ['America/Argentina/Salta', 'America/Argentina/Salta'],
  ])('reads tz=%s as %s', (name, canonical) => {
    expect(canonicalTimeZone(name)).toBe(canonical);
  });

  it('knows every canonical IANA zone Intl lists', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      expect(canonicalTimeZone(zone)).toEqual(expect.any(String));
    }
  });

  it.each([
    '+05:00',
    '-0800',
    'Z',
    'UTC+3',
    'Europe/',
    '/UTC',
    'Mars/Olympus_Mons',
    'x'.repeat(80),
  ])('refuses tz=%s', (name) => {
    expect(canonicalTimeZone(name)).toBeUndefined();
  });

  it('keeps years 0-99 as themselves, unlike Date.UTC', () => {
    expect(new Date(utcTime(50, 5, 1)).toISOString()).toBe('0050-06-01T00:00:00.000Z');
    expect(new Date(utcTime(0, 1, 29)).toISOString()).toBe('0000-02-29T00:00:00.000Z');
    expect(utcTime(2024, 0, 31, 12)).toBe(Date.UTC(2024, 0, 31, 12));
    expect(utcTime(-100, 0, 1)).toBe(Date.UTC(-100, 0, 1));
  });

  it('reads offsets before 1 AD (Intl counts years there as BC)', () => {
    const instant = utcTime(-50, 6, 1, 12);
    expect(offsetAt('UTC', instant)).toBe(0);
    expect(offsetAt('Asia/Tokyo', instant)).toBe(offsetAt('Asia/Tokyo', utcTime(1800, 6, 1)));
  });

  it('parses dashboard dates of the first century in a zone', () => {
    const filter = parseFilter({ from: '0079-08-24', to: '0079-08-25', tz: 'UTC' }, 'us-china');
    expect(filter.from.toISOString()).toBe('0079-08-24T00:00:00.000Z');
    expect(previousPeriod(filter).from.toISOString()).toBe('0079-08-23T00:00:00.000Z');
  });

  it('refuses a previous period before 4713 BC and accepts one just after', () => {
    const wide = parseFilter({ from: '2000-01-01', to: '9999-12-31' }, 'us-china');
    expect(() => previousPeriod(wide)).toThrow(/before 4713-11-24 BC/);
    const fits = parseFilter({ from: '0000-01-01', to: '4000-01-01' }, 'us-china');
    expect(previousPeriod(fits).from.getUTCFullYear()).toBe(-4000);
  });
});
