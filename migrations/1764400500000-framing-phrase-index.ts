import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Framing by phrase counts the hits whose frame id is the phrase's slug from the daily rollup,
 * like framing by frame, and reads from the raw hits only those whose matched text is the
 * phrase under another frame id ("internal affairs" under `interference`). A partial index
 * holds just those hits, covering the columns the counts group and filter by; it replaces the
 * index on every hit's phrase, which nothing else reads (and which the planner would prefer
 * to it, not knowing how few of its rows the partial one keeps).
 */
export class FramingPhraseIndex1764400500000 implements MigrationInterface {
  name = 'FramingPhraseIndex1764400500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX framing_hits_phrase_time_idx`);
    await db.query(`
      CREATE INDEX framing_hits_other_frame_phrase_idx
        ON framing_hits (monitor, lower(phrase), occurred_at) INCLUDE (side, negated, source)
        WHERE frame <> replace(lower(phrase), ' ', '-')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX framing_hits_other_frame_phrase_idx`);
    await db.query(
      `CREATE INDEX framing_hits_phrase_time_idx ON framing_hits (monitor, lower(phrase), occurred_at)`,
    );
  }
}
