import { paragraphConditions, type QueryParams } from '../database/paragraph-filter';
import { type DashboardFilter } from './dashboard-filter';

export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * Splits [from, to) into the whole UTC units inside it (hours or days, which rollups
 * answer) and the partial units at either end (which the raw tables answer).
 */
export function splitByUnit(
  range: TimeRange,
  unitMs: number,
): { whole: TimeRange | null; edges: TimeRange[] } {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const firstWhole = Math.ceil(from / unitMs) * unitMs;
  const lastWhole = Math.floor(to / unitMs) * unitMs;
  if (firstWhole >= lastWhole) return { whole: null, edges: [range] };
  const edges: TimeRange[] = [];
  if (from < firstWhole) edges.push({ from: range.from, to: new Date(firstWhole) });
  if (lastWhole < to) edges.push({ from: new Date(lastWhole), to: range.to });
  return { whole: { from: new Date(firstWhole), to: new Date(lastWhole) }, edges };
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A range by the table that answers each part: daily rollups, hourly rollups, raw rows. */
export interface RangeParts {
  /** whole UTC days */
  days: TimeRange | null;
  /** whole UTC hours outside `days` */
  hours: TimeRange[];
  /** the partial hours at the ends */
  raw: TimeRange[];
}

/**
 * Splits [from, to) into whole UTC days (when `daily`), the whole UTC hours around them (when
 * `hourly`) and the partial hours at the ends, each from the coarsest table that is exact for it.
 */
export function splitByDayAndHour(
  range: TimeRange,
  { daily, hourly }: { daily: boolean; hourly: boolean },
): RangeParts {
  const byDay = daily ? splitByUnit(range, DAY_MS) : { whole: null, edges: [range] };
  const parts: RangeParts = { days: byDay.whole, hours: [], raw: [] };
  for (const edge of byDay.edges) {
    const { whole, edges } = hourly ? splitByUnit(edge, HOUR_MS) : { whole: null, edges: [edge] };
    if (whole) parts.hours.push(whole);
    parts.raw.push(...edges);
  }
  return parts;
}

/** monitor, which wire copies, and side and source when the filter names them, as SQL conditions. */
export function dimensionConditions(
  filter: DashboardFilter,
  params: QueryParams,
  table?: string,
): string[] {
  return paragraphConditions(
    {
      monitor: filter.monitor,
      syndication: filter.syndication,
      side: filter.side,
      sources: filter.source === null ? [] : [filter.source],
    },
    params,
    table,
  );
}

export function timeCondition(column: string, range: TimeRange, params: QueryParams): string {
  return `${column} >= ${params.add(range.from)} AND ${column} < ${params.add(range.to)}`;
}

/** A condition true for rows in any of the ranges; false when there are none. */
export function anyTimeCondition(column: string, ranges: TimeRange[], params: QueryParams): string {
  if (ranges.length === 0) return 'false';
  return ranges.map((r) => `(${timeCondition(column, r, params)})`).join(' OR ');
}
