import { randomUUID } from 'node:crypto';

/**
 * The scoring queue's job: a chunk of articles scored together (one claim, one transaction, one
 * commit). The payload carries ids only; Postgres holds the articles.
 */
export const SCORE_CHUNK_JOB = 'score-chunk';
/** The one-article job of earlier releases, still processed if Redis holds one. */
export const SCORE_ARTICLE_JOB = 'score-article';

export interface ScoreArticleJob {
  articleId: string;
  /** the article's analysis_run when enqueued; a job from an older run is skipped */
  analysisRun: number;
  /** request id of the HTTP call that submitted the article, for log correlation */
  requestId?: string;
}

export interface ScoreChunkJob {
  articles: ScoreArticleJob[];
}

export type ScoringJobData = ScoreChunkJob | ScoreArticleJob;

/** The articles a job carries, whichever of the two shapes it has. */
export function chunkArticles(data: ScoringJobData): ScoreArticleJob[] {
  return 'articles' in data ? data.articles : [data];
}

/**
 * What a job did for one article (the alerts and events engines listen for the queue's
 * `completed` events). `skipped` says why nothing was written: the article is gone, a newer run
 * superseded this job, this run was already stored by an earlier delivery of the job, a later
 * delivery claimed the article while this one was analysing (this worker lost its lock), or its
 * analysis failed and it was handed to a job of its own (`retry`) or failed for good (`failed`)
 * while the rest of its chunk was stored.
 */
export interface ScoreArticleResult {
  articleId: string;
  /** the article's first monitor; null when it is gone or has none yet (`auto`, not picked) */
  monitor: string | null;
  /** paragraphs stored, all monitors together */
  paragraphs: number;
  /**
   * each monitor of the article with the paragraphs stored under it (0 when skipped); absent
   * from the results of earlier releases, which had `monitor` only (see resultMonitors)
   */
  monitors?: MonitorParagraphs[];
  skipped?: 'article-gone' | 'superseded' | 'already-scored' | 'claim-lost' | 'retry' | 'failed';
}

export interface MonitorParagraphs {
  monitor: string;
  paragraphs: number;
}

/** The monitors of a result, whichever release wrote it. */
export function resultMonitors(result: ScoreArticleResult): MonitorParagraphs[] {
  if (Array.isArray(result.monitors)) return result.monitors;
  return result.monitor ? [{ monitor: result.monitor, paragraphs: result.paragraphs }] : [];
}

/** A result for an article of these monitors, none of whose paragraphs this job stored. */
export function emptyResult(
  articleId: string,
  monitors: string[],
  skipped: NonNullable<ScoreArticleResult['skipped']>,
): ScoreArticleResult {
  return {
    articleId,
    monitor: monitors[0] ?? null,
    paragraphs: 0,
    monitors: monitors.map((monitor) => ({ monitor, paragraphs: 0 })),
    skipped,
  };
}

/** A completed job's return value. */
export interface ScoreChunkResult {
  articles: ScoreArticleResult[];
}

/**
 * The per-article results of a completed job as the queue's events carry them (JSON text):
 * a chunk's list, or the one result a job of an earlier release returned.
 */
export function parseScoreResults(value: unknown): ScoreArticleResult[] {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    if (!parsed || typeof parsed !== 'object') return [];
    if ('articles' in parsed && Array.isArray(parsed.articles)) {
      return (parsed.articles as unknown[]).filter(
        (r): r is ScoreArticleResult => !!r && typeof r === 'object',
      );
    }
    return [parsed as ScoreArticleResult];
  } catch {
    return [];
  }
}

/**
 * One id per article and analysis run: enqueuing the same run twice adds nothing, and a
 * re-analysis gets a new id (BullMQ silently ignores an id that a retained job still holds).
 * BullMQ rejects custom ids holding ':' (its own key separator), hence the dashes. A chunk of
 * one article keeps this id.
 */
export function scoringJobId(articleId: string, analysisRun: number): string {
  return `article-${articleId}-run-${analysisRun}`;
}

/**
 * A chunk of several articles gets a fresh id: the articles record it (articles.scoring_job),
 * so the requeue sweep asks for the job that carries them, and a retained chunk can never make
 * a later chunk of the same articles be ignored.
 */
export function chunkJobId(articles: ScoreArticleJob[]): string {
  if (articles.length === 1) return scoringJobId(articles[0].articleId, articles[0].analysisRun);
  return `chunk-${randomUUID()}`;
}

/** The job of one article split out of its chunk after its analysis failed, for its retry. */
export function retryJobId(articleId: string, analysisRun: number, attempt: number): string {
  return `${scoringJobId(articleId, analysisRun)}-retry-${attempt}`;
}
