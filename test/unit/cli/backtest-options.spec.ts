import { timeOption } from '../../../src/cli/backtest.command';

const NOW = new Date('2026-03-18T10:30:00Z');

describe('backtest --since / --until', () => {
  it('take an ISO date or time, now, or a span of days or hours before now', () => {
    expect(timeOption('2025-03-01', 'since', NOW).toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(timeOption('now', 'until', NOW)).toBe(NOW);
    expect(timeOption('30d', 'since', NOW).toISOString()).toBe('2026-02-16T10:30:00.000Z');
    expect(timeOption('36h', 'since', NOW).toISOString()).toBe('2026-03-16T22:30:00.000Z');
  });

  it('refuse anything else, naming the option and the forms it takes', () => {
    expect(() => timeOption(undefined, 'since', NOW)).toThrow(
      /--since must be an ISO date or time \(2025-03-01\), a span before now \(30d, 36h\) or now \(got ""\)/,
    );
    expect(() => timeOption('3w', 'until', NOW)).toThrow(/--until must be .*\(got "3w"\)/);
  });
});
