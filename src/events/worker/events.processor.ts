import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job } from 'bullmq';
import { QUEUES } from '../../queue/queue-names';
import { type EventsJobData, jobAssignments } from '../events.job';
import { EventsProducer } from '../events.producer';
import { type AssignResult, EventsService } from '../events.service';

/**
 * Thin BullMQ adapter over EventsService. Concurrency 1 per worker: articles of one monitor
 * join one at a time anyway (an advisory lock in Postgres), across all workers.
 *
 * A job of one article retries whole, as jobs always did. A job of a scoring chunk places its
 * articles one by one and refreshes each event they joined once; an article whose placement
 * throws goes on alone, in a job of its own with its own attempts, and the chunk completes
 * (were that job not enqueued, the chunk's job retries whole: placement is idempotent).
 */
@Processor(QUEUES.events, { autorun: false })
export class EventsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(
    private readonly events: EventsService,
    private readonly producer: EventsProducer,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = 1;
    this.worker
      .run()
      .catch((error: Error) => this.logger.error(`events worker stopped: ${error.message}`));
  }

  async process(job: Job<EventsJobData>): Promise<AssignResult | { articles: AssignResult[] }> {
    if (!('articles' in job.data)) {
      const result = await this.events.assign(job.data.articleId, job.data.monitor);
      this.logGrouped(result);
      return result;
    }
    const { results, failures } = await this.events.assignMany(jobAssignments(job.data));
    for (const result of results) this.logGrouped(result);
    for (const { articleId, monitor, error } of failures) {
      this.logger.warn(
        `article ${articleId} not grouped in its chunk (${error.message}); retried alone`,
      );
      await this.producer.assign(articleId, monitor, `${job.id}-alone-${articleId}-${monitor}`);
    }
    return { articles: results };
  }

  private logGrouped(result: AssignResult): void {
    if (result.assigned) this.logger.log({ msg: 'article grouped', ...result });
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ msg: `events worker: ${error.message}`, error: error.name });
  }
}
