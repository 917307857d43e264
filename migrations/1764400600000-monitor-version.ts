import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each stored analysis records the version of the monitor it was made with (a content hash of
 * the monitor's side ids and actor names), beside the analysis version. An article whose
 * monitor file has changed since is stale and `reanalyze` picks it, as after an
 * ANALYSIS_VERSION change. Articles scored before this column existed keep NULL, read as
 * "the monitor as it is now": their monitor was a shipped one, whose changes always came with
 * an ANALYSIS_VERSION bump. The index lets GET /api/monitors count stale articles per monitor
 * from the index alone.
 */
export class MonitorVersion1764400600000 implements MigrationInterface {
  name = 'MonitorVersion1764400600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE articles ADD COLUMN monitor_version text`);
    await db.query(`
      CREATE INDEX articles_monitor_versions_idx
        ON articles (monitor, analysis_version, monitor_version) WHERE status = 'scored'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX articles_monitor_versions_idx`);
    await db.query(`ALTER TABLE articles DROP COLUMN monitor_version`);
  }
}
