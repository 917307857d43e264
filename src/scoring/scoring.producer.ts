import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { QUEUES } from '../queue/queue-names';
import {
  chunkJobId,
  retryJobId,
  SCORE_CHUNK_JOB,
  type ScoreArticleJob,
  type ScoringJobData,
  scoringJobId,
} from './scoring.job';
import { ArticlesRepository } from '../articles/articles.repository';

/** How long a caller waits for Redis before leaving the article to the requeue sweep. */
const ENQUEUE_TIMEOUT_MS = 2_000;
const HOUR_S = 3_600;

interface Waiting {
  job: ScoreArticleJob;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The only class that adds to the scoring queue; every job option is decided here. Articles
 * that arrive together go in chunks of up to SCORING_CHUNK_SIZE per job (enqueueChunked); single
 * submissions (a POST, a feed item) wait up to SCORING_FLUSH_MS for others to share a job with
 * (enqueue), so a burst of them is scored together while a lone one is hardly delayed.
 */
@Injectable()
export class ScoringProducer implements OnModuleDestroy {
  private readonly logger = new Logger(ScoringProducer.name);
  private readonly jobOptions: JobsOptions;
  private readonly chunkSize: number;
  private readonly flushMs: number;
  private readonly backoffMs: number;
  private waiting: Waiting[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private lastConnectionError = 0;

  constructor(
    @InjectQueue(QUEUES.scoring) private readonly queue: Queue<ScoringJobData>,
    private readonly articles: ArticlesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.chunkSize = config.scoring.chunkSize;
    this.flushMs = config.scoring.flushMs;
    this.backoffMs = config.queue.jobBackoffMs;
    this.jobOptions = {
      attempts: config.queue.jobAttempts,
      backoff: { type: 'exponential', delay: config.queue.jobBackoffMs },
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

  /**
   * One article, in a chunk with whatever else is enqueued within SCORING_FLUSH_MS (or at once
   * when the chunk is full). Resolves once Redis holds the job that carries it.
   */
  enqueue(articleId: string, analysisRun: number, requestId?: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ job: { articleId, analysisRun, requestId }, resolve, reject });
      if (this.waiting.length >= this.chunkSize) this.flush();
      else this.flushTimer ??= setTimeout(() => this.flush(), this.flushMs);
    });
  }

  /** Articles that arrived together, in chunks of SCORING_CHUNK_SIZE, in one round trip. */
  async enqueueChunked(jobs: ScoreArticleJob[]): Promise<void> {
    const chunks: ScoreArticleJob[][] = [];
    for (let i = 0; i < jobs.length; i += this.chunkSize) {
      chunks.push(jobs.slice(i, i + this.chunkSize));
    }
    await this.addChunks(chunks);
  }

  /**
   * One article split out of its chunk after its analysis failed: its own job, after the
   * backoff its attempt count calls for, with the attempts its article has left.
   */
  async enqueueRetry(job: ScoreArticleJob, attempt: number, attemptsLeft: number): Promise<void> {
    const jobId = retryJobId(job.articleId, job.analysisRun, attempt);
    await this.recordJob(jobId, [job]);
    await this.withinTimeout(
      this.queue.add(
        SCORE_CHUNK_JOB,
        { articles: [job] },
        {
          ...this.jobOptions,
          attempts: attemptsLeft,
          delay: this.backoffMs * 2 ** (attempt - 1),
          jobId,
        },
      ),
    );
  }

  /**
   * Whether a job is still in Redis (waiting, active, delayed or retained): the one recorded
   * for the article's run, or else the one an earlier release gave it.
   */
  async hasJob(articleId: string, analysisRun: number, recorded: string | null): Promise<boolean> {
    const job = await this.queue.getJob(recorded ?? scoringJobId(articleId, analysisRun));
    return job !== undefined && job !== null;
  }

  /** Articles still waiting for a flush are enqueued before the queue closes. */
  async onModuleDestroy(): Promise<void> {
    if (this.waiting.length > 0) await this.flushNow();
  }

  private flush(): void {
    void this.flushNow();
  }

  private async flushNow(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const flushed = this.waiting;
    this.waiting = [];
    try {
      await this.addChunks([flushed.map((w) => w.job)]);
      for (const w of flushed) w.resolve();
    } catch (error) {
      for (const w of flushed) w.reject(error as Error);
    }
  }

  private async addChunks(chunks: ScoreArticleJob[][]): Promise<void> {
    const jobs = chunks
      .filter((c) => c.length > 0)
      .map((articles) => ({ articles, jobId: chunkJobId(articles) }));
    if (jobs.length === 0) return;
    for (const { articles, jobId } of jobs) await this.recordJob(jobId, articles);
    await this.withinTimeout(
      this.queue.addBulk(
        jobs.map(({ articles, jobId }) => ({
          name: SCORE_CHUNK_JOB,
          data: { articles },
          opts: { ...this.jobOptions, jobId },
        })),
      ),
    );
  }

  /**
   * Postgres records the job before Redis gets it. If that fails the job is added anyway: the
   * sweep, finding no record, would only enqueue the articles a second time, which is safe.
   */
  private async recordJob(jobId: string, articles: ScoreArticleJob[]): Promise<void> {
    try {
      await this.articles.recordJob(jobId, articles);
    } catch (error) {
      this.logger.warn(`could not record scoring job ${jobId}: ${(error as Error).message}`);
    }
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
