import { type MigrationInterface, type QueryRunner } from 'typeorm';
import * as directional from './1764400700000-directional-tone-rollups';
import { WHOLE_ARTICLES_SETTING } from './1764401000000-linear-article-rollups';

/**
 * Daily rollups beside the hourly ones, so that a long range adds up days instead of hours:
 *
 * - `paragraph_daily_rollups` (monitor, reprint, UTC day, side, source) answers the breakdown by
 *   source and any read filtered on a source: two years of twelve outlets are about 70,000 rows
 *   instead of 1.7 million hourly ones;
 * - `paragraph_side_daily_rollups` (the same without the source) answers the summary and the
 *   timeseries: two years are about 5,800 rows instead of 140,000;
 * - `framing_side_rollups` (monitor, reprint, UTC day, frame, side, negated, without the source)
 *   answers the framing counts that name no source; `framing_rollups` keeps the source;
 * - `paragraph_target_source_daily_rollups` (monitor, source, reprint, UTC day, side, target)
 *   answers the directional matrix of one outlet, as `paragraph_target_daily_rollups` does for
 *   all of them.
 *
 * The partial days at the ends of a framing count come from framing_hits by monitor and time
 * alone (every frame and side), which no index served: `framing_hits_monitor_time_idx` does, so
 * the ends of a 90-day count read a few thousand index entries instead of the whole table.
 *
 * An article's paragraphs share one hour, so its distinct count adds up across days exactly as
 * across hours: the paragraph trigger sums the hours' deltas it already computes into the day's,
 * in key order like the other upserts, in the same statement. The framing trigger does the same
 * for the day without the source, and the target trigger for the day with it.
 */
export class DailyRollups1764401700000 implements MigrationInterface {
  name = 'DailyRollups1764401700000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, columns, key, include] of TABLES) {
      await db.query(`CREATE TABLE ${table} (${columns})`);
      await db.query(`CREATE UNIQUE INDEX ${table}_key ON ${table} (${key})
        INCLUDE (${include}) NULLS NOT DISTINCT`);
    }
    await db.query(`CREATE INDEX framing_hits_monitor_time_idx
      ON framing_hits (monitor, reprint, occurred_at) INCLUDE (frame, side, negated, source)`);
    await db.query(PARAGRAPH_TRIGGER_FUNCTION);
    await db.query(FRAMING_TRIGGER_FUNCTION);
    await db.query(TARGET_TRIGGER_FUNCTION);
    await db.query(REBUILD_FUNCTION);
    await db.query(TARGET_REBUILD_FUNCTION);
    await db.query(DAILY_FROM_HOURLY);
    await db.query(TARGET_SOURCE_DAILY_FROM_HOURLY);
  }

  /**
   * One-way, as 1764401200000 before it: the functions it replaces are private to that
   * migration. Restore a backup taken before it instead.
   */
  down(): Promise<void> {
    return Promise.reject(new Error(`${this.name} is one-way: restore a backup taken before it`));
  }
}

const TONE_MEASURES = 'paragraphs, articles, tone_sum, positive, negative, neutral';
const TARGET_MEASURES = 'paragraphs, tone_sum, positive, negative, neutral';
const TARGET_SUMS = 'sum(paragraphs), sum(tone_sum), sum(positive), sum(negative), sum(neutral)';
const TONE_COLUMNS = `paragraphs int NOT NULL, articles int NOT NULL,
  tone_sum double precision NOT NULL, positive int NOT NULL, negative int NOT NULL,
  neutral int NOT NULL`;

/** table, columns, key (reprint after monitor, as in every rollup), covered columns */
const TABLES: [string, string, string, string][] = [
  [
    'paragraph_daily_rollups',
    `monitor text NOT NULL, reprint boolean NOT NULL, day timestamptz NOT NULL,
     side text NOT NULL, source text, ${TONE_COLUMNS}`,
    'monitor, reprint, day, side, source',
    TONE_MEASURES,
  ],
  [
    'paragraph_side_daily_rollups',
    `monitor text NOT NULL, reprint boolean NOT NULL, day timestamptz NOT NULL,
     side text NOT NULL, ${TONE_COLUMNS}`,
    'monitor, reprint, day, side',
    TONE_MEASURES,
  ],
  [
    'framing_side_rollups',
    `monitor text NOT NULL, reprint boolean NOT NULL, day timestamptz NOT NULL,
     frame text NOT NULL, side text NOT NULL, negated boolean NOT NULL, hits int NOT NULL`,
    'monitor, reprint, day, frame, side, negated',
    'hits',
  ],
  [
    'paragraph_target_source_daily_rollups',
    `monitor text NOT NULL, source text, reprint boolean NOT NULL, day timestamptz NOT NULL,
     side text NOT NULL, target text, paragraphs int NOT NULL, tone_sum double precision NOT NULL,
     positive int NOT NULL, negative int NOT NULL, neutral int NOT NULL`,
    'monitor, source, reprint, day, side, target',
    TARGET_MEASURES,
  ],
];

const TONE_SET = `
      paragraphs = r.paragraphs + excluded.paragraphs,
      articles = r.articles + excluded.articles,
      tone_sum = r.tone_sum + excluded.tone_sum,
      positive = r.positive + excluded.positive,
      negative = r.negative + excluded.negative,
      neutral = r.neutral + excluded.neutral`;

const TONE_SUMS = `sum(paragraphs), sum(articles), sum(tone_sum), sum(positive), sum(negative),
           sum(neutral)`;

/** 1764401200000's trigger, and the hours' deltas summed into the two daily tables. */
const PARAGRAPH_TRIGGER_FUNCTION = `
CREATE OR REPLACE FUNCTION paragraphs_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  row_columns constant text :=
    'monitor, reprint, date_trunc(''hour'', occurred_at, ''UTC'') AS hour, side, source, article_id, tone_value, tone_label';
  changes text;
  whole_articles boolean;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM new_rows', row_columns)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM old_rows', row_columns)
    ELSE format('SELECT %1$s, 1 AS sign FROM new_rows UNION ALL SELECT %1$s, -1 FROM old_rows', row_columns)
  END;
  whole_articles := TG_OP <> 'UPDATE'
    AND coalesce(current_setting('${WHOLE_ARTICLES_SETTING}', true), '') = 'on';
  EXECUTE format($sql$
    WITH changes AS MATERIALIZED (%s),
    per_article AS (
      SELECT monitor, reprint, hour, side, source, article_id,
             sum(sign) AS paragraphs,
             sum(sign * tone_value::float8) AS tone_sum,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'positive'), 0) AS positive,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'negative'), 0) AS negative,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'neutral'), 0) AS neutral
      FROM changes
      GROUP BY monitor, reprint, hour, side, source, article_id
    ),
    current_rows AS (
      SELECT p.article_id, p.monitor, p.reprint, date_trunc('hour', p.occurred_at, 'UTC') AS hour,
             p.side, p.source, count(*) AS n
      FROM paragraphs p
      WHERE NOT %L::boolean AND p.article_id = ANY (ARRAY(SELECT DISTINCT article_id FROM changes))
      GROUP BY 1, 2, 3, 4, 5, 6
    ),
    deltas AS MATERIALIZED (
      SELECT a.monitor, a.reprint, a.hour, a.side, a.source, sum(a.paragraphs) AS paragraphs,
             sum(CASE WHEN %L::boolean THEN sign(a.paragraphs)::int
                      ELSE (coalesce(c.n, 0) > 0)::int - (coalesce(c.n, 0) - a.paragraphs > 0)::int
                 END) AS articles,
             sum(a.tone_sum) AS tone_sum, sum(a.positive) AS positive, sum(a.negative) AS negative,
             sum(a.neutral) AS neutral
      FROM per_article a
      LEFT JOIN current_rows c
        ON c.article_id = a.article_id AND c.side = a.side AND c.hour = a.hour
       AND c.monitor = a.monitor AND c.reprint = a.reprint AND c.source IS NOT DISTINCT FROM a.source
      GROUP BY a.monitor, a.reprint, a.hour, a.side, a.source
    ),
    by_source AS (
      INSERT INTO paragraph_rollups AS r
        (monitor, reprint, hour, side, source, ${TONE_MEASURES})
      SELECT * FROM deltas
      ORDER BY monitor, reprint, hour, side, source
      ON CONFLICT (monitor, reprint, hour, side, source) DO UPDATE SET ${TONE_SET}
    ),
    by_side AS (
      INSERT INTO paragraph_side_rollups AS r
        (monitor, reprint, hour, side, ${TONE_MEASURES})
      SELECT monitor, reprint, hour, side, ${TONE_SUMS}
      FROM deltas
      GROUP BY monitor, reprint, hour, side
      ORDER BY monitor, reprint, hour, side
      ON CONFLICT (monitor, reprint, hour, side) DO UPDATE SET ${TONE_SET}
    ),
    daily_by_source AS (
      INSERT INTO paragraph_daily_rollups AS r
        (monitor, reprint, day, side, source, ${TONE_MEASURES})
      SELECT monitor, reprint, date_trunc('day', hour, 'UTC'), side, source, ${TONE_SUMS}
      FROM deltas
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (monitor, reprint, day, side, source) DO UPDATE SET ${TONE_SET}
    )
    INSERT INTO paragraph_side_daily_rollups AS r
      (monitor, reprint, day, side, ${TONE_MEASURES})
    SELECT monitor, reprint, date_trunc('day', hour, 'UTC'), side, ${TONE_SUMS}
    FROM deltas
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (monitor, reprint, day, side) DO UPDATE SET ${TONE_SET}
  $sql$, changes, whole_articles, whole_articles);
  RETURN NULL;
END
$fn$`;

const FRAMING_TRIGGER_FUNCTION = `
CREATE OR REPLACE FUNCTION framing_hits_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  row_columns constant text :=
    'monitor, reprint, date_trunc(''day'', occurred_at, ''UTC'') AS day, frame, side, negated, source';
  changes text;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM new_rows', row_columns)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM old_rows', row_columns)
    ELSE format('SELECT %1$s, 1 AS sign FROM new_rows UNION ALL SELECT %1$s, -1 FROM old_rows', row_columns)
  END;
  EXECUTE format($sql$
    WITH changes AS (%s),
    deltas AS MATERIALIZED (
      SELECT monitor, reprint, day, frame, side, negated, source, sum(sign) AS hits
      FROM changes
      GROUP BY monitor, reprint, day, frame, side, negated, source
    ),
    by_source AS (
      INSERT INTO framing_rollups AS r (monitor, reprint, day, frame, side, negated, source, hits)
      SELECT * FROM deltas
      ORDER BY monitor, reprint, day, frame, side, negated, source
      ON CONFLICT (monitor, reprint, day, frame, side, negated, source)
        DO UPDATE SET hits = r.hits + excluded.hits
    )
    INSERT INTO framing_side_rollups AS r (monitor, reprint, day, frame, side, negated, hits)
    SELECT monitor, reprint, day, frame, side, negated, sum(hits)
    FROM deltas
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (monitor, reprint, day, frame, side, negated) DO UPDATE SET hits = r.hits + excluded.hits
  $sql$, changes);
  RETURN NULL;
END
$fn$`;

/** 1764401200000's target trigger, and the hours' deltas summed into the day's per source. */
const TARGET_TRIGGER_FUNCTION = `
CREATE OR REPLACE FUNCTION paragraphs_target_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  row_columns constant text :=
    'monitor, reprint, date_trunc(''hour'', occurred_at, ''UTC'') AS hour, side, source, targets, tone_value, tone_label';
  changes text;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM new_rows', row_columns)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM old_rows', row_columns)
    ELSE format('SELECT %1$s, 1 AS sign FROM new_rows UNION ALL SELECT %1$s, -1 FROM old_rows', row_columns)
  END;
  EXECUTE format($sql$
    WITH changes AS (%s),
    deltas AS MATERIALIZED (
      SELECT c.monitor, c.reprint, c.hour, c.side, t.target, c.source,
             sum(c.sign) AS paragraphs,
             sum(c.sign * c.tone_value::float8) AS tone_sum,
             coalesce(sum(c.sign) FILTER (WHERE c.tone_label = 'positive'), 0) AS positive,
             coalesce(sum(c.sign) FILTER (WHERE c.tone_label = 'negative'), 0) AS negative,
             coalesce(sum(c.sign) FILTER (WHERE c.tone_label = 'neutral'), 0) AS neutral
      FROM changes c
      CROSS JOIN LATERAL ${directional.TARGETS_OF('c')} AS t(target)
      GROUP BY c.monitor, c.reprint, c.hour, c.side, t.target, c.source
    ),
    by_source AS (
      INSERT INTO paragraph_target_rollups AS r
        (monitor, source, reprint, hour, side, target, ${TARGET_MEASURES})
      SELECT monitor, source, reprint, hour, side, target, ${TARGET_MEASURES}
      FROM deltas
      ORDER BY monitor, source, reprint, hour, side, target
      ON CONFLICT (monitor, source, reprint, hour, side, target) DO UPDATE SET ${directional.MEASURES_SET}
    ),
    by_side AS (
      INSERT INTO paragraph_target_side_rollups AS r
        (monitor, reprint, hour, side, target, ${TARGET_MEASURES})
      SELECT monitor, reprint, hour, side, target, ${TARGET_SUMS}
      FROM deltas
      GROUP BY monitor, reprint, hour, side, target
      ORDER BY monitor, reprint, hour, side, target
      ON CONFLICT (monitor, reprint, hour, side, target) DO UPDATE SET ${directional.MEASURES_SET}
    ),
    daily_by_source AS (
      INSERT INTO paragraph_target_source_daily_rollups AS r
        (monitor, source, reprint, day, side, target, ${TARGET_MEASURES})
      SELECT monitor, source, reprint, date_trunc('day', hour, 'UTC'), side, target, ${TARGET_SUMS}
      FROM deltas
      GROUP BY 1, 2, 3, 4, 5, 6
      ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (monitor, source, reprint, day, side, target) DO UPDATE SET ${directional.MEASURES_SET}
    )
    INSERT INTO paragraph_target_daily_rollups AS r
      (monitor, reprint, day, side, target, ${TARGET_MEASURES})
    SELECT monitor, reprint, date_trunc('day', hour, 'UTC') AS day, side, target, ${TARGET_SUMS}
    FROM deltas
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (monitor, reprint, day, side, target) DO UPDATE SET ${directional.MEASURES_SET}
  $sql$, changes);
  RETURN NULL;
END
$fn$`;

const TARGET_SOURCE_DAILY_FROM_HOURLY = `
  INSERT INTO paragraph_target_source_daily_rollups
    (monitor, source, reprint, day, side, target, ${TARGET_MEASURES})
  SELECT monitor, source, reprint, date_trunc('day', hour, 'UTC'), side, target, ${TARGET_SUMS}
  FROM paragraph_target_rollups
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6;`;

/** As 1764401200000's, and the daily table per source from the rebuilt hourly one. */
const TARGET_REBUILD_FUNCTION = `
CREATE OR REPLACE FUNCTION dashboard_rebuild_target_rollups() RETURNS void LANGUAGE sql AS $fn$
  TRUNCATE paragraph_target_rollups, paragraph_target_side_rollups, paragraph_target_daily_rollups,
           paragraph_target_source_daily_rollups;
  INSERT INTO paragraph_target_rollups (monitor, source, reprint, hour, side, target, ${TARGET_MEASURES})
  SELECT p.monitor, p.source, p.reprint, date_trunc('hour', p.occurred_at, 'UTC'), p.side,
         t.target, count(*), sum(p.tone_value::float8),
         count(*) FILTER (WHERE p.tone_label = 'positive'),
         count(*) FILTER (WHERE p.tone_label = 'negative'),
         count(*) FILTER (WHERE p.tone_label = 'neutral')
  FROM paragraphs p
  CROSS JOIN LATERAL ${directional.TARGETS_OF('p')} AS t(target)
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6;
  INSERT INTO paragraph_target_side_rollups (monitor, reprint, hour, side, target, ${TARGET_MEASURES})
  SELECT monitor, reprint, hour, side, target, ${TARGET_SUMS}
  FROM paragraph_target_rollups
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5;
  INSERT INTO paragraph_target_daily_rollups (monitor, reprint, day, side, target, ${TARGET_MEASURES})
  SELECT monitor, reprint, date_trunc('day', hour, 'UTC'), side, target, ${TARGET_SUMS}
  FROM paragraph_target_side_rollups
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5;
  ${TARGET_SOURCE_DAILY_FROM_HOURLY}
$fn$`;

/** The three daily tables from the hourly and per-source ones, each one GROUP BY. */
const DAILY_FROM_HOURLY = `
  INSERT INTO paragraph_daily_rollups (monitor, reprint, day, side, source, ${TONE_MEASURES})
  SELECT monitor, reprint, date_trunc('day', hour, 'UTC'), side, source, ${TONE_SUMS}
  FROM paragraph_rollups
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5;
  INSERT INTO paragraph_side_daily_rollups (monitor, reprint, day, side, ${TONE_MEASURES})
  SELECT monitor, reprint, day, side, ${TONE_SUMS}
  FROM paragraph_daily_rollups
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
  INSERT INTO framing_side_rollups (monitor, reprint, day, frame, side, negated, hits)
  SELECT monitor, reprint, day, frame, side, negated, sum(hits)
  FROM framing_rollups
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6;`;

/** As 1764401200000's, then the daily tables from the rebuilt hourly ones. */
const REBUILD_FUNCTION = `
CREATE OR REPLACE FUNCTION dashboard_rebuild_rollups() RETURNS void LANGUAGE sql AS $fn$
  TRUNCATE paragraph_rollups, paragraph_side_rollups, framing_rollups,
           paragraph_daily_rollups, paragraph_side_daily_rollups, framing_side_rollups;
  INSERT INTO paragraph_rollups (monitor, reprint, hour, side, source, ${TONE_MEASURES})
  SELECT monitor, reprint, date_trunc('hour', occurred_at, 'UTC'), side, source, count(*),
         count(DISTINCT article_id), sum(tone_value::float8),
         count(*) FILTER (WHERE tone_label = 'positive'),
         count(*) FILTER (WHERE tone_label = 'negative'),
         count(*) FILTER (WHERE tone_label = 'neutral')
  FROM paragraphs
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5;
  INSERT INTO paragraph_side_rollups (monitor, reprint, hour, side, ${TONE_MEASURES})
  SELECT monitor, reprint, hour, side, ${TONE_SUMS}
  FROM paragraph_rollups
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
  INSERT INTO framing_rollups (monitor, reprint, day, frame, side, negated, source, hits)
  SELECT monitor, reprint, date_trunc('day', occurred_at, 'UTC'), frame, side, negated, source,
         count(*)
  FROM framing_hits
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7;
  ${DAILY_FROM_HOURLY}
  SELECT dashboard_rebuild_target_rollups();
$fn$`;
