import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisOptionsFromUrl } from '../queue/redis-options';

/**
 * Runs `task` only if this process takes the named lock (SET NX PX) in the shared Redis;
 * returns false when another process holds it. The lock expires by itself if its holder
 * dies, and is released only by its own holder (compare-and-delete).
 */
export async function withRedisLock(
  redisUrl: string,
  key: string,
  ttlMs: number,
  task: () => Promise<void>,
): Promise<boolean> {
  const redis = new Redis({
    ...redisOptionsFromUrl(redisUrl),
    maxRetriesPerRequest: 2,
    lazyConnect: true,
  });
  try {
    await redis.connect();
    const token = randomUUID();
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return false;
    try {
      await task();
      return true;
    } finally {
      await redis.eval(
        `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`,
        1,
        key,
        token,
      );
    }
  } finally {
    redis.disconnect();
  }
}
