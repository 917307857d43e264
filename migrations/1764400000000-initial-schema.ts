import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class InitialSchema1764400000000 implements MigrationInterface {
  name = 'InitialSchema1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        monitor text NOT NULL,
        source text,
        url text,
        title text,
        published_at timestamptz,
        occurred_at timestamptz NOT NULL,
        body text NOT NULL,
        content_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'scoring', 'scored', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        analysis_version text,
        analysis_run int NOT NULL DEFAULT 0,
        request_id text,
        scored_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Duplicate detection: the same content, or the same url, is one article.
    await db.query(`CREATE UNIQUE INDEX articles_content_hash_key ON articles (content_hash)`);
    await db.query(`CREATE UNIQUE INDEX articles_url_key ON articles (url) WHERE url IS NOT NULL`);
    // Listing and filtering: newest first, by status (the re-enqueue sweep), by source.
    await db.query(`CREATE INDEX articles_occurred_at_idx ON articles (occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX articles_status_idx ON articles (status, created_at)`);
    await db.query(`CREATE INDEX articles_source_occurred_idx ON articles (source, occurred_at DESC)`);

    await db.query(`
      CREATE TABLE paragraphs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        idx int NOT NULL,
        text text NOT NULL,
        start_offset int NOT NULL,
        end_offset int NOT NULL,
        monitor text NOT NULL,
        source text,
        occurred_at timestamptz NOT NULL,
        side text NOT NULL,
        speaker text,
        side_reason text NOT NULL,
        evidence_start int,
        evidence_end int,
        targets text[] NOT NULL DEFAULT '{}',
        tone_value real NOT NULL,
        tone_score real NOT NULL,
        tone_comparative real NOT NULL,
        tone_label text NOT NULL CHECK (tone_label IN ('positive', 'negative', 'neutral')),
        tone_terms jsonb NOT NULL DEFAULT '[]',
        CONSTRAINT paragraphs_article_idx_key UNIQUE (article_id, idx)
      )`);
    // Dashboard filters: monitor + time range, optionally side and source.
    await db.query(`CREATE INDEX paragraphs_monitor_time_idx ON paragraphs (monitor, occurred_at) INCLUDE (side, tone_value, tone_label)`);
    await db.query(`CREATE INDEX paragraphs_monitor_side_time_idx ON paragraphs (monitor, side, occurred_at)`);
    await db.query(`CREATE INDEX paragraphs_source_time_idx ON paragraphs (source, occurred_at)`);

    await db.query(`
      CREATE TABLE framing_hits (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        paragraph_id bigint NOT NULL REFERENCES paragraphs (id) ON DELETE CASCADE,
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        frame text NOT NULL,
        phrase text NOT NULL,
        side text NOT NULL,
        negated boolean NOT NULL,
        start_offset int NOT NULL,
        end_offset int NOT NULL,
        monitor text NOT NULL,
        source text,
        occurred_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX framing_hits_frame_time_idx ON framing_hits (monitor, frame, occurred_at)`);
    await db.query(`CREATE INDEX framing_hits_side_time_idx ON framing_hits (monitor, side, occurred_at)`);
    await db.query(`CREATE INDEX framing_hits_paragraph_idx ON framing_hits (paragraph_id)`);
    await db.query(`CREATE INDEX framing_hits_article_idx ON framing_hits (article_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE framing_hits`);
    await db.query(`DROP TABLE paragraphs`);
    await db.query(`DROP TABLE articles`);
  }
}
