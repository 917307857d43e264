import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { QUEUES } from '../queue/queue-names';
import { SCORE_ARTICLE_JOB, type ScoreArticleJob, scoringJobId } from './scoring.job';

/** How long a caller waits for Redis before leaving the article to the requeue sweep. */
const ENQUEUE_TIMEOUT_MS = 2_000;
const HOUR_S = 3_600;

/** The only class that adds to the scoring queue; every job option is decided here. */
@Injectable()
export class ScoringProducer {
  private readonly logger = new Logger(ScoringProducer.name);
  private readonly jobOptions: JobsOptions;
  private lastConnectionError = 0;

  constructor(
    @InjectQueue(QUEUES.scoring) private readonly queue: Queue<ScoreArticleJob>,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.jobOptions = {
      attempts: config.jobAttempts,
      backoff: { type: 'exponential', delay: config.jobBackoffMs },
      // Completed jobs matter only for a short while; failed ones stay visible for a week.
      removeOnComplete: { count: 1_000, age: 24 * HOUR_S },
      removeOnFail: { count: 10_000, age: 7 * 24 * HOUR_S },
    };
    // Without a listener an unreachable Redis would crash the process via an 'error' event.
    this.queue.on('error', (error) => {
      if (Date.now() - this.lastConnectionError < 30_000) return;
      this.lastConnectionError = Date.now();
      this.logger.warn(`scoring queue: ${error.message}`);
    });
  }

  async enqueue(articleId: string, analysisRun: number, requestId?: string): Promise<void> {
    await this.withinTimeout(
      this.queue.add(
        SCORE_ARTICLE_JOB,
        { articleId, analysisRun, requestId },
        { ...this.jobOptions, jobId: scoringJobId(articleId, analysisRun) },
      ),
    );
  }

  /** Many jobs in one round trip (re-analysis). */
  async enqueueMany(jobs: ScoreArticleJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.withinTimeout(
      this.queue.addBulk(
        jobs.map((data) => ({
          name: SCORE_ARTICLE_JOB,
          data,
          opts: { ...this.jobOptions, jobId: scoringJobId(data.articleId, data.analysisRun) },
        })),
      ),
    );
  }

  /** Whether a job for this run is still in Redis (waiting, active, delayed or retained). */
  async hasJob(articleId: string, analysisRun: number): Promise<boolean> {
    const job = await this.queue.getJob(scoringJobId(articleId, analysisRun));
    return job !== undefined && job !== null;
  }

  private async withinTimeout(add: Promise<unknown>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not accept the job within ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    // The add may still complete once Redis is back; the job id makes that harmless.
    add.catch(() => undefined);
    try {
      await Promise.race([add, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
