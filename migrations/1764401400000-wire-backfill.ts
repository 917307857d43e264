import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Articles stored before wire linking (migration 1764401200000) have no paragraph fingerprints,
 * so no later article can find them and they are never linked. `wire_backfill` lists the
 * articles still to fingerprint and link; workers drain it in batches in the background
 * (src/wire/worker/backfill-sweep.ts) and `tonewatch wire backfill` adds any scored article
 * whose fingerprints are missing and drains it from the command line.
 *
 * A queue table rather than a flag on `articles`: seeding it writes no article row (the
 * table scoring updates all the time), and a drained row is gone, so the queue is only ever as
 * large as the work left. Seeded here with every scored, linked-or-never-pending article
 * without a fingerprint; articles not scored yet are linked when they are.
 */
export class WireBackfill1764401400000 implements MigrationInterface {
  name = 'WireBackfill1764401400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE wire_backfill (
        article_id uuid PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        queued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO wire_backfill (article_id)
      SELECT a.id FROM articles a
      WHERE a.status = 'scored' AND NOT a.wire_pending
        AND NOT EXISTS (SELECT 1 FROM paragraph_fingerprints f WHERE f.article_id = a.id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE wire_backfill`);
  }
}
