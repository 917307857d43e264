import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Scheduled ingestion: the sources analysts follow, one row per poll (`source_runs`), one
 * row per item url ever seen in a feed (`source_items`, which is also how an item is
 * fetched once however many feeds carry it), and paragraph fingerprints that link reprints
 * of one wire story through `articles.wire_group_id`.
 */
export class Sources1764400200000 implements MigrationInterface {
  name = 'Sources1764400200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('rss', 'atom', 'page')),
        url text NOT NULL,
        schedule text NOT NULL,
        monitor text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        tags text[] NOT NULL DEFAULT '{}',
        etag text,
        last_modified text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX sources_url_key ON sources (url)`);

    await db.query(`
      CREATE TABLE source_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        http_status int,
        items_seen int NOT NULL DEFAULT 0,
        new_articles int NOT NULL DEFAULT 0,
        duplicates int NOT NULL DEFAULT 0,
        failed_items int NOT NULL DEFAULT 0,
        error text
      )`);
    await db.query(
      `CREATE INDEX source_runs_source_started_idx ON source_runs (source_id, started_at DESC)`,
    );

    await db.query(`
      CREATE TABLE source_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        source_id uuid REFERENCES sources (id) ON DELETE SET NULL,
        run_id uuid REFERENCES source_runs (id) ON DELETE SET NULL,
        title text,
        published_at timestamptz,
        status text NOT NULL CHECK (status IN ('pending', 'stored', 'duplicate', 'failed')),
        article_id uuid REFERENCES articles (id) ON DELETE SET NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX source_items_url_key ON source_items (url)`);
    await db.query(`CREATE INDEX source_items_run_idx ON source_items (run_id)`);

    await db.query(
      `ALTER TABLE articles ADD COLUMN wire_group_id uuid REFERENCES articles (id) ON DELETE SET NULL`,
    );
    await db.query(
      `CREATE INDEX articles_wire_group_idx ON articles (wire_group_id) WHERE wire_group_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE paragraph_fingerprints (
        fingerprint text NOT NULL,
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (fingerprint, article_id)
      )`);
    await db.query(
      `CREATE INDEX paragraph_fingerprints_article_idx ON paragraph_fingerprints (article_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE paragraph_fingerprints`);
    await db.query(`ALTER TABLE articles DROP COLUMN wire_group_id`);
    await db.query(`DROP TABLE source_items`);
    await db.query(`DROP TABLE source_runs`);
    await db.query(`DROP TABLE sources`);
  }
}
