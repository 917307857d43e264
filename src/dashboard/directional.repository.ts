import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DashboardFilter } from './dashboard-filter';
import { QueryParams } from '../database/paragraph-filter';
import { column, type DbRow, mapRows } from '../database/rows';
import { anyTimeCondition, dimensionConditions, splitByDayAndHour, timeCondition } from './sql';
import { type Bucket, bucketStartsSql } from './tone.repository';

export interface PairTotals {
  side: string;
  /** null: paragraphs that name no side */
  target: string | null;
  paragraphs: number;
  toneSum: number;
  positive: number;
  negative: number;
  neutral: number;
}

export interface BucketPairTotals extends PairTotals {
  start: Date;
}

/** Which targets to count: every one (undefined), one side, or null for "no side named". */
export type TargetFilter = string | null | undefined;

const MEASURES = `sum(paragraphs)::int AS paragraphs, sum(tone_sum)::float8 AS tone_sum,
  sum(positive)::int AS positive, sum(negative)::int AS negative, sum(neutral)::int AS neutral`;

/** The measures of a pair's row, after its side and target. */
function toMeasures(row: DbRow): Omit<PairTotals, 'side' | 'target'> {
  return {
    paragraphs: column.int(row, 'paragraphs'),
    toneSum: column.float(row, 'tone_sum'),
    positive: column.int(row, 'positive'),
    negative: column.int(row, 'negative'),
    neutral: column.int(row, 'neutral'),
  };
}

/**
 * Tone by speaking side and target side. Whole UTC days and hours come from the target
 * rollups (with or without the source, as the filter asks), the partial hours at the ends of a
 * range from paragraphs (each paragraph once per target, or once under NULL without one, as the
 * rollup trigger counts it), so any range is exact.
 */
@Injectable()
export class DirectionalRepository {
  constructor(private readonly db: DataSource) {}

  totals(filter: DashboardFilter, target: TargetFilter): Promise<PairTotals[]> {
    const params = new QueryParams();
    const facts = this.facts(filter, target, params, null, true);
    return mapRows(
      this.db,
      `SELECT side, target, ${MEASURES} FROM (${facts}) facts GROUP BY side, target`,
      params.values,
      (row) => ({
        side: column.text(row, 'side'),
        target: column.textOrNull(row, 'target'),
        ...toMeasures(row),
      }),
    );
  }

  /**
   * Per bucket and pair, as ToneRepository.seriesBySide buckets: every bucket of the range for
   * each pair with paragraphs in it (or the one pair named by side and target); a range
   * without any gives one row per bucket with side null, so the buckets are still known.
   */
  series(
    filter: DashboardFilter,
    target: TargetFilter,
    bucket: Bucket,
    useRollups: boolean,
    useDaily = false,
  ): Promise<(BucketPairTotals | (Omit<BucketPairTotals, 'side'> & { side: null }))[]> {
    const params = new QueryParams();
    const hourly = bucket === 'hour' && useRollups;
    const zone = hourly ? `'UTC'` : params.add(filter.timeZone);
    const truncate = (column: string) => `date_trunc('${bucket}', ${column}, ${zone})`;
    const facts = this.facts(
      filter,
      target,
      params,
      {
        daily: useDaily ? truncate('day') : undefined,
        rollup: truncate('hour'),
        raw: truncate('p.occurred_at'),
      },
      useRollups,
    );
    const from = params.add(filter.from);
    const to = params.add(filter.to);
    const series = bucketStartsSql(bucket, zone, from, to);
    const pairs =
      filter.side !== null && target !== undefined
        ? `SELECT ${params.add(filter.side)}::text AS side, ${params.add(target)}::text AS target`
        : `SELECT DISTINCT side, target FROM totals`;
    return mapRows(
      this.db,
      `WITH buckets AS (${series}),
       totals AS (SELECT start, side, target, ${MEASURES} FROM (${facts}) facts GROUP BY start, side, target),
       pairs AS (${pairs})
       SELECT b.start, p.side, p.target,
              coalesce(t.paragraphs, 0) AS paragraphs, coalesce(t.tone_sum, 0) AS tone_sum,
              coalesce(t.positive, 0) AS positive, coalesce(t.negative, 0) AS negative,
              coalesce(t.neutral, 0) AS neutral
       FROM buckets b
       LEFT JOIN pairs p ON true
       LEFT JOIN totals t ON t.start = b.start AND t.side = p.side
                         AND t.target IS NOT DISTINCT FROM p.target
       WHERE b.start < ${to}
       ORDER BY b.start`,
      params.values,
      (row) => {
        const start = column.time(row, 'start');
        const target = column.textOrNull(row, 'target');
        const side = column.textOrNull(row, 'side');
        // the bucket-only row (no pair) and a pair's row are the result's two shapes
        return side === null
          ? { start, side, target, ...toMeasures(row) }
          : { start, side, target, ...toMeasures(row) };
      },
    );
  }

  /** Rows of (start?, side, target, measures) from rollups for whole hours, paragraphs for the rest. */
  private facts(
    filter: DashboardFilter,
    target: TargetFilter,
    params: QueryParams,
    /** the bucket of a row: from the daily rollup (when it may serve them), the hourly one, paragraphs */
    start: { daily?: string; rollup: string; raw: string } | null,
    useRollups: boolean,
  ): string {
    // Whole UTC days from the daily rollups (for buckets, only those of a zone at UTC), whole
    // hours from the hourly ones, the partial hours at the ends from paragraphs.
    const { days, hours, raw } = splitByDayAndHour(
      { from: filter.from, to: filter.to },
      { daily: useRollups && (start === null || start.daily !== undefined), hourly: useRollups },
    );
    const targetCondition = (column: string) =>
      target === undefined
        ? []
        : target === null
          ? [`${column} IS NULL`]
          : [`${column} = ${params.add(target)}`];
    const parts: string[] = [];
    if (days) {
      const where = [
        ...dimensionConditions(filter, params),
        ...targetCondition('target'),
        timeCondition('day', days, params),
      ];
      const table =
        filter.source === null
          ? 'paragraph_target_daily_rollups'
          : 'paragraph_target_source_daily_rollups';
      parts.push(`
        SELECT ${start ? `${start.daily} AS start, ` : ''}side, target,
               paragraphs, tone_sum, positive, negative, neutral
        FROM ${table} WHERE ${where.join(' AND ')}`);
    }
    if (hours.length > 0) {
      // without a source in the filter, the smaller rollup summed over sources answers
      const table =
        filter.source === null ? 'paragraph_target_side_rollups' : 'paragraph_target_rollups';
      const where = [
        ...dimensionConditions(filter, params),
        ...targetCondition('target'),
        `(${anyTimeCondition('hour', hours, params)})`,
      ];
      parts.push(`
        SELECT ${start ? `${start.rollup} AS start, ` : ''}side, target,
               paragraphs, tone_sum, positive, negative, neutral
        FROM ${table} WHERE ${where.join(' AND ')}`);
    }
    if (raw.length > 0) {
      const where = [
        ...dimensionConditions(filter, params, 'p'),
        ...targetCondition('t.target'),
        `(${anyTimeCondition('p.occurred_at', raw, params)})`,
      ];
      parts.push(`
        SELECT ${start ? `${start.raw} AS start, ` : ''}p.side, t.target,
               count(*) AS paragraphs, sum(p.tone_value::float8) AS tone_sum,
               count(*) FILTER (WHERE p.tone_label = 'positive') AS positive,
               count(*) FILTER (WHERE p.tone_label = 'negative') AS negative,
               count(*) FILTER (WHERE p.tone_label = 'neutral') AS neutral
        FROM paragraphs p
        CROSS JOIN LATERAL (
          SELECT DISTINCT u.t FROM unnest(
            CASE WHEN cardinality(p.targets) = 0 THEN ARRAY[NULL::text] ELSE p.targets END) AS u(t)
        ) AS t(target)
        WHERE ${where.join(' AND ')}
        GROUP BY ${start ? '1, 2, 3' : '1, 2'}`);
    }
    return parts.join(' UNION ALL ');
  }
}
