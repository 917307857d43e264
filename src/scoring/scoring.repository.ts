import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { WHOLE_ARTICLES_SETTING } from '../../migrations/1764401000000-linear-article-rollups';
import { getMonitorVersion, type ArticleAnalysis } from '../analysis';

export interface ClaimedArticle {
  id: string;
  monitor: string;
  source: string | null;
  occurredAt: Date;
  body: string;
  analysisRun: number;
  /**
   * The article's attempt count this claim set: the claim's token. A later claim of the same
   * article (a stalled job handed to another worker) counts up, and the store of the earlier
   * one is refused. Absent only where a caller stores without claiming (tests, tools).
   */
  attempt?: number;
}

export interface StaleArticle {
  id: string;
  analysisRun: number;
  /** of the submitting request, so the job enqueued again still logs under it */
  requestId: string | null;
}

@Injectable()
export class ScoringRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Marks the article as being scored for this analysis run and returns what the analysis
   * needs; nothing when the article is gone, a re-analysis has started a newer run, or this run
   * is already scored (a job delivered again after its first delivery stored and lost its lock).
   */
  async claim(articleId: string, analysisRun: number): Promise<ClaimedArticle | undefined> {
    const rows = await this.db.query<ClaimedArticle[]>(
      `WITH claimed AS (
         UPDATE articles SET status = 'scoring', attempts = attempts + 1, updated_at = now()
         WHERE id = $1 AND analysis_run = $2 AND status <> 'scored'
         RETURNING id, monitor, source, occurred_at, body, analysis_run, attempts
       )
       SELECT id, monitor, source, occurred_at AS "occurredAt", body, analysis_run AS "analysisRun",
              attempts AS attempt
       FROM claimed`,
      [articleId, analysisRun],
    );
    return rows[0];
  }

  /** Why a job found nothing to claim. */
  async unclaimable(
    articleId: string,
    analysisRun: number,
  ): Promise<{ monitor: string | null; reason: 'article-gone' | 'superseded' | 'already-scored' }> {
    const rows = await this.db.query<{ monitor: string; run: number; status: string }[]>(
      `SELECT monitor, analysis_run AS run, status FROM articles WHERE id = $1`,
      [articleId],
    );
    const row = rows[0];
    if (!row) return { monitor: null, reason: 'article-gone' };
    if (row.run === analysisRun && row.status === 'scored') {
      return { monitor: row.monitor, reason: 'already-scored' };
    }
    return { monitor: row.monitor, reason: 'superseded' };
  }

  /**
   * Replaces the article's paragraphs and framing hits and marks it scored, all in one
   * transaction: a rerun of the same job leaves exactly one copy of each paragraph. Returns
   * false, and writes nothing, when the claim is no longer the article's latest: another
   * delivery of the job claimed it since (this worker lost its lock), or a re-analysis started a
   * newer run. A claim that is still the latest stores even over `failed`: the job was failed
   * for stalling while this worker was still at it, and what it computed is complete.
   *
   * Three statements, in this order on purpose. The UPDATE takes the article's row lock first,
   * so two overlapping deliveries of one job (a stalled job handed to a second worker)
   * serialise and the second replaces what the first wrote. The paragraph and framing inserts
   * come last, in one statement, because their rollup triggers lock rows that every article
   * of the same hour, side and source shares: the later they are taken, the shorter other
   * transactions wait for them.
   */
  async storeAnalysis(article: ClaimedArticle, analysis: ArticleAnalysis): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // In a WITH, so the driver answers rows (TypeORM turns a bare UPDATE into [rows, count]).
      const updated = await tx.query<{ id: string }[]>(
        `WITH stored AS (
           UPDATE articles
           SET status = 'scored', analysis_version = $2, monitor_version = $5, last_error = NULL,
               scored_at = now(), updated_at = now()
           WHERE id = $1
             AND ($3::int IS NULL
                  OR (attempts = $3 AND analysis_run = $4 AND status IN ('scoring', 'failed')))
           RETURNING id
         )
         SELECT id FROM stored`,
        [
          article.id,
          analysis.analysisVersion,
          article.attempt ?? null,
          article.analysisRun,
          getMonitorVersion(analysis.monitor),
        ],
      );
      if (updated.length === 0) return false;
      // Every paragraph of the article goes and all of its new ones come: the rollup trigger
      // may then count articles from the statements' own rows (migration 1764401000000).
      await tx.query(`SELECT set_config('${WHOLE_ARTICLES_SETTING}', 'on', true)`);
      // framing_hits go with their paragraphs (ON DELETE CASCADE)
      await tx.query(`DELETE FROM paragraphs WHERE article_id = $1`, [article.id]);
      if (analysis.paragraphs.length > 0) await insertParagraphsAndHits(tx, article, analysis);
      return true;
    });
  }

  /**
   * A failed attempt that will be retried: the article waits in the queue again. Never over a
   * stored analysis, nor over an article a re-analysis has moved to a newer run.
   */
  async recordRetry(articleId: string, analysisRun: number, error: string): Promise<void> {
    await this.db.query(
      `UPDATE articles SET status = 'queued', last_error = $3, updated_at = now()
       WHERE id = $1 AND analysis_run = $2 AND status <> 'scored'`,
      [articleId, analysisRun, error],
    );
  }

  /**
   * The job failed for good. Not when its run was stored meanwhile: a job failed for stalling
   * ("job stalled more than allowable limit") may have had a worker that finished and stored
   * after losing its lock, and `failed` over stored paragraphs would be half true.
   */
  async markFailed(articleId: string, analysisRun: number, error: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }[]>(
      `WITH failed AS (
         UPDATE articles SET status = 'failed', last_error = $3, updated_at = now()
         WHERE id = $1 AND analysis_run = $2 AND status <> 'scored'
         RETURNING id
       )
       SELECT id FROM failed`,
      [articleId, analysisRun, error],
    );
    return rows.length > 0;
  }

  /**
   * Articles waiting for a job that may never have reached Redis: queued (or left `scoring`
   * by a lost job) and untouched for longer than the grace period.
   */
  async findWaiting(olderThanMs: number, limit: number): Promise<StaleArticle[]> {
    return this.db.query<StaleArticle[]>(
      `SELECT id, analysis_run AS "analysisRun", request_id AS "requestId" FROM articles
       WHERE status IN ('queued', 'scoring') AND updated_at < now() - make_interval(secs => $1 / 1000.0)
       ORDER BY updated_at
       LIMIT $2`,
      [olderThanMs, limit],
    );
  }
}

/**
 * Every paragraph and framing hit of the article in one statement: columns travel as arrays
 * (unnest), so the statement is the same whatever the article's length and never meets
 * Postgres's bind-parameter limit.
 */
async function insertParagraphsAndHits(
  tx: EntityManager,
  article: ClaimedArticle,
  analysis: ArticleAnalysis,
): Promise<void> {
  const paragraphs = analysis.paragraphs;
  const hits = paragraphs.flatMap((p) => p.frames.map((hit) => ({ index: p.index, hit })));
  await tx.query(
    `WITH input AS (
       SELECT * FROM unnest(
         $5::int[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[],
         $12::int[], $13::int[], $14::jsonb[], $15::real[], $16::real[], $17::real[],
         $18::text[], $19::jsonb[]
       ) AS u(idx, text, start_offset, end_offset, side, speaker, side_reason,
              evidence_start, evidence_end, targets, tone_value, tone_score, tone_comparative,
              tone_label, tone_terms)
     ), inserted AS (
       INSERT INTO paragraphs (article_id, monitor, source, occurred_at, idx, text, start_offset,
         end_offset, side, speaker, side_reason, evidence_start, evidence_end, targets,
         tone_value, tone_score, tone_comparative, tone_label, tone_terms)
       SELECT $1, $2, $3, $4, idx, text, start_offset, end_offset, side, speaker, side_reason,
         evidence_start, evidence_end, ARRAY(SELECT jsonb_array_elements_text(targets)),
         tone_value, tone_score, tone_comparative, tone_label, tone_terms
       FROM input
       RETURNING id, idx
     )
     INSERT INTO framing_hits (paragraph_id, article_id, monitor, source, occurred_at, frame,
       phrase, side, negated, start_offset, end_offset)
     SELECT inserted.id, $1, $2, $3, $4, h.frame, h.phrase, h.side, h.negated, h.start_offset,
       h.end_offset
     FROM unnest($20::int[], $21::text[], $22::text[], $23::text[], $24::boolean[], $25::int[],
                 $26::int[]) AS h(idx, frame, phrase, side, negated, start_offset, end_offset)
     JOIN inserted ON inserted.idx = h.idx`,
    [
      article.id,
      article.monitor,
      article.source,
      article.occurredAt,
      paragraphs.map((p) => p.index),
      paragraphs.map((p) => p.text),
      paragraphs.map((p) => p.start),
      paragraphs.map((p) => p.end),
      paragraphs.map((p) => p.side),
      paragraphs.map((p) => p.speaker),
      paragraphs.map((p) => p.sideReason),
      paragraphs.map((p) => p.evidence?.start ?? null),
      paragraphs.map((p) => p.evidence?.end ?? null),
      paragraphs.map((p) => JSON.stringify(p.targets)),
      paragraphs.map((p) => p.tone.value),
      paragraphs.map((p) => p.tone.score),
      paragraphs.map((p) => p.tone.comparative),
      paragraphs.map((p) => p.tone.label),
      paragraphs.map((p) => JSON.stringify(p.tone.terms)),
      hits.map((h) => h.index),
      hits.map((h) => h.hit.frame),
      hits.map((h) => h.hit.phrase),
      hits.map((h) => h.hit.side),
      hits.map((h) => h.hit.negated),
      hits.map((h) => h.hit.start),
      hits.map((h) => h.hit.end),
    ],
  );
}
