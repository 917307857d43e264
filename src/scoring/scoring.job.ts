/** The scoring queue's one job: payload carries ids only; Postgres holds the article. */
export const SCORE_ARTICLE_JOB = 'score-article';

export interface ScoreArticleJob {
  articleId: string;
  /** the article's analysis_run when enqueued; a job from an older run is skipped */
  analysisRun: number;
  /** request id of the HTTP call that submitted the article, for log correlation */
  requestId?: string;
}

/**
 * What a completed job returns (the alerts engine listens for the queue's `completed` events).
 * `skipped` says why nothing was written: the article is gone, a newer run superseded this job,
 * this run was already stored by an earlier delivery of the job, or a later delivery claimed the
 * article while this one was analysing (this worker lost its lock).
 */
export interface ScoreArticleResult {
  articleId: string;
  monitor: string | null;
  paragraphs: number;
  skipped?: 'article-gone' | 'superseded' | 'already-scored' | 'claim-lost';
}

/** A completed job's return value as the queue's events carry it (JSON text). */
export function parseScoreResult(value: unknown): ScoreArticleResult | null {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return parsed && typeof parsed === 'object' ? (parsed as ScoreArticleResult) : null;
  } catch {
    return null;
  }
}

/**
 * One id per article and analysis run: enqueuing the same run twice adds nothing, and a
 * re-analysis gets a new id (BullMQ silently ignores an id that a retained job still holds).
 * BullMQ rejects custom ids holding ':' (its own key separator), hence the dashes.
 */
export function scoringJobId(articleId: string, analysisRun: number): string {
  return `article-${articleId}-run-${analysisRun}`;
}
