import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Events count a wire story once by default (syndication=collapse), every copy with
 * syndication=all, as the dashboard does (README, "Events").
 *
 * - `story_count`: the event's articles counting each wire story once; `article_count` stays
 *   every copy (grouping's centroid weighs every member).
 * - `asymmetry`, `tone_gap`, `asymmetry_sides` now hold the collapsed figures, the default the
 *   list and alert rules read; `asymmetry_all`, `tone_gap_all`, `asymmetry_sides_all` the
 *   figures over every copy. Both are stored with the event, so GET /api/events reads one row
 *   per event in either mode.
 * - `readouts_stale`: a wire link changed the group of one of the event's articles after its
 *   figures were stored; the worker recomputes them (src/events/worker/stale-readouts-sweep.ts).
 *
 * Figures stored before this migration were computed over every copy: they become the `_all`
 * ones, and every event with a member in a wire group is marked stale to get its collapsed ones.
 */
export class EventsSyndication1764401600000 implements MigrationInterface {
  name = 'EventsSyndication1764401600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE events
      ADD COLUMN story_count int,
      ADD COLUMN asymmetry_all real,
      ADD COLUMN tone_gap_all real,
      ADD COLUMN asymmetry_sides_all text[],
      ADD COLUMN readouts_stale boolean NOT NULL DEFAULT false`);
    await db.query(`UPDATE events SET story_count = article_count, asymmetry_all = asymmetry,
      tone_gap_all = tone_gap, asymmetry_sides_all = asymmetry_sides`);
    await db.query(`ALTER TABLE events ALTER COLUMN story_count SET NOT NULL`);
    await db.query(`UPDATE events e SET readouts_stale = true
      WHERE EXISTS (SELECT 1 FROM event_articles ea JOIN articles a ON a.id = ea.article_id
                    WHERE ea.event_id = e.id AND a.wire_group_id IS NOT NULL)`);
    await db.query(
      `CREATE INDEX events_readouts_stale_idx ON events (updated_at) WHERE readouts_stale`,
    );
    // the list filters on either count from the index, in either mode
    await db.query(`DROP INDEX events_monitor_ended_idx`);
    await db.query(`CREATE INDEX events_monitor_ended_idx ON events (monitor, ended_at DESC, id DESC)
      INCLUDE (started_at, article_count, story_count)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_monitor_ended_idx`);
    await db.query(`CREATE INDEX events_monitor_ended_idx ON events (monitor, ended_at DESC, id DESC)
      INCLUDE (started_at, article_count)`);
    await db.query(`DROP INDEX events_readouts_stale_idx`);
    await db.query(`UPDATE events SET asymmetry = asymmetry_all, tone_gap = tone_gap_all,
      asymmetry_sides = asymmetry_sides_all`);
    await db.query(`ALTER TABLE events DROP COLUMN story_count, DROP COLUMN asymmetry_all,
      DROP COLUMN tone_gap_all, DROP COLUMN asymmetry_sides_all, DROP COLUMN readouts_stale`);
  }
}
