import { type MigrationInterface, type QueryRunner } from 'typeorm';
import * as previous from './1764400400000-dashboard-side-rollups';

/**
 * Directional tone (GET /api/tone/directional): hourly rollups per speaking side and target
 * side, the sides a paragraph talks about (`paragraphs.targets`). A paragraph counts once in
 * each of its targets; one that names no side counts once under the target NULL ("no side
 * named"). As for tone, one table keeps the source (keyed source first, so a source filter
 * reads only that source's rows) and a smaller one sums it away for the reads without one.
 *
 * A trigger of its own on paragraphs keeps both exact in the statement that changes the rows,
 * from the same transition tables as the tone rollups: a re-analysis (delete and insert),
 * an update of side, targets or tone, or a delete moves the figures with it. There is no
 * article count here, so no lookup of the article's other paragraphs is needed.
 * dashboard_rebuild_rollups() rebuilds these tables too.
 */
export class DirectionalToneRollups1764400700000 implements MigrationInterface {
  name = 'DirectionalToneRollups1764400700000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, key] of [
      ['paragraph_target_rollups', 'monitor, source, hour, side, target'],
      ['paragraph_target_side_rollups', 'monitor, hour, side, target'],
    ]) {
      await db.query(`
        CREATE TABLE ${table} (
          monitor text NOT NULL,
          hour timestamptz NOT NULL,
          side text NOT NULL,
          target text,
          ${table === 'paragraph_target_rollups' ? 'source text,' : ''}
          paragraphs int NOT NULL,
          tone_sum double precision NOT NULL,
          positive int NOT NULL,
          negative int NOT NULL,
          neutral int NOT NULL
        )`);
      // Covering, so range aggregates are index-only scans.
      await db.query(`
        CREATE UNIQUE INDEX ${table}_key ON ${table} (${key})
          INCLUDE (paragraphs, tone_sum, positive, negative, neutral) NULLS NOT DISTINCT`);
    }
    await db.query(TARGET_TRIGGER_FUNCTION);
    await db.query(`CREATE TRIGGER paragraphs_target_rollup_insert AFTER INSERT ON paragraphs
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION paragraphs_target_rollup_trigger()`);
    await db.query(`CREATE TRIGGER paragraphs_target_rollup_delete AFTER DELETE ON paragraphs
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION paragraphs_target_rollup_trigger()`);
    await db.query(`CREATE TRIGGER paragraphs_target_rollup_update AFTER UPDATE ON paragraphs
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION paragraphs_target_rollup_trigger()`);
    await db.query(TARGET_REBUILD_FUNCTION);
    await db.query(rebuildAll(previous.REBUILD_FUNCTION));
    await db.query(`SELECT dashboard_rebuild_target_rollups()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(previous.REBUILD_FUNCTION);
    for (const op of ['insert', 'delete', 'update']) {
      await db.query(`DROP TRIGGER paragraphs_target_rollup_${op} ON paragraphs`);
    }
    await db.query(`DROP FUNCTION paragraphs_target_rollup_trigger()`);
    await db.query(`DROP FUNCTION dashboard_rebuild_target_rollups()`);
    await db.query(`DROP TABLE paragraph_target_side_rollups`);
    await db.query(`DROP TABLE paragraph_target_rollups`);
  }
}

/** A paragraph's targets, or one NULL when it names no side; each target once. */
export const TARGETS_OF = (row: string) =>
  `(SELECT DISTINCT t FROM unnest(CASE WHEN cardinality(${row}.targets) = 0 THEN ARRAY[NULL::text] ELSE ${row}.targets END) AS u(t))`;

export const MEASURES_SET = `
      paragraphs = r.paragraphs + excluded.paragraphs,
      tone_sum = r.tone_sum + excluded.tone_sum,
      positive = r.positive + excluded.positive,
      negative = r.negative + excluded.negative,
      neutral = r.neutral + excluded.neutral`;

/**
 * Signed deltas (+1 inserted, -1 deleted; an update is both) per key, written to the
 * per-source table and, summed over sources, to the per-side one, in key order so two
 * transactions on the same keys lock them in the same order.
 */
export const TARGET_TRIGGER_FUNCTION = `
CREATE FUNCTION paragraphs_target_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
      CROSS JOIN LATERAL ${TARGETS_OF('c')} AS t(target)
      GROUP BY c.monitor, c.hour, c.side, t.target, c.source
    ),
    by_source AS (
      INSERT INTO paragraph_target_rollups AS r
        (monitor, source, hour, side, target, paragraphs, tone_sum, positive, negative, neutral)
      SELECT monitor, source, hour, side, target, paragraphs, tone_sum, positive, negative, neutral
      FROM deltas
      ORDER BY monitor, source, hour, side, target
      ON CONFLICT (monitor, source, hour, side, target) DO UPDATE SET ${MEASURES_SET}
    )
    INSERT INTO paragraph_target_side_rollups AS r
      (monitor, hour, side, target, paragraphs, tone_sum, positive, negative, neutral)
    SELECT monitor, hour, side, target, sum(paragraphs), sum(tone_sum), sum(positive),
           sum(negative), sum(neutral)
    FROM deltas
    GROUP BY monitor, hour, side, target
    ORDER BY monitor, hour, side, target
    ON CONFLICT (monitor, hour, side, target) DO UPDATE SET ${MEASURES_SET}
  $sql$, changes);
  RETURN NULL;
END
$fn$`;

export const TARGET_REBUILD_FUNCTION = `
CREATE FUNCTION dashboard_rebuild_target_rollups() RETURNS void LANGUAGE sql AS $fn$
  TRUNCATE paragraph_target_rollups, paragraph_target_side_rollups;
  INSERT INTO paragraph_target_rollups
    (monitor, source, hour, side, target, paragraphs, tone_sum, positive, negative, neutral)
  SELECT p.monitor, p.source, date_trunc('hour', p.occurred_at, 'UTC'), p.side, t.target, count(*),
         sum(p.tone_value::float8),
         count(*) FILTER (WHERE p.tone_label = 'positive'),
         count(*) FILTER (WHERE p.tone_label = 'negative'),
         count(*) FILTER (WHERE p.tone_label = 'neutral')
  FROM paragraphs p
  CROSS JOIN LATERAL ${TARGETS_OF('p')} AS t(target)
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5;
  INSERT INTO paragraph_target_side_rollups
    (monitor, hour, side, target, paragraphs, tone_sum, positive, negative, neutral)
  SELECT monitor, hour, side, target, sum(paragraphs), sum(tone_sum), sum(positive),
         sum(negative), sum(neutral)
  FROM paragraph_target_rollups
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4;
$fn$`;

/** The previous dashboard_rebuild_rollups(), which now rebuilds the target rollups as well. */
function rebuildAll(previousRebuild: string): string {
  const end = previousRebuild.lastIndexOf('$fn$');
  return `${previousRebuild.slice(0, end)}  SELECT dashboard_rebuild_target_rollups();\n${previousRebuild.slice(end)}`;
}
