/**
 * An article's lifecycle, written down once. Every statement that changes `articles.status`
 * is in ArticlesRepository and takes the statuses it may start from out of TRANSITIONS, so
 * this table is what the database does (test/integration/article-status.spec.ts checks each
 * transition from each status against it).
 *
 *   submit     (new row)                → queued
 *   claim      queued, scoring, failed  → scoring  a worker takes the article's current run;
 *                                                  from scoring when a stalled job is handed
 *                                                  on, from failed when a job is delivered late
 *   store      scoring, failed          → scored   only by the latest claim of the current
 *                                                  run (its attempt count is the token); from
 *                                                  failed when the job was failed for stalling
 *                                                  while its worker was still at it
 *   retry      queued, scoring, failed  → queued   an attempt failed and the queue retries it
 *   fail       queued, scoring, failed  → failed   the last attempt failed
 *   reanalyze  scored, failed           → queued   a new analysis run (analysis_run + 1)
 *   addMonitors  any                    → queued   a submission named monitors the article
 *                                                  lacks: they are added and a new run
 *                                                  starts (analysis_run + 1), superseding a
 *                                                  job of the old run wherever it is
 *
 * Nothing leaves `scored` but a new run (a re-analysis, added monitors), so a stored analysis is never marked failed or
 * queued again by a job of the same run delivered twice.
 */
export const ARTICLE_STATUSES = ['queued', 'scoring', 'scored', 'failed'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export interface Transition {
  from: readonly ArticleStatus[];
  to: ArticleStatus;
}

export const TRANSITIONS = {
  claim: { from: ['queued', 'scoring', 'failed'], to: 'scoring' },
  store: { from: ['scoring', 'failed'], to: 'scored' },
  retry: { from: ['queued', 'scoring', 'failed'], to: 'queued' },
  fail: { from: ['queued', 'scoring', 'failed'], to: 'failed' },
  reanalyze: { from: ['scored', 'failed'], to: 'queued' },
  addMonitors: { from: ['queued', 'scoring', 'scored', 'failed'], to: 'queued' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** The statuses a transition may start from, as a statement parameter (`status = ANY ($n)`). */
export function startingStatuses(name: TransitionName): string[] {
  return [...TRANSITIONS[name].from];
}
