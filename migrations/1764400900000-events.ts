import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Events: articles of one monitor that report the same occurrence (see src/events/core).
 * `event_articles` holds each grouped article's event, its content terms and vector (the
 * grouping's input, kept so an event's centre can be recomputed and history regrouped);
 * `event_term_days` counts, per monitor, UTC day and term, the grouped articles containing the
 * term: the document frequencies of the grouping's TF-IDF, read over a 14-day window.
 * `asymmetry` and `tone_gap` are the event's readout comparison as last computed from its
 * paragraphs (null while fewer than two sides speak). `articles_scored_at_idx` lets the worker's sweep find recently scored articles not yet grouped.
 */
export class Events1764400900000 implements MigrationInterface {
  name = 'Events1764400900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        monitor text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        article_count int NOT NULL,
        central_article_id uuid REFERENCES articles (id) ON DELETE SET NULL,
        title text NOT NULL,
        top_terms text[] NOT NULL DEFAULT '{}',
        centroid jsonb NOT NULL,
        asymmetry real,
        tone_gap real,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX events_monitor_ended_idx ON events (monitor, ended_at DESC, id DESC) INCLUDE (started_at, article_count)`,
    );
    await db.query(`
      CREATE TABLE event_articles (
        article_id uuid PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        monitor text NOT NULL,
        occurred_at timestamptz NOT NULL,
        similarity real NOT NULL,
        terms text[] NOT NULL,
        vector jsonb NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX event_articles_event_idx ON event_articles (event_id, occurred_at)`,
    );
    await db.query(
      `CREATE INDEX event_articles_monitor_time_idx ON event_articles (monitor, occurred_at)`,
    );
    await db.query(`
      CREATE TABLE event_term_days (
        monitor text NOT NULL,
        term text NOT NULL,
        day date NOT NULL,
        df int NOT NULL,
        PRIMARY KEY (monitor, term, day)
      )`);
    await db.query(
      `CREATE INDEX articles_scored_at_idx ON articles (scored_at) WHERE status = 'scored'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX articles_scored_at_idx`);
    await db.query(`DROP TABLE event_term_days`);
    await db.query(`DROP TABLE event_articles`);
    await db.query(`DROP TABLE events`);
  }
}
