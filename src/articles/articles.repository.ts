import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  getMonitorVersion,
  type ArticleAnalysis,
  type ToneLabel,
  type ToneTerm,
} from '../analysis';
import { column, type DbRow, mapRow, mapRows } from '../database/rows';
import { type ArticleStatus, startingStatuses } from './article-status';

export interface NewArticle {
  /** the monitors named (none when only `auto` was asked for) */
  monitors: string[];
  /** the worker picks the monitors (adding them to `monitors`) when it first scores the article */
  autoMonitors: boolean;
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
  monitors: string[];
  autoMonitors: boolean;
}

export interface ArticleRow {
  id: string;
  status: ArticleStatus;
  monitors: string[];
  autoMonitors: boolean;
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
  monitor: string;
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
  /** the monitors to analyse the article under (see autoMonitors) */
  monitors: string[];
  /** the worker picks monitors with the `auto` rule and analyses under those too */
  autoMonitors: boolean;
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
  monitors: string[];
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

/** One monitor's analysis as marking an article scored records it. */
export type RecordedAnalysis = Pick<ArticleAnalysis, 'analysisVersion' | 'monitor'> & {
  paragraphs: readonly unknown[];
};

/**
 * What marking an article scored records: its analyses, one per monitor, in the article's
 * monitor order; their monitors become the article's monitors.
 */
export interface ScoredRun {
  article: ClaimedArticle;
  analyses: RecordedAnalysis[];
}

/** One monitor's stored analysis of an article (article_analyses). */
export interface StoredAnalysis {
  monitor: string;
  analysisRun: number;
  monitorVersion: string | null;
  paragraphs: number;
  scoredAt: Date;
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

const REF_COLUMNS = 'id, status, analysis_run, monitors, auto_monitors';

function toRef(row: DbRow): ArticleRef {
  return {
    id: column.text(row, 'id'),
    status: column.text(row, 'status') as ArticleStatus,
    analysisRun: column.int(row, 'analysis_run'),
    monitors: column.textArray(row, 'monitors'),
    autoMonitors: column.bool(row, 'auto_monitors'),
  };
}

const SUMMARY_COLUMNS = `id, status, monitors, auto_monitors, source, url, title, published_at,
  occurred_at, attempts, last_error, analysis_version, scored_at, created_at, wire_group_id`;

function toArticleRow(row: DbRow): ArticleRow {
  return {
    id: column.text(row, 'id'),
    status: column.text(row, 'status') as ArticleStatus,
    monitors: column.textArray(row, 'monitors'),
    autoMonitors: column.bool(row, 'auto_monitors'),
    source: column.textOrNull(row, 'source'),
    url: column.textOrNull(row, 'url'),
    title: column.textOrNull(row, 'title'),
    publishedAt: column.timeOrNull(row, 'published_at'),
    occurredAt: column.time(row, 'occurred_at'),
    attempts: column.int(row, 'attempts'),
    lastError: column.textOrNull(row, 'last_error'),
    analysisVersion: column.textOrNull(row, 'analysis_version'),
    scoredAt: column.timeOrNull(row, 'scored_at'),
    createdAt: column.time(row, 'created_at'),
    wireGroupId: column.textOrNull(row, 'wire_group_id'),
  };
}

function toParagraph(row: DbRow): StoredParagraph {
  return {
    id: column.bigint(row, 'id'),
    monitor: column.text(row, 'monitor'),
    index: column.int(row, 'idx'),
    text: column.text(row, 'text'),
    start: column.int(row, 'start_offset'),
    end: column.int(row, 'end_offset'),
    side: column.text(row, 'side'),
    speaker: column.textOrNull(row, 'speaker'),
    evidenceStart: column.intOrNull(row, 'evidence_start'),
    evidenceEnd: column.intOrNull(row, 'evidence_end'),
    sideReason: column.text(row, 'side_reason'),
    targets: column.textArray(row, 'targets'),
    toneValue: column.float(row, 'tone_value'),
    toneScore: column.float(row, 'tone_score'),
    toneComparative: column.float(row, 'tone_comparative'),
    toneLabel: column.text(row, 'tone_label') as ToneLabel,
    // jsonb, written by the scoring store from the analysis
    toneTerms: column.jsonb<ToneTerm[]>(row, 'tone_terms'),
  };
}

/** A framing_hits row (paragraph_id, frame, phrase, side, negated, start_offset, end_offset). */
export function toFrameHit(row: DbRow): StoredFrameHit {
  return {
    paragraphId: column.bigint(row, 'paragraph_id'),
    frame: column.text(row, 'frame'),
    phrase: column.text(row, 'phrase'),
    side: column.text(row, 'side'),
    negated: column.bool(row, 'negated'),
    start: column.int(row, 'start_offset'),
    end: column.int(row, 'end_offset'),
  };
}

function toAnalysis(row: DbRow): StoredAnalysis {
  return {
    monitor: column.text(row, 'monitor'),
    analysisRun: column.int(row, 'analysis_run'),
    monitorVersion: column.textOrNull(row, 'monitor_version'),
    paragraphs: column.int(row, 'paragraphs'),
    scoredAt: column.time(row, 'scored_at'),
  };
}

function toClaimed(row: DbRow): ClaimedArticle {
  return {
    id: column.text(row, 'id'),
    monitors: column.textArray(row, 'monitors'),
    autoMonitors: column.bool(row, 'auto_monitors'),
    source: column.textOrNull(row, 'source'),
    occurredAt: column.time(row, 'occurred_at'),
    body: column.text(row, 'body'),
    analysisRun: column.int(row, 'analysis_run'),
    attempt: column.int(row, 'attempts'),
  };
}

const toId = (row: DbRow): string => column.text(row, 'id');

/**
 * The articles a re-analysis picks ($1 monitor, $2 analysis version, $3 monitor versions, $4
 * statuses): scored by another analysis version, or with an analysis under the selected monitor
 * (under any of its monitors, without one) made with another version of that monitor, or missing.
 */
const RESTARTABLE = `status = ANY ($4::text[])
  AND ($1::text IS NULL OR $1 = ANY (a.monitors))
  AND ($2::text IS NULL OR a.analysis_version IS DISTINCT FROM $2 OR EXISTS (
        SELECT 1 FROM unnest(a.monitors) AS m(monitor)
        LEFT JOIN article_analyses x ON x.article_id = a.id AND x.monitor = m.monitor
        WHERE ($1::text IS NULL OR m.monitor = $1)
          AND (x.article_id IS NULL
               OR ($3::jsonb ? m.monitor
                   AND COALESCE(x.monitor_version, $3::jsonb ->> m.monitor)
                       <> $3::jsonb ->> m.monitor))))`;

function restartableParams(selection: Omit<ReanalysisSelection, 'limit'>): unknown[] {
  return [
    selection.monitor ?? null,
    selection.notVersion ?? null,
    JSON.stringify(selection.monitorVersions ?? {}),
    startingStatuses('reanalyze'),
  ];
}

@Injectable()
export class ArticlesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Inserts unless the content hash or the url is already stored. ON CONFLICT makes two
   * concurrent posts of the same article safe: the second waits for the first and inserts nothing.
   * A new article is wire_pending until src/wire links it, after its scoring.
   */
  async insertIfNew(article: NewArticle): Promise<ArticleRef | undefined> {
    const ref = await mapRow(
      this.db,
      `INSERT INTO articles
         (monitors, source, url, title, published_at, occurred_at, body, content_hash, status, request_id,
          wire_pending, auto_monitors)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, true, $10)
       ON CONFLICT DO NOTHING
       RETURNING ${REF_COLUMNS}`,
      [
        article.monitors,
        article.source,
        article.url,
        article.title,
        article.publishedAt,
        article.occurredAt,
        article.body,
        article.contentHash,
        article.requestId,
        article.autoMonitors,
      ],
      toRef,
    );
    return ref ?? undefined;
  }

  /**
   * Every article of a batch in one statement (one commit). Answers, in the order given, the
   * stored reference of each article inserted, and nothing for one that conflicted (its
   * content or url is stored already, or an earlier article of the same statement had them).
   * A new article is wire_pending until src/wire links it, as in insertIfNew.
   */
  async insertManyIfNew(articles: NewArticle[]): Promise<(ArticleRef | undefined)[]> {
    if (articles.length === 0) return [];
    const rows = await mapRows(
      this.db,
      `INSERT INTO articles
         (monitors, source, url, title, published_at, occurred_at, body, content_hash, status, request_id,
          wire_pending, auto_monitors)
       SELECT ARRAY(SELECT jsonb_array_elements_text(monitors)), source, url, title, published_at,
              occurred_at, body, content_hash, 'queued', request_id, true, auto_monitors
       FROM unnest($1::jsonb[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                   $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::boolean[])
         WITH ORDINALITY AS u(monitors, source, url, title, published_at, occurred_at, body,
                              content_hash, request_id, auto_monitors, n)
       ORDER BY n
       ON CONFLICT DO NOTHING
       RETURNING ${REF_COLUMNS}, content_hash, url`,
      [
        articles.map((a) => JSON.stringify(a.monitors)),
        articles.map((a) => a.source),
        articles.map((a) => a.url),
        articles.map((a) => a.title),
        articles.map((a) => a.publishedAt),
        articles.map((a) => a.occurredAt),
        articles.map((a) => a.body),
        articles.map((a) => a.contentHash),
        articles.map((a) => a.requestId),
        articles.map((a) => a.autoMonitors),
      ],
      (row) => ({
        ref: toRef(row),
        contentHash: column.text(row, 'content_hash'),
        url: column.textOrNull(row, 'url'),
      }),
    );
    // Content hash and url together name the input row: two inputs alike in both cannot both
    // have been inserted.
    const key = (hash: string, url: string | null) => `${hash} ${url ?? ''}`;
    const byKey = new Map(rows.map((r) => [key(r.contentHash, r.url), r]));
    return articles.map((a) => {
      const row = byKey.get(key(a.contentHash, a.url));
      if (!row) return undefined;
      byKey.delete(key(a.contentHash, a.url));
      return row.ref;
    });
  }

  /** The stored articles under these content hashes, by hash. */
  async findByHashes(hashes: string[]): Promise<Map<string, ArticleRef>> {
    if (hashes.length === 0) return new Map();
    const rows = await mapRows(
      this.db,
      `SELECT ${REF_COLUMNS}, content_hash
       FROM articles WHERE content_hash = ANY ($1::text[])`,
      [hashes],
      (row): [string, ArticleRef] => [column.text(row, 'content_hash'), toRef(row)],
    );
    return new Map(rows);
  }

  async findDuplicate(contentHash: string, url: string | null): Promise<ArticleRef | undefined> {
    const ref = await mapRow(
      this.db,
      `SELECT ${REF_COLUMNS} FROM articles
       WHERE content_hash = $1 OR url = $2
       ORDER BY (content_hash = $1) DESC
       LIMIT 1`,
      [contentHash, url],
      toRef,
    );
    return ref ?? undefined;
  }

  async findById(id: string): Promise<ArticleWithBody | undefined> {
    const article = await mapRow(
      this.db,
      `SELECT ${SUMMARY_COLUMNS}, body FROM articles WHERE id = $1`,
      [id],
      (row) => ({ ...toArticleRow(row), body: column.text(row, 'body') }),
    );
    return article ?? undefined;
  }

  /** Newest first by occurred_at, then id, which keeps pages stable while articles arrive. */
  async list(
    filter: ArticleFilter,
    after: ListPosition | undefined,
    limit: number,
  ): Promise<ArticleRow[]> {
    return mapRows(
      this.db,
      `SELECT ${SUMMARY_COLUMNS} FROM articles
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR source = $2)
         AND ($3::text IS NULL OR $3 = ANY (monitors))
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
      toArticleRow,
    );
  }

  /** Every monitor's paragraphs of the article, by monitor, then in text order. */
  async findParagraphs(articleId: string): Promise<StoredParagraph[]> {
    return mapRows(
      this.db,
      `SELECT id, monitor, idx, text, start_offset, end_offset, side, speaker, evidence_start,
              evidence_end, side_reason, targets, tone_value, tone_score, tone_comparative,
              tone_label, tone_terms
       FROM paragraphs WHERE article_id = $1 ORDER BY monitor, idx`,
      [articleId],
      toParagraph,
    );
  }

  async findFrameHits(articleId: string): Promise<StoredFrameHit[]> {
    return mapRows(
      this.db,
      `SELECT paragraph_id, frame, phrase, side, negated, start_offset, end_offset
       FROM framing_hits WHERE article_id = $1 ORDER BY paragraph_id, start_offset`,
      [articleId],
      toFrameHit,
    );
  }

  /** The article's stored analyses, one per monitor (article_analyses). */
  async findAnalyses(articleId: string): Promise<StoredAnalysis[]> {
    return mapRows(
      this.db,
      `SELECT monitor, analysis_run, monitor_version, paragraphs, scored_at
       FROM article_analyses WHERE article_id = $1`,
      [articleId],
      toAnalysis,
    );
  }

  /**
   * Clears wire_pending inside a linking transaction, rows locked in id order; returns the ids
   * linked first (those that were pending).
   */
  async markLinkedMany(tx: EntityManager, ids: string[]): Promise<string[]> {
    return mapRows(
      tx,
      `UPDATE articles SET wire_pending = false
       WHERE id IN (SELECT id FROM articles WHERE id = ANY($1::uuid[]) AND wire_pending
                    ORDER BY id FOR NO KEY UPDATE)
       RETURNING id`,
      [ids],
      toId,
    );
  }

  /**
   * Puts articles in wire groups in one statement: `ids[i]` joins the group `groups[i]`;
   * returns the ids that moved. All the rows are locked in one id order, whichever groups they
   * join, FOR NO KEY UPDATE (what the UPDATE takes anyway): it waits for a store or a reprint
   * flag of the same articles as FOR UPDATE would, but not for an insert elsewhere that only
   * references them (an event membership, a fingerprint), whose transaction may hold rows the
   * link needs next.
   */
  async setWireGroups(tx: EntityManager, ids: string[], groups: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    return mapRows(
      tx,
      `UPDATE articles a SET wire_group_id = u.group_id
       FROM unnest($1::uuid[], $2::uuid[]) AS u(id, group_id)
       WHERE a.id = u.id
         AND a.id IN (SELECT id FROM articles WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE)
         AND a.wire_group_id IS DISTINCT FROM u.group_id
       RETURNING a.id`,
      [ids, groups],
      toId,
    );
  }

  // The lifecycle (src/articles/article-status.ts): every write of articles.status.

  /**
   * Marks the chunk's articles as being scored for their analysis runs, in one statement, and
   * returns what the analysis needs of each one claimed; not those gone, moved to a newer run by
   * a re-analysis, or whose run is already scored (a job delivered again after its first
   * delivery stored and lost its lock).
   */
  async claimChunk(jobs: ArticleRun[]): Promise<ClaimedArticle[]> {
    return mapRows(
      this.db,
      `WITH claimed AS (
         UPDATE articles a
         SET status = 'scoring', attempts = a.attempts + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS j(id, run)
         WHERE a.id = j.id AND a.analysis_run = j.run AND a.status = ANY ($3::text[])
         RETURNING a.id, a.monitors, a.auto_monitors, a.source, a.occurred_at, a.body,
                   a.analysis_run, a.attempts
       )
       SELECT * FROM claimed`,
      [jobs.map((j) => j.articleId), jobs.map((j) => j.analysisRun), startingStatuses('claim')],
      toClaimed,
    );
  }

  /** One article's claim (see claimChunk). */
  async claim(articleId: string, analysisRun: number): Promise<ClaimedArticle | undefined> {
    return (await this.claimChunk([{ articleId, analysisRun }]))[0];
  }

  /** Why a chunk's articles found nothing to claim, by article id. */
  async unclaimable(jobs: ArticleRun[]): Promise<Map<string, Unclaimable>> {
    const rows = await mapRows(
      this.db,
      `SELECT id, monitors, analysis_run, status FROM articles WHERE id = ANY ($1::uuid[])`,
      [jobs.map((j) => j.articleId)],
      (row) => ({
        id: column.text(row, 'id'),
        monitors: column.textArray(row, 'monitors'),
        run: column.int(row, 'analysis_run'),
        status: column.text(row, 'status'),
      }),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return new Map(
      jobs.map((job): [string, Unclaimable] => {
        const row = byId.get(job.articleId);
        if (!row) return [job.articleId, { monitors: [], reason: 'article-gone' }];
        const stored = row.run === job.analysisRun && row.status === 'scored';
        return [
          job.articleId,
          { monitors: row.monitors, reason: stored ? 'already-scored' : 'superseded' },
        ];
      }),
    );
  }

  /**
   * Marks scored, inside the store's transaction, each article whose claim is still its latest
   * (see ScoringRepository.storeAnalyses), and returns their ids. A store without a claim
   * (`attempt` absent: tests and tools) marks the article whatever its status. The monitors
   * analysed become the article's monitors (an `auto` article's pick is stored here), and the
   * article's analyses (article_analyses) are replaced by these, one row per monitor.
   */
  async markScored(tx: EntityManager, items: ScoredRun[]): Promise<Set<string>> {
    const updated = await mapRows(
      tx,
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::jsonb[])
           AS u(id, attempt, run, analysis_version, monitors)
       ), stored AS (
         UPDATE articles a
         SET status = 'scored', analysis_version = u.analysis_version,
             monitors = ARRAY(SELECT jsonb_array_elements_text(u.monitors)),
             auto_monitors = false, last_error = NULL, scored_at = now(), updated_at = now()
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
        items.map((i) => i.analyses[0]?.analysisVersion ?? null),
        items.map((i) => JSON.stringify(i.analyses.map((a) => a.monitor))),
        startingStatuses('store'),
      ],
      toId,
    );
    const stored = new Set(updated);
    if (stored.size === 0) return stored;
    await tx.query(`DELETE FROM article_analyses WHERE article_id = ANY ($1::uuid[])`, [
      [...stored],
    ]);
    const rows = items
      .filter((i) => stored.has(i.article.id))
      .flatMap((i) => i.analyses.map((analysis) => ({ article: i.article, analysis })));
    await tx.query(
      `INSERT INTO article_analyses
         (article_id, monitor, analysis_run, monitor_version, paragraphs, scored_at)
       SELECT article_id, monitor, run, monitor_version, paragraphs, now()
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::int[])
         AS u(article_id, monitor, run, monitor_version, paragraphs)
       ON CONFLICT (article_id, monitor) DO NOTHING`,
      [
        rows.map((r) => r.article.id),
        rows.map((r) => r.analysis.monitor),
        rows.map((r) => r.article.analysisRun),
        rows.map((r) => getMonitorVersion(r.analysis.monitor)),
        rows.map((r) => r.analysis.paragraphs.length),
      ],
    );
    return stored;
  }

  /**
   * A submission named monitors a stored article is not analysed under yet: they are added
   * (after its own, in the order given) and a new analysis run starts, whatever the status, so
   * a job of the old run (waiting, or being analysed without them) is superseded and the new
   * run is analysed under every monitor. Answers nothing when the article has them all already.
   */
  async addMonitors(articleId: string, monitors: string[]): Promise<ArticleRef | undefined> {
    const ref = await mapRow(
      this.db,
      `WITH added AS (
         UPDATE articles a
         SET monitors = a.monitors || ARRAY(
               SELECT m FROM unnest($2::text[]) WITH ORDINALITY AS u(m, n)
               WHERE m <> ALL (a.monitors) ORDER BY n),
             analysis_run = a.analysis_run + 1, status = 'queued', attempts = 0,
             last_error = NULL, updated_at = now()
         WHERE a.id = $1 AND NOT (a.monitors @> $2::text[]) AND a.status = ANY ($3::text[])
         RETURNING ${REF_COLUMNS}
       )
       SELECT * FROM added`,
      [articleId, monitors, startingStatuses('addMonitors')],
      toRef,
    );
    return ref ?? undefined;
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
    const rows = await mapRows(
      this.db,
      `WITH failed AS (
         UPDATE articles SET status = 'failed', last_error = $3, updated_at = now()
         WHERE id = $1 AND analysis_run = $2 AND status = ANY ($4::text[])
         RETURNING id
       )
       SELECT id FROM failed`,
      [articleId, analysisRun, error, startingStatuses('fail')],
      toId,
    );
    return rows.length > 0;
  }

  /**
   * Articles waiting for a job that may never have reached Redis: queued (or left `scoring`
   * by a lost job) and untouched for longer than the grace period.
   */
  async findWaiting(olderThanMs: number, limit: number): Promise<StaleArticle[]> {
    return mapRows(
      this.db,
      `SELECT id, analysis_run, scoring_job, request_id
       FROM articles
       WHERE status IN ('queued', 'scoring') AND updated_at < now() - make_interval(secs => $1 / 1000.0)
       ORDER BY updated_at
       LIMIT $2`,
      [olderThanMs, limit],
      (row) => ({
        id: column.text(row, 'id'),
        analysisRun: column.int(row, 'analysis_run'),
        scoringJob: column.textOrNull(row, 'scoring_job'),
        requestId: column.textOrNull(row, 'request_id'),
      }),
    );
  }

  /**
   * Starts a new analysis run for finished articles (scored or failed): the bumped run number
   * gives each a fresh job id, and `queued` lets the requeue sweep finish the job if Redis
   * does not take it now. Articles already waiting or being scored are left alone. An article
   * is picked when it was scored by another analysis version, or its analysis under the
   * selected monitor (under any of its monitors, without one) was made with another version of
   * that monitor or is missing; the new run analyses it under all of its monitors.
   *
   * Articles another transaction is updating are passed over (SKIP LOCKED), but only those:
   * the lock is FOR NO KEY UPDATE, what the UPDATE takes anyway, so an insert that merely
   * references an article (its fingerprints being linked, its event membership) does not make
   * a re-analysis leave it out.
   */
  async restartRuns(
    selection: ReanalysisSelection,
  ): Promise<{ id: string; analysisRun: number }[]> {
    return mapRows(
      this.db,
      `WITH picked AS (
         SELECT id FROM articles a
         WHERE ${RESTARTABLE}
         ORDER BY occurred_at DESC
         LIMIT $5
         FOR NO KEY UPDATE SKIP LOCKED
       ), restarted AS (
         UPDATE articles a
         SET analysis_run = a.analysis_run + 1, status = 'queued', attempts = 0,
             last_error = NULL, updated_at = now()
         FROM picked WHERE a.id = picked.id
         RETURNING a.id, a.analysis_run
       )
       SELECT id, analysis_run FROM restarted`,
      [...restartableParams(selection), selection.limit],
      (row) => ({ id: column.text(row, 'id'), analysisRun: column.int(row, 'analysis_run') }),
    );
  }

  /** Whether any article restartRuns would pick is left, locked articles included. */
  async anyRestartable(selection: Omit<ReanalysisSelection, 'limit'>): Promise<boolean> {
    const row = await mapRow(
      this.db,
      `SELECT EXISTS (SELECT 1 FROM articles a WHERE ${RESTARTABLE}) AS any`,
      restartableParams(selection),
      (r) => ({ any: column.bool(r, 'any') }),
    );
    return row?.any ?? false;
  }
}
