import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The id of the scoring job that carries an article, now that one job carries a chunk of
 * articles: the requeue sweep asks Redis whether that job still exists before it enqueues the
 * article again. NULL for articles enqueued before this column, whose job id is derived from the
 * article id and run as it was then (scoringJobId).
 */
export class ScoringJob1764401100000 implements MigrationInterface {
  name = 'ScoringJob1764401100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE articles ADD COLUMN scoring_job text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE articles DROP COLUMN scoring_job`);
  }
}
