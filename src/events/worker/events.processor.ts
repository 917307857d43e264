import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Job } from 'bullmq';
import { QUEUES } from '../../queue/queue-names';
import { type AssignEventJob } from '../events.job';
import { type AssignResult, EventsService } from '../events.service';

/**
 * Thin BullMQ adapter over EventsService.assign. Concurrency 1 per worker: articles of one
 * monitor join one at a time anyway (an advisory lock in Postgres), across all workers.
 */
@Processor(QUEUES.events, { autorun: false })
export class EventsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventsProcessor.name);

  constructor(private readonly events: EventsService) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = 1;
    this.worker
      .run()
      .catch((error: Error) => this.logger.error(`events worker stopped: ${error.message}`));
  }

  async process(job: Job<AssignEventJob>): Promise<AssignResult> {
    const result = await this.events.assign(job.data.articleId, job.data.monitor);
    if (result.assigned) this.logger.log({ msg: 'article grouped', ...result });
    return result;
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ msg: `events worker: ${error.message}`, error: error.name });
  }
}
