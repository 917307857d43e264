import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each alert rule says how wire copies count in what it watches: `collapse` (the default, what
 * every rule did before) counts a wire story once, `all` every outlet's copy (README, "Alerts").
 * An asymmetry rule under `all` reads the events' figures over every copy, hence the index
 * beside events_monitor_asymmetry_idx.
 */
export class AlertRuleSyndication1764401800000 implements MigrationInterface {
  name = 'AlertRuleSyndication1764401800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alert_rules ADD COLUMN syndication text NOT NULL DEFAULT 'collapse'
      CONSTRAINT alert_rules_syndication_check CHECK (syndication IN ('collapse', 'all'))`);
    await db.query(`CREATE INDEX events_monitor_asymmetry_all_idx ON events (monitor, ended_at)
      WHERE asymmetry_all IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_monitor_asymmetry_all_idx`);
    await db.query(`ALTER TABLE alert_rules DROP COLUMN syndication`);
  }
}
