import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  getMonitorVersion,
  type ArticleAnalysis,
  type ToneLabel,
  type ToneTerm,
} from '../analysis';
import { type ArticleStatus, startingStatuses } from './article-status';

export interface NewArticle {
  monitor: string;
  source: string | null;
  url: string | null;
  title: string | null;
  publishedAt: Date | null;
  occurredAt: Date;
  body: string;
  contentHash: string;
  requestId: string | null;
}

export interface ArticleRef {
  id: string;
  status: ArticleStatus;
  analysisRun: number;
}

export interface ArticleRow {
  id: string;
  status: ArticleStatus;
  monitor: string;
  source: string | null;
  url: string | null;
  title: string | null;
  publishedAt: Date | null;
  occurredAt: Date;
  attempts: number;
  lastError: string | null;
  analysisVersion: string | null;
  scoredAt: Date | null;
  createdAt: Date;
  wireGroupId: string | null;
}

export interface ArticleWithBody extends ArticleRow {
  body: string;
}

export interface ArticleFilter {
  status?: ArticleStatus;
  source?: string;
  monitor?: string;
  from?: Date;
  to?: Date;
}

/** Keyset position in the newest-first listing. */
export interface ListPosition {
  occurredAt: Date;
  id: string;
}

export interface StoredParagraph {
  id: string;
  index: number;
  text: string;
  start: number;
  end: number;
  side: string;
  speaker: string | null;
  evidenceStart: number | null;
  evidenceEnd: number | null;
  sideReason: string;
  targets: string[];
  toneValue: number;
  toneScore: number;
  toneComparative: number;
  toneLabel: ToneLabel;
  toneTerms: ToneTerm[];
}

export interface StoredFrameHit {
  paragraphId: string;
  frame: string;
  phrase: string;
  side: string;
  negated: boolean;
  start: number;
  end: number;
}

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

export interface StaleArticle {
  id: string;
  analysisRun: number;
  /** the job recorded as carrying the article's run, if any (see recordJob) */
  scoringJob: string | null;
  /** of the submitting request, so the job enqueued again still logs under it */
  requestId: string | null;
}

/** What marking an article scored records of its analysis. */
export interface ScoredRun {
  article: ClaimedArticle;
  analysis: Pick<ArticleAnalysis, 'analysisVersion' | 'monitor'>;
}

export interface ReanalysisSelection {
  /** only this monitor's articles */
  monitor?: string;
  /** only articles not scored by this analysis version; all finished articles when absent */
  notVersion?: string;
  /**
   * with notVersion: also articles whose monitor version is not the current one of their
   * monitor (monitor id to version; monitors absent from it are left to notVersion)
   */
  monitorVersions?: Record<string, string>;
  limit: number;
}

const SUMMARY_COLUMNS = `
  id, status, monitor, source, url, title,
  published_at AS "publishedAt", occurred_at AS "occurredAt", attempts,
  last_error AS "lastError", analysis_version AS "analysisVersion",
  scored_at AS "scoredAt", created_at AS "createdAt", wire_group_id AS "wireGroupId"`;

@Injectable()
export class ArticlesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts unless the content hash or the url is already stored. ON CONFLICT makes two
   * concurrent posts of the same article safe: the second waits for the first and inserts nothing.
   * A new article is wire_pending until src/wire links it, after its scoring.
   */
  async insertIfNew(article: NewArticle): Promise<ArticleRef | undefined> {
    const rows = await this.db.query<ArticleRef[]>(
      `INSERT INTO articles
         (monitor, source, url, title, published_at, occurred_at, body, content_hash, status, request_id,
          wire_pending)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, true)
       ON CONFLICT DO NOTHING
       RETURNING id, status, analysis_run AS "analysisRun"`,
      [
        article.monitor,
        article.source,
        article.url,
        article.title,
        article.publishedAt,
        article.occurredAt,
        article.body,
        article.contentHash,
        article.requestId,
      ],
    );
    return rows[0];
  }

  /**
   * Every article of a batch in one statement (one commit). Answers, in the order given, the
   * stored reference of each article inserted, and nothing for one that conflicted (its
   * content or url is stored already, or an earlier article of the same statement had them).
   * A new article is wire_pending until src/wire links it, as in insertIfNew.
   */
  async insertManyIfNew(articles: NewArticle[]): Promise<(ArticleRef | undefined)[]> {
    if (articles.length === 0) return [];
    const rows = await this.db.query<(ArticleRef & { contentHash: string; url: string | null })[]>(
      `INSERT INTO articles
         (monitor, source, url, title, published_at, occurred_at, body, content_hash, status, request_id,
          wire_pending)
       SELECT monitor, source, url, title, published_at, occurred_at, body, content_hash, 'queued',
              request_id, true
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                   $6::timestamptz[], $7::text[], $8::text[], $9::text[])
         WITH ORDINALITY AS u(monitor, source, url, title, published_at, occurred_at, body,
                              content_hash, request_id, n)
       ORDER BY n
       ON CONFLICT DO NOTHING
       RETURNING id, status, analysis_run AS "analysisRun", content_hash AS "contentHash", url`,
      [
        articles.map((a) => a.monitor),
        articles.map((a) => a.source),
        articles.map((a) => a.url),
        articles.map((a) => a.title),
        articles.map((a) => a.publishedAt),
        articles.map((a) => a.occurredAt),
        articles.map((a) => a.body),
        articles.map((a) => a.contentHash),
        articles.map((a) => a.requestId),
      ],
    );
    // Content hash and url together name the input row: two inputs alike in both cannot both
    // have been inserted.
    const key = (hash: string, url: string | null) => `${hash} ${url ?? ''}`;
    const byKey = new Map(rows.map((r) => [key(r.contentHash, r.url), r]));
    return articles.map((a) => {
      const row = byKey.get(key(a.contentHash, a.url));
      if (!row) return undefined;
      byKey.delete(key(a.contentHash, a.url));
      return { id: row.id, status: row.status, analysisRun: row.analysisRun };
    });
  }

  /** The stored articles under these content hashes, by hash. */
  async findByHashes(hashes: string[]): Promise<Map<string, ArticleRef>> {
    if (hashes.length === 0) return new Map();
    const rows = await this.db.query<(ArticleRef & { contentHash: string })[]>(
      `SELECT id, status, analysis_run AS "analysisRun", content_hash AS "contentHash"
       FROM articles WHERE content_hash = ANY ($1::text[])`,
      [hashes],
    );
    return new Map(
      rows.map((r) => [r.contentHash, { id: r.id, status: r.status, analysisRun: r.analysisRun }]),
    );
  }

  async findDuplicate(contentHash: string, url: string | null): Promise<ArticleRef | undefined> {
    const rows = await this.db.query<ArticleRef[]>(
      `SELECT id, status, analysis_run AS "analysisRun" FROM articles
       WHERE content_hash = $1 OR url = $2
       ORDER BY (content_hash = $1) DESC
       LIMIT 1`,
      [contentHash, url],
    );
    return rows[0];
  }

  async findById(id: string): Promise<ArticleWithBody | undefined> {
    const rows = await this.db.query<ArticleWithBody[]>(
      `SELECT ${SUMMARY_COLUMNS}, body FROM articles WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Newest first by occurred_at, then id, which keeps pages stable while articles arrive. */
  async list(
    filter: ArticleFilter,
    after: ListPosition | undefined,
    limit: number,
  ): Promise<ArticleRow[]> {
    return this.db.query<ArticleRow[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM articles
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR source = $2)
         AND ($3::text IS NULL OR monitor = $3)
         AND ($4::timestamptz IS NULL OR occurred_at >= $4)
         AND ($5::timestamptz IS NULL OR occurred_at < $5)
         AND ($6::timestamptz IS NULL OR (occurred_at, id) < ($6, $7::uuid))
       ORDER BY occurred_at DESC, id DESC
       LIMIT $8`,
      [
        filter.status ?? null,
        filter.source ?? null,
        filter.monitor ?? null,
        filter.from ?? null,
        filter.to ?? null,
        after?.occurredAt ?? null,
        after?.id ?? null,
        limit,
      ],
    );
  }

  async findParagraphs(articleId: string): Promise<StoredParagraph[]> {
    return this.db.query<StoredParagraph[]>(
      `SELECT id, idx AS "index", text, start_offset AS "start", end_offset AS "end", side, speaker,
              evidence_start AS "evidenceStart", evidence_end AS "evidenceEnd",
              side_reason AS "sideReason", targets, tone_value AS "toneValue",
              tone_score AS "toneScore", tone_comparative AS "toneComparative",
              tone_label AS "toneLabel", tone_terms AS "toneTerms"
       FROM paragraphs WHERE article_id = $1 ORDER BY idx`,
      [articleId],
    );
  }

  async findFrameHits(articleId: string): Promise<StoredFrameHit[]> {
    return this.db.query<StoredFrameHit[]>(
      `SELECT paragraph_id AS "paragraphId", frame, phrase, side, negated,
              start_offset AS "start", end_offset AS "end"
       FROM framing_hits WHERE article_id = $1 ORDER BY paragraph_id, start_offset`,
      [articleId],
    );
  }

  /** Clears wire_pending inside a linking transaction; true when this was the first link. */
  async markLinked(tx: EntityManager, articleId: string): Promise<boolean> {
    const [, unmarked] = await tx.query<[unknown, number]>(
      `UPDATE articles SET wire_pending = false WHERE id = $1 AND wire_pending`,
      [articleId],
    );
    return unmarked > 0;
  }

  /**
   * Puts the members in the canonical article's wire group; returns how many moved. Rows are
   * locked in id order, so a store waiting on one of them cannot cross the linking transaction.
   */
  setWireGroup(tx: EntityManager, members: string[], canonical: string): Promise<number> {
    return this.setWireGroups(
      tx,
      members,
      members.map(() => canonical),
    );
  }

  /**
   * setWireGroup for several groups in one statement: `ids[i]` joins the group `groups[i]`.
   * All the rows are locked in one id order, whichever groups they join.
   */
  async setWireGroups(tx: EntityManager, ids: string[], groups: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const [, changed] = await tx.query<[unknown, number]>(
      `UPDATE articles a SET wire_group_id = u.group_id
       FROM unnest($1::uuid[], $2::uuid[]) AS u(id, group_id)
       WHERE a.id = u.id
         AND a.id IN (SELECT id FROM articles WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE)
         AND a.wire_group_id IS DISTINCT FROM u.group_id`,
      [ids, groups],
    );
    return changed;
  }

  // The lifecycle (src/articles/article-status.ts): every write of articles.status.

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
         WHERE a.id = j.id AND a.analysis_run = j.run AND a.status = ANY ($3::text[])
         RETURNING a.id, a.monitor, a.source, a.occurred_at, a.body, a.analysis_run, a.attempts
       )
       SELECT id, monitor, source, occurred_at AS "occurredAt", body, analysis_run AS "analysisRun",
              attempts AS attempt
       FROM claimed`,
      [jobs.map((j) => j.articleId), jobs.map((j) => j.analysisRun), startingStatuses('claim')],
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
   * Marks scored, inside the store's transaction, each article whose claim is still its latest
   * (see ScoringRepository.storeAnalyses), and returns their ids. A store without a claim
   * (`attempt` absent: tests and tools) marks the article whatever its status.
   */
  async markScored(tx: EntityManager, items: ScoredRun[]): Promise<Set<string>> {
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
                    AND a.status = ANY ($6::text[])))
         RETURNING a.id
       )
       SELECT id FROM stored`,
      [
        items.map((i) => i.article.id),
        items.map((i) => i.article.attempt ?? null),
        items.map((i) => i.article.analysisRun),
        items.map((i) => i.analysis.analysisVersion),
        items.map((i) => getMonitorVersion(i.analysis.monitor)),
        startingStatuses('store'),
      ],
    );
    return new Set(updated.map((r) => r.id));
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
       WHERE id = $1 AND analysis_run = $2 AND status = ANY ($4::text[])`,
      [articleId, analysisRun, error, startingStatuses('retry')],
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
         WHERE id = $1 AND analysis_run = $2 AND status = ANY ($4::text[])
         RETURNING id
       )
       SELECT id FROM failed`,
      [articleId, analysisRun, error, startingStatuses('fail')],
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

  /**
   * Starts a new analysis run for finished articles (scored or failed): the bumped run number
   * gives each a fresh job id, and `queued` lets the requeue sweep finish the job if Redis
   * does not take it now. Articles already waiting or being scored are left alone.
   */
  async restartRuns(
    selection: ReanalysisSelection,
  ): Promise<{ id: string; analysisRun: number }[]> {
    return this.db.query<{ id: string; analysisRun: number }[]>(
      `WITH picked AS (
         SELECT id FROM articles
         WHERE status = ANY ($5::text[])
           AND ($1::text IS NULL OR monitor = $1)
           AND ($2::text IS NULL OR analysis_version IS DISTINCT FROM $2
                OR ($4::jsonb ? monitor
                    AND COALESCE(monitor_version, $4::jsonb ->> monitor) <> $4::jsonb ->> monitor))
         ORDER BY occurred_at DESC
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       ), restarted AS (
         UPDATE articles a
         SET analysis_run = a.analysis_run + 1, status = 'queued', attempts = 0,
             last_error = NULL, updated_at = now()
         FROM picked WHERE a.id = picked.id
         RETURNING a.id, a.analysis_run
       )
       SELECT id, analysis_run AS "analysisRun" FROM restarted`,
      [
        selection.monitor ?? null,
        selection.notVersion ?? null,
        selection.limit,
        JSON.stringify(selection.monitorVersions ?? {}),
        startingStatuses('reanalyze'),
      ],
    );
  }
}
