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

export interface ArticleRun {
  articleId: string;
  analysisRun: number;
}

export interface Unclaimable {
  monitor: string | null;
  reason: 'article-gone' | 'superseded' | 'already-scored';
}

export interface StoreItem {
  article: ClaimedArticle;
  analysis: ArticleAnalysis;
}

export interface StaleArticle {
  id: string;
  analysisRun: number;
  /** the job recorded as carrying the article's run, if any (see recordJob) */
  scoringJob: string | null;
  /** of the submitting request, so the job enqueued again still logs under it */
  requestId: string | null;
}

@Injectable()
export class ScoringRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Marks the chunk's articles as being scored for their analysis runs, in one statement, and
   * returns what the analysis needs of each one claimed; not those gone, moved to a newer run by
   * a re-analysis, or whose run is already scored (a job delivered again after its first
   * delivery stored and lost its lock).
   */
  async claimChunk(jobs: ArticleRun[]): Promise<ClaimedArticle[]> {
    return this.db.query<ClaimedArticle[]>(
      `WITH claimed AS (
         UPDATE articles a
         SET status = 'scoring', attempts = a.attempts + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS j(id, run)
         WHERE a.id = j.id AND a.analysis_run = j.run AND a.status <> 'scored'
         RETURNING a.id, a.monitor, a.source, a.occurred_at, a.body, a.analysis_run, a.attempts
       )
       SELECT id, monitor, source, occurred_at AS "occurredAt", body, analysis_run AS "analysisRun",
              attempts AS attempt
       FROM claimed`,
      [jobs.map((j) => j.articleId), jobs.map((j) => j.analysisRun)],
    );
  }

  /** One article's claim (see claimChunk). */
  async claim(articleId: string, analysisRun: number): Promise<ClaimedArticle | undefined> {
    return (await this.claimChunk([{ articleId, analysisRun }]))[0];
  }

  /** Why a chunk's articles found nothing to claim, by article id. */
  async unclaimable(jobs: ArticleRun[]): Promise<Map<string, Unclaimable>> {
    const rows = await this.db.query<
      { id: string; monitor: string; run: number; status: string }[]
    >(`SELECT id, monitor, analysis_run AS run, status FROM articles WHERE id = ANY ($1::uuid[])`, [
      jobs.map((j) => j.articleId),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return new Map(
      jobs.map((job): [string, Unclaimable] => {
        const row = byId.get(job.articleId);
        if (!row) return [job.articleId, { monitor: null, reason: 'article-gone' }];
        const stored = row.run === job.analysisRun && row.status === 'scored';
        return [
          job.articleId,
          { monitor: row.monitor, reason: stored ? 'already-scored' : 'superseded' },
        ];
      }),
    );
  }

  /**
   * Replaces the paragraphs and framing hits of every article given and marks them scored, all
   * in one transaction with one statement per step whatever the chunk's size: a rerun of the
   * same chunk leaves exactly one copy of each paragraph. Returns the ids stored. An article is
   * left out, and nothing of it written, when its claim is no longer its latest: another
   * delivery claimed it since (this worker lost its lock), or a re-analysis started a newer run.
   * A claim that is still the latest stores even over `failed`: the job was failed for stalling
   * while this worker was still at it, and what it computed is complete.
   *
   * The steps, in this order on purpose. A transaction-scoped advisory lock per monitor comes
   * first: chunk stores of one monitor take turns, so two of them never lock article rows or
   * rollup rows in crossing orders (a deadlock), and two overlapping deliveries of one chunk
   * serialise, the second replacing what the first wrote. The UPDATE of the articles then; the
   * paragraph and framing inserts last, in one statement, because their rollup triggers lock
   * rows that every article of the same hour, side and source shares: the later they are taken,
   * the shorter other transactions wait for them.
   */
  async storeAnalyses(items: StoreItem[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    return this.db.transaction(async (tx) => {
      const monitors = [...new Set(items.map((i) => i.article.monitor))].sort();
      await tx.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('tonewatch.scoring-store:' || m, 0))
         FROM unnest($1::text[]) AS m ORDER BY m`,
        [monitors],
      );
      // In a WITH, so the driver answers rows (TypeORM turns a bare UPDATE into [rows, count]).
      const updated = await tx.query<{ id: string }[]>(
        `WITH input AS (
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::text[])
             AS u(id, attempt, run, analysis_version, monitor_version)
         ), stored AS (
           UPDATE articles a
           SET status = 'scored', analysis_version = u.analysis_version,
               monitor_version = u.monitor_version, last_error = NULL, scored_at = now(),
               updated_at = now()
           FROM input u
           WHERE a.id = u.id
             AND (u.attempt IS NULL
                  OR (a.attempts = u.attempt AND a.analysis_run = u.run
                      AND a.status IN ('scoring', 'failed')))
           RETURNING a.id
         )
         SELECT id FROM stored`,
        [
          items.map((i) => i.article.id),
          items.map((i) => i.article.attempt ?? null),
          items.map((i) => i.article.analysisRun),
          items.map((i) => i.analysis.analysisVersion),
          items.map((i) => getMonitorVersion(i.analysis.monitor)),
        ],
      );
      const stored = new Set(updated.map((r) => r.id));
      if (stored.size === 0) return stored;
      // Every paragraph of the stored articles goes and all of their new ones come: the rollup
      // trigger may then count articles from the statements' own rows (migration 1764401000000).
      await tx.query(`SELECT set_config('${WHOLE_ARTICLES_SETTING}', 'on', true)`);
      // framing_hits go with their paragraphs (ON DELETE CASCADE)
      await tx.query(`DELETE FROM paragraphs WHERE article_id = ANY ($1::uuid[])`, [[...stored]]);
      const storedItems = items.filter((i) => stored.has(i.article.id));
      if (storedItems.some((i) => i.analysis.paragraphs.length > 0)) {
        await insertParagraphsAndHits(tx, storedItems);
      }
      return stored;
    });
  }

  /** One article's store (see storeAnalyses); false when its claim was not the latest. */
  async storeAnalysis(article: ClaimedArticle, analysis: ArticleAnalysis): Promise<boolean> {
    return (await this.storeAnalyses([{ article, analysis }])).has(article.id);
  }

  /**
   * Records which job carries these articles' runs, before the job is added: if Redis never
   * takes it, the requeue sweep finds no such job and enqueues the articles again.
   */
  async recordJob(jobId: string, jobs: ArticleRun[]): Promise<void> {
    await this.db.query(
      `UPDATE articles a SET scoring_job = $1
       FROM unnest($2::uuid[], $3::int[]) AS j(id, run)
       WHERE a.id = j.id AND a.analysis_run = j.run AND a.status <> 'scored'`,
      [jobId, jobs.map((j) => j.articleId), jobs.map((j) => j.analysisRun)],
    );
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
      `SELECT id, analysis_run AS "analysisRun", scoring_job AS "scoringJob",
              request_id AS "requestId"
       FROM articles
       WHERE status IN ('queued', 'scoring') AND updated_at < now() - make_interval(secs => $1 / 1000.0)
       ORDER BY updated_at
       LIMIT $2`,
      [olderThanMs, limit],
    );
  }
}

/**
 * Every paragraph and framing hit of the given articles in one statement: columns travel as
 * arrays (unnest), so the statement is the same whatever the chunk's size and never meets
 * Postgres's bind-parameter limit.
 */
async function insertParagraphsAndHits(tx: EntityManager, items: StoreItem[]): Promise<void> {
  const rows = items.flatMap(({ article, analysis }) =>
    analysis.paragraphs.map((p) => ({ article, p })),
  );
  const hits = rows.flatMap(({ article, p }) =>
    p.frames.map((hit) => ({ article, index: p.index, hit })),
  );
  await tx.query(
    `WITH input AS (
       SELECT * FROM unnest(
         $1::uuid[], $2::text[], $3::text[], $4::timestamptz[],
         $5::int[], $6::text[], $7::int[], $8::int[], $9::text[], $10::text[], $11::text[],
         $12::int[], $13::int[], $14::jsonb[], $15::real[], $16::real[], $17::real[],
         $18::text[], $19::jsonb[]
       ) AS u(article_id, monitor, source, occurred_at, idx, text, start_offset, end_offset, side,
              speaker, side_reason, evidence_start, evidence_end, targets, tone_value, tone_score,
              tone_comparative, tone_label, tone_terms)
     ), inserted AS (
       INSERT INTO paragraphs (article_id, monitor, source, occurred_at, idx, text, start_offset,
         end_offset, side, speaker, side_reason, evidence_start, evidence_end, targets,
         tone_value, tone_score, tone_comparative, tone_label, tone_terms)
       SELECT article_id, monitor, source, occurred_at, idx, text, start_offset, end_offset, side,
         speaker, side_reason, evidence_start, evidence_end,
         ARRAY(SELECT jsonb_array_elements_text(targets)),
         tone_value, tone_score, tone_comparative, tone_label, tone_terms
       FROM input
       RETURNING id, article_id, monitor, source, occurred_at, idx
     )
     INSERT INTO framing_hits (paragraph_id, article_id, monitor, source, occurred_at, frame,
       phrase, side, negated, start_offset, end_offset)
     SELECT inserted.id, inserted.article_id, inserted.monitor, inserted.source,
       inserted.occurred_at, h.frame, h.phrase, h.side, h.negated, h.start_offset, h.end_offset
     FROM unnest($20::uuid[], $21::int[], $22::text[], $23::text[], $24::text[], $25::boolean[],
                 $26::int[], $27::int[])
       AS h(article_id, idx, frame, phrase, side, negated, start_offset, end_offset)
     JOIN inserted ON inserted.article_id = h.article_id AND inserted.idx = h.idx`,
    [
      rows.map((r) => r.article.id),
      rows.map((r) => r.article.monitor),
      rows.map((r) => r.article.source),
      rows.map((r) => r.article.occurredAt),
      rows.map((r) => r.p.index),
      rows.map((r) => r.p.text),
      rows.map((r) => r.p.start),
      rows.map((r) => r.p.end),
      rows.map((r) => r.p.side),
      rows.map((r) => r.p.speaker),
      rows.map((r) => r.p.sideReason),
      rows.map((r) => r.p.evidence?.start ?? null),
      rows.map((r) => r.p.evidence?.end ?? null),
      rows.map((r) => JSON.stringify(r.p.targets)),
      rows.map((r) => r.p.tone.value),
      rows.map((r) => r.p.tone.score),
      rows.map((r) => r.p.tone.comparative),
      rows.map((r) => r.p.tone.label),
      rows.map((r) => JSON.stringify(r.p.tone.terms)),
      hits.map((h) => h.article.id),
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
