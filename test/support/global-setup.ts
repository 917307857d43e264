import { runMigrations } from '../../src/database/migrate';
import { databaseUrl, uniqueSuffix, withAdminClient } from './postgres';
import { deleteStaleTestKeys } from './redis-keys';

/**
 * Builds one migrated template database per test run; every integration test file clones
 * it (CREATE DATABASE … TEMPLATE), which takes milliseconds and isolates files that run in
 * parallel. The template's name is handed to the test files through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const template = `tonewatch_tpl_${uniqueSuffix()}`;
  await withAdminClient(async (client) => {
    await dropStaleTestDatabases(client);
    await client.query(`CREATE DATABASE ${template}`);
  });
  await runMigrations(databaseUrl(template));
  await deleteStaleTestKeys(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', isAlive);
  process.env.TONEWATCH_TEMPLATE_DB = template;
}

/** Databases left behind by an earlier run that was killed; only those whose process is gone. */
async function dropStaleTestDatabases(client: import('pg').Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname ~ '^tonewatch_(tpl|test)_[0-9]+_'`,
  );
  for (const { datname } of rows) {
    const pid = Number(/_(\d+)_/.exec(datname)?.[1]);
    if (isAlive(pid)) continue;
    await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
