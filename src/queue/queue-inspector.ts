import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { QUEUES } from './queue-names';
import { redisOptionsFromUrl } from './redis-options';

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const JOB_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'failed',
  'completed',
] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * Read-side handles on every queue, for health checks, metrics and the queue dashboard. Its
 * own Redis connection fails commands at once while Redis is unreachable (no offline queue),
 * so a probe or a scrape answers "down" instead of hanging until Redis returns.
 */
@Injectable()
export class QueueInspector implements OnApplicationShutdown {
  private readonly connection: Redis;
  readonly queues: ReadonlyMap<QueueName, Queue>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connection = new Redis({
      ...redisOptionsFromUrl(config.queue.redisUrl),
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      lazyConnect: false,
    });
    // Connection errors are reported through health and metrics; ioredis would print each one.
    this.connection.on('error', () => undefined);
    this.queues = new Map(
      Object.values(QUEUES).map((name) => [
        name,
        new Queue(name, { connection: this.connection, prefix: config.queue.redisPrefix }),
      ]),
    );
    for (const queue of this.queues.values()) queue.on('error', () => undefined);
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async jobCounts(name: QueueName): Promise<Record<JobState, number>> {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`no handle on queue ${name}`);
    const counts = await queue.getJobCounts(...JOB_STATES);
    return Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as Record<
      JobState,
      number
    >;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
