import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QUEUES } from '../queue/queue-names';
import { ASSIGN_EVENT_JOB, assignEventJobId, type EventsJobData } from './events.job';

const HOUR_S = 3_600;

/** The only class that adds to the `events` queue. */
@Injectable()
export class EventsProducer {
  constructor(@InjectQueue(QUEUES.events) private readonly queue: Queue<EventsJobData>) {}

  /** `key` makes the job id (see assignEventJobId); assignment is idempotent whatever it is. */
  async assign(articleId: string, monitor: string | undefined, key: string): Promise<void> {
    await this.add({ articleId, monitor }, key);
  }

  /** The assignments of one scoring chunk in one job; `key` as for assign(). */
  async assignChunk(
    articles: { articleId: string; monitor: string }[],
    key: string,
  ): Promise<void> {
    if (articles.length === 0) return;
    await this.add({ articles }, key);
  }

  private async add(data: EventsJobData, key: string): Promise<void> {
    await this.queue.add(ASSIGN_EVENT_JOB, data, {
      jobId: assignEventJobId(key),
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { count: 1_000, age: HOUR_S },
      removeOnFail: { count: 10_000, age: 7 * 24 * HOUR_S },
    });
  }
}
