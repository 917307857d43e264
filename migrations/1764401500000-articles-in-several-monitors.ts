import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One article, several monitors. The article stays one row (one body, one content hash and
 * url for duplicate detection, one lifecycle: status, attempts, analysis run, scoring job);
 * what was the article's one monitor becomes its list of monitors, and what each monitor's
 * analysis records moves to `article_analyses`, one row per article and monitor.
 *
 * - `articles.monitors`: the monitors the article is analysed under, in the order named (for
 *   `auto`, most involved first). `articles.auto_monitors`: a submission asked for `auto` and
 *   the worker has not picked yet; the pick is stored with the article's first analysis, which
 *   adds the picked monitors to `monitors` and clears the flag. Until then `monitors` holds only
 *   monitors named explicitly (often none).
 * - `article_analyses`: per article and monitor, the run, monitor version (moved from
 *   `articles.monitor_version`), paragraph count and time of the stored analysis; replaced as
 *   a whole with every store of the article, in the store's transaction. The analysis version
 *   stays on the article: one run analyses every monitor of the article with one build.
 * - `paragraphs` are unique per (article, monitor, idx): each monitor has its own paragraphs
 *   (and framing hits), counted under that monitor only.
 * - `event_articles`: an article is grouped into one event per monitor.
 * - `sources.monitors`: what a source submits its items with; `{auto}` asks for the pick.
 *
 * Existing data: every article's monitor becomes its one-element list, and every scored
 * article gets the one analysis row it had.
 */
export class ArticlesInSeveralMonitors1764401500000 implements MigrationInterface {
  name = 'ArticlesInSeveralMonitors1764401500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE articles ADD COLUMN monitors text[] NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE articles ADD COLUMN auto_monitors boolean NOT NULL DEFAULT false`);
    await db.query(`UPDATE articles SET monitors = ARRAY[monitor]`);
    await db.query(`
      CREATE TABLE article_analyses (
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        monitor text NOT NULL,
        analysis_run int NOT NULL,
        monitor_version text,
        paragraphs int NOT NULL,
        scored_at timestamptz NOT NULL,
        PRIMARY KEY (article_id, monitor)
      )`);
    await db.query(`
      INSERT INTO article_analyses
        (article_id, monitor, analysis_run, monitor_version, paragraphs, scored_at)
      SELECT a.id, a.monitor, a.analysis_run, a.monitor_version,
             (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id),
             coalesce(a.scored_at, a.updated_at)
      FROM articles a WHERE a.status = 'scored'`);
    // GET /api/monitors counts stale analyses per monitor from this index.
    await db.query(`
      CREATE INDEX article_analyses_versions_idx
        ON article_analyses (monitor, monitor_version)`);
    await db.query(`ALTER TABLE articles DROP COLUMN monitor_version`);
    await db.query(`ALTER TABLE articles DROP COLUMN monitor`);
    // GET /api/articles?monitor= and the re-analysis of one monitor
    await db.query(`CREATE INDEX articles_monitors_idx ON articles USING gin (monitors)`);

    await db.query(`ALTER TABLE paragraphs DROP CONSTRAINT paragraphs_article_idx_key`);
    await db.query(`
      ALTER TABLE paragraphs
        ADD CONSTRAINT paragraphs_article_monitor_idx_key UNIQUE (article_id, monitor, idx)`);

    await db.query(`ALTER TABLE event_articles DROP CONSTRAINT event_articles_pkey`);
    await db.query(`ALTER TABLE event_articles ADD PRIMARY KEY (article_id, monitor)`);

    await db.query(`ALTER TABLE sources ADD COLUMN monitors text[]`);
    await db.query(`UPDATE sources SET monitors = ARRAY[monitor]`);
    await db.query(`ALTER TABLE sources ALTER COLUMN monitors SET NOT NULL`);
    await db.query(`ALTER TABLE sources DROP COLUMN monitor`);
  }

  /** Back to one monitor per article: its first; other monitors' paragraphs and groupings go. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sources ADD COLUMN monitor text`);
    await db.query(`UPDATE sources SET monitor = monitors[1]`);
    await db.query(`ALTER TABLE sources ALTER COLUMN monitor SET NOT NULL`);
    await db.query(`ALTER TABLE sources DROP COLUMN monitors`);

    await db.query(`
      DELETE FROM event_articles ea USING articles a
      WHERE a.id = ea.article_id AND ea.monitor IS DISTINCT FROM a.monitors[1]`);
    await db.query(`ALTER TABLE event_articles DROP CONSTRAINT event_articles_pkey`);
    await db.query(`ALTER TABLE event_articles ADD PRIMARY KEY (article_id)`);

    await db.query(`
      DELETE FROM paragraphs p USING articles a
      WHERE a.id = p.article_id AND p.monitor IS DISTINCT FROM a.monitors[1]`);
    await db.query(`ALTER TABLE paragraphs DROP CONSTRAINT paragraphs_article_monitor_idx_key`);
    await db.query(
      `ALTER TABLE paragraphs ADD CONSTRAINT paragraphs_article_idx_key UNIQUE (article_id, idx)`,
    );

    await db.query(`ALTER TABLE articles ADD COLUMN monitor text`);
    await db.query(`ALTER TABLE articles ADD COLUMN monitor_version text`);
    await db.query(`
      UPDATE articles a SET monitor = coalesce(a.monitors[1], 'us-china'),
        monitor_version = (SELECT x.monitor_version FROM article_analyses x
                           WHERE x.article_id = a.id AND x.monitor = a.monitors[1])`);
    await db.query(`ALTER TABLE articles ALTER COLUMN monitor SET NOT NULL`);
    await db.query(`
      CREATE INDEX articles_monitor_versions_idx
        ON articles (monitor, analysis_version, monitor_version) WHERE status = 'scored'`);
    await db.query(`DROP TABLE article_analyses`);
    await db.query(`ALTER TABLE articles DROP COLUMN auto_monitors`);
    await db.query(`ALTER TABLE articles DROP COLUMN monitors`);
  }
}
