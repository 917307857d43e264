import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { redisOptionsFromUrl } from '../queue/redis-options';

/**
 * Fixed-window counter: the first hit of a window creates the key with the window's expiry,
 * later hits only count. One round trip, atomic, and shared by every API instance on the Redis.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** A limiter that cannot reach Redis within this time lets the request through. */
const REDIS_TIMEOUT_MS = 250;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterMs: number;
}

@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly redis: Redis;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // Fails fast instead of queueing while Redis is away: ingestion must keep accepting
    // articles into Postgres during a Redis outage, so the limiter then stands aside.
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.queue.redisUrl),
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      commandTimeout: REDIS_TIMEOUT_MS,
    });
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  /** Counts one request against `bucket` (e.g. `addr:1.2.3.4`) and says whether it may pass. */
  async hit(bucket: string, limit: number): Promise<RateDecision> {
    const windowMs = this.config.limits.rateLimitWindowMs;
    const key = `${this.config.queue.redisPrefix}:ratelimit:${bucket}`;
    try {
      const [count, ttl] = (await (
        this.redis as Redis & { rateLimitHit(key: string, windowMs: number): Promise<number[]> }
      ).rateLimitHit(key, windowMs)) as [number, number];
      return {
        allowed: count <= limit,
        limit,
        remaining: Math.max(0, limit - count),
        retryAfterMs: count <= limit ? 0 : ttl,
      };
    } catch (error) {
      this.warnThrottled(error as Error);
      return { allowed: true, limit, remaining: limit, retryAfterMs: 0 };
    }
  }

  private warnThrottled(error: Error): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`rate limits not enforced, Redis unavailable: ${error.message}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
