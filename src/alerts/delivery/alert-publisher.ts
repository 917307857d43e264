import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { type AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../config/config.module';
import { redisOptionsFromUrl } from '../../queue/redis-options';
import { alertChannelName, type AlertView } from '../api/alert-view';

/** Announces alert changes to the API processes, which serve the live stream. */
@Injectable()
export class AlertPublisher implements OnModuleDestroy {
  private readonly logger = new Logger(AlertPublisher.name);
  private readonly channel: string;
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.channel = alertChannelName(config.queue.redisPrefix);
    // Commands fail fast while Redis is away instead of queueing up behind the evaluation.
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.queue.redisUrl),
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    this.redis.on('error', (error: Error) =>
      this.logger.warn(`alert announcements: ${error.message}`),
    );
  }

  /** Best effort: the alert is already stored, and a dashboard that misses it finds it in GET /api/alerts. */
  async publish(alert: AlertView): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(alert));
    } catch (error) {
      this.logger.warn(`could not announce alert ${alert.id}: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    // QUIT waits in the offline queue while Redis is unreachable, which would hang shutdown.
    if (this.redis.status !== 'ready') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
