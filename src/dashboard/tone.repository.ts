import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DashboardFilter } from './dashboard-filter';
import { QueryParams } from '../database/paragraph-filter';
import { column, type DbRow, mapRows } from '../database/rows';
import {
  DAY_MS,
  anyTimeCondition,
  dimensionConditions,
  splitByDayAndHour,
  timeCondition,
} from './sql';
import { daysCutByBuckets } from './time-zone';

export interface ToneTotals {
  paragraphs: number;
  articles: number;
  toneSum: number;
  positive: number;
  negative: number;
  neutral: number;
}

export interface SideTotals extends ToneTotals {
  side: string;
}

export interface SourceSideTotals extends SideTotals {
  source: string | null;
}

export interface BucketSideTotals extends SideTotals {
  start: Date;
}

export type Bucket = 'hour' | 'day' | 'week';

/** A grouping key, as SQL over a table whose time column is given (day, hour or occurred_at). */
interface Key {
  name: string;
  of: (time: string) => string;
}

const SIDE: Key = { name: 'side', of: () => 'side' };
const SOURCE: Key = { name: 'source', of: () => 'source' };

const ROLLUP_MEASURES = 'paragraphs, articles, tone_sum, positive, negative, neutral';

const MEASURES = `sum(paragraphs)::int AS paragraphs, sum(articles)::int AS articles,
  sum(tone_sum)::float8 AS tone_sum, sum(positive)::int AS positive,
  sum(negative)::int AS negative, sum(neutral)::int AS neutral`;

function toToneTotals(row: DbRow): ToneTotals {
  return {
    paragraphs: column.int(row, 'paragraphs'),
    articles: column.int(row, 'articles'),
    toneSum: column.float(row, 'tone_sum'),
    positive: column.int(row, 'positive'),
    negative: column.int(row, 'negative'),
    neutral: column.int(row, 'neutral'),
  };
}

/**
 * Every bucket's start from `from` up to `to` (parameters), one row each (`start`), empty buckets
 * included; `zone` is the SQL of the time zone the buckets are cut in.
 */
export function bucketStartsSql(bucket: Bucket, zone: string, from: string, to: string): string {
  if (bucket === 'hour') {
    return `SELECT generate_series(date_trunc('hour', ${from}::timestamptz, ${zone}), ${to}::timestamptz, interval '1 hour') AS start`;
  }
  // stepping in wall-clock time keeps local midnights across DST changes
  return `SELECT wall AT TIME ZONE ${zone} AS start
           FROM generate_series(date_trunc('${bucket}', ${from}::timestamptz AT TIME ZONE ${zone}),
                                ${to}::timestamptz AT TIME ZONE ${zone}, interval '1 ${bucket}') AS wall`;
}

/**
 * Tone aggregates over paragraphs. Whole UTC days come from the daily rollups, the whole hours
 * around them (and the days a bucket boundary cuts) from the hourly ones, the partial hours at
 * the ends of a range from paragraphs itself, so any range is exact. An article's paragraphs
 * share one time and source, so its distinct count adds up across hours and days.
 */
@Injectable()
export class ToneRepository {
  constructor(private readonly db: DataSource) {}

  totalsBySide(filter: DashboardFilter): Promise<SideTotals[]> {
    return this.aggregate(filter, [SIDE], (row) => ({
      side: column.text(row, 'side'),
      ...toToneTotals(row),
    }));
  }

  totalsBySourceAndSide(filter: DashboardFilter): Promise<SourceSideTotals[]> {
    return this.aggregate(filter, [SOURCE, SIDE], (row) => ({
      source: column.textOrNull(row, 'source'),
      side: column.text(row, 'side'),
      ...toToneTotals(row),
    }));
  }

  /**
   * Per bucket and side. Buckets are instants: local midnights for day and week, hours for
   * hour. Rollups serve only zones whose offsets are whole hours (useRollups).
   */
  seriesBySide(
    filter: DashboardFilter,
    bucket: Bucket,
    useRollups: boolean,
  ): Promise<BucketSideTotals[]> {
    const params = new QueryParams();
    // whole-hour zones share UTC's hours, which also keeps DST-repeated hours apart
    const hourly = bucket === 'hour' && useRollups;
    const zone = hourly ? `'UTC'` : params.add(filter.timeZone);
    const truncate = (column: string) => `date_trunc('${bucket}', ${column}, ${zone})`;
    const start: Key = { name: 'start', of: truncate };
    const facts = this.facts(filter, params, [start, SIDE], {
      hourly: useRollups,
      // a day or week bucket adds up the UTC days inside it; the days its boundaries cut go by the hour
      daily: useRollups && bucket !== 'hour',
      cutBy: bucket === 'hour' ? undefined : { bucket, timeZone: filter.timeZone },
    });
    const from = params.add(filter.from);
    const to = params.add(filter.to);
    const series = bucketStartsSql(bucket, zone, from, to);
    const sides = params.add(filter.side === null ? filter.sides : [filter.side]);
    return mapRows(
      this.db,
      `WITH buckets AS (${series}),
       totals AS (SELECT start, side, ${MEASURES} FROM (${facts}) facts GROUP BY start, side)
       SELECT b.start, s.side,
              coalesce(t.paragraphs, 0) AS paragraphs, coalesce(t.articles, 0) AS articles,
              coalesce(t.tone_sum, 0) AS tone_sum, coalesce(t.positive, 0) AS positive,
              coalesce(t.negative, 0) AS negative, coalesce(t.neutral, 0) AS neutral
       FROM buckets b
       CROSS JOIN unnest(${sides}::text[]) AS s(side)
       LEFT JOIN totals t ON t.start = b.start AND t.side = s.side
       WHERE b.start < ${to}
       ORDER BY b.start, s.side`,
      params.values,
      (row) => ({
        start: column.time(row, 'start'),
        side: column.text(row, 'side'),
        ...toToneTotals(row),
      }),
    );
  }

  private aggregate<T>(filter: DashboardFilter, keys: Key[], map: (row: DbRow) => T): Promise<T[]> {
    const params = new QueryParams();
    const facts = this.facts(filter, params, keys, { hourly: true, daily: true });
    const names = keys.map((k) => k.name).join(', ');
    return mapRows(
      this.db,
      `SELECT ${names}, ${MEASURES} FROM (${facts}) facts GROUP BY ${names} ORDER BY ${names}`,
      params.values,
      map,
    );
  }

  /** Rows of (keys…, measures) from the daily and hourly rollups and from paragraphs. */
  private facts(
    filter: DashboardFilter,
    params: QueryParams,
    keys: Key[],
    by: { hourly: boolean; daily: boolean; cutBy?: { bucket: 'day' | 'week'; timeZone: string } },
  ): string {
    const parts = splitByDayAndHour({ from: filter.from, to: filter.to }, by);
    let { days } = parts;
    const hours = [...parts.hours];
    const cut =
      days && by.cutBy
        ? daysCutByBuckets(
            by.cutBy.timeZone,
            by.cutBy.bucket,
            days.from.getTime(),
            days.to.getTime(),
          )
        : [];
    if (days && cut.length * DAY_MS === days.to.getTime() - days.from.getTime()) {
      // every day cut (day buckets off UTC): the hourly rollups answer all of them
      hours.push(days);
      days = null;
    }
    // without a source in the filter or the grouping, the smaller per-side rollups answer
    const [dailyTable, hourlyTable] =
      filter.source === null && !keys.includes(SOURCE)
        ? ['paragraph_side_daily_rollups', 'paragraph_side_rollups']
        : ['paragraph_daily_rollups', 'paragraph_rollups'];
    const select = (time: string) => keys.map((k) => `${k.of(time)} AS ${k.name}`).join(', ');
    const fromRollup = (time: string, table: string, where: string[]) => `
      SELECT ${select(time)}, ${ROLLUP_MEASURES} FROM ${table} WHERE ${where.join(' AND ')}`;
    const sql: string[] = [];
    if (days) {
      const where = [...dimensionConditions(filter, params), timeCondition('day', days, params)];
      if (cut.length > 0) {
        const cutDays = params.add(cut.map((day) => new Date(day)));
        where.push(`day <> ALL(${cutDays}::timestamptz[])`);
        const cutHours = `unnest(${cutDays}::timestamptz[]) AS cut(day)
          JOIN ${hourlyTable} ON hour >= cut.day AND hour < cut.day + interval '1 day'`;
        sql.push(fromRollup('hour', cutHours, dimensionConditions(filter, params)));
      }
      sql.push(fromRollup('day', dailyTable, where));
    }
    if (hours.length > 0) {
      sql.push(
        fromRollup('hour', hourlyTable, [
          ...dimensionConditions(filter, params),
          `(${anyTimeCondition('hour', hours, params)})`,
        ]),
      );
    }
    if (parts.raw.length > 0) {
      const where = [
        ...dimensionConditions(filter, params),
        `(${anyTimeCondition('occurred_at', parts.raw, params)})`,
      ];
      sql.push(`
        SELECT ${select('occurred_at')},
               count(*) AS paragraphs, count(DISTINCT article_id) AS articles,
               sum(tone_value::float8) AS tone_sum,
               count(*) FILTER (WHERE tone_label = 'positive') AS positive,
               count(*) FILTER (WHERE tone_label = 'negative') AS negative,
               count(*) FILTER (WHERE tone_label = 'neutral') AS neutral
        FROM paragraphs WHERE ${where.join(' AND ')}
        GROUP BY ${keys.map((_, i) => i + 1).join(', ')}`);
    }
    return sql.join(' UNION ALL ');
  }
}
