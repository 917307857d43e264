import { type MigrationInterface, type QueryRunner } from 'typeorm';
import * as directional from './1764400700000-directional-tone-rollups';
import { WHOLE_ARTICLES_SETTING } from './1764401000000-linear-article-rollups';

/**
 * Wire reprints counted once. Every paragraph and framing hit carries `reprint`: true when its
 * article is in a wire group and is not the group's canonical (first stored) article. Every
 * rollup table keys on it, so an aggregate counts a wire story once by reading only
 * `reprint = false` rows (syndication=collapse) or every copy by reading both
 * (syndication=all), from the same exact rollups.
 *
 * The flag lives on the rows themselves, not only on the article, so the statement triggers
 * that keep the rollups exact see it in their transition tables: when linking makes an
 * article a reprint (or the canonical one), it updates that article's rows and the rollup
 * triggers move their figures from one key to the other, like any other update.
 *
 * Rows inserted for an article that is already a reprint (a re-analysis, or scoring after
 * linking) are flagged by a statement trigger after the insert, which locks the articles it
 * read (FOR SHARE) so that a concurrent re-link waits for the insert to commit and then
 * updates the new rows too. The scoring store never has to know about the flag.
 *
 * `articles.wire_pending` marks an article posted but not yet linked; the alert detectors
 * leave it out until it is (README, "Wire reprints").
 */
export class WireReprints1764401200000 implements MigrationInterface {
  name = 'WireReprints1764401200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE articles ADD COLUMN wire_pending boolean NOT NULL DEFAULT false`);
    await db.query(
      `CREATE INDEX articles_wire_pending_idx ON articles (scored_at) WHERE wire_pending AND status = 'scored'`,
    );
    for (const table of ['paragraphs', 'framing_hits', ...ROLLUP_KEYS.map(([t]) => t)]) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN reprint boolean NOT NULL DEFAULT false`);
    }
    for (const [table, key, include] of ROLLUP_KEYS) {
      await db.query(`DROP INDEX ${table}_key`);
      await db.query(`CREATE UNIQUE INDEX ${table}_key ON ${table} (${key})
        INCLUDE (${include}) NULLS NOT DISTINCT`);
    }
    await db.query(PARAGRAPH_TRIGGER_FUNCTION);
    await db.query(TARGET_TRIGGER_FUNCTION);
    await db.query(FRAMING_TRIGGER_FUNCTION);
    await db.query(REBUILD_FUNCTION);
    await db.query(TARGET_REBUILD_FUNCTION);
    await db.query(REPRINT_FLAG_FUNCTION);
    for (const table of ['paragraphs', 'framing_hits']) {
      await db.query(`CREATE TRIGGER ${table}_wire_reprint_insert AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wire_reprint_flag_trigger()`);
    }
    // groups linked before this migration: their first article is their id
    for (const table of ['paragraphs', 'framing_hits']) {
      await db.query(`UPDATE ${table} t SET reprint = true FROM articles a
        WHERE a.id = t.article_id AND a.wire_group_id IS NOT NULL AND a.wire_group_id <> a.id`);
    }
    await db.query(`SELECT dashboard_rebuild_rollups()`);
  }

  /**
   * One-way: the trigger functions this replaces are private to their migrations, and folding
   * the reprint rows back into the others is a rebuild. Restore a backup taken before it instead.
   */
  down(): Promise<void> {
    return Promise.reject(new Error(`${this.name} is one-way: restore a backup taken before it`));
  }
}

const TONE_MEASURES = 'paragraphs, articles, tone_sum, positive, negative, neutral';
const TARGET_MEASURES = 'paragraphs, tone_sum, positive, negative, neutral';

/** table, key (reprint after the equality columns every read fixes), covered columns */
const ROLLUP_KEYS: [string, string, string][] = [
  ['paragraph_rollups', 'monitor, reprint, hour, side, source', TONE_MEASURES],
  ['paragraph_side_rollups', 'monitor, reprint, hour, side', TONE_MEASURES],
  ['framing_rollups', 'monitor, reprint, day, frame, side, negated, source', 'hits'],
  ['paragraph_target_rollups', 'monitor, source, reprint, hour, side, target', TARGET_MEASURES],
  ['paragraph_target_side_rollups', 'monitor, reprint, hour, side, target', TARGET_MEASURES],
  ['paragraph_target_daily_rollups', 'monitor, reprint, day, side, target', TARGET_MEASURES],
];

/**
 * Rows inserted for articles that are reprints get reprint = true. The articles are locked
 * FOR SHARE, all of them and not only the reprints, so a re-link that changes one of them
 * waits for this transaction and then sees (and flags) its rows.
 */
const REPRINT_FLAG_FUNCTION = `
CREATE FUNCTION wire_reprint_flag_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format($sql$
    WITH locked AS MATERIALIZED (
      SELECT id, wire_group_id FROM articles
      WHERE id = ANY (ARRAY(SELECT DISTINCT article_id FROM new_rows))
      ORDER BY id
      FOR SHARE
    )
    UPDATE %I t SET reprint = true
    FROM locked a
    WHERE t.article_id = a.id AND a.wire_group_id <> a.id AND NOT t.reprint
  $sql$, TG_TABLE_NAME);
  RETURN NULL;
END
$fn$`;

const TONE_SET = `
      paragraphs = r.paragraphs + excluded.paragraphs,
      articles = r.articles + excluded.articles,
      tone_sum = r.tone_sum + excluded.tone_sum,
      positive = r.positive + excluded.positive,
      negative = r.negative + excluded.negative,
      neutral = r.neutral + excluded.neutral`;

/** 1764401000000's trigger with `reprint` in every key; see that migration for the two paths. */
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
    )
    INSERT INTO paragraph_side_rollups AS r
      (monitor, reprint, hour, side, ${TONE_MEASURES})
    SELECT monitor, reprint, hour, side, sum(paragraphs), sum(articles), sum(tone_sum),
           sum(positive), sum(negative), sum(neutral)
    FROM deltas
    GROUP BY monitor, reprint, hour, side
    ORDER BY monitor, reprint, hour, side
    ON CONFLICT (monitor, reprint, hour, side) DO UPDATE SET ${TONE_SET}
  $sql$, changes, whole_articles, whole_articles);
  RETURN NULL;
END
$fn$`;

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
      SELECT monitor, reprint, hour, side, target, sum(paragraphs), sum(tone_sum), sum(positive),
             sum(negative), sum(neutral)
      FROM deltas
      GROUP BY monitor, reprint, hour, side, target
      ORDER BY monitor, reprint, hour, side, target
      ON CONFLICT (monitor, reprint, hour, side, target) DO UPDATE SET ${directional.MEASURES_SET}
    )
    INSERT INTO paragraph_target_daily_rollups AS r
      (monitor, reprint, day, side, target, ${TARGET_MEASURES})
    SELECT monitor, reprint, date_trunc('day', hour, 'UTC') AS day, side, target, sum(paragraphs),
           sum(tone_sum), sum(positive), sum(negative), sum(neutral)
    FROM deltas
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (monitor, reprint, day, side, target) DO UPDATE SET ${directional.MEASURES_SET}
  $sql$, changes);
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
    WITH changes AS (%s)
    INSERT INTO framing_rollups AS r (monitor, reprint, day, frame, side, negated, source, hits)
    SELECT monitor, reprint, day, frame, side, negated, source, sum(sign)
    FROM changes
    GROUP BY monitor, reprint, day, frame, side, negated, source
    ORDER BY monitor, reprint, day, frame, side, negated, source
    ON CONFLICT (monitor, reprint, day, frame, side, negated, source) DO UPDATE SET hits = r.hits + excluded.hits
  $sql$, changes);
  RETURN NULL;
END
$fn$`;

/** Set-based as before: one GROUP BY per table, with `reprint` as one more key column. */
const REBUILD_FUNCTION = `
CREATE OR REPLACE FUNCTION dashboard_rebuild_rollups() RETURNS void LANGUAGE sql AS $fn$
  TRUNCATE paragraph_rollups, paragraph_side_rollups, framing_rollups;
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
  SELECT monitor, reprint, hour, side, sum(paragraphs), sum(articles), sum(tone_sum),
         sum(positive), sum(negative), sum(neutral)
  FROM paragraph_rollups
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
  INSERT INTO framing_rollups (monitor, reprint, day, frame, side, negated, source, hits)
  SELECT monitor, reprint, date_trunc('day', occurred_at, 'UTC'), frame, side, negated, source,
         count(*)
  FROM framing_hits
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7;
  SELECT dashboard_rebuild_target_rollups();
$fn$`;

const TARGET_REBUILD_FUNCTION = `
CREATE OR REPLACE FUNCTION dashboard_rebuild_target_rollups() RETURNS void LANGUAGE sql AS $fn$
  TRUNCATE paragraph_target_rollups, paragraph_target_side_rollups, paragraph_target_daily_rollups;
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
  SELECT monitor, reprint, hour, side, target, sum(paragraphs), sum(tone_sum), sum(positive),
         sum(negative), sum(neutral)
  FROM paragraph_target_rollups
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5;
  INSERT INTO paragraph_target_daily_rollups (monitor, reprint, day, side, target, ${TARGET_MEASURES})
  SELECT monitor, reprint, date_trunc('day', hour, 'UTC'), side, target, sum(paragraphs),
         sum(tone_sum), sum(positive), sum(negative), sum(neutral)
  FROM paragraph_target_side_rollups
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5;
$fn$`;
