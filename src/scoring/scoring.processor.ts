import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { TextTooLongError, UnknownMonitorError } from '../analysis';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { runWithRequestId } from '../logging/request-context';
import { MetricsService } from '../metrics/metrics.service';
import { QUEUES } from '../queue/queue-names';
import { applyWorkerTimings } from '../queue/worker-timings';
import {
  chunkArticles,
  emptyResult,
  resultMonitors,
  type ScoreArticleJob,
  type ScoreArticleResult,
  type ScoreChunkResult,
  type ScoringJobData,
} from './scoring.job';
import { ScoringProducer } from './scoring.producer';
import { type ArticleFailure, ScoringService } from './scoring.service';

/**
 * Thin BullMQ adapter over ScoringService. The worker starts only once the application is
 * bootstrapped, with the configured concurrency (the decorator cannot read config).
 *
 * A job carries a chunk of articles. When the whole chunk fails (its claim or store threw),
 * BullMQ retries the job. When one article of a chunk of several fails its analysis, the others
 * are stored and that one goes on alone: failed for good if its error is permanent or its
 * attempts are used up (counted by its claims, in Postgres), else queued again in a job of its
 * own after the backoff. A job of one article retries whole, as jobs always did.
 */
@Processor(QUEUES.scoring, { autorun: false })
export class ScoringProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScoringProcessor.name);

  constructor(
    private readonly scoring: ScoringService,
    private readonly producer: ScoringProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    super();
    applyWorkerTimings(ScoringProcessor, config);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.queue.workerConcurrency;
    this.worker
      .run()
      .catch((error: Error) => this.logger.error(`scoring worker stopped: ${error.message}`));
  }

  /** Runs under the submitting request's id, so the job's log lines can be matched to it. */
  process(job: Job<ScoringJobData>): Promise<ScoreChunkResult> {
    const articles = chunkArticles(job.data);
    return runWithRequestId(articles[0]?.requestId, () => this.scoreLogged(job, articles));
  }

  private async scoreLogged(
    job: Job<ScoringJobData>,
    articles: ScoreArticleJob[],
  ): Promise<ScoreChunkResult> {
    try {
      const { results, failures } = await this.scoring.scoreChunk(articles);
      if (failures.length > 0 && articles.length === 1) throw failures[0].error;
      for (const failure of failures) results.push(await this.settleAlone(failure));
      for (const result of results) this.logScored(job, articles, result);
      return { articles: results };
    } catch (error) {
      const cause = error instanceof Error ? error : new Error(String(error));
      // A monitor that no longer exists, or a text over the limit, will not change on retry.
      const permanent = isPermanent(cause);
      const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.metrics.recordAnalysisFailure(final);
      for (const article of articles) await this.scoring.recordFailure(article, cause, final);
      throw permanent ? new UnrecoverableError(cause.message) : cause;
    }
  }

  /** One article of a chunk of several whose analysis threw (see the class comment). */
  private async settleAlone({ job, article, error }: ArticleFailure): Promise<ScoreArticleResult> {
    const attempt = article.attempt ?? 1;
    const final = isPermanent(error) || attempt >= this.config.queue.jobAttempts;
    this.metrics.recordAnalysisFailure(final);
    await this.scoring.recordFailure(job, error, final);
    if (!final) {
      await this.producer
        .enqueueRetry(job, attempt, this.config.queue.jobAttempts - attempt)
        .catch((e: Error) =>
          // It is `queued` in Postgres: the requeue sweep enqueues it.
          this.logger.warn(`article ${job.articleId}: retry not enqueued (${e.message})`),
        );
    }
    return emptyResult(article.id, article.monitors, final ? 'failed' : 'retry');
  }

  private logScored(
    job: Job<ScoringJobData>,
    articles: ScoreArticleJob[],
    result: ScoreArticleResult,
  ): void {
    if (!result.skipped) {
      for (const { monitor, paragraphs } of resultMonitors(result)) {
        this.metrics.recordParagraphsAnalysed(monitor, paragraphs);
      }
    }
    const requestId = articles.find((a) => a.articleId === result.articleId)?.requestId;
    runWithRequestId(requestId, () =>
      this.logger.log({
        msg: 'article scored',
        jobId: job.id,
        chunk: articles.length,
        attempt: job.attemptsMade + 1,
        ...result,
      }),
    );
  }

  /**
   * Jobs that fail outside process() end here too: one that stalled more often than allowed
   * (its worker froze or died holding it) is failed by the next worker that picks it up. Its
   * first worker may still have stored the run; recordFailure leaves a stored run scored.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<ScoringJobData> | undefined, error: Error): Promise<void> {
    if (!job?.finishedOn) return;
    for (const article of chunkArticles(job.data)) {
      await this.scoring
        .recordFailure(article, error, true)
        .catch((e: Error) =>
          this.logger.error(`could not mark article ${article.articleId} failed: ${e.message}`),
        );
    }
  }

  /**
   * BullMQ reports a lost lock and a refused completion here ("could not renew lock", "Missing
   * lock for job"); without a listener it prints raw stack traces on stderr.
   */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ msg: `scoring worker: ${error.message}`, error: error.name });
  }
}

function isPermanent(error: Error): boolean {
  return error instanceof UnknownMonitorError || error instanceof TextTooLongError;
}
