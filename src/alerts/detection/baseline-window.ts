import { type DetectorSettings } from './settings';

const DAY_MS = 86_400_000;

/**
 * The trailing window the baseline is drawn from at time `at`: whole UTC days, ending
 * `excludeRecentDays` before the start of `at`'s day. Day-aligned so the baseline changes
 * once a day (live evaluation and backtests agree), and lagged so that a change under way
 * is not absorbed into the baseline it is measured against.
 */
export function baselineWindow(
  at: Date,
  settings: Pick<DetectorSettings, 'baselineDays' | 'excludeRecentDays'>,
): { from: Date; to: Date } {
  const dayStart = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  const to = dayStart - settings.excludeRecentDays * DAY_MS;
  return { from: new Date(to - settings.baselineDays * DAY_MS), to: new Date(to) };
}
