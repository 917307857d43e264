import { type MigrationInterface, type QueryRunner } from 'typeorm';
import * as previous from './1764400400000-dashboard-side-rollups';

/**
 * The tone rollups' article counts in time linear in the rows a statement changes, whatever its
 * size. The trigger used to count, for every article and key the statement touched, the
 * article's rows in that key with a LATERAL probe of `paragraphs` filtered on monitor and side
 * (the planner answered it from the (monitor, side, occurred_at) index, reading every paragraph
 * of the monitor and side for each article): fine for one article, quadratic for a bulk
 * statement (one COPY of 18,000 paragraphs took 17 s more with the trigger than without).
 *
 * Now two ways, both exact:
 *
 * - The store path replaces whole articles: it deletes every paragraph of the articles it
 *   stores, then inserts all of their new ones, and says so for its transaction with
 *   `set_config('tonewatch.whole_articles', 'on', true)`. An article then has no rows in a key
 *   before an INSERT and none after a DELETE, so every (article, key) group of the statement's
 *   own rows adds or removes exactly one article: no probe at all.
 * - Any other statement (an UPDATE, a partial delete, a row added to a stored article, the
 *   cascade of an article delete) counts the current rows of only the articles it touched, in one
 *   set-based query through the (article_id, idx) index: time linear in those articles' rows.
 *
 * An UPDATE always takes the second way, whatever the setting says.
 */
export class LinearArticleRollups1764401000000 implements MigrationInterface {
  name = 'LinearArticleRollups1764401000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(PARAGRAPH_TRIGGER_FUNCTION);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(previous.PARAGRAPH_TRIGGER_FUNCTION);
  }
}

/** The transaction-local setting by which the store path declares whole-article statements. */
export const WHOLE_ARTICLES_SETTING = 'tonewatch.whole_articles';

const PARAGRAPH_TRIGGER_FUNCTION = `
CREATE OR REPLACE FUNCTION paragraphs_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  row_columns constant text :=
    'monitor, date_trunc(''hour'', occurred_at, ''UTC'') AS hour, side, source, article_id, tone_value, tone_label';
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
      SELECT monitor, hour, side, source, article_id,
             sum(sign) AS paragraphs,
             sum(sign * tone_value::float8) AS tone_sum,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'positive'), 0) AS positive,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'negative'), 0) AS negative,
             coalesce(sum(sign) FILTER (WHERE tone_label = 'neutral'), 0) AS neutral
      FROM changes
      GROUP BY monitor, hour, side, source, article_id
    ),
    current_rows AS (
      SELECT p.article_id, p.monitor, date_trunc('hour', p.occurred_at, 'UTC') AS hour, p.side,
             p.source, count(*) AS n
      FROM paragraphs p
      WHERE NOT %L::boolean AND p.article_id = ANY (ARRAY(SELECT DISTINCT article_id FROM changes))
      GROUP BY 1, 2, 3, 4, 5
    ),
    deltas AS MATERIALIZED (
      SELECT a.monitor, a.hour, a.side, a.source, sum(a.paragraphs) AS paragraphs,
             -- whole articles: each (article, key) group is one article gained or lost;
             -- otherwise the key's rows now, against now minus the statement's net change
             sum(CASE WHEN %L::boolean THEN sign(a.paragraphs)::int
                      ELSE (coalesce(c.n, 0) > 0)::int - (coalesce(c.n, 0) - a.paragraphs > 0)::int
                 END) AS articles,
             sum(a.tone_sum) AS tone_sum, sum(a.positive) AS positive, sum(a.negative) AS negative,
             sum(a.neutral) AS neutral
      FROM per_article a
      LEFT JOIN current_rows c
        ON c.article_id = a.article_id AND c.side = a.side AND c.hour = a.hour
       AND c.monitor = a.monitor AND c.source IS NOT DISTINCT FROM a.source
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
  $sql$, changes, whole_articles, whole_articles);
  RETURN NULL;
END
$fn$`;
