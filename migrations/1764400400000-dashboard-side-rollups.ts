import { type MigrationInterface, type QueryRunner } from 'typeorm';
import * as previous from './1764400100000-dashboard';

/**
 * Hourly rollups per monitor and side without the source: most dashboard reads do not filter
 * by source, and dropping that dimension makes them several times fewer rows to add up
 * (90 days at 10 million paragraphs: about 8,600 rows instead of 69,000). The paragraph
 * trigger now writes the per-source deltas and their sums per side in one statement; since an
 * article's paragraphs share one source, article counts add up across sources too.
 */
export class DashboardSideRollups1764400400000 implements MigrationInterface {
  name = 'DashboardSideRollups1764400400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE paragraph_side_rollups (
        monitor text NOT NULL,
        hour timestamptz NOT NULL,
        side text NOT NULL,
        paragraphs int NOT NULL,
        articles int NOT NULL,
        tone_sum double precision NOT NULL,
        positive int NOT NULL,
        negative int NOT NULL,
        neutral int NOT NULL
      )`);
    await db.query(`
      CREATE UNIQUE INDEX paragraph_side_rollups_key ON paragraph_side_rollups (monitor, hour, side)
        INCLUDE (paragraphs, articles, tone_sum, positive, negative, neutral)`);
    await db.query(PARAGRAPH_TRIGGER_FUNCTION);
    await db.query(REBUILD_FUNCTION);
    await db.query(`SELECT dashboard_rebuild_rollups()`);
  }

  async down(db: QueryRunner): Promise<void> {
    const orReplace = (sql: string) => sql.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
    await db.query(orReplace(previous.PARAGRAPH_TRIGGER_FUNCTION));
    await db.query(orReplace(previous.REBUILD_FUNCTION));
    await db.query(`DROP TABLE paragraph_side_rollups`);
  }
}

export const PARAGRAPH_TRIGGER_FUNCTION = `
CREATE OR REPLACE FUNCTION paragraphs_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  row_columns constant text :=
    'monitor, date_trunc(''hour'', occurred_at, ''UTC'') AS hour, side, source, article_id, tone_value, tone_label';
  changes text;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM new_rows', row_columns)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM old_rows', row_columns)
    ELSE format('SELECT %1$s, 1 AS sign FROM new_rows UNION ALL SELECT %1$s, -1 FROM old_rows', row_columns)
  END;
  EXECUTE format($sql$
    WITH changes AS (%s),
    per_article AS (
      SELECT monitor, hour, side, source, article_id,
             sum(sign) AS paragraphs,
             sum(sign * tone_value::float8) AS tone_sum,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'positive'), 0) AS positive,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'negative'), 0) AS negative,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'neutral'), 0) AS neutral
      FROM changes
      GROUP BY monitor, hour, side, source, article_id
    ),
    deltas AS MATERIALIZED (
      SELECT a.monitor, a.hour, a.side, a.source, sum(a.paragraphs) AS paragraphs,
             sum((current_rows.n > 0)::int - (current_rows.n - a.paragraphs > 0)::int) AS articles,
             sum(a.tone_sum) AS tone_sum, sum(a.positive) AS positive, sum(a.negative) AS negative,
             sum(a.neutral) AS neutral
      FROM per_article a
      CROSS JOIN LATERAL (
        SELECT count(*) AS n FROM paragraphs p
        WHERE p.article_id = a.article_id AND p.side = a.side AND p.monitor = a.monitor
          AND p.source IS NOT DISTINCT FROM a.source
          AND date_trunc('hour', p.occurred_at, 'UTC') = a.hour
      ) current_rows
      GROUP BY a.monitor, a.hour, a.side, a.source
    ),
    by_source AS (
      INSERT INTO paragraph_rollups AS r
        (monitor, hour, side, source, paragraphs, articles, tone_sum, positive, negative, neutral)
      SELECT * FROM deltas
      ORDER BY monitor, hour, side, source
      ON CONFLICT (monitor, hour, side, source) DO UPDATE SET
        paragraphs = r.paragraphs + excluded.paragraphs,
        articles = r.articles + excluded.articles,
        tone_sum = r.tone_sum + excluded.tone_sum,
        positive = r.positive + excluded.positive,
        negative = r.negative + excluded.negative,
        neutral = r.neutral + excluded.neutral
    )
    INSERT INTO paragraph_side_rollups AS r
      (monitor, hour, side, paragraphs, articles, tone_sum, positive, negative, neutral)
    SELECT monitor, hour, side, sum(paragraphs), sum(articles), sum(tone_sum), sum(positive),
           sum(negative), sum(neutral)
    FROM deltas
    GROUP BY monitor, hour, side
    ORDER BY monitor, hour, side
    ON CONFLICT (monitor, hour, side) DO UPDATE SET
      paragraphs = r.paragraphs + excluded.paragraphs,
      articles = r.articles + excluded.articles,
      tone_sum = r.tone_sum + excluded.tone_sum,
      positive = r.positive + excluded.positive,
      negative = r.negative + excluded.negative,
      neutral = r.neutral + excluded.neutral
  $sql$, changes);
  RETURN NULL;
END
$fn$`;

export const REBUILD_FUNCTION = `
CREATE OR REPLACE FUNCTION dashboard_rebuild_rollups() RETURNS void LANGUAGE sql AS $fn$
  TRUNCATE paragraph_rollups, paragraph_side_rollups, framing_rollups;
  INSERT INTO paragraph_rollups
    (monitor, hour, side, source, paragraphs, articles, tone_sum, positive, negative, neutral)
  SELECT monitor, date_trunc('hour', occurred_at, 'UTC'), side, source, count(*),
         count(DISTINCT article_id), sum(tone_value::float8),
         count(*) FILTER (WHERE tone_label = 'positive'),
         count(*) FILTER (WHERE tone_label = 'negative'),
         count(*) FILTER (WHERE tone_label = 'neutral')
  FROM paragraphs
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
  INSERT INTO paragraph_side_rollups
    (monitor, hour, side, paragraphs, articles, tone_sum, positive, negative, neutral)
  SELECT monitor, hour, side, sum(paragraphs), sum(articles), sum(tone_sum), sum(positive),
         sum(negative), sum(neutral)
  FROM paragraph_rollups
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3;
  INSERT INTO framing_rollups (monitor, day, frame, side, negated, source, hits)
  SELECT monitor, date_trunc('day', occurred_at, 'UTC'), frame, side, negated, source, count(*)
  FROM framing_hits
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6;
$fn$`;
