import Redis from 'ioredis';

/** One attempt, quickly: a Redis that is down (the fault tests stop theirs) must not hold up a teardown. */
function connect(redisUrl: string): Redis {
  return new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: () => null,
  });
}

/** Every key that starts with `prefix:` (SCAN, then UNLINK in batches), so a test file leaves none. */
export async function deleteKeysUnder(redisUrl: string, prefix: string): Promise<number> {
  const redis = connect(redisUrl);
  await redis.connect();
  try {
    return await unlinkMatching(redis, `${escapeGlob(prefix)}:*`, () => true);
  } finally {
    redis.disconnect();
  }
}

/**
 * Keys of earlier runs that were killed before their teardown: the prefix carries the pid of
 * the jest worker that made it (`tonewatch-test:<pid>_<random>`), so only those whose process
 * is gone are removed and files running now keep theirs.
 */
export async function deleteStaleTestKeys(
  redisUrl: string,
  isAlive: (pid: number) => boolean,
): Promise<number> {
  const redis = connect(redisUrl);
  await redis.connect();
  try {
    return await unlinkMatching(redis, 'tonewatch-test:*', (key) => {
      const pid = Number(/^tonewatch-test:(\d+)_/.exec(key)?.[1]);
      return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
    });
  } finally {
    redis.disconnect();
  }
}

async function unlinkMatching(
  redis: Redis,
  pattern: string,
  keep: (key: string) => boolean,
): Promise<number> {
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    const doomed = keys.filter(keep);
    if (doomed.length > 0) removed += await redis.unlink(...doomed);
  } while (cursor !== '0');
  return removed;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
