import { daysCutByBuckets } from '../../src/dashboard/time-zone';

/** The UTC days a zone's bucket boundaries cut, as ISO dates, over [from, to). */
const cut = (zone: string, bucket: 'day' | 'week', from: string, to: string) =>
  daysCutByBuckets(zone, bucket, Date.parse(from), Date.parse(to)).map((day) =>
    new Date(day).toISOString().slice(0, 10),
  );

describe('daysCutByBuckets', () => {
  it('cuts no day in a zone at UTC', () => {
    expect(cut('UTC', 'day', '2025-01-01', '2026-01-01')).toEqual([]);
    expect(cut('UTC', 'week', '2025-01-01', '2026-01-01')).toEqual([]);
    expect(cut('Africa/Abidjan', 'week', '2025-01-01', '2025-03-01')).toEqual([]);
  });

  it('cuts every day for day buckets off UTC, east or west, whole or half hours', () => {
    for (const zone of ['Europe/Paris', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata']) {
      expect(cut(zone, 'day', '2025-03-01', '2025-03-11')).toHaveLength(10);
    }
  });

  it('cuts one day a week for week buckets: the UTC day holding the local Monday midnight', () => {
    // Paris Monday 00:00 is Sunday 23:00 UTC (22:00 in summer); Tokyo's is Sunday 15:00 UTC
    expect(cut('Europe/Paris', 'week', '2025-03-01', '2025-03-22')).toEqual([
      '2025-03-02',
      '2025-03-09',
      '2025-03-16',
    ]);
    expect(cut('Asia/Tokyo', 'week', '2025-03-01', '2025-03-15')).toEqual([
      '2025-03-02',
      '2025-03-09',
    ]);
    // New York's Monday midnight is 05:00 UTC on Monday (04:00 after the change on 9 March)
    expect(cut('America/New_York', 'week', '2025-03-01', '2025-03-22')).toEqual([
      '2025-03-03',
      '2025-03-10',
      '2025-03-17',
    ]);
  });

  it('follows a change of offset: London is at UTC in winter only', () => {
    expect(cut('Europe/London', 'day', '2025-03-27', '2025-04-02')).toEqual([
      // 30 March: clocks go forward at 01:00 UTC, so local midnight of the 31st is 23:00 UTC
      '2025-03-30',
      '2025-03-31',
      '2025-04-01',
    ]);
    expect(cut('Europe/London', 'day', '2025-10-24', '2025-10-29')).toEqual([
      '2025-10-24',
      '2025-10-25',
    ]);
    expect(cut('Europe/London', 'week', '2025-01-01', '2025-03-29')).toEqual([]);
  });
});
