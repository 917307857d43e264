import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { QUEUES } from '../queue/queue-names';
import { ItemFetchService } from './item-fetch.service';
import { SourcePollService } from './source-poll.service';
import {
  FETCH_ITEM_JOB,
  type FetchItemJob,
  POLL_SOURCE_JOB,
  type PollSourceJob,
  type SourcesJob,
} from './sources.job';

/**
 * Thin BullMQ adapter over SourcePollService and ItemFetchService. Every failure is recorded
 * in Postgres before the job ends; transient ones are thrown so BullMQ retries them with
 * backoff, permanent ones end the job at once (UnrecoverableError).
 */
@Processor(QUEUES.sources, { autorun: false })
export class SourcesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(SourcesProcessor.name);

  constructor(
    private readonly polls: SourcePollService,
    private readonly itemFetches: ItemFetchService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.queue.workerConcurrency;
    this.worker
      .run()
      .catch((error: Error) => this.logger.error(`sources worker stopped: ${error.message}`));
  }

  async process(job: Job<SourcesJob>): Promise<unknown> {
    if (job.name === POLL_SOURCE_JOB) return this.poll(job as Job<PollSourceJob>);
    if (job.name === FETCH_ITEM_JOB) return this.fetchItem(job as Job<FetchItemJob>);
    throw new UnrecoverableError(`unknown job ${job.name} on the sources queue`);
  }

  private async poll(job: Job<PollSourceJob>): Promise<unknown> {
    const result = await this.polls.poll(job.data.sourceId, job.data.trigger);
    if (result.status !== 'failed') return result;
    const { message, transient } = result.failure;
    throw transient ? new Error(message) : new UnrecoverableError(message);
  }

  private async fetchItem(job: Job<FetchItemJob>): Promise<unknown> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const result = await this.itemFetches.fetch(job.data.itemId, lastAttempt);
    if (result.status === 'retry') throw new Error(result.failure.message);
    if (result.status === 'failed') throw new UnrecoverableError('item recorded as failed');
    return result;
  }

  /** An item job that failed outside process() (its worker died twice holding it) ends here. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<SourcesJob> | undefined, error: Error): Promise<void> {
    if (!job?.finishedOn || job.name !== FETCH_ITEM_JOB) return;
    const { itemId } = job.data as FetchItemJob;
    await this.itemFetches
      .markFailed(itemId, error.message)
      .catch((e: Error) => this.logger.error(`could not mark item ${itemId} failed: ${e.message}`));
  }
}
