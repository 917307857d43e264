import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type ArticleAnalysis } from '../analysis';

export interface ClaimedArticle {
  id: string;
  monitor: string;
  source: string | null;
  occurredAt: Date;
  body: string;
  analysisRun: number;
}

export interface StaleArticle {
  id: string;
  analysisRun: number;
}

const PARAGRAPH_COLUMNS = [
  'article_id',
  'idx',
  'text',
  'start_offset',
  'end_offset',
  'monitor',
  'source',
  'occurred_at',
  'side',
  'speaker',
  'side_reason',
  'evidence_start',
  'evidence_end',
  'targets',
  'tone_value',
  'tone_score',
  'tone_comparative',
  'tone_label',
  'tone_terms',
];

const HIT_COLUMNS = [
  'paragraph_id',
  'article_id',
  'frame',
  'phrase',
  'side',
  'negated',
  'start_offset',
  'end_offset',
  'monitor',
  'source',
  'occurred_at',
];

/** Postgres accepts at most 65,535 bind parameters per statement. */
const MAX_PARAMETERS = 65_535;

@Injectable()
export class ScoringRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Marks the article as being scored for this analysis run and returns what the analysis
   * needs; nothing when the article is gone or a re-analysis has started a newer run.
   */
  async claim(articleId: string, analysisRun: number): Promise<ClaimedArticle | undefined> {
    const rows = await this.db.query<ClaimedArticle[]>(
      `WITH claimed AS (
         UPDATE articles SET status = 'scoring', attempts = attempts + 1, updated_at = now()
         WHERE id = $1 AND analysis_run = $2
         RETURNING id, monitor, source, occurred_at, body, analysis_run
       )
       SELECT id, monitor, source, occurred_at AS "occurredAt", body, analysis_run AS "analysisRun"
       FROM claimed`,
      [articleId, analysisRun],
    );
    return rows[0];
  }

  async findMonitor(articleId: string): Promise<string | undefined> {
    const rows = await this.db.query<{ monitor: string }[]>(
      `SELECT monitor FROM articles WHERE id = $1`,
      [articleId],
    );
    return rows[0]?.monitor;
  }

  /**
   * Replaces the article's paragraphs and framing hits and marks it scored, all in one
   * transaction: a rerun of the same job leaves exactly one copy of each paragraph.
   */
  async storeAnalysis(article: ClaimedArticle, analysis: ArticleAnalysis): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Two deliveries of one job may overlap (a stalled job handed to a second worker):
      // the row lock makes the second wait, then replace what the first wrote.
      await tx.query(`SELECT 1 FROM articles WHERE id = $1 FOR UPDATE`, [article.id]);
      // framing_hits go with their paragraphs (ON DELETE CASCADE)
      await tx.query(`DELETE FROM paragraphs WHERE article_id = $1`, [article.id]);
      const paragraphIds = await this.insertParagraphs(tx, article, analysis);
      await this.insertFrameHits(tx, article, analysis, paragraphIds);
      await tx.query(
        `UPDATE articles
         SET status = 'scored', analysis_version = $2, last_error = NULL,
             scored_at = now(), updated_at = now()
         WHERE id = $1`,
        [article.id, analysis.analysisVersion],
      );
    });
  }

  /** A failed attempt that will be retried: the article waits in the queue again. */
  async recordRetry(articleId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE articles SET status = 'queued', last_error = $2, updated_at = now()
       WHERE id = $1 AND status <> 'scored'`,
      [articleId, error],
    );
  }

  async markFailed(articleId: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE articles SET status = 'failed', last_error = $2, updated_at = now() WHERE id = $1`,
      [articleId, error],
    );
  }

  /**
   * Articles waiting for a job that may never have reached Redis: queued (or left `scoring`
   * by a lost job) and untouched for longer than the grace period.
   */
  async findWaiting(olderThanMs: number, limit: number): Promise<StaleArticle[]> {
    return this.db.query<StaleArticle[]>(
      `SELECT id, analysis_run AS "analysisRun" FROM articles
       WHERE status IN ('queued', 'scoring') AND updated_at < now() - make_interval(secs => $1 / 1000.0)
       ORDER BY updated_at
       LIMIT $2`,
      [olderThanMs, limit],
    );
  }

  private async insertParagraphs(
    tx: EntityManager,
    article: ClaimedArticle,
    analysis: ArticleAnalysis,
  ): Promise<Map<number, string>> {
    const rows = analysis.paragraphs.map((p) => [
      article.id,
      p.index,
      p.text,
      p.start,
      p.end,
      article.monitor,
      article.source,
      article.occurredAt,
      p.side,
      p.speaker,
      p.sideReason,
      p.evidence?.start ?? null,
      p.evidence?.end ?? null,
      p.targets,
      p.tone.value,
      p.tone.score,
      p.tone.comparative,
      p.tone.label,
      JSON.stringify(p.tone.terms),
    ]);
    const ids = new Map<number, string>();
    for (const chunk of chunks(rows, PARAGRAPH_COLUMNS.length)) {
      const inserted = await tx.query<{ id: string; idx: number }[]>(
        `INSERT INTO paragraphs (${PARAGRAPH_COLUMNS.join(', ')})
         VALUES ${placeholders(chunk.length, PARAGRAPH_COLUMNS.length)}
         RETURNING id, idx`,
        chunk.flat(),
      );
      for (const row of inserted) ids.set(row.idx, row.id);
    }
    return ids;
  }

  private async insertFrameHits(
    tx: EntityManager,
    article: ClaimedArticle,
    analysis: ArticleAnalysis,
    paragraphIds: Map<number, string>,
  ): Promise<void> {
    const rows = analysis.paragraphs.flatMap((p) =>
      p.frames.map((hit) => [
        paragraphIds.get(p.index),
        article.id,
        hit.frame,
        hit.phrase,
        hit.side,
        hit.negated,
        hit.start,
        hit.end,
        article.monitor,
        article.source,
        article.occurredAt,
      ]),
    );
    for (const chunk of chunks(rows, HIT_COLUMNS.length)) {
      await tx.query(
        `INSERT INTO framing_hits (${HIT_COLUMNS.join(', ')})
         VALUES ${placeholders(chunk.length, HIT_COLUMNS.length)}`,
        chunk.flat(),
      );
    }
  }
}

/** Splits rows so that no statement exceeds Postgres's bind-parameter limit. */
function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.floor(MAX_PARAMETERS / columns);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `($1, $2, …), ($n+1, …)` for a multi-row VALUES list. */
function placeholders(rowCount: number, columns: number): string {
  const rows: string[] = [];
  for (let r = 0; r < rowCount; r++) {
    const cells = Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`);
    rows.push(`(${cells.join(', ')})`);
  }
  return rows.join(', ');
}
