import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Alert rules may watch the asymmetry of events (metric `asymmetry`, see docs/events.md).
 *
 * - `events.asymmetry_sides`: the two sides the stored score compares, so a rule on one side
 *   watches the events in which that side is compared (null for scores stored before this
 *   migration, which rules then take to compare the monitor's sides).
 * - `alert_rule_events`: the events each asymmetry rule has judged, so that a retried or
 *   concurrent evaluation judges an event once, as `alert_rule_articles` does for articles.
 * - `alerts.evidence_events`: the events behind an asymmetry alert, as `evidence` holds the
 *   paragraphs behind the others.
 * - `events_monitor_asymmetry_idx`: an evaluation reads the monitor's scored events by time.
 */
export class AsymmetryAlerts1764401300000 implements MigrationInterface {
  name = 'AsymmetryAlerts1764401300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alert_rules DROP CONSTRAINT alert_rules_metric_check`);
    await db.query(
      `ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_metric_check
         CHECK (metric IN ('tone', 'negative-share', 'frame-rate', 'asymmetry'))`,
    );
    await db.query(`ALTER TABLE events ADD COLUMN asymmetry_sides text[]`);
    await db.query(
      `CREATE INDEX events_monitor_asymmetry_idx ON events (monitor, ended_at) WHERE asymmetry IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE alert_rule_events (
        rule_id uuid NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (rule_id, event_id)
      )`);
    await db.query(
      `CREATE INDEX alert_rule_events_time_idx ON alert_rule_events (rule_id, occurred_at)`,
    );
    await db.query(`ALTER TABLE alerts ADD COLUMN evidence_events jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alerts DROP COLUMN evidence_events`);
    await db.query(`DROP TABLE alert_rule_events`);
    await db.query(`DROP INDEX events_monitor_asymmetry_idx`);
    await db.query(`ALTER TABLE events DROP COLUMN asymmetry_sides`);
    await db.query(`DELETE FROM alert_rules WHERE metric = 'asymmetry'`);
    await db.query(`ALTER TABLE alert_rules DROP CONSTRAINT alert_rules_metric_check`);
    await db.query(
      `ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_metric_check
         CHECK (metric IN ('tone', 'negative-share', 'frame-rate'))`,
    );
  }
}
