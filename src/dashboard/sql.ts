import { type DashboardFilter } from './dashboard-filter';

/** Positional parameters for one statement: `params.add(value)` returns its `$n`. */
export class QueryParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

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

/**
 * Which wire copies a row set holds, on any table with `reprint` (paragraphs, framing_hits and
 * every rollup). All reads both values explicitly: the rollup keys put reprint right after
 * monitor, and a list of two keeps the index scan to the time range in both.
 */
function syndicationCondition(filter: DashboardFilter, column: string): string {
  if (filter.syndication === 'collapse') return `${column} = false`;
  if (filter.syndication === 'reprints') return `${column} = true`;
  return `${column} = ANY('{false,true}'::boolean[])`;
}

/** monitor, which wire copies, and side and source when the filter names them, as SQL conditions. */
export function dimensionConditions(
  filter: DashboardFilter,
  params: QueryParams,
  table?: string,
): string[] {
  const column = (name: string) => (table ? `${table}.${name}` : name);
  const conditions = [
    `${column('monitor')} = ${params.add(filter.monitor)}`,
    syndicationCondition(filter, column('reprint')),
  ];
  if (filter.side !== null) conditions.push(`${column('side')} = ${params.add(filter.side)}`);
  if (filter.source !== null) conditions.push(`${column('source')} = ${params.add(filter.source)}`);
  return conditions;
}

export function timeCondition(column: string, range: TimeRange, params: QueryParams): string {
  return `${column} >= ${params.add(range.from)} AND ${column} < ${params.add(range.to)}`;
}

/** A condition true for rows in any of the ranges; false when there are none. */
export function anyTimeCondition(column: string, ranges: TimeRange[], params: QueryParams): string {
  if (ranges.length === 0) return 'false';
  return ranges.map((r) => `(${timeCondition(column, r, params)})`).join(' OR ');
}
