import { type AppConfig, loadConfig } from '../../src/config/config';
import { databaseUrl, uniqueSuffix, withAdminClient } from './postgres';
import { deleteKeysUnder } from './redis-keys';

export const TEST_API_KEY = 'test-write-key-0123456789';
export const TEST_READ_KEY = 'test-read-key-0123456789';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnv {
  config: AppConfig;
  databaseUrl: string;
  /** drops the database and deletes the Redis keys under its prefix */
  drop(): Promise<void>;
}

/**
 * A fresh database cloned from the migrated template, and a Redis key prefix of its own, so
 * an integration test file never sees another file's rows or jobs.
 */
export async function createTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const template = process.env.TONEWATCH_TEMPLATE_DB;
  if (!template)
    throw new Error(
      'TONEWATCH_TEMPLATE_DB is not set: run integration tests through jest (global setup)',
    );
  const suffix = uniqueSuffix();
  const name = `tonewatch_test_${suffix}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(name);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `tonewatch-test:${suffix}`,
    API_KEYS: TEST_API_KEY,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    // Test files run in parallel: a worker's metrics port would clash between them.
    METRICS_PORT: '0',
    ...overrides,
  });
  return {
    config,
    databaseUrl: url,
    drop: async () => {
      await withAdminClient((client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
      // Best effort: a Redis that a fault test left stopped has nothing to delete from.
      await deleteKeysUnder(config.queue.redisUrl, config.queue.redisPrefix).catch(() => undefined);
    },
  };
}
