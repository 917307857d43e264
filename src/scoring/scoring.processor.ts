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
import { type ScoreArticleJob, type ScoreArticleResult } from './scoring.job';
import { ScoringService } from './scoring.service';

/**
 * Thin BullMQ adapter over ScoringService. The worker starts only once the application is
 * bootstrapped, with the configured concurrency (the decorator cannot read config).
 */
@Processor(QUEUES.scoring, { autorun: false })
export class ScoringProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScoringProcessor.name);

  constructor(
    private readonly scoring: ScoringService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    super();
    applyWorkerTimings(ScoringProcessor, config);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
    this.worker
      .run()
      .catch((error: Error) => this.logger.error(`scoring worker stopped: ${error.message}`));
  }

  /** Runs under the submitting request's id, so the job's log lines can be matched to it. */
  process(job: Job<ScoreArticleJob>): Promise<ScoreArticleResult> {
    return runWithRequestId(job.data.requestId, () => this.scoreLogged(job));
  }

  private async scoreLogged(job: Job<ScoreArticleJob>): Promise<ScoreArticleResult> {
    try {
      const result = await this.scoring.score(job.data);
      if (result.monitor && !result.skipped) {
        this.metrics.recordParagraphsAnalysed(result.monitor, result.paragraphs);
      }
      this.logger.log({
        msg: 'article scored',
        jobId: job.id,
        attempt: job.attemptsMade + 1,
        ...result,
      });
      return result;
    } catch (error) {
      const cause = error instanceof Error ? error : new Error(String(error));
      // A monitor that no longer exists, or a text over the limit, will not change on retry.
      const permanent = cause instanceof UnknownMonitorError || cause instanceof TextTooLongError;
      const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.metrics.recordAnalysisFailure(final);
      await this.scoring.recordFailure(job.data, cause, final);
      throw permanent ? new UnrecoverableError(cause.message) : cause;
    }
  }

  /**
   * Jobs that fail outside process() end here too: one that stalled more often than allowed
   * (its worker froze or died holding it) is failed by the next worker that picks it up. Its
   * first worker may still have stored the run; recordFailure leaves a stored run scored.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<ScoreArticleJob> | undefined, error: Error): Promise<void> {
    if (!job?.finishedOn) return;
    await this.scoring
      .recordFailure(job.data, error, true)
      .catch((e: Error) =>
        this.logger.error(`could not mark article ${job.data.articleId} failed: ${e.message}`),
      );
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
