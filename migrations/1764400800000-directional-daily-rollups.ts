import { type MigrationInterface, type QueryRunner } from 'typeorm';
import * as previous from './1764400700000-directional-tone-rollups';

/**
 * Daily directional rollups (per monitor, UTC day, speaking side and target, without the
 * source), so the directional matrix over a long range adds up days instead of hours: two
 * years of a two-side monitor are about 5,800 rows instead of 140,000. Whole UTC days come
 * from here, the whole hours around them from paragraph_target_side_rollups and the partial
 * hours at the ends from paragraphs. The target trigger writes all three tables in one
 * statement; dashboard_rebuild_target_rollups() fills this one from the hourly rows.
 */
export class DirectionalDailyRollups1764400800000 implements MigrationInterface {
  name = 'DirectionalDailyRollups1764400800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE paragraph_target_daily_rollups (
        monitor text NOT NULL,
        day timestamptz NOT NULL,
        side text NOT NULL,
        target text,
        paragraphs int NOT NULL,
        tone_sum double precision NOT NULL,
        positive int NOT NULL,
        negative int NOT NULL,
        neutral int NOT NULL
      )`);
    await db.query(`
      CREATE UNIQUE INDEX paragraph_target_daily_rollups_key
        ON paragraph_target_daily_rollups (monitor, day, side, target)
        INCLUDE (paragraphs, tone_sum, positive, negative, neutral) NULLS NOT DISTINCT`);
    await db.query(TARGET_TRIGGER_FUNCTION);
    await db.query(TARGET_REBUILD_FUNCTION);
    await db.query(`
      INSERT INTO paragraph_target_daily_rollups
        (monitor, day, side, target, paragraphs, tone_sum, positive, negative, neutral)
      ${DAILY_FROM_HOURLY}`);
  }

  async down(db: QueryRunner): Promise<void> {
    const orReplace = (sql: string) => sql.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
    await db.query(orReplace(previous.TARGET_TRIGGER_FUNCTION));
    await db.query(orReplace(previous.TARGET_REBUILD_FUNCTION));
    await db.query(`DROP TABLE paragraph_target_daily_rollups`);
  }
}

const DAILY_FROM_HOURLY = `
  SELECT monitor, date_trunc('day', hour, 'UTC'), side, target, sum(paragraphs), sum(tone_sum),
         sum(positive), sum(negative), sum(neutral)
  FROM paragraph_target_side_rollups
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4`;

/** As before, and the day's deltas summed from the hours' into the daily table, in key order. */
const TARGET_TRIGGER_FUNCTION = `
CREATE OR REPLACE FUNCTION paragraphs_target_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  row_columns constant text :=
    'monitor, date_trunc(''hour'', occurred_at, ''UTC'') AS hour, side, source, targets, tone_value, tone_label';
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
      SELECT c.monitor, c.hour, c.side, t.target, c.source,
             sum(c.sign) AS paragraphs,
             sum(c.sign * c.tone_value::float8) AS tone_sum,
             coalesce(sum(c.sign) FILTER (WHERE c.tone_label = 'positive'), 0) AS positive,
             coalesce(sum(c.sign) FILTER (WHERE c.tone_label = 'negative'), 0) AS negative,
             coalesce(sum(c.sign) FILTER (WHERE c.tone_label = 'neutral'), 0) AS neutral
      FROM changes c
      CROSS JOIN LATERAL ${previous.TARGETS_OF('c')} AS t(target)
      GROUP BY c.monitor, c.hour, c.side, t.target, c.source
    ),
    by_source AS (
      INSERT INTO paragraph_target_rollups AS r
        (monitor, source, hour, side, target, paragraphs, tone_sum, positive, negative, neutral)
      SELECT monitor, source, hour, side, target, paragraphs, tone_sum, positive, negative, neutral
      FROM deltas
      ORDER BY monitor, source, hour, side, target
      ON CONFLICT (monitor, source, hour, side, target) DO UPDATE SET ${previous.MEASURES_SET}
    ),
    by_side AS (
      INSERT INTO paragraph_target_side_rollups AS r
        (monitor, hour, side, target, paragraphs, tone_sum, positive, negative, neutral)
      SELECT monitor, hour, side, target, sum(paragraphs), sum(tone_sum), sum(positive),
             sum(negative), sum(neutral)
      FROM deltas
      GROUP BY monitor, hour, side, target
      ORDER BY monitor, hour, side, target
      ON CONFLICT (monitor, hour, side, target) DO UPDATE SET ${previous.MEASURES_SET}
    )
    INSERT INTO paragraph_target_daily_rollups AS r
      (monitor, day, side, target, paragraphs, tone_sum, positive, negative, neutral)
    SELECT monitor, date_trunc('day', hour, 'UTC') AS day, side, target, sum(paragraphs),
           sum(tone_sum), sum(positive), sum(negative), sum(neutral)
    FROM deltas
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (monitor, day, side, target) DO UPDATE SET ${previous.MEASURES_SET}
  $sql$, changes);
  RETURN NULL;
END
$fn$`;

const TARGET_REBUILD_FUNCTION = `${previous.TARGET_REBUILD_FUNCTION.replace(
  'CREATE FUNCTION',
  'CREATE OR REPLACE FUNCTION',
)
  .replace(
    'TRUNCATE paragraph_target_rollups, paragraph_target_side_rollups;',
    'TRUNCATE paragraph_target_rollups, paragraph_target_side_rollups, paragraph_target_daily_rollups;',
  )
  .replace(
    /\$fn\$$/,
    `  INSERT INTO paragraph_target_daily_rollups
    (monitor, day, side, target, paragraphs, tone_sum, positive, negative, neutral)
  ${DAILY_FROM_HOURLY};
$fn$`,
  )}`;
