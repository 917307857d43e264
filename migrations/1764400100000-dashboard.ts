import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Dashboard read paths: hourly paragraph rollups and daily framing rollups kept exact by
 * statement-level triggers (so they change in the same transaction as the rows they count,
 * and the scoring code never has to know about them), a full-text index for paragraph
 * search, and an index for framing lookups by matched phrase.
 *
 * Hours and days are UTC. Rows whose counts drop to zero are kept: deleting them would
 * make a trigger wait on keys another transaction is changing, for no gain in the sums.
 */
export class Dashboard1764400100000 implements MigrationInterface {
  name = 'Dashboard1764400100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE paragraph_rollups (
        monitor text NOT NULL,
        hour timestamptz NOT NULL,
        side text NOT NULL,
        source text,
        paragraphs int NOT NULL,
        articles int NOT NULL,
        tone_sum double precision NOT NULL,
        positive int NOT NULL,
        negative int NOT NULL,
        neutral int NOT NULL
      )`);
    // Covering, so range aggregates are index-only scans.
    await db.query(`
      CREATE UNIQUE INDEX paragraph_rollups_key ON paragraph_rollups (monitor, hour, side, source)
        INCLUDE (paragraphs, articles, tone_sum, positive, negative, neutral) NULLS NOT DISTINCT`);

    await db.query(`
      CREATE TABLE framing_rollups (
        monitor text NOT NULL,
        day timestamptz NOT NULL,
        frame text NOT NULL,
        side text NOT NULL,
        negated boolean NOT NULL,
        source text,
        hits int NOT NULL
      )`);
    await db.query(`
      CREATE UNIQUE INDEX framing_rollups_key ON framing_rollups (monitor, day, frame, side, negated, source)
        INCLUDE (hits) NULLS NOT DISTINCT`);

    await db.query(
      `CREATE INDEX paragraphs_text_search_idx ON paragraphs USING gin (to_tsvector('english', text))`,
    );
    await db.query(
      `CREATE INDEX framing_hits_phrase_time_idx ON framing_hits (monitor, lower(phrase), occurred_at)`,
    );

    await db.query(PARAGRAPH_TRIGGER_FUNCTION);
    await db.query(FRAMING_TRIGGER_FUNCTION);
    for (const table of ['paragraphs', 'framing_hits']) {
      const fn = `${table}_rollup_trigger()`;
      await db.query(`CREATE TRIGGER ${table}_rollup_insert AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`);
      await db.query(`CREATE TRIGGER ${table}_rollup_delete AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`);
      await db.query(`CREATE TRIGGER ${table}_rollup_update AFTER UPDATE ON ${table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}`);
    }
    await db.query(REBUILD_FUNCTION);
    await db.query(`SELECT dashboard_rebuild_rollups()`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['paragraphs', 'framing_hits']) {
      for (const op of ['insert', 'delete', 'update']) {
        await db.query(`DROP TRIGGER ${table}_rollup_${op} ON ${table}`);
      }
      await db.query(`DROP FUNCTION ${table}_rollup_trigger()`);
    }
    await db.query(`DROP FUNCTION dashboard_rebuild_rollups()`);
    await db.query(`DROP INDEX framing_hits_phrase_time_idx`);
    await db.query(`DROP INDEX paragraphs_text_search_idx`);
    await db.query(`DROP TABLE framing_rollups`);
    await db.query(`DROP TABLE paragraph_rollups`);
  }
}

/**
 * Transition rows become signed deltas (+1 inserted, -1 deleted; an update is both). The
 * article count of a key changes when an article gains its first or loses its last paragraph
 * there, found by comparing the article's rows in the key now with the same count before the
 * statement (now - inserted + deleted). Upserts run in key order so that two transactions
 * touching the same keys lock them in the same order and cannot deadlock.
 */
export const PARAGRAPH_TRIGGER_FUNCTION = `
CREATE FUNCTION paragraphs_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
    )
    INSERT INTO paragraph_rollups AS r
      (monitor, hour, side, source, paragraphs, articles, tone_sum, positive, negative, neutral)
    SELECT a.monitor, a.hour, a.side, a.source, sum(a.paragraphs),
           sum((current_rows.n > 0)::int - (current_rows.n - a.paragraphs > 0)::int),
           sum(a.tone_sum), sum(a.positive), sum(a.negative), sum(a.neutral)
    FROM per_article a
    CROSS JOIN LATERAL (
      SELECT count(*) AS n FROM paragraphs p
      WHERE p.article_id = a.article_id AND p.side = a.side AND p.monitor = a.monitor
        AND p.source IS NOT DISTINCT FROM a.source
        AND date_trunc('hour', p.occurred_at, 'UTC') = a.hour
    ) current_rows
    GROUP BY a.monitor, a.hour, a.side, a.source
    ORDER BY a.monitor, a.hour, a.side, a.source
    ON CONFLICT (monitor, hour, side, source) DO UPDATE SET
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

const FRAMING_TRIGGER_FUNCTION = `
CREATE FUNCTION framing_hits_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  row_columns constant text :=
    'monitor, date_trunc(''day'', occurred_at, ''UTC'') AS day, frame, side, negated, source';
  changes text;
BEGIN
  changes := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS sign FROM new_rows', row_columns)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS sign FROM old_rows', row_columns)
    ELSE format('SELECT %1$s, 1 AS sign FROM new_rows UNION ALL SELECT %1$s, -1 FROM old_rows', row_columns)
  END;
  EXECUTE format($sql$
    WITH changes AS (%s)
    INSERT INTO framing_rollups AS r (monitor, day, frame, side, negated, source, hits)
    SELECT monitor, day, frame, side, negated, source, sum(sign)
    FROM changes
    GROUP BY monitor, day, frame, side, negated, source
    ORDER BY monitor, day, frame, side, negated, source
    ON CONFLICT (monitor, day, frame, side, negated, source) DO UPDATE SET hits = r.hits + excluded.hits
  $sql$, changes);
  RETURN NULL;
END
$fn$`;

/** Recomputes both rollups from the raw tables: after a bulk load with triggers off, or to repair. */
export const REBUILD_FUNCTION = `
CREATE FUNCTION dashboard_rebuild_rollups() RETURNS void LANGUAGE sql AS $fn$
  TRUNCATE paragraph_rollups, framing_rollups;
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
  INSERT INTO framing_rollups (monitor, day, frame, side, negated, source, hits)
  SELECT monitor, date_trunc('day', occurred_at, 'UTC'), frame, side, negated, source, count(*)
  FROM framing_hits
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6;
$fn$`;
