import Redis from 'ioredis';
import { deleteStaleTestKeys } from '../support/redis-keys';
import { createTestEnv, TEST_REDIS_URL } from '../support/test-env';

/** The suite leaves no Redis keys behind: each file's prefix goes with its database. */
describe('test environment clean-up', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(() => redis.quit());

  const count = async (pattern: string) => {
    let cursor = '0';
    let n = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      n += keys.length;
    } while (cursor !== '0');
    return n;
  };

  it("drop() deletes the keys under the file's own prefix and no one else's", async () => {
    const env = await createTestEnv();
    const other = await createTestEnv();
    await redis.set(`${env.config.queue.redisPrefix}:scoring:meta`, 'x');
    await redis.hset(`${env.config.queue.redisPrefix}:scoring:1`, 'data', '{}');
    await redis.set(`${other.config.queue.redisPrefix}:scoring:meta`, 'x');
    await env.drop();
    expect(await count(`${env.config.queue.redisPrefix}:*`)).toBe(0);
    expect(await count(`${other.config.queue.redisPrefix}:*`)).toBe(1);
    await other.drop();
    expect(await count(`${other.config.queue.redisPrefix}:*`)).toBe(0);
  });

  it('global set-up removes the keys of runs whose process is gone, and only those', async () => {
    const dead = 'tonewatch-test:999999_deadbeef';
    const live = `tonewatch-test:${process.pid}_cafe0001`;
    await redis.set(`${dead}:scoring:meta`, 'x');
    await redis.set(`${live}:scoring:meta`, 'x');
    await deleteStaleTestKeys(TEST_REDIS_URL, (pid) => pid === process.pid);
    expect(await redis.exists(`${dead}:scoring:meta`)).toBe(0);
    expect(await redis.exists(`${live}:scoring:meta`)).toBe(1);
    await redis.del(`${live}:scoring:meta`);
  });
});
