import { InvalidScheduleError, parseSchedule } from '../../../src/sources/schedule';

const MINUTE = 60_000;

describe('parseSchedule', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 15 * MINUTE],
    ['2h', 120 * MINUTE],
    ['7d', 7 * 24 * 60 * MINUTE],
  ])('reads the interval %s', (text, every) => {
    expect(parseSchedule(text, MINUTE)).toEqual({ every });
  });

  it.each(['*/15 * * * *', '0 6 * * MON-FRI', '@hourly'])(
    'accepts the cron expression %s in UTC',
    (text) => {
      expect(parseSchedule(text, MINUTE)).toEqual({ pattern: text, tz: 'UTC' });
    },
  );

  it.each([
    ['30s', /from 1m to 7d/],
    ['8d', /from 1m to 7d/],
    ['* * * * * *', /more often than every 1m/],
    ['0,30 * * * * *', /more often than every 1m/],
    ['61 * * * *', /nor a valid cron expression \(Constraint error/],
    ['every hour', /neither an interval like 15m nor a valid cron expression/],
    ['', /must not be empty/],
    ['   ', /must not be empty/],
  ])('refuses %j', (text, message) => {
    expect(() => parseSchedule(text, MINUTE)).toThrow(InvalidScheduleError);
    expect(() => parseSchedule(text, MINUTE)).toThrow(message);
  });

  it('honours a shorter minimum where configured', () => {
    expect(parseSchedule('2s', 1_000)).toEqual({ every: 2_000 });
  });
});
