import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { QUEUES } from '../queue/queue-names';
import { withRedisLock } from './redis-lock';
import { SourcesProducer } from './sources.producer';
import { SourcesRepository } from './sources.repository';

const LOCK_TTL_MS = 60_000;

/**
 * At API start, makes the schedulers in Redis match the sources in Postgres (Redis may have
 * been flushed or restored, or a write may have reached Postgres but not Redis). Several API
 * instances start together, and schedulers upserted concurrently can duplicate, so only the
 * holder of a short Redis lock does it.
 */
@Injectable()
export class ScheduleReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScheduleReconciler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: SourcesRepository,
    private readonly producer: SourcesProducer,
  ) {}

  /**
   * Runs in the background: with Redis unreachable the lock would wait for it, and the API
   * must start and accept articles all the same (they wait in Postgres).
   */
  onApplicationBootstrap(): void {
    this.reconcile().catch((error: Error) => {
      // The API still serves; schedules are fixed by the next start or the next source write.
      this.logger.error(`could not reconcile source schedules: ${error.message}`);
    });
  }

  /** Returns false when another instance holds the lock (and so does the work). */
  reconcile(): Promise<boolean> {
    const lockKey = `${this.config.queue.redisPrefix}:${QUEUES.sources}:reconcile-lock`;
    return withRedisLock(this.config.queue.redisUrl, lockKey, LOCK_TTL_MS, async () => {
      const sources = await this.sources.list();
      for (const source of sources) await this.producer.sync(source);
      const known = new Set(sources.map((s) => s.id));
      for (const id of await this.producer.scheduledSourceIds()) {
        if (!known.has(id)) await this.producer.unschedule(id);
      }
    });
  }
}
