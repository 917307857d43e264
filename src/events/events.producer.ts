import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { QUEUES } from '../queue/queue-names';
import { ASSIGN_EVENT_JOB, assignEventJobId, type AssignEventJob } from './events.job';

const HOUR_S = 3_600;

/** The only class that adds to the `events` queue. */
@Injectable()
export class EventsProducer {
  constructor(@InjectQueue(QUEUES.events) private readonly queue: Queue<AssignEventJob>) {}

  /** `key` makes the job id (see assignEventJobId); assignment is idempotent whatever it is. */
  async assign(articleId: string, monitor: string, key: string): Promise<void> {
    await this.queue.add(
      ASSIGN_EVENT_JOB,
      { articleId, monitor },
      {
        jobId: assignEventJobId(key),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { count: 1_000, age: HOUR_S },
        removeOnFail: { count: 10_000, age: 7 * 24 * HOUR_S },
      },
    );
  }
}
