import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { QUEUES } from '../queue/queue-names';
import { parseSchedule } from './schedule';
import {
  FETCH_ITEM_JOB,
  fetchItemJobId,
  POLL_SOURCE_JOB,
  schedulerId,
  type SourcesJob,
} from './sources.job';

const HOUR_S = 3_600;

export interface ScheduledSource {
  id: string;
  schedule: string;
  enabled: boolean;
}

/** The only class that touches the sources queue: schedulers, polls on demand, item fan-out. */
@Injectable()
export class SourcesProducer {
  private readonly logger = new Logger(SourcesProducer.name);
  private readonly jobOptions: JobsOptions;

  constructor(
    @InjectQueue(QUEUES.sources) private readonly queue: Queue<SourcesJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.jobOptions = {
      attempts: config.queue.jobAttempts,
      backoff: { type: 'exponential', delay: config.queue.jobBackoffMs },
      removeOnComplete: { count: 1_000, age: 24 * HOUR_S },
      removeOnFail: { count: 5_000, age: 7 * 24 * HOUR_S },
    };
    // Without a listener an unreachable Redis would crash the process via an 'error' event.
    this.queue.on('error', (error) => this.logger.warn(`sources queue: ${error.message}`));
  }

  /**
   * Creates, changes or removes the source's scheduler to match the row. Schedulers carry
   * no deduplication (BullMQ does not allow it in templates); the poll they start fans out
   * deduplicated item jobs instead.
   */
  async sync(source: ScheduledSource): Promise<void> {
    if (!source.enabled) {
      await this.queue.removeJobScheduler(schedulerId(source.id));
      return;
    }
    await this.queue.upsertJobScheduler(
      schedulerId(source.id),
      parseSchedule(source.schedule, this.config.fetch.sourceMinIntervalMs),
      {
        name: POLL_SOURCE_JOB,
        data: { sourceId: source.id, trigger: 'schedule' },
        opts: this.jobOptions,
      },
    );
  }

  async unschedule(sourceId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(sourceId));
  }

  /** Ids of sources that have a scheduler in Redis. */
  async scheduledSourceIds(): Promise<string[]> {
    const schedulers = await this.queue.getJobSchedulers(0, -1);
    return schedulers
      .map((s) => s.key)
      .filter((key) => key.startsWith(schedulerId('')))
      .map((key) => key.slice(schedulerId('').length));
  }

  /** A burst of "poll now" requests while one waits makes one poll. */
  async pollNow(sourceId: string): Promise<void> {
    await this.queue.add(
      POLL_SOURCE_JOB,
      { sourceId, trigger: 'manual' },
      { ...this.jobOptions, deduplication: { id: `poll-${sourceId}` } },
    );
  }

  async fetchItems(items: { id: string; url: string }[]): Promise<void> {
    if (items.length === 0) return;
    await this.queue.addBulk(
      items.map((item) => {
        const jobId = fetchItemJobId(item.url);
        return {
          name: FETCH_ITEM_JOB,
          data: { itemId: item.id },
          opts: { ...this.jobOptions, jobId, deduplication: { id: jobId } },
        };
      }),
    );
  }
}
