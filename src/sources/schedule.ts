import { CronExpressionParser } from 'cron-parser';

/** What BullMQ's upsertJobScheduler takes: a fixed interval, or a cron pattern in UTC. */
export type ScheduleSpec = { every: number } | { pattern: string; tz: 'UTC' };

export class InvalidScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScheduleError';
  }
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_INTERVAL_MS = 7 * UNIT_MS.d;
const INTERVAL = /^(\d{1,6})\s*([smhd])$/;

/**
 * A schedule is either an interval (`90s`, `15m`, `2h`, `1d`; from SOURCE_MIN_INTERVAL_MS up
 * to 7d) or a cron expression evaluated in UTC (`*\/10 * * * *`, `0 6 * * MON-FRI`) whose runs
 * are no closer together than the same minimum, so a feed is never hammered.
 */
export function parseSchedule(text: string, minIntervalMs: number): ScheduleSpec {
  const trimmed = text.trim();
  // cron-parser reads an empty expression as "* * * * *".
  if (!trimmed) throw new InvalidScheduleError('schedule must not be empty');
  const interval = INTERVAL.exec(trimmed);
  if (interval) {
    const every = Number(interval[1]) * UNIT_MS[interval[2] as keyof typeof UNIT_MS];
    if (every < minIntervalMs || every > MAX_INTERVAL_MS) {
      throw new InvalidScheduleError(
        `schedule interval "${trimmed}" must be from ${describe(minIntervalMs)} to 7d`,
      );
    }
    return { every };
  }
  checkCron(trimmed, minIntervalMs);
  return { pattern: trimmed, tz: 'UTC' };
}

function checkCron(pattern: string, minIntervalMs: number): void {
  let expression;
  try {
    expression = CronExpressionParser.parse(pattern, { tz: 'UTC' });
  } catch (error) {
    throw new InvalidScheduleError(
      `schedule "${pattern}" is neither an interval like 15m nor a valid cron expression (${(error as Error).message})`,
    );
  }
  const times = expression.take(6).map((date) => date.getTime());
  for (let i = 1; i < times.length; i++) {
    if (times[i] - times[i - 1] < minIntervalMs) {
      throw new InvalidScheduleError(
        `schedule "${pattern}" runs more often than every ${describe(minIntervalMs)}`,
      );
    }
  }
}

function describe(ms: number): string {
  for (const [unit, size] of Object.entries(UNIT_MS).reverse()) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
